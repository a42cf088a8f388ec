//! What the reader keeps between runs: read marks, bookmarks and where the
//! reader was. The state holds them; whoever runs the reader stores them
//! when asked ([`Effect::SaveState`]).

use std::collections::{BTreeSet, HashMap};

use super::*;
use crate::store::reader::{Bookmark, Position, ReaderState};

/// One row of the bookmark list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookmarkRow {
    pub bookmark: Bookmark,
    /// The article in this corpus, if it is still there.
    pub article: Option<usize>,
    /// The mention's text, for a bookmark on a mention.
    pub mention: Option<String>,
}

/// Read marks and bookmarks of the corpus shown.
#[derive(Debug, Clone, Default)]
pub(super) struct Marks {
    /// Per article, whether it was read.
    pub read: Vec<bool>,
    pub read_count: usize,
    /// The article last marked read on its own, so that unmarking it while
    /// reading it sticks.
    pub auto_marked: Option<usize>,
    pub bookmarks: BTreeSet<Bookmark>,
}

impl App {
    pub fn is_read(&self, article: usize) -> bool {
        self.marks.read.get(article).copied().unwrap_or(false)
    }

    /// How many articles are not read yet.
    pub fn unread(&self) -> usize {
        self.index
            .articles
            .len()
            .saturating_sub(self.marks.read_count)
    }

    /// True when the article itself (not a mention in it) is bookmarked.
    pub fn is_bookmarked(&self, article: usize) -> bool {
        self.index.articles.get(article).is_some_and(|_| {
            self.marks.bookmarks.contains(&Bookmark {
                article: self.index.article_key(article).to_string(),
                mention: None,
            })
        })
    }

    pub(super) fn set_read(&mut self, article: usize, read: bool) -> bool {
        if self.marks.read.len() != self.index.articles.len() {
            self.marks.read.resize(self.index.articles.len(), false);
        }
        let Some(slot) = self.marks.read.get_mut(article) else {
            return false;
        };
        if *slot == read {
            return false;
        }
        *slot = read;
        if read {
            self.marks.read_count += 1;
        } else {
            self.marks.read_count -= 1;
        }
        self.effects.push(Effect::SaveState);
        true
    }

    /// An article is read once its text had the focus.
    pub(super) fn mark_shown_read(&mut self) {
        let article = self.article();
        if self.focus == Pane::Text
            && !self.index.articles.is_empty()
            && self.marks.auto_marked != Some(article)
        {
            self.marks.auto_marked = Some(article);
            self.set_read(article, true);
        }
    }

    pub(super) fn toggle_read(&mut self) -> bool {
        let article = self.article();
        if self.index.articles.is_empty() {
            return false;
        }
        let read = !self.is_read(article);
        self.marks.auto_marked = Some(article);
        self.set_read(article, read);
        self.notify(if read { "marked read" } else { "marked unread" }.to_string());
        true
    }

    /// b: bookmarks the current mention when the cross-references or the
    /// text have it, else the article; again removes the bookmark.
    pub(super) fn toggle_bookmark(&mut self) -> bool {
        if self.index.articles.is_empty() {
            return false;
        }
        let on_mention = matches!(self.focus, Pane::Xref | Pane::Text);
        let bookmark = match self.current.filter(|_| on_mention) {
            Some(r) => {
                let m = self.index.mention(r);
                Bookmark {
                    article: self.index.article_key(r.article).to_string(),
                    mention: Some((m.start, m.end)),
                }
            }
            None => Bookmark {
                article: self.index.article_key(self.article()).to_string(),
                mention: None,
            },
        };
        let what = if bookmark.mention.is_some() {
            "mention"
        } else {
            "article"
        };
        let added = if self.marks.bookmarks.remove(&bookmark) {
            false
        } else {
            self.marks.bookmarks.insert(bookmark);
            true
        };
        self.effects.push(Effect::SaveState);
        self.notify(match added {
            true => format!("bookmarked the {what}"),
            false => format!("removed the {what}'s bookmark"),
        });
        true
    }

    /// The bookmarks, in article order, with what they point at.
    pub fn bookmark_rows(&self) -> Vec<BookmarkRow> {
        let by_key = self.articles_by_key();
        let mut rows: Vec<BookmarkRow> = self
            .marks
            .bookmarks
            .iter()
            .map(|b| {
                let article = by_key.get(b.article.as_str()).copied();
                let mention = match (article, b.mention) {
                    (Some(a), Some((start, end))) => self.index.articles[a]
                        .text
                        .get(start..end)
                        .map(str::to_string),
                    _ => None,
                };
                BookmarkRow {
                    bookmark: b.clone(),
                    article,
                    mention,
                }
            })
            .collect();
        rows.sort_by_key(|r| (r.article.unwrap_or(usize::MAX), r.bookmark.mention));
        rows
    }

