//! What is drawn over the panes: the help screen, the load report and the
//! finder.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState, Paragraph};

use super::theme::kind_label;
use super::{Theme, centered, pane_block, styled};
use crate::analysis::EntityKind;
use crate::app::finder::{FinderMatch, Row};
use crate::app::text::sanitize;
use crate::app::view;
use crate::app::{Action, App, Confirm, Finder, FinderPurpose, Mode, PopupLine, Target, TextHit};

pub(super) fn help(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, scroll: usize) {
    let popup = popup(app, theme, frame, area, scroll, view::HELP_WIDTH, " Keys ");
    if popup.height >= 3 && popup.width > 2 {
        let legend = legend(theme, usize::from(popup.width - 2));
        let bottom = Rect {
            x: popup.x + 1,
            y: popup.bottom() - 1,
            width: (legend.width() as u16).min(popup.width - 2),
            height: 1,
        };
        frame.render_widget(Paragraph::new(legend), bottom);
    }
}

/// What the colours (or, without colour, the markers and attributes) of the
/// text mean, on the help screen's lower border, where it stays in view
/// however far the keys scroll. Items that do not fit in `width` are left
/// out whole.
fn legend(theme: &Theme, width: usize) -> Line<'static> {
    let mut items: Vec<Span<'static>> = EntityKind::ALL
        .iter()
        .map(|&kind| {
            styled(
                format!("{}{}", theme.marker(kind), kind_label(kind)),
                theme.kind(kind),
            )
        })
        .collect();
    items.push(styled("current".to_string(), theme.current()));
    items.push(styled("source".to_string(), theme.dim()));
    let mut spans = vec![
        Span::raw(" "),
        styled("Colours:".to_string(), theme.heading()),
    ];
    for item in items {
        if super::width_of(&spans) + 1 + item.width() + 1 > width {
            break;
        }
        spans.push(Span::raw(" "));
        spans.push(item);
    }
    spans.push(Span::raw(" "));
    Line::from(spans)
}

pub(super) fn report(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, scroll: usize) {
    popup(
        app,
        theme,
        frame,
        area,
        scroll,
        view::REPORT_WIDTH,
        " Load report ",
    );
}

/// The help screen or the load report: the lines the state counts, from
/// `scroll` on, in a popup as tall as they need.
fn popup(
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    scroll: usize,
    width: u16,
    title: &'static str,
) -> Rect {
    let lines: Vec<Line> = app
        .popup_lines()
        .into_iter()
        .map(|line| match line {
            PopupLine::Heading(text) => Line::styled(text, theme.heading()),
            PopupLine::Blank => Line::raw(""),
            PopupLine::Keys(keys, description) => Line::from(vec![
                styled(format!("  {keys:<22}"), theme.key()),
                Span::raw(description),
            ]),
            PopupLine::Text(text) => Line::raw(sanitize(&text)),
        })
        .collect();
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    let lines: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(title, true, theme)),
        popup,
    );
    popup
}

/// The question before a merge: both actors, as the reader would tell them
/// apart, and the keys that answer.
pub(super) fn confirm(question: Confirm, app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Confirm::Merge { from, into } = question;
    let index = app.index();
    let describe = |a: usize| {
        let actor = &index.actors[a];
        let mentions = index.mentions_of(a).len();
        let sources = index.source_count(a);
        format!(
            "{} ({}, {mentions} mention{}, {sources} source{})",
            sanitize(&actor.name),
            match actor.kind {
                EntityKind::Person => "person",
                EntityKind::Organisation => "organisation",
                EntityKind::Location => "place",
                EntityKind::Misc => "other",
            },
            if mentions == 1 { "" } else { "s" },
            if sources == 1 { "" } else { "s" },
        )
    };
    let keymap = app.keymap();
    let yes = keymap.describe_keys(Mode::Confirm, Action::Confirm);
    let no = keymap.describe_keys(Mode::Confirm, Action::CloseOverlay);
    let mut answer = Vec::new();
    if let Some(yes) = yes {
        answer.push(styled(yes, theme.key()));
        answer.push(Span::raw(" merge   "));
    }
    if let Some(no) = no {
        answer.push(styled(no, theme.key()));
        answer.push(Span::raw(" cancel"));
    }
    let lines = vec![
        Line::from(vec![
            styled("Merge ".to_string(), theme.dim()),
            Span::raw(describe(from)),
        ]),
        Line::from(vec![
            styled(" into ".to_string(), theme.dim()),
            Span::raw(describe(into)),
        ]),
        Line::raw(""),
        Line::from(answer),
    ];
    let height = lines.len() as u16 + 2;
    let popup = centered(area, 76, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(pane_block(" Merge? ", true, theme)),
        popup,
    );
}

