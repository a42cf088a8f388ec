//! The four panes and the status line.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{Theme, hint_spans, pane_block, styled, width_of};
use crate::app::text::{TextLayout, display_width, sanitize};
use crate::app::view::{Pane, inner};
use crate::app::{ARTICLE_ROWS, Action, App, Finder, FinderPurpose, Mode, Overlay};
use crate::index::MentionRef;

pub(super) fn articles(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.focus() == Pane::Articles;
    // The longest title that fits; the position ("51/20025") stays in each.
    let order = app.article_order();
    let listed = order.len();
    let total = app.index().articles.len();
    let shown_listed = order.get(app.article_cursor()) == Some(&app.article());
    let position = match (shown_listed, listed == total) {
        (true, true) => format!("{}/{listed}", app.article_cursor() + 1),
        (true, false) => format!("{}/{listed} of {total}", app.article_cursor() + 1),
        (false, true) => format!("–/{listed}"),
        (false, false) => format!("–/{listed} of {total}"),
    };
    let unread = app.unread();
    let room = usize::from(area.width.saturating_sub(2));
    let title = [
        format!(" {} {position} · {unread} unread ", Pane::Articles.title()),
        format!(" {} {position} ", Pane::Articles.title()),
        format!(" {position} "),
    ]
    .into_iter()
    .find(|t| t.width() <= room)
    .unwrap_or_else(|| format!(" {position} "));
    // Only the rows in view are built: the list may hold 100k articles.
    let shown = usize::from(inner(area).height).div_ceil(ARTICLE_ROWS) + 1;
    let row = row_width(area);
    let first = app.article_offset().min(listed);
    let articles = &app.index().articles;
    let items: Vec<ListItem> = order[first..]
        .iter()
        .take(shown)
        .map(|&i| {
            let article = &articles[i];
            // Unread titles are bold, as in mail readers; bookmarks starred.
            let style = if app.is_read(i) {
                Style::new()
            } else {
                Style::new().add_modifier(Modifier::BOLD)
            };
            let mark = if app.is_bookmarked(i) { "★ " } else { "" };
            ListItem::new(vec![
                Line::styled(
                    truncate_end(&format!("{mark}{}", sanitize(&article.title)), row),
                    style,
                ),
                Line::from(fit(origin(app, i, theme.dim(), theme.dim()), row)),
            ])
        })
        .collect();
    let list = List::new(items)
        .block(pane_block(title, focused, theme))
        .highlight_style(theme.cursor(focused))
        .highlight_symbol("▌");
    let selected = shown_listed
        .then(|| app.article_cursor().checked_sub(first))
        .flatten();
    let mut state = ListState::default().with_selected(selected);
    frame.render_stateful_widget(list, area, &mut state);
}

