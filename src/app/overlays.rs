//! What is drawn over the panes and the keys it takes: help, the load
//! report, the finder.

use super::*;

/// One line of the help screen or the load report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PopupLine {
    Heading(String),
    Blank,
    /// Keys, and what they do.
    Keys(String, String),
    /// Text, sanitised and wrapped to the popup.
    Text(String),
}

impl App {
    /// The help screen and the load report: text that scrolls and closes.
    pub(super) fn update_scrolled(&mut self, action: Action) -> bool {
        let last = self.overlay_scroll_limit();
        let (Overlay::Help { scroll } | Overlay::Report { scroll }) = &mut self.overlay else {
            return false;
        };
        match action {
            Action::Down if *scroll < last => {
                *scroll += 1;
                true
            }
            Action::Up if *scroll > 0 => {
                *scroll -= 1;
                true
            }
            Action::CloseOverlay | Action::ToggleHelp | Action::ToggleReport => {
                self.overlay = Overlay::None;
                true
            }
            _ => false,
        }
    }

    /// How far the help screen or the load report scrolls: until its last
    /// line is at the bottom of the popup, which is at most as tall as the
    /// screen.
    pub(super) fn overlay_scroll_limit(&self) -> usize {
        let lines = self.popup_lines().len();
        let shown = usize::from(self.area.height.saturating_sub(2)).max(1);
        lines.saturating_sub(shown)
    }

    /// The lines of the help screen or the load report, as drawn: the one
    /// count both scrolling and drawing go by.
    pub fn popup_lines(&self) -> Vec<PopupLine> {
        let mut lines = Vec::new();
        match self.overlay {
            Overlay::Help { .. } => {
                for (mode, rows) in self.keymap.help() {
                    if !lines.is_empty() {
                        lines.push(PopupLine::Blank);
                    }
                    lines.push(PopupLine::Heading(mode.title().to_string()));
                    for (keys, description) in rows {
                        lines.push(PopupLine::Keys(keys, description.to_string()));
                    }
                }
            }
            Overlay::Report { .. } => {
                let issues = &self.index.issues;
                lines.push(PopupLine::Heading(match super::load_summary(issues) {
                    None => "Every file was read.".to_string(),
                    Some(summary) => format!("{summary}:"),
                }));
                lines.push(PopupLine::Blank);
                // Wrapped here, not by the drawing, so that the count is exact.
                let width = usize::from(self.area.width.min(view::REPORT_WIDTH))
                    .saturating_sub(2)
                    .max(1);
                let push_wrapped = |lines: &mut Vec<PopupLine>, line: &str| {
                    let line = text::sanitize(line);
                    lines.extend(
                        text::wrap(&line, width)
                            .into_iter()
                            .map(|range| PopupLine::Text(line[range].to_string())),
                    );
                };
                // One line per file first, then every problem.
                let by_file = crate::corpus::issues_by_file(issues);
                if by_file.len() < issues.len() {
                    for line in &by_file {
                        push_wrapped(&mut lines, line);
                    }
                    lines.push(PopupLine::Blank);
                    lines.push(PopupLine::Heading("Each one:".to_string()));
                }
                for issue in issues {
                    push_wrapped(&mut lines, &issue.to_string());
                }
            }
            _ => {}
        }
        lines
    }

    /// y does what is asked; n or Esc leaves it undone.
    pub(super) fn update_confirm(&mut self, action: Action) -> bool {
        let Overlay::Confirm(question) = self.overlay else {
            return false;
        };
        match action {
            Action::Confirm => {
                self.overlay = Overlay::None;
                match question {
                    Confirm::Merge { from, into } => self.merge(from, into),
                }
                true
            }
            Action::CloseOverlay => {
                self.overlay = Overlay::None;
                self.notify("nothing merged".to_string());
                true
            }
            _ => false,
        }
    }

