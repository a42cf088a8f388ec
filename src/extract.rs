//! The machine-readable view of an analysed corpus (`crossread extract`).
//!
//! Offsets are byte offsets into the article text: the whole file for
//! .txt/.md (decoded to UTF-8 when in another encoding), the `text` field
//! for JSON inputs, the extracted text for HTML and feeds; a mention's
//! `text` equals that slice, and `extract --text` prints the article text.

use serde::Serialize;

use crate::analysis::EntityKind;
use crate::analysis::descriptors::DescriptorKind;
use crate::index::profile::SourceProfile;
use crate::index::{CorpusIndex, MentionRef};

#[derive(Debug, Serialize)]
pub struct Extraction<'a> {
    pub articles: Vec<ArticleOut<'a>>,
    pub actors: Vec<ActorOut<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ArticleOut<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub source: Option<&'a str>,
    pub date: Option<&'a str>,
    pub place: Option<&'a str>,
    pub url: Option<&'a str>,
    /// The encoding the file was decoded from (`null` for the built-in sample).
    pub encoding: Option<&'a str>,
    /// The text the offsets refer to, with `extract --text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
    pub mentions: Vec<MentionOut<'a>>,
}

#[derive(Debug, Serialize)]
pub struct MentionOut<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The id of the actor the mention refers to.
    pub actor: &'a str,
}

#[derive(Debug, Serialize)]
pub struct ActorOut<'a> {
    pub id: &'a str,
    pub name: &'a str,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    pub aliases: &'a [String],
    /// How the texts describe the actor ("Russian Deputy Foreign Minister").
    pub descriptors: &'a [String],
    pub mentions: usize,
    pub articles: usize,
    /// How each source names and describes the actor.
    pub by_source: Vec<SourceOut<'a>>,
}

/// One source's names and descriptors for an actor.
#[derive(Debug, Serialize)]
pub struct SourceOut<'a> {
    pub source: String,
    /// Names this source uses, most used first.
    pub names: Vec<NameOut>,
    /// Most distinctive for this source first.
    pub descriptors: Vec<DescriptorOut<'a>>,
    pub mentions: usize,
    pub articles: usize,
    pub first: Option<String>,
    pub last: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct NameOut {
    pub text: String,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct DescriptorOut<'a> {
    pub text: String,
    pub kind: DescriptorKind,
    pub count: usize,
    pub example: ExampleOut<'a>,
}

/// Where a descriptor was read: `text[start..end]` of the article at `path`.
#[derive(Debug, Serialize)]
pub struct ExampleOut<'a> {
    pub article: &'a str,
    pub start: usize,
    pub end: usize,
}

impl<'a> SourceOut<'a> {
    fn of(index: &'a CorpusIndex, source: SourceProfile) -> SourceOut<'a> {
        SourceOut {
            names: source
                .names
                .into_iter()
                .map(|n| NameOut {
                    count: n.mentions.len(),
                    text: n.text,
                })
                .collect(),
            descriptors: source
                .descriptors
                .into_iter()
                .map(|d| DescriptorOut {
                    count: d.count,
                    kind: d.kind,
                    example: ExampleOut {
                        article: &index.articles[d.example.article].path,
                        start: d.example.start,
                        end: d.example.end,
                    },
                    text: d.text,
                })
                .collect(),
            mentions: source.mentions.len(),
            articles: source.articles,
            first: source.first,
            last: source.last,
            source: source.source,
        }
    }
}

impl<'a> ArticleOut<'a> {
    pub fn new(index: &'a CorpusIndex, article: usize) -> ArticleOut<'a> {
        let a = &index.articles[article];
        let mentions = (0..index.analyses[article].mentions.len())
            .map(|mention| {
                let r = MentionRef { article, mention };
                let m = index.mention(r);
                MentionOut {
                    start: m.start,
                    end: m.end,
                    text: index.mention_text(r),
                    kind: m.kind,
                    actor: &index.actors[index.actor_of(r)].id,
                }
            })
            .collect();
        ArticleOut {
            path: &a.path,
            title: &a.title,
            source: a.source.as_deref(),
            date: a.date.as_deref(),
            place: a.place.as_deref(),
            url: a.url.as_deref(),
            encoding: a.encoding,
            text: None,
            mentions,
        }
    }
}

impl<'a> ArticleOut<'a> {
    /// The same article with the text its offsets refer to.
    pub fn with_text(mut self, index: &'a CorpusIndex, article: usize) -> ArticleOut<'a> {
        self.text = Some(&index.articles[article].text);
        self
    }
}

impl<'a> Extraction<'a> {
    /// The same extraction with each article's text.
    pub fn with_text(mut self, index: &'a CorpusIndex) -> Extraction<'a> {
        for (i, article) in self.articles.iter_mut().enumerate() {
            article.text = Some(&index.articles[i].text);
        }
        self
    }

    pub fn new(index: &'a CorpusIndex) -> Extraction<'a> {
        let articles = (0..index.articles.len())
            .map(|a| ArticleOut::new(index, a))
            .collect();
        let actors = index
            .actors
            .iter()
            .enumerate()
            .map(|(id, actor)| ActorOut {
                id: &actor.id,
                name: &actor.name,
                kind: actor.kind,
                aliases: &actor.aliases,
                descriptors: &actor.descriptors,
                mentions: index.mentions_of(id).len(),
                articles: index.article_count(id),
                by_source: index
                    .profile(id)
                    .sources
                    .into_iter()
                    .map(|s| SourceOut::of(index, s))
                    .collect(),
            })
            .collect();
        Extraction { articles, actors }
    }
}

/// Writes `value` as compact JSON in which every character [`crate::safe`]
/// keeps from terminals (DEL, C1 controls, bidi overrides: JSON itself only
/// escapes C0) is written as a `\uXXXX` escape. The JSON means the same, and
/// printed to a terminal it cannot drive it.
pub fn write_json<W: std::io::Write, T: Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(writer, TerminalSafe);
    value.serialize(&mut ser)
}

struct TerminalSafe;

impl serde_json::ser::Formatter for TerminalSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut clean = 0;
        for (i, c) in fragment.char_indices() {
            if crate::safe::is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[clean..i])?;
                // Every unsafe character is in the Basic Multilingual Plane.
                write!(writer, "\\u{:04x}", c as u32)?;
                clean = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[clean..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_terminals_obey_and_means_the_same() {
        let value = vec!["a\u{9b}31m\u{7f} \u{202e}b\x1b]0;x\x07 Заг 日本"];
        let mut out = Vec::new();
        write_json(&mut out, &value).unwrap();
        let printed = String::from_utf8(out).unwrap();
        assert!(!printed.chars().any(crate::safe::is_unsafe), "{printed}");
        assert!(printed.contains("\\u009b") && printed.contains("\\u202e"));
        let back: Vec<String> = serde_json::from_str(&printed).unwrap();
        assert_eq!(back, value);
    }
}
