//! The status line's text: one owner, so that every note goes through one
//! place and none is lost or doubled.

/// A note (why a key did nothing, what a correction did) and the progress
/// of the corpus still being prepared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    message: Option<String>,
    progress: Option<String>,
}

impl Status {
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn progress(&self) -> Option<&str> {
        self.progress.as_deref()
    }

    /// Shows `note` in place of any other.
    pub fn notify(&mut self, note: String) {
        self.message = Some(note);
    }

    /// Adds `note` after the one shown, joined by `separator`.
    pub fn notify_also(&mut self, note: String, separator: &str) {
        self.message = Some(match self.message.take() {
            Some(shown) => format!("{shown}{separator}{note}"),
            None => note,
        });
    }

    /// Clears the note; true when there was one.
    pub fn clear(&mut self) -> bool {
        self.message.take().is_some()
    }

    /// True when the progress changed.
    pub fn set_progress(&mut self, progress: Option<String>) -> bool {
        let changed = self.progress != progress;
        self.progress = progress;
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_replace_or_join() {
        let mut status = Status::default();
        status.notify_also("saved".into(), " · ");
        assert_eq!(status.message(), Some("saved"));
        status.notify_also("not really".into(), " · ");
        assert_eq!(status.message(), Some("saved · not really"));
        status.notify("fresh".into());
        assert_eq!(status.message(), Some("fresh"));
        assert!(status.clear());
        assert!(!status.clear());
        assert!(status.set_progress(Some("reading".into())));
        assert!(!status.set_progress(Some("reading".into())));
    }
}