/// The bookmarks: articles by title, mentions by their text and article.
pub(super) fn bookmarks(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, cursor: usize) {
    let rows = app.bookmark_rows();
    let popup = centered(area, 72, (rows.len() as u16).saturating_add(2));
    frame.render_widget(Clear, popup);
    let title = format!(" Bookmarks ({}) ", rows.len());
    let items: Vec<ListItem> = rows
        .iter()
        .map(|row| {
            let title = row.article.map_or(row.bookmark.article.as_str(), |a| {
                app.index().articles[a].title.as_str()
            });
            let line = match &row.mention {
                Some(text) => Line::from(vec![
                    styled("“".to_string(), theme.dim()),
                    Span::styled(sanitize(text), theme.matched()),
                    styled(format!("” in {}", sanitize(title)), theme.dim()),
                ]),
                None => Line::from(vec![
                    styled("¶ ".to_string(), theme.dim()),
                    Span::raw(sanitize(title)),
                ]),
            };
            ListItem::new(line)
        })
        .collect();
    let list = List::new(items)
        .block(pane_block(title, true, theme))
        .highlight_style(theme.cursor(true))
        .highlight_symbol("▌");
    let mut state = ListState::default().with_selected((!rows.is_empty()).then_some(cursor));
    frame.render_stateful_widget(list, popup, &mut state);
}

pub(super) fn finder(finder: &Finder, app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let popup = centered(area, 72, area.height.saturating_sub(4).max(3));
    frame.render_widget(Clear, popup);
    let counts = match finder.text_hits.len() {
        0 => format!("({} of {})", finder.match_count(), finder.offered()),
        n => format!(
            "({} of {}, {n} in the text)",
            finder.match_count(),
            finder.offered()
        ),
    };
    let title = match finder.purpose {
        FinderPurpose::Jump => format!(" Find {counts} "),
        FinderPurpose::MergeInto(actor) => format!(
            " Merge {} into… {counts} ",
            sanitize(&app.index().actors[actor].name)
        ),
    };
    let block = pane_block(title, true, theme);
    let body = block.inner(popup);
    frame.render_widget(block, popup);
    if body.is_empty() {
        return;
    }
    let query = Line::from(vec![
        styled("> ".to_string(), theme.key()),
        Span::raw(sanitize(&finder.query)),
        styled("█".to_string(), theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(query), Rect { height: 1, ..body });
    let list_area = Rect {
        y: body.y + 1,
        height: body.height - 1,
        ..body
    };
    // Only the rows that fit are built: the finder may hold thousands.
    let rows = usize::from(list_area.height);
    let first = finder.cursor.saturating_sub(rows.saturating_sub(1));
    let items: Vec<ListItem> = (first..finder.rows().min(first + rows))
        .filter_map(|i| finder.row(i))
        .map(|row| match row {
            Row::Match(m) => match_item(finder, m, app, theme),
            Row::Text(hit) => text_item(hit, app, theme),
        })
        .collect();
    let list = List::new(items)
        .highlight_style(theme.cursor(true))
        .highlight_symbol("▌");
    let selected = (finder.rows() > 0).then_some(finder.cursor - first);
    let mut state = ListState::default().with_selected(selected);
    frame.render_stateful_widget(list, list_area, &mut state);
}

/// A finder row for an actor or a title, its matched characters marked.
fn match_item<'a>(finder: &Finder, m: &FinderMatch, app: &App, theme: &Theme) -> ListItem<'a> {
    let style = |matched: bool| {
        if matched {
            theme.matched()
        } else {
            ratatui::style::Style::new()
        }
    };
    let item = &finder.items[m.item];
    let mut spans = Vec::new();
    match item.target {
        Target::Actor(a) => {
            let kind = app.index().actors[a].kind;
            spans.push(Span::styled(theme.marker(kind), theme.kind(kind)));
        }
        Target::Article(_) | Target::Text { .. } => {
            spans.push(styled("¶ ".to_string(), theme.dim()))
        }
    }
    // Matched characters are marked one by one; indices are chars of the
    // unsanitised label, which sanitising keeps one to one for everything
    // but carriage returns.
    let marked = finder.marked(m);
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in sanitize(&item.label).chars().enumerate() {
        let matched = marked.contains(&i);
        if matched != run_matched && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), style(run_matched)));
        }
        run_matched = matched;
        run.push(c);
    }
    spans.push(Span::styled(run, style(run_matched)));
    spans.push(styled(format!("  {}", sanitize(&item.detail)), theme.dim()));
    ListItem::new(Line::from(spans))
}

/// A finder row for a text hit: the article's title, then the text around
/// the hit with the hit marked.
fn text_item<'a>(hit: &TextHit, app: &App, theme: &Theme) -> ListItem<'a> {
    let title = app
        .index()
        .articles
        .get(hit.article)
        .map_or("", |a| a.title.as_str());
    let at = hit.snippet_hit.clone();
    let snippet = &hit.snippet;
    ListItem::new(Line::from(vec![
        styled("≡ ".to_string(), theme.dim()),
        styled(format!("{}: ", sanitize(title)), theme.dim()),
        Span::raw(sanitize(&snippet[..at.start])),
        Span::styled(sanitize(&snippet[at.clone()]), theme.matched()),
        Span::raw(sanitize(&snippet[at.end..])),
    ]))
}