    fn articles_by_key(&self) -> HashMap<&str, usize> {
        (0..self.index.articles.len())
            .map(|i| (self.index.article_key(i), i))
            .collect()
    }

    pub(super) fn open_bookmarks(&mut self) -> bool {
        if self.marks.bookmarks.is_empty() {
            self.notify("no bookmarks yet: b marks the article or mention".to_string());
            return true;
        }
        self.overlay = Overlay::Bookmarks { cursor: 0 };
        true
    }

    pub(super) fn update_bookmarks(&mut self, action: Action) -> bool {
        let Overlay::Bookmarks { cursor } = self.overlay else {
            return false;
        };
        let rows = self.bookmark_rows();
        match action {
            Action::Down | Action::Up => {
                let delta = if action == Action::Down { 1 } else { -1 };
                let next = list::clamp_step(cursor, delta, rows.len());
                self.overlay = Overlay::Bookmarks { cursor: next };
                next != cursor
            }
            Action::Select => {
                self.overlay = Overlay::None;
                if let Some(row) = rows.get(cursor) {
                    self.go_to_bookmark(row);
                }
                true
            }
            Action::CloseOverlay | Action::OpenBookmarks => {
                self.overlay = Overlay::None;
                true
            }
            _ => false,
        }
    }

    fn go_to_bookmark(&mut self, row: &BookmarkRow) {
        let Some(article) = row.article else {
            self.notify("that article is no longer in the corpus".to_string());
            return;
        };
        let mention = row.bookmark.mention.and_then(|(start, end)| {
            let mentions = &self.index.analyses.get(article)?.mentions;
            let i = mentions
                .iter()
                .position(|m| m.start == start && m.end == end)?;
            Some(MentionRef {
                article,
                mention: i,
            })
        });
        match mention {
            Some(r) => {
                self.jump_to(r);
                self.set_focus(Pane::Text);
            }
            None => self.go_to_target(Target::Article(article)),
        }
    }

    /// What is kept of this run: read marks, bookmarks, where the reader is.
    pub fn reader_state(&self) -> ReaderState {
        let read = (0..self.index.articles.len())
            .filter(|&a| self.is_read(a))
            .map(|a| self.index.article_key(a).to_string())
            .collect();
        let position = (!self.index.articles.is_empty()).then(|| Position {
            article: self.index.article_key(self.article()).to_string(),
            top: self
                .layout
                .lines
                .get(self.text_scroll)
                .map_or(0, |l| l.start),
            actor: self.actor.map(|a| self.index.actors[a].id.clone()),
            focus: self.focus.title().to_string(),
        });
        ReaderState {
            read,
            bookmarks: self.marks.bookmarks.clone(),
            position,
        }
    }

    /// Takes back what an earlier run kept: marks, bookmarks, and the place
    /// it was at, where the corpus still has it.
    pub fn restore(&mut self, state: ReaderState) {
        let by_key: HashMap<String, usize> = self
            .articles_by_key()
            .into_iter()
            .map(|(k, i)| (k.to_string(), i))
            .collect();
        self.marks.read = vec![false; self.index.articles.len()];
        self.marks.read_count = 0;
        for key in &state.read {
            if let Some(&a) = by_key.get(key) {
                self.marks.read[a] = true;
                self.marks.read_count += 1;
            }
        }
        self.marks.bookmarks = state.bookmarks;
        let Some(position) = state.position else {
            self.follow_cursors();
            return;
        };
        let Some(&article) = by_key.get(&position.article) else {
            self.follow_cursors();
            return;
        };
        self.open_article(article);
        if let Some(actor) = position.actor.and_then(|id| self.index.actor_by_id(&id)) {
            self.select_actor(actor);
            if let Some(pos) = self.xref.iter().position(|r| r.article == article) {
                self.xref_list.set_cursor(pos);
                self.current = Some(self.xref[pos]);
            }
            if let Some(pos) = self.entities.iter().position(|&(a, _)| a == actor) {
                self.entity_list.set_cursor(pos);
            }
        }
        if let Some(&pane) = Pane::ALL.iter().find(|p| p.title() == position.focus) {
            self.focus = pane;
        }
        // What was shown was read already: no need to mark it again.
        self.marks.auto_marked = Some(article);
        self.relayout();
        self.text_scroll = self.layout.line_of(position.top).min(self.max_scroll());
        self.follow_cursors();
    }
}
