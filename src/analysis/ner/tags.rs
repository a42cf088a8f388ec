//! The BILOU tag set the tagger predicts, and conversions to and from spans
//! and IOB tags.

use crate::analysis::{EntityKind, TokenSpan};

/// Number of tags: O plus B/I/L/U for each of the four entity types.
pub const NUM_TAGS: usize = 17;
pub const O: u8 = 0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Begin,
    Inside,
    Last,
    Unit,
}

pub fn tag(kind: EntityKind, part: Part) -> u8 {
    1 + 4 * kind.index() as u8 + part as u8
}

/// The type and position of a tag, or None for O.
pub fn split(tag: u8) -> Option<(EntityKind, Part)> {
    if tag == O {
        return None;
    }
    let t = tag - 1;
    let part = [Part::Begin, Part::Inside, Part::Last, Part::Unit][(t % 4) as usize];
    Some((EntityKind::ALL[(t / 4) as usize], part))
}

/// Whether `next` may follow `prev` (None = sentence start) in a well-formed sequence.
pub fn allowed(prev: Option<u8>, next: u8) -> bool {
    let open = prev
        .and_then(split)
        .filter(|(_, p)| matches!(p, Part::Begin | Part::Inside));
    match (open, split(next)) {
        (None, None) => true,
        (None, Some((_, p))) => matches!(p, Part::Begin | Part::Unit),
        (Some(_), None) => false,
        (Some((k, _)), Some((k2, p))) => k == k2 && matches!(p, Part::Inside | Part::Last),
    }
}

/// Whether a sentence may end on `tag`.
pub fn may_end(tag: u8) -> bool {
    !matches!(split(tag), Some((_, Part::Begin | Part::Inside)))
}

/// BILOU tags for spans over `len` tokens.
pub fn from_spans(len: usize, spans: &[TokenSpan]) -> Vec<u8> {
    let mut tags = vec![O; len];
    for span in spans {
        let (s, e) = (span.tokens.start, span.tokens.end);
        if e - s == 1 {
            tags[s] = tag(span.kind, Part::Unit);
        } else {
            tags[s] = tag(span.kind, Part::Begin);
            for t in &mut tags[s + 1..e - 1] {
                *t = tag(span.kind, Part::Inside);
            }
            tags[e - 1] = tag(span.kind, Part::Last);
        }
    }
    tags
}

/// Spans of a well-formed BILOU sequence (ill-formed pieces are closed leniently).
pub fn to_spans(tags: &[u8]) -> Vec<TokenSpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let cur = split(t);
        if let Some((start, kind)) = open {
            let continues = matches!(cur, Some((k, Part::Inside | Part::Last)) if k == kind);
            if !continues {
                spans.push(TokenSpan {
                    tokens: start..i,
                    kind,
                });
                open = None;
            }
        }
        match cur {
            Some((k, Part::Unit)) => spans.push(TokenSpan {
                tokens: i..i + 1,
                kind: k,
            }),
            Some((k, Part::Begin)) => open = Some((i, k)),
            Some((k, Part::Inside | Part::Last)) if open.is_none() => open = Some((i, k)),
            _ => {}
        }
        if let (Some((start, kind)), Some((_, Part::Last))) = (open, cur) {
            spans.push(TokenSpan {
                tokens: start..i + 1,
                kind,
            });
            open = None;
        }
    }
    if let Some((start, kind)) = open {
        spans.push(TokenSpan {
            tokens: start..tags.len(),
            kind,
        });
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_round_trips() {
        for t in 1..NUM_TAGS as u8 {
            let (k, p) = split(t).unwrap();
            assert_eq!(tag(k, p), t);
        }
        assert_eq!(split(O), None);
    }

    #[test]
    fn spans_round_trip_through_bilou() {
        let spans = vec![
            TokenSpan {
                tokens: 0..1,
                kind: EntityKind::Person,
            },
            TokenSpan {
                tokens: 2..5,
                kind: EntityKind::Organisation,
            },
            TokenSpan {
                tokens: 5..7,
                kind: EntityKind::Location,
            },
        ];
        let tags = from_spans(8, &spans);
        assert_eq!(to_spans(&tags), spans);
        for w in tags.windows(2) {
            assert!(allowed(Some(w[0]), w[1]));
        }
        assert!(may_end(tags[7]));
    }

    #[test]
    fn transitions_respect_bilou() {
        let b_per = tag(EntityKind::Person, Part::Begin);
        let l_per = tag(EntityKind::Person, Part::Last);
        let l_org = tag(EntityKind::Organisation, Part::Last);
        assert!(allowed(Some(b_per), l_per));
        assert!(!allowed(Some(b_per), l_org));
        assert!(!allowed(Some(b_per), O));
        assert!(!allowed(None, l_per));
        assert!(!may_end(b_per));
    }
}
