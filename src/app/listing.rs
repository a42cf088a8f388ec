//! Which articles the article list shows, and in what order: sorted by
//! date, source or title, filtered to one source, a date range, the unread,
//! the bookmarked, or those naming the selected actor.

use super::*;

/// How the article list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// As the corpus lists them.
    #[default]
    Corpus,
    /// Newest first; undated last.
    Date,
    Source,
    Title,
}

impl Sort {
    fn next(self) -> Sort {
        match self {
            Sort::Corpus => Sort::Date,
            Sort::Date => Sort::Source,
            Sort::Source => Sort::Title,
            Sort::Title => Sort::Corpus,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Corpus => "corpus order",
            Sort::Date => "date",
            Sort::Source => "source",
            Sort::Title => "title",
        }
    }
}

/// How wide a date range the list keeps: the day, month or year of the
/// article that was under the cursor, as a prefix of its ISO date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRange {
    pub prefix: String,
}

/// The article list's sort and filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub sort: Sort,
    /// Only articles of this source rank.
    pub source: Option<u32>,
    pub dates: Option<DateRange>,
    pub unread: bool,
    pub bookmarked: bool,
    /// Only articles naming this actor.
    pub actor: Option<ActorId>,
}

impl Listing {
    pub fn is_filtered(&self) -> bool {
        self.source.is_some()
            || self.dates.is_some()
            || self.unread
            || self.bookmarked
            || self.actor.is_some()
    }
}

impl App {
    /// The articles listed, in list order.
    pub fn article_order(&self) -> &[usize] {
        &self.order
    }

    /// The position of the cursor in the article list.
    pub fn article_cursor(&self) -> usize {
        self.article_list.cursor()
    }

    pub fn listing(&self) -> &Listing {
        &self.listing
    }

    /// What the filters keep, in the order sorted.
    fn listed(&self, listing: &Listing) -> Vec<usize> {
        let index = &self.index;
        let naming: Option<std::collections::HashSet<usize>> = listing
            .actor
            .map(|actor| index.mentions_of(actor).iter().map(|r| r.article).collect());
        let mut order: Vec<usize> = (0..index.articles.len())
            .filter(|&a| listing.source.is_none_or(|s| index.source_rank(a) == s))
            .filter(|&a| {
                listing.dates.as_ref().is_none_or(|d| {
                    index.articles[a]
                        .date
                        .as_deref()
                        .is_some_and(|date| date.starts_with(&d.prefix))
                })
            })
            .filter(|&a| !listing.unread || !self.is_read(a))
            .filter(|&a| !listing.bookmarked || self.has_bookmark_in(a))
            .filter(|&a| naming.as_ref().is_none_or(|set| set.contains(&a)))
            .collect();
        match listing.sort {
            Sort::Corpus => {}
            Sort::Date => order.sort_by(|&a, &b| {
                let date = |x: usize| index.articles[x].date.as_deref();
                // Newest first; undated after every dated one.
                match (date(a), date(b)) {
                    (Some(x), Some(y)) => y.cmp(x),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            }),
            Sort::Source => order.sort_by_key(|&a| index.source_rank(a)),
            Sort::Title => order.sort_by_cached_key(|&a| index.articles[a].title.to_lowercase()),
        }
        order
    }

    /// Applies `listing` when it keeps any article; else says so and keeps
    /// the list as it was. The cursor stays on the article shown when it
    /// is listed, else goes to the first listed.
    pub(super) fn set_listing(&mut self, listing: Listing, done: String) -> bool {
        let order = self.listed(&listing);
        if order.is_empty() && !self.index.articles.is_empty() {
            self.notify(format!("no article would be left: {done} not applied"));
            return true;
        }
        self.listing = listing;
        self.set_order(order);
        if !self.order.is_empty() && self.order_pos[self.article] == usize::MAX {
            let first = self.order[0];
            self.open_article(first);
        }
        self.notify(format!("{done} ({} listed)", self.order.len()));
        true
    }

    /// Lists `order`, the cursor on the article shown if it is there.
    pub(super) fn set_order(&mut self, order: Vec<usize>) {
        self.order_pos = vec![usize::MAX; self.index.articles.len()];
        for (i, &a) in order.iter().enumerate() {
            self.order_pos[a] = i;
        }
        self.order = order;
        self.article_list.set_len(self.order.len());
        if let Some(&pos) = self.order_pos.get(self.article)
            && pos != usize::MAX
        {
            self.article_list.set_cursor(pos);
        }
    }

    /// The list again, as the corpus or the marks are now.
    pub(super) fn relist(&mut self) {
        let order = self.listed(&self.listing.clone());
        self.set_order(order);
    }

    pub(super) fn update_listing(&mut self, action: Action) -> bool {
        let mut next = self.listing.clone();
        let done = match action {
            Action::CycleSort => {
                next.sort = next.sort.next();
                format!("sorted by {}", next.sort.label())
            }
            Action::CycleSource => {
                let sources = self.index.sources().len() as u32;
                next.source = match next.source {
                    None if sources > 0 => Some(0),
                    Some(s) if s + 1 < sources => Some(s + 1),
                    _ => None,
                };
                match next.source {
                    Some(s) => format!("only {}", self.index.sources()[s as usize]),
                    None => "every source".to_string(),
                }
            }
            Action::CycleDates => {
                let date = self
                    .index
                    .articles
                    .get(self.article)
                    .and_then(|a| a.date.clone())
                    .unwrap_or_default();
                // The day, then the month, then the year of the article shown.
                let widths = [10, 7, 4];
                let current = next.dates.as_ref().map(|d| d.prefix.len());
                let width = match current {
                    None => widths.iter().find(|&&w| date.len() >= w).copied(),
                    Some(w) => widths.iter().skip_while(|&&x| x != w).nth(1).copied(),
                };
                next.dates = width.and_then(|w| date.get(..w)).map(|prefix| DateRange {
                    prefix: prefix.to_string(),
                });
                match &next.dates {
                    Some(d) => format!("only {}", d.prefix),
                    None if date.is_empty() && current.is_none() => {
                        self.notify("this article has no date to keep".to_string());
                        return true;
                    }
                    None => "every date".to_string(),
                }
            }
            Action::ToggleUnreadOnly => {
                next.unread = !next.unread;
                if next.unread {
                    "only unread"
                } else {
                    "read and unread"
                }
                .to_string()
            }
            Action::ToggleBookmarkedOnly => {
                next.bookmarked = !next.bookmarked;
                if next.bookmarked {
                    "only bookmarked"
                } else {
                    "bookmarked or not"
                }
                .to_string()
            }
            Action::ToggleActorOnly => {
                next.actor = match (next.actor, self.actor) {
                    (Some(_), _) => None,
                    (None, Some(actor)) => Some(actor),
                    (None, None) => {
                        self.notify(self.hint_for_selecting());
                        return true;
                    }
                };
                match next.actor {
                    Some(a) => format!("only articles naming {}", self.index.actors[a].name),
                    None => "every actor".to_string(),
                }
            }
            Action::ClearFilters => {
                next = Listing {
                    sort: next.sort,
                    ..Listing::default()
                };
                "every article".to_string()
            }
            _ => return false,
        };
        self.set_listing(next, done)
    }

    fn has_bookmark_in(&self, article: usize) -> bool {
        let key = self.index.article_key(article);
        self.marks.bookmarks.iter().any(|b| b.article == key)
    }
}
