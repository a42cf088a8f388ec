//! Where things are on screen: pane sizes, the text's wrapping, and how far
//! each list is scrolled.

use super::*;

impl App {
    /// The area of `pane` on the current screen (empty when hidden).
    pub fn pane_area(&self, pane: Pane) -> Rect {
        view::screen(self.area, self.focus, &self.layout_prefs).pane(pane)
    }

    /// Lines the text pane shows, whether or not it is on screen now.
    pub fn text_height(&self) -> usize {
        let area = view::screen(self.area, Pane::Text, &self.layout_prefs).text;
        usize::from(view::inner(area).height).max(1)
    }

    /// Columns the text wraps at: the pane's, up to the readable measure.
    pub(super) fn text_width(&self) -> usize {
        let area = view::screen(self.area, Pane::Text, &self.layout_prefs).text;
        self.layout_prefs.text_width(view::inner(area).width)
    }

    /// Rows of `pane` inside its frame, whether or not it is on screen now.
    pub(super) fn list_height(&self, pane: Pane) -> usize {
        let area = view::screen(self.area, pane, &self.layout_prefs).pane(pane);
        usize::from(view::inner(area).height).max(1)
    }

    /// Scrolls each list just enough to keep its cursor in view (and a
    /// cross-reference's heading, when the cursor is on its group's first
    /// mention).
    pub(super) fn follow_cursors(&mut self) {
        let articles_shown = (self.list_height(Pane::Articles) / ARTICLE_ROWS).max(1);
        self.article_list.follow(articles_shown);
        self.entity_list.follow(self.list_height(Pane::Entities));
        // One current mention: the cross-reference cursor is on it whenever
        // it is among them.
        if let Some(pos) = self.current.and_then(|c| self.xref_position(c)) {
            self.xref_list.set_cursor(pos);
        }
        let keep = if self.xref.is_empty() {
            0..0
        } else {
            let row = self.xref_row(self.xref_list.cursor());
            let heading = usize::from(self.xref_starts_group(self.xref_list.cursor()));
            row - heading..row + 1
        };
        let rows = self.xref_row(self.xref.len());
        self.xref_list
            .follow_rows(keep, rows, self.list_height(Pane::Xref));
    }

    /// True when cross-reference `i` is the first of its article, shown
    /// under a heading naming the article.
    pub fn xref_starts_group(&self, i: usize) -> bool {
        i < self.xref.len() && (i == 0 || self.xref[i - 1].article != self.xref[i].article)
    }

    /// The row of cross-reference `i` in the list, below its heading and
    /// those of the groups before it (`xref.len()` gives the row count).
    pub fn xref_row(&self, i: usize) -> usize {
        match self.xref_rows.get(i) {
            Some(&row) => row,
            None => self
                .xref_rows
                .last()
                .map_or(0, |&row| row + 1 + i - self.xref.len()),
        }
    }

    /// The first cross-reference on row `row` or below.
    pub fn xref_at_row(&self, row: usize) -> usize {
        self.xref_rows.partition_point(|&r| r < row)
    }

    /// Where mention `r` is in the cross-references, if it is there: they
    /// are sorted by source rank, then mention, so a binary search finds it.
    pub fn xref_position(&self, r: MentionRef) -> Option<usize> {
        let key = |m: &MentionRef| (self.index.source_rank(m.article), *m);
        self.xref.binary_search_by_key(&key(&r), key).ok()
    }

    pub(super) fn set_xref(&mut self, xref: Vec<MentionRef>) {
        let mut rows = Vec::with_capacity(xref.len());
        let mut row = 0;
        for (i, r) in xref.iter().enumerate() {
            if i == 0 || xref[i - 1].article != r.article {
                row += 1;
            }
            rows.push(row);
            row += 1;
        }
        self.xref_list.set_len(xref.len());
        self.xref = xref;
        self.xref_rows = rows;
    }

    pub(super) fn max_scroll(&self) -> usize {
        self.layout.lines.len().saturating_sub(self.text_height())
    }

    /// Wrapped lines visible in the text pane.
    pub fn text_viewport(&self) -> std::ops::Range<usize> {
        self.text_scroll..self.text_scroll + self.text_height()
    }

    /// True when mention `r` is in the article shown and on a visible line.
    pub fn is_visible(&self, r: MentionRef) -> bool {
        r.article == self.article()
            && self
                .text_viewport()
                .contains(&self.layout.line_of(self.index.mention(r).start))
    }

    /// Re-wraps the article when it or the text width changed, keeping the
    /// first line shown in place.
    pub(super) fn relayout(&mut self) {
        let width = self.text_width();
        if self.layout.article == self.article()
            && self.layout.width == width
            && !self.layout.lines.is_empty()
        {
            self.text_scroll = self.text_scroll.min(self.max_scroll());
            return;
        }
        let same_article = self.layout.article == self.article();
        let top = self
            .layout
            .lines
            .get(self.text_scroll)
            .map_or(0, |l| l.start);
        let text = self
            .index
            .articles
            .get(self.article())
            .map_or("", |a| a.text.as_str());
        self.layout = TextLayout::new(self.article(), text, width);
        self.text_scroll = if same_article {
            self.layout.line_of(top).min(self.max_scroll())
        } else {
            0
        };
    }

    /// "3/12 · 2 src" for the selected actor: the position of
    /// the current mention (if any), the total, and the number of sources.
    pub fn mention_position(&self) -> Option<(Option<usize>, usize, usize)> {
        let actor = self.actor?;
        let position = self
            .current
            .and_then(|c| self.xref_position(c))
            .map(|i| i + 1);
        Some((position, self.xref.len(), self.index.source_count(actor)))
    }
}
