//! The actor page and the actor overview, drawn over the panes. Both read
//! only what their state holds and the rows in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{Theme, pane_block, styled};
use crate::app::App;
use crate::app::actor_page::{
    ActorPage, CO_MENTIONED_SHOWN, DESCRIPTORS_SHOWN, NAMES_SHOWN, PageItem,
};
use crate::app::overview::Overview;
use crate::app::text::sanitize;
use crate::index::profile::SourceProfile;

/// Narrowest a source's block is drawn; fewer blocks fit side by side.
const COLUMN_MIN: u16 = 28;

/// `text` cut to `width` columns, with an ellipsis when cut.
fn fit(text: &str, width: usize) -> String {
    let text = sanitize(text);
    if text.width() <= width {
        return text;
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// The page covers the panes, not the status line.
fn body_of(area: Rect) -> Rect {
    if area.height >= 2 {
        Rect {
            height: area.height - 1,
            ..area
        }
    } else {
        area
    }
}

pub(super) fn page(page: &ActorPage, app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let area = body_of(area);
    frame.render_widget(Clear, area);
    let actor = &app.index().actors[page.actor()];
    let p = &page.profile;
    let mentions: usize = p.sources.iter().map(|s| s.mentions.len()).sum();
    let title = format!(
        " {} · {} · {} in {} ",
        sanitize(&actor.name),
        actor.kind.label(),
        plural(mentions, "mention"),
        plural(p.sources.len(), "source")
    );
    let block = pane_block(title, true, theme);
    let body = block.inner(area);
    frame.render_widget(block, area);
    if body.is_empty() {
        return;
    }
    let selected = page.selected();
    let mark = |item: PageItem, style: Style| {
        if Some(item) == selected {
            theme.cursor(true)
        } else {
            style
        }
    };
    // Names across all sources.
    let mut names = vec![styled("Names ".to_string(), theme.heading())];
    for (i, alias) in p.aliases.iter().enumerate() {
        names.push(Span::styled(
            format!("{} ×{}", sanitize(&alias.text), alias.mentions.len()),
            mark(PageItem::Alias(i), Style::new()),
        ));
        names.push(Span::raw("  "));
    }
    let names_height = 2u16.min(body.height);
    frame.render_widget(
        Paragraph::new(Line::from(names)).wrap(Wrap { trim: true }),
        Rect {
            height: names_height,
            ..body
        },
    );
    // Below the sources: the actors named alongside, and the timeline.
    let footer = 4u16.min(body.height.saturating_sub(names_height));
    let columns_area = Rect {
        y: body.y + names_height,
        height: body.height.saturating_sub(names_height + footer),
        ..body
    };
    sources(page, theme, frame, columns_area);
    let footer_area = Rect {
        y: columns_area.y + columns_area.height,
        height: footer,
        ..body
    };
    co_mentioned(page, app, theme, frame, footer_area);
}

/// One block per source, side by side; when they do not all fit, those
/// around the cursor's source.
fn sources(page: &ActorPage, theme: &Theme, frame: &mut Frame, area: Rect) {
    let p = &page.profile;
    if area.height < 3 || p.sources.is_empty() {
        return;
    }
    let fits = usize::from((area.width / COLUMN_MIN).max(1));
    let count = p.sources.len().min(fits);
    let current = page.selected().and_then(PageItem::source).unwrap_or(0);
    let first = (current + 1).saturating_sub(count);
    let width = area.width / count as u16;
    for (k, s) in (first..first + count).enumerate() {
        let x = area.x + width * k as u16;
        let w = if k + 1 == count {
            area.width - width * k as u16
        } else {
            width
        };
        let column = Rect {
            x,
            width: w,
            ..area
        };
        source_block(page, s, &p.sources[s], theme, frame, column);
    }
    if p.sources.len() > count {
        let more = format!(" {} of {} sources, h/l for more ", count, p.sources.len());
        let more = fit(&more, usize::from(area.width));
        let w = more.width() as u16;
        frame.render_widget(
            Paragraph::new(styled(more, theme.dim())),
            Rect {
                x: area.x + area.width.saturating_sub(w + 1),
                y: area.y + area.height - 1,
                width: w.min(area.width),
                height: 1,
            },
        );
    }
}

fn source_block(
    page: &ActorPage,
    s: usize,
    source: &SourceProfile,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let selected = page.selected();
    let on = |item: PageItem| Some(item) == selected;
    let heading = if on(PageItem::Source(s)) {
        theme.cursor(true)
    } else {
        theme.heading()
    };
    let inner_width = usize::from(area.width.saturating_sub(2));
    let title = Span::styled(fit(&format!(" {} ", source.source), inner_width), heading);
    let focused = selected.and_then(PageItem::source) == Some(s);
    let block = Block::bordered()
        .border_style(theme.border(focused))
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor_line = 0;
    lines.push(Line::styled(
        fit(
            &format!(
                "{} · {}",
                plural(source.mentions.len(), "mention"),
                plural(source.articles, "article")
            ),
            inner_width,
        ),
        theme.dim(),
    ));
    let dates = match (&source.first, &source.last) {
        (Some(f), Some(l)) if f == l => f.clone(),
        (Some(f), Some(l)) => format!("{f} – {l}"),
        _ => "undated".to_string(),
    };
    lines.push(Line::styled(fit(&dates, inner_width), theme.dim()));
    lines.push(Line::styled("names", theme.heading()));
    for (i, name) in source.names.iter().take(NAMES_SHOWN).enumerate() {
        let item = PageItem::Name { source: s, name: i };
        if on(item) {
            cursor_line = lines.len();
        }
        let text = format!(" {} ×{}", name.text, name.mentions.len());
        let style = if on(item) {
            theme.cursor(true)
        } else {
            Style::new()
        };
        lines.push(Line::styled(fit(&text, inner_width), style));
    }
    if source.names.len() > NAMES_SHOWN {
        lines.push(Line::styled(
            format!(" +{} more", source.names.len() - NAMES_SHOWN),
            theme.dim(),
        ));
    }
    lines.push(Line::styled("described as", theme.heading()));
    if source.descriptors.is_empty() {
        lines.push(Line::styled(" —", theme.dim()));
    }
    for (i, d) in source
        .descriptors
        .iter()
        .take(DESCRIPTORS_SHOWN)
        .enumerate()
    {
        let item = PageItem::Descriptor {
            source: s,
            descriptor: i,
        };
        if on(item) {
            cursor_line = lines.len();
        }
        let text = format!(" {} ×{}", d.text, d.count);
        let style = if on(item) {
            theme.cursor(true)
        } else {
            Style::new()
        };
        lines.push(Line::styled(fit(&text, inner_width), style));
    }
    if source.descriptors.len() > DESCRIPTORS_SHOWN {
        lines.push(Line::styled(
            format!(" +{} more", source.descriptors.len() - DESCRIPTORS_SHOWN),
            theme.dim(),
        ));
    }
    // Scrolled just enough to keep the cursor's line in view.
    let height = usize::from(inner.height);
    let skip = (cursor_line + 1).saturating_sub(height);
    let shown: Vec<Line> = lines.into_iter().skip(skip).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The actors named in the same sentences, then the mentions by date.
fn co_mentioned(page: &ActorPage, app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let p = &page.profile;
    let selected = page.selected();
    let mut spans = vec![styled("Named with ".to_string(), theme.heading())];
    if p.co_mentioned.is_empty() {
        spans.push(styled("—".to_string(), theme.dim()));
    }
    for (i, (other, shared)) in p.co_mentioned.iter().take(CO_MENTIONED_SHOWN).enumerate() {
        let style = if selected == Some(PageItem::CoMentioned(i)) {
            theme.cursor(true)
        } else {
            theme.kind(app.index().actors[*other].kind)
        };
        spans.push(Span::styled(
            format!(
                "{} ×{}",
                sanitize(&app.index().actors[*other].name),
                shared.len()
            ),
            style,
        ));
        spans.push(Span::raw("  "));
    }
    let co_height = area.height.saturating_sub(1).clamp(1, 2);
    frame.render_widget(
        Paragraph::new(Line::from(spans)).wrap(Wrap { trim: true }),
        Rect {
            height: co_height,
            ..area
        },
    );
    if area.height > co_height {
        let timeline_area = Rect {
            y: area.y + co_height,
            height: 1,
            ..area
        };
        frame.render_widget(
            Paragraph::new(timeline(page, theme, area.width)),
            timeline_area,
        );
    }
}

/// "Timeline ▁▃█▂ 2016-10-19: 3 mentions": one bar per date, the date under
/// the cursor (or the busiest) named.
fn timeline(page: &ActorPage, theme: &Theme, width: u16) -> Line<'static> {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let days = &page.profile.timeline;
    let mut spans = vec![styled("Timeline ".to_string(), theme.heading())];
    if days.is_empty() {
        spans.push(styled("no dated articles".to_string(), theme.dim()));
        return Line::from(spans);
    }
    let current = match page.selected() {
        Some(PageItem::Day(d)) => Some(d),
        _ => None,
    };
    let busiest = (0..days.len())
        .max_by_key(|&d| (days[d].1.len(), std::cmp::Reverse(d)))
        .unwrap_or(0);
    let named = current.unwrap_or(busiest);
    let label = format!(
        " {}: {}",
        days[named].0,
        plural(days[named].1.len(), "mention")
    );
    let room = usize::from(width).saturating_sub(9 + label.width()).max(1);
    // The bars in view: all when they fit, else those around the cursor.
    let first = if days.len() <= room {
        0
    } else {
        named.saturating_sub(room / 2).min(days.len() - room)
    };
    let most = days.iter().map(|d| d.1.len()).max().unwrap_or(1).max(1);
    for (d, (_, mentions)) in days.iter().enumerate().skip(first).take(room) {
        let level = (mentions.len() * (BARS.len() - 1)).div_ceil(most);
        let style = if Some(d) == current {
            theme.cursor(true)
        } else {
            theme.key()
        };
        spans.push(Span::styled(
            BARS[level.min(BARS.len() - 1)].to_string(),
            style,
        ));
    }
    spans.push(styled(label, theme.dim()));
    Line::from(spans)
}

pub(super) fn overview(
    overview: &Overview,
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let area = body_of(area);
    frame.render_widget(Clear, area);
    let kind = overview.kind.map_or("all types", |k| k.label());
    let source = overview
        .source
        .and_then(|s| app.index().sources().get(s as usize))
        .map_or("all sources".to_string(), |l| sanitize(&l.to_string()));
    let title = format!(
        " Actors ({} of {}) · by {} · {} · {} ",
        overview.rows.len(),
        app.index().actors.len(),
        overview.ranking.label(),
        kind,
        source
    );
    let block = pane_block(title, true, theme);
    let body = block.inner(area);
    frame.render_widget(block, area);
    if body.height < 3 {
        return;
    }
    let query = Line::from(vec![
        styled("> ".to_string(), theme.key()),
        Span::raw(sanitize(&overview.query)),
        styled("█".to_string(), theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(query), Rect { height: 1, ..body });
    let width = usize::from(body.width);
    // Counts in fixed columns on the right; the name takes the rest.
    let counts = |a: &str, b: &str, c: &str| format!("{a:>9} {b:>8} {c:>9}");
    let numbers = counts("mentions", "sources", "articles");
    let name_width = width.saturating_sub(numbers.width() + 4);
    let header = format!("   {:<name_width$} {numbers}", "name");
    frame.render_widget(
        Paragraph::new(styled(fit(&header, width), theme.heading())),
        Rect {
            y: body.y + 1,
            height: 1,
            ..body
        },
    );
    let rows = usize::from(body.height - 2);
    // The cursor stays in view even before the state has followed a resize.
    let offset = overview
        .offset
        .max((overview.cursor + 1).saturating_sub(rows))
        .min(overview.cursor);
    let lines: Vec<Line> = overview
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, &a)| {
            let actor = &app.index().actors[a];
            let name = fit(&actor.name, name_width);
            let pad = name_width.saturating_sub(name.width());
            let numbers = counts(
                &app.index().mentions_of(a).len().to_string(),
                &app.index().source_count(a).to_string(),
                &app.index().article_count(a).to_string(),
            );
            let cursor = i == overview.cursor;
            let row_style = if cursor {
                theme.cursor(true)
            } else {
                Style::new()
            };
            Line::from(vec![
                Span::styled(if cursor { "▌" } else { " " }, row_style),
                Span::styled(theme.marker(actor.kind), theme.kind(actor.kind)),
                Span::styled(
                    format!("{name}{}", " ".repeat(pad)),
                    if cursor {
                        row_style
                    } else {
                        theme.kind(actor.kind)
                    },
                ),
                Span::styled(format!(" {numbers}"), row_style),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            y: body.y + 2,
            height: body.height - 2,
            ..body
        },
    );
}
