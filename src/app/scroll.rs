//! Where a list's view starts. The view moves only when what must be seen
//! would leave it, so the cursor travels freely within the rows shown.

use std::ops::Range;

/// The first row to show of a list of `len` rows, `height` rows at a time,
/// when the view started at `offset` and rows `keep` must be visible.
///
/// The view moves as little as it can, unless `keep` is more than a screen
/// away (a jump), where it is centred. When `keep` is taller than the view,
/// its last row (the cursor) wins. The view never shows empty rows past the
/// end of a list that could fill it.
pub fn follow(offset: usize, keep: Range<usize>, len: usize, height: usize) -> usize {
    let height = height.max(1);
    let last_start = len.saturating_sub(height);
    if keep.is_empty() {
        return offset.min(last_start);
    }
    let keep = keep.start.max(keep.end.saturating_sub(height))..keep.end;
    let far = keep.end + height <= offset || keep.start >= offset + 2 * height;
    let next = if far {
        let middle = (keep.start + keep.end) / 2;
        middle.saturating_sub(height / 2).min(keep.start)
    } else if keep.start < offset {
        keep.start
    } else if keep.end > offset + height {
        keep.end - height
    } else {
        offset
    };
    next.min(last_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The offsets seen while the cursor moves through `path`.
    fn walk(path: &[usize], len: usize, height: usize) -> Vec<usize> {
        let mut offset = 0;
        path.iter()
            .map(|&cursor| {
                offset = follow(offset, cursor..cursor + 1, len, height);
                offset
            })
            .collect()
    }

    #[test]
    fn the_view_moves_only_when_the_cursor_leaves_it() {
        // Down through 5 rows of a 20-row list: still; then one row at a time.
        assert_eq!(walk(&[0, 1, 2, 3, 4, 5, 6], 20, 5), [0, 0, 0, 0, 0, 1, 2]);
        // Back up from the bottom: the view stays until the cursor reaches its top.
        assert_eq!(walk(&[6, 5, 4, 3, 2, 1, 0], 20, 5)[1..], [2, 2, 2, 2, 1, 0]);
    }

    #[test]
    fn jumps_centre_the_cursor_and_ends_stay_full() {
        assert_eq!(follow(0, 50..51, 100, 10), 45);
        assert_eq!(follow(45, 0..1, 100, 10), 0);
        assert_eq!(follow(0, 99..100, 100, 10), 90);
        // A list that became shorter, or a view that grew, shows no gap.
        assert_eq!(follow(90, 20..21, 25, 10), 15);
        assert_eq!(follow(3, 4..5, 8, 10), 0);
        assert_eq!(follow(7, 0..0, 0, 10), 0);
    }

    #[test]
    fn a_heading_comes_with_its_first_row() {
        // Moving up onto the first row of a group shows the heading above it.
        assert_eq!(follow(5, 4..6, 20, 5), 4);
        // A heading is given up when the view is one row tall.
        assert_eq!(follow(5, 4..6, 20, 1), 5);
        assert_eq!(follow(0, 4..6, 20, 1), 5);
    }
}