    pub(super) fn update_finder(&mut self, action: Action) -> bool {
        let Overlay::Finder(finder) = &mut self.overlay else {
            return false;
        };
        match action {
            Action::FinderInput(c) => {
                finder.push(c);
                self.text_search_due = true;
                true
            }
            Action::FinderBackspace => {
                let changed = finder.backspace();
                self.text_search_due = true;
                changed
            }
            Action::FinderClear => {
                let changed = finder.clear();
                self.text_search_due = true;
                changed
            }
            Action::Down => finder.move_cursor(1),
            Action::Up => finder.move_cursor(-1),
            Action::CloseOverlay => {
                self.overlay = Overlay::None;
                true
            }
            Action::Select => {
                let target = finder.selected();
                let purpose = finder.purpose;
                let hits = std::mem::take(&mut finder.text_hits);
                self.overlay = Overlay::None;
                if matches!(target, Some(Target::Text { .. })) {
                    self.text_walk = hits;
                }
                match (purpose, target) {
                    (FinderPurpose::Jump, Some(target)) => self.go_to_target(target),
                    (FinderPurpose::MergeInto(from), Some(Target::Actor(into))) => {
                        self.overlay = Overlay::Confirm(Confirm::Merge { from, into });
                    }
                    (_, _) => {}
                }
                true
            }
            _ => false,
        }
    }

    /// True when work was put off until no key is waiting.
    pub fn has_due_work(&self) -> bool {
        self.text_search_due
    }

    /// Does the work put off (the finder's text search); true when the
    /// screen changed.
    pub fn run_due_work(&mut self) -> bool {
        if !std::mem::take(&mut self.text_search_due) {
            return false;
        }
        self.refresh_text_hits();
        matches!(self.overlay, Overlay::Finder(_))
    }

    /// Runs the finder's query against the article texts.
    pub(super) fn refresh_text_hits(&mut self) {
        let Overlay::Finder(finder) = &mut self.overlay else {
            return;
        };
        let query = finder.query.trim();
        let hits = match (&self.text_index, TextQuery::parse(query)) {
            (Some(index), Some(parsed))
                if finder.purpose == FinderPurpose::Jump
                    && query.chars().count() >= TEXT_SEARCH_FROM =>
            {
                index
                    .search(&parsed, TEXT_HITS)
                    .into_iter()
                    .filter_map(|article| {
                        let text = &self.index.articles.get(article)?.text;
                        let at = parsed.locate(text).unwrap_or(0..0);
                        let (snippet, snippet_hit) = snippet(text, at.clone());
                        Some(TextHit {
                            article,
                            start: at.start,
                            end: at.end,
                            snippet,
                            snippet_hit,
                        })
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        finder.set_text_hits(hits);
    }

    pub(super) fn finder(&mut self, purpose: FinderPurpose) -> Finder {
        let items = self
            .finder_items
            .get_or_insert_with(|| std::sync::Arc::new(Finder::items(&self.index)));
        Finder::over(items.clone(), purpose)
    }
}

/// Up to about 70 characters of `text` around `at` on one line, and where
/// `at` is in it.
pub(super) fn snippet(text: &str, at: std::ops::Range<usize>) -> (String, std::ops::Range<usize>) {
    const BEFORE: usize = 25;
    const AFTER: usize = 45;
    let start = text[..at.start]
        .char_indices()
        .rev()
        .nth(BEFORE - 1)
        .map_or(0, |(i, _)| i);
    let end = text[at.end..]
        .char_indices()
        .nth(AFTER)
        .map_or(text.len(), |(i, _)| at.end + i);
    let flat = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    let before = flat(&text[start..at.start]);
    let hit = flat(&text[at.clone()]);
    let after = flat(&text[at.end..end]);
    let lead = if start > 0 { "…" } else { "" };
    let from = lead.len() + before.len();
    (
        format!("{lead}{before}{hit}{after}"),
        from..from + hit.len(),
    )
}
