//! Arbitrary input never breaks the pipeline: random text (multi-byte
//! characters, control characters, quotes, dashes, stray periods) and random
//! bytes in files of every supported type are analysed, resolved and indexed
//! without a panic, and every offset stays valid.

use crossread::analysis::lexicon::Lexicon;
use crossread::analysis::ner::HybridTagger;
use crossread::analysis::rules::RuleTagger;
use crossread::analysis::{AnalyzedText, EntityTagger, analyze};
use crossread::corpus::{self, Article, Corpus};
use crossread::index::CorpusIndex;

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "Russia",
    "U.S.",
    "al-Nusra",
    "Jabhat",
    "Sergey",
    "Ryabkov",
    "the",
    "of",
    "and",
    "said",
    "Mr.",
    "(",
    ")",
    "\"",
    "“",
    "”",
    "'s",
    "’s",
    "—",
    "–",
    "-",
    ".",
    "...",
    "…",
    ",",
    "!",
    "?",
    ":",
    "\n",
    "\n\n",
    " ",
    "  ",
    "\t",
    "\r\n",
    "\u{1b}[31m",
    "\u{7}",
    "\u{0}",
    "\u{202e}",
    "é",
    "日本",
    "🙂",
    "IS",
    "UN",
    "also known as",
    "Dr.",
    "Jr",
    "ÉCOLE",
    "x",
    "123",
    "1.9",
    "470,000",
    "/",
    "'",
];

fn random_text(rng: &mut Rng) -> String {
    let len = rng.below(120);
    let mut text = String::new();
    for _ in 0..len {
        text.push_str(PIECES[rng.below(PIECES.len())]);
        if rng.below(3) > 0 {
            text.push(' ');
        }
    }
    text
}

fn check_offsets(text: &str, analysis: &AnalyzedText) {
    let mut previous_end = 0;
    for token in &analysis.tokens {
        assert!(token.start < token.end, "empty token in {text:?}");
        assert!(token.start >= previous_end, "tokens overlap in {text:?}");
        assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
        previous_end = token.end;
    }
    let mut next_token = 0;
    for sentence in &analysis.sentences {
        assert_eq!(
            sentence.start, next_token,
            "sentences leave a gap in {text:?}"
        );
        assert!(sentence.start < sentence.end);
        next_token = sentence.end;
    }
    assert_eq!(
        next_token,
        analysis.tokens.len(),
        "sentences cover every token"
    );
    let mut previous_end = 0;
    for mention in &analysis.mentions {
        assert!(mention.start < mention.end && mention.end <= text.len());
        assert!(
            mention.start >= previous_end,
            "mentions overlap in {text:?}"
        );
        assert!(text.is_char_boundary(mention.start) && text.is_char_boundary(mention.end));
        assert!(mention.sentence < analysis.sentences.len());
        previous_end = mention.end;
    }
}

#[test]
fn random_text_is_analysed_resolved_and_indexed() {
    let taggers: [&dyn EntityTagger; 2] = [HybridTagger::builtin(), &RuleTagger::builtin()];
    for (t, tagger) in taggers.into_iter().enumerate() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 + t as u64);
        let mut articles = Vec::new();
        for i in 0..1500 {
            let text = random_text(&mut rng);
            check_offsets(&text, &analyze(&text, tagger));
            articles.push(Article {
                path: format!("random/{i}.txt"),
                title: String::new(),
                source: None,
                date: None,
                place: None,
                url: None,
                text,
                encoding: None,
            });
        }
        let corpus = Corpus {
            articles,
            issues: Vec::new(),
        };
        let index = CorpusIndex::build(corpus, tagger, Lexicon::builtin());
        for (a, analysis) in index.analyses.iter().enumerate() {
            for m in 0..analysis.mentions.len() {
                let r = crossread::index::MentionRef {
                    article: a,
                    mention: m,
                };
                let actor = index.actor_of(r);
                assert!(index.mentions_of(actor).contains(&r));
                let (sentence, range) = index.context(r);
                assert_eq!(&sentence[range], index.mention_text(r));
            }
        }
    }
}

#[test]
fn random_bytes_in_every_file_type_never_stop_a_load() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let extensions = ["txt", "md", "json", "jsonl", "html", "rss", "atom", "xml"];
    for i in 0..80 {
        let ext = extensions[i % extensions.len()];
        let len = rng.below(400);
        let bytes: Vec<u8> = if rng.below(2) == 0 {
            (0..len).map(|_| rng.below(256) as u8).collect()
        } else {
            // Mostly text, with the markup characters these formats use.
            let markup = [
                "{",
                "}",
                "[",
                "]",
                "\"text\":",
                "<p>",
                "</p>",
                "<item>",
                "&amp;",
                "<",
            ];
            let mut s = random_text(&mut rng);
            s.push_str(markup[rng.below(markup.len())]);
            s.into_bytes()
        };
        std::fs::write(dir.path().join(format!("f{i}.{ext}")), bytes).unwrap();
    }
    std::fs::write(
        dir.path().join("good.txt"),
        "Good news\n\nRussia and Iran met in Geneva.",
    )
    .unwrap();
    let corpus = corpus::load_paths(&[dir.path().to_path_buf()]);
    assert!(
        corpus.articles.iter().any(|a| a.path.ends_with("good.txt")),
        "the readable file loads whatever surrounds it"
    );
    for issue in &corpus.issues {
        assert!(issue.path.contains(dir.path().to_str().unwrap()), "{issue}");
        assert!(!issue.reason.is_empty());
    }
    let index = CorpusIndex::build(corpus, HybridTagger::builtin(), Lexicon::builtin());
    for (article, analysis) in index.articles.iter().zip(index.analyses.iter()) {
        check_offsets(&article.text, analysis);
    }
}
