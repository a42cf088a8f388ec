//! A list pane's cursor and the first row it shows.

use std::ops::Range;

use super::scroll;

/// The cursor of a list of `len` items and the first row shown. The cursor
/// stays on an item (or at 0 when there is none); the view follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListView {
    cursor: usize,
    offset: usize,
    len: usize,
}

impl ListView {
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// A new list of `len` items, seen from its top.
    pub fn reset(&mut self, len: usize) {
        *self = ListView {
            cursor: 0,
            offset: 0,
            len,
        };
    }

    /// The list now has `len` items; the cursor stays where it can.
    pub fn set_len(&mut self, len: usize) {
        self.len = len;
        self.cursor = self.cursor.min(len.saturating_sub(1));
    }

    /// Puts the cursor on `cursor`, or the last item; true when it moved.
    pub fn set_cursor(&mut self, cursor: usize) -> bool {
        replace(&mut self.cursor, cursor.min(self.len.saturating_sub(1)))
    }

    /// Moves the cursor by `delta` items, stopping at the ends; true when
    /// it moved.
    pub fn move_by(&mut self, delta: isize) -> bool {
        self.set_cursor(clamp_step(self.cursor, delta, self.len))
    }

    /// Scrolls just enough to keep the cursor in view, `height` items at a
    /// time.
    pub fn follow(&mut self, height: usize) {
        let keep = self.cursor..(self.cursor + 1).min(self.len);
        self.offset = scroll::follow(self.offset, keep, self.len, height);
    }

    /// Scrolls a list drawn as `rows` rows (items and headings between
    /// them) just enough to keep rows `keep` in view.
    pub fn follow_rows(&mut self, keep: Range<usize>, rows: usize, height: usize) {
        self.offset = scroll::follow(self.offset, keep, rows, height);
    }
}

/// `from + delta`, kept within `0..len`.
pub(super) fn clamp_step(from: usize, delta: isize, len: usize) -> usize {
    from.saturating_add_signed(delta).min(len.saturating_sub(1))
}

/// Sets `slot` to `value`; true when that changed it.
pub(super) fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    let changed = *slot != value;
    *slot = value;
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_stays_on_an_item() {
        let mut list = ListView::default();
        list.reset(5);
        assert!(!list.move_by(-1));
        assert!(list.move_by(10));
        assert_eq!(list.cursor(), 4);
        list.set_len(2);
        assert_eq!(list.cursor(), 1);
        list.set_len(0);
        assert_eq!(list.cursor(), 0);
        assert!(!list.set_cursor(3));
    }

    #[test]
    fn the_view_follows_the_cursor() {
        let mut list = ListView::default();
        list.reset(20);
        list.set_cursor(7);
        list.follow(5);
        assert_eq!(list.offset(), 3);
        list.set_cursor(0);
        list.follow(5);
        assert_eq!(list.offset(), 0);
    }
}
