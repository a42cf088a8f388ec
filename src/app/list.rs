//! A list pane's cursor and the first row it shows.

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