pub(super) fn text(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.focus() == Pane::Text;
    let Some(article) = app.index().articles.get(app.article()) else {
        frame.render_widget(pane_block(" Article ", focused, theme), area);
        return;
    };
    let body = inner(area);
    // The state keeps the layout for the text pane's width; recompute only if
    // this frame differs from what the state was told.
    let fresh;
    let width = app.layout_prefs().text_width(body.width);
    let layout = if app.layout().article == app.article() && app.layout().width == width {
        app.layout()
    } else {
        fresh = TextLayout::new(app.article(), &article.text, width);
        &fresh
    };
    let mentions = &app.index().analyses[app.article()].mentions;
    let scroll = app.text_scroll().min(layout.lines.len().saturating_sub(1));
    let lines: Vec<Line> = layout
        .lines
        .iter()
        .skip(scroll)
        .take(usize::from(body.height))
        .map(|line| {
            let first = mentions.partition_point(|m| m.end <= line.start);
            // Pieces of the line with their styles, before the text hit is
            // marked over them.
            let mut spans: Vec<(Range<usize>, Style)> = Vec::new();
            let mut at = line.start;
            for (m_index, m) in mentions.iter().enumerate().skip(first) {
                if m.start >= line.end {
                    break;
                }
                let start = m.start.max(line.start);
                let end = m.end.min(line.end);
                if at < start {
                    spans.push((at..start, Style::new()));
                }
                let r = MentionRef {
                    article: app.article(),
                    mention: m_index,
                };
                let mut style = theme.kind(m.kind);
                if app.actor() == Some(app.index().actor_of(r)) {
                    style = style.patch(theme.selected_actor());
                }
                if app.current() == Some(r) {
                    style = style.patch(theme.current());
                }
                spans.push((start..end, style));
                at = end;
            }
            if at < line.end {
                spans.push((at..line.end, Style::new()));
            }
            let hit = match &app.hit() {
                Some((a, hit)) if *a == app.article() => Some(hit.clone()),
                _ => None,
            };
            Line::from(
                mark_hit(spans, hit, theme.current())
                    .into_iter()
                    .map(|(range, style)| Span::styled(sanitize(&article.text[range]), style))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let total = layout.lines.len();
    let last = (scroll + usize::from(body.height)).min(total);
    let room = usize::from(area.width).saturating_sub(2);
    // The counter says what it counts when there is room for the words.
    let position = [
        format!(" lines {}–{last} of {total} ", (scroll + 1).min(last)),
        format!(" line {last}/{total} "),
        format!(" {last}/{total} "),
    ]
    .into_iter()
    .find(|p| p.width() * 3 <= room)
    .unwrap_or_default();
    let title = format!(
        " {} ",
        truncate_end(
            &sanitize(&article.title),
            room.saturating_sub(position.width() + 3)
        )
    );
    let mut block =
        pane_block(title, focused, theme).title_top(Line::raw(position).right_aligned());
    if let Some(url) = &article.url {
        let url = truncate_end(&sanitize(url), room.saturating_sub(2));
        block = block.title_bottom(Line::styled(format!(" {url} "), theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

pub(super) fn entities(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.focus() == Pane::Entities;
    let title = format!(" {} ({}) ", Pane::Entities.title(), app.entities().len());
    let row = row_width(area);
    let items: Vec<ListItem> = app
        .entities()
        .iter()
        .map(|&(actor_id, count)| {
            let actor = &app.index().actors[actor_id];
            let mut counts = vec![styled(format!(" ×{count}"), theme.dim())];
            let sources = app.index().source_count(actor_id);
            if sources > 1 {
                counts.push(styled(format!(" · {sources} src"), theme.dim()));
            }
            // The name gives way before its counts, and says so with "…".
            let marker = theme.marker(actor.kind);
            let name_room = row.saturating_sub(marker.width() + width_of(&counts));
            let mut spans = vec![
                Span::styled(marker, theme.kind(actor.kind)),
                Span::styled(
                    truncate_end(&sanitize(&actor.name), name_room.max(4)),
                    theme.kind(actor.kind),
                ),
            ];
            spans.extend(counts);
            ListItem::new(Line::from(fit(spans, row)))
        })
        .collect();
    let list = List::new(items)
        .block(pane_block(title, focused, theme))
        .highlight_style(theme.cursor(focused))
        .highlight_symbol("▌");
    let selected = (!app.entities().is_empty()).then_some(app.entity_cursor());
    let mut state = ListState::default()
        .with_selected(selected)
        .with_offset(app.entity_offset());
    frame.render_stateful_widget(list, area, &mut state);
}

pub(super) fn xref(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = app.focus() == Pane::Xref;
    let Some(actor_id) = app.actor() else {
        let hint = match app.keymap().describe_keys(Mode::Normal, Action::Select) {
            Some(keys) => format!("{keys} on an entity shows its mentions across the corpus"),
            None => "select an entity to see its mentions across the corpus".to_string(),
        };
        let block = pane_block(format!(" {} ", Pane::Xref.title()), focused, theme);
        frame.render_widget(
            Paragraph::new(Line::styled(hint, theme.dim()))
                .wrap(ratatui::widgets::Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    };
    let actor = &app.index().actors[actor_id];
    let mut counts = vec![
        count(app.xref().len(), "mention"),
        count(app.index().article_count(actor_id), "article"),
    ];
    // Stand-ins for unknown sources are not counted as sources.
    let sources = app.index().source_count(actor_id);
    if sources > 0 {
        counts.push(count(sources, "source"));
    }
    let mut title = vec![
        Span::raw(" "),
        Span::styled(theme.marker(actor.kind), theme.kind(actor.kind)),
        Span::styled(sanitize(&actor.name), theme.kind(actor.kind)),
    ];
    // The counts that fit whole on the frame, most telling first.
    let room = usize::from(area.width).saturating_sub(2 + width_of(&title));
    while counts.len() > 1 && counts.join(", ").width() + 3 > room {
        counts.pop();
    }
    title.push(Span::raw(format!(": {} ", counts.join(", "))));
    let title = Line::from(title);
    let width = usize::from(inner(area).width).saturating_sub(3);
    let mut items = Vec::new();
    let mut selected_row = None;
    // Only the rows in view are built, from the first at the list's offset
    // (a heading, or a mention under one above it).
    let height = usize::from(inner(area).height);
    let first = app.xref_at_row(app.xref_offset());
    for (i, &r) in app.xref().iter().enumerate().skip(first).take(height) {
        let heading_shown = app.xref_row(i) > app.xref_offset();
        if app.xref_starts_group(i) && heading_shown {
            let article = &app.index().articles[r.article];
            let mut header = origin(app, r.article, theme.heading(), theme.dim());
            header.push(styled(
                format!(" · {}", sanitize(&article.title)),
                theme.heading(),
            ));
            items.push(ListItem::new(Line::from(fit(header, row_width(area)))));
        }
        if i == app.xref_cursor() {
            selected_row = Some(items.len());
        }
        let (sentence, range) = app.index().context(r);
        let (before, mention, after) = context_window(sentence, range, width);
        let mut style = theme.kind(actor.kind).patch(theme.selected_actor());
        if app.current() == Some(r) {
            style = style.patch(theme.current());
        }
        items.push(ListItem::new(Line::from(vec![
            Span::raw(" "),
            Span::raw(before),
            Span::styled(mention, style),
            Span::raw(after),
        ])));
    }
    items.truncate(height.max(1));
    let list = List::new(items)
        .block(pane_block(title, focused, theme))
        .highlight_style(theme.cursor(focused))
        .highlight_symbol("▌");
    let mut state = ListState::default().with_selected(selected_row);
    frame.render_stateful_widget(list, area, &mut state);
}

/// Splits the pieces that overlap `hit` and patches `style` over the hit.
fn mark_hit(
    spans: Vec<(Range<usize>, Style)>,
    hit: Option<Range<usize>>,
    style: Style,
) -> Vec<(Range<usize>, Style)> {
    let Some(hit) = hit.filter(|h| !h.is_empty()) else {
        return spans;
    };
    let mut out = Vec::new();
    for (range, base) in spans {
        let cuts = [
            range.start,
            hit.start.clamp(range.start, range.end),
            hit.end.clamp(range.start, range.end),
            range.end,
        ];
        for pair in cuts.windows(2) {
            let piece = pair[0]..pair[1];
            if piece.is_empty() {
                continue;
            }
            let inside = piece.start >= hit.start && piece.end <= hit.end;
            out.push((piece, if inside { base.patch(style) } else { base }));
        }
    }
    out
}

/// "TASS · 2016-10-19": where article `article` came from and when. A
/// stand-in for an unknown source is drawn in `stand_in` (brackets mark it
/// as not a source in any case).
fn origin(app: &App, article: usize, base: Style, stand_in: Style) -> Vec<Span<'static>> {
    let label = app.index().source_label(article);
    let mut spans = vec![styled(
        sanitize(&label.to_string()),
        if label.stated { base } else { stand_in },
    )];
    if let Some(date) = &app.index().articles[article].date {
        spans.push(styled(format!(" · {}", sanitize(date)), base));
    }
    spans
}

/// "1 source", "2 sources".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A sentence cut to `width` columns around the mention at `range`: the
/// sanitised text before it, the mention, and the text after it, with "…"
/// where something was cut. The mention starts about a third of the way in.
pub fn context_window(
    sentence: &str,
    range: Range<usize>,
    width: usize,
) -> (String, String, String) {
    let before = sanitize(&sentence[..range.start]);
    let mention = sanitize(&sentence[range.clone()]);
    let after = sanitize(&sentence[range.end..]);
    let whole = before.width() + mention.width() + after.width();
    if whole <= width {
        return (before, mention, after);
    }
    let mention = truncate_end(&mention, width);
    let mut room = width.saturating_sub(mention.width());
    // Leave the text after the mention a little room too.
    let before_room = (width / 3)
        .min(before.width())
        .min(room.saturating_sub(after.width().min(2)));
    let before = truncate_start(&before, before_room);
    room -= before.width();
    let after = truncate_end(&after, room);
    (before, mention, after)
}

/// Columns a list row has: the pane's inside, less the cursor mark.
fn row_width(area: Rect) -> usize {
    usize::from(inner(area).width).saturating_sub(1)
}

/// `spans` cut to `width` columns, "…" last where something was cut.
fn fit(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    if width_of(&spans) <= width {
        return spans;
    }
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = span.width();
        if used + w < width {
            used += w;
            out.push(span);
        } else {
            // This span, or those after it, do not fit: it ends in "…".
            let room = width - used;
            if room > 0 {
                let mut cut = String::new();
                let mut taken = 1;
                for c in span.content.chars() {
                    let cw = display_width(c);
                    if taken + cw > room {
                        break;
                    }
                    taken += cw;
                    cut.push(c);
                }
                cut.push('…');
                out.push(Span::styled(cut, span.style));
            }
            break;
        }
    }
    out
}

/// The end of `s` fitting in `width` columns, "…" first if cut.
fn truncate_start(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in s.chars().rev() {
        let w = display_width(c);
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// The start of `s` fitting in `width` columns, "…" last if cut.
fn truncate_end(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 1;
    for c in s.chars() {
        let w = display_width(c);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

pub(super) fn status(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut left: Vec<Span> = Vec::new();
    if app.article() < app.index().articles.len() {
        left.push(Span::raw(" "));
        left.extend(origin(app, app.article(), Style::new(), Style::new()));
    } else {
        left.push(Span::raw(" no articles"));
    }
    if let (Some(actor), Some((position, total, sources))) = (app.actor(), app.mention_position()) {
        let name = sanitize(&app.index().actors[actor].name);
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        let mut text = match position {
            Some(k) => format!(" │ {name}: mention {k} of {total}"),
            None => format!(" │ {name}: {}", plural(total, "mention")),
        };
        if sources > 0 {
            text.push_str(&format!(" ({})", plural(sources, "source")));
        }
        left.push(Span::raw(text));
    }
    if let Some(progress) = &app.progress() {
        left.push(Span::styled(format!(" │ {progress}"), theme.dim()));
    }
    // Messages may quote names from the articles. One too long for the
    // status line is shown in full above it instead, wrapped.
    let message = app.message().map(|m| format!(" {} ", sanitize(m)));
    let inline = message
        .as_ref()
        .filter(|m| width_of(&left) + 1 + m.width() <= usize::from(area.width));
    if let Some(message) = inline {
        left.push(Span::raw(" "));
        left.push(Span::styled(message.clone(), theme.message()));
    }
    if let Some(message) = message.as_ref().filter(|_| inline.is_none()) {
        message_above(frame, theme, area, message.trim());
    }
    let mode = app.mode();
    // Most useful first: as many as fit are shown.
    let merging = matches!(
        app.overlay(),
        Overlay::Finder(Finder {
            purpose: FinderPurpose::MergeInto(_),
            ..
        })
    );
    let hints = crate::app::keymap::hints(mode, app.focus(), merging);
    // Without a message to read in full, the first hint always shows: the
    // left side gives way to them, cut with "…".
    if inline.is_none() {
        let kept = hint_spans(app, theme, mode, &hints[..hints.len().min(1)]);
        let room = usize::from(area.width).saturating_sub(width_of(&kept) + 1);
        if width_of(&left) > room {
            left = fit(left, room);
        }
    }
    let left_width = width_of(&left);
    frame.render_widget(Paragraph::new(Line::from(left)).style(theme.status()), area);
    // As many hints as fit on the right beside what the left says.
    let room = usize::from(area.width).saturating_sub(left_width + 1);
    let Some(right) = (0..=hints.len())
        .rev()
        .map(|n| hint_spans(app, theme, mode, &hints[..n]))
        .find(|spans| width_of(spans) <= room)
    else {
        return;
    };
    let right_width = width_of(&right) as u16;
    frame.render_widget(
        Paragraph::new(Line::from(right)).style(theme.status()),
        Rect {
            x: area.x + area.width - right_width,
            width: right_width,
            ..area
        },
    );
}

/// `message` wrapped at word boundaries over the rows just above the
/// status line `status`, as many as it needs (and the screen has).
fn message_above(frame: &mut Frame, theme: &Theme, status: Rect, message: &str) {
    let width = usize::from(status.width).saturating_sub(2).max(1);
    let mut lines: Vec<String> = Vec::new();
    for word in message.split(' ') {
        match lines.last_mut() {
            Some(line) if line.width() + 1 + word.width() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => {
                // A word longer than the row is broken where it must be.
                let mut rest = word.to_string();
                while rest.width() > width {
                    let mut head = String::new();
                    for c in rest.chars() {
                        if head.width() + display_width(c) > width {
                            break;
                        }
                        head.push(c);
                    }
                    rest = rest[head.len()..].to_string();
                    lines.push(head);
                }
                lines.push(rest);
            }
        }
    }
    let rows = lines.len().min(usize::from(status.y));
    if rows == 0 {
        return;
    }
    let area = Rect {
        y: status.y - rows as u16,
        height: rows as u16,
        ..status
    };
    let shown: Vec<Line> = lines[..rows]
        .iter()
        .map(|l| {
            let pad = width.saturating_sub(l.width());
            Line::raw(format!(" {l}{} ", " ".repeat(pad)))
        })
        .collect();
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(Paragraph::new(shown).style(theme.message()), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(sentence: &str, mention: &str, width: usize) -> (String, String, String) {
        let start = sentence.find(mention).unwrap();
        context_window(sentence, start..start + mention.len(), width)
    }

    #[test]
    fn short_sentences_are_shown_whole() {
        let (b, m, a) = window("Talks in Geneva today.", "Geneva", 40);
        assert_eq!(
            (b.as_str(), m.as_str(), a.as_str()),
            ("Talks in ", "Geneva", " today.")
        );
    }

    #[test]
    fn long_sentences_are_cut_around_the_mention() {
        let sentence = "Russia favors a UN proposal to evacuate terrorists belonging to the \
                        Jabhat Fateh al-Sham group from the besieged zone of eastern Aleppo.";
        for width in [1, 5, 20, 30, 47, 80] {
            let (b, m, a) = window(sentence, "Jabhat Fateh al-Sham", width);
            let shown = format!("{b}{m}{a}");
            assert!(shown.width() <= width, "{width}: {shown:?}");
            if width >= 20 {
                assert_eq!(m, "Jabhat Fateh al-Sham");
            }
            if width >= 30 {
                assert!(b.starts_with('…') && a.ends_with('…'), "{shown:?}");
            }
        }
    }

    #[test]
    fn context_is_sanitised() {
        let (b, m, a) = window("evil \x1b[2J text about Aleppo\x07", "Aleppo", 80);
        assert!(!format!("{b}{m}{a}").chars().any(char::is_control));
    }

    #[test]
    fn rows_cut_to_fit_end_in_an_ellipsis() {
        let spans = || {
            vec![
                Span::raw("Recep Tayyip Erdogan"),
                Span::raw(" ×1"),
                Span::raw(" · 3 src"),
            ]
        };
        let text = |spans: Vec<Span>| {
            spans
                .iter()
                .map(|s| s.content.to_string())
                .collect::<String>()
        };
        assert_eq!(text(fit(spans(), 40)), "Recep Tayyip Erdogan ×1 · 3 src");
        assert_eq!(text(fit(spans(), 31)), "Recep Tayyip Erdogan ×1 · 3 src");
        assert_eq!(text(fit(spans(), 30)), "Recep Tayyip Erdogan ×1 · 3 s…");
        assert_eq!(text(fit(spans(), 23)), "Recep Tayyip Erdogan ×…");
        assert_eq!(text(fit(spans(), 20)), "Recep Tayyip Erdoga…");
        assert_eq!(text(fit(spans(), 1)), "…");
        assert_eq!(text(fit(spans(), 0)), "");
        for width in 0..40 {
            assert!(width_of(&fit(spans(), width)) <= width);
        }
    }
}
