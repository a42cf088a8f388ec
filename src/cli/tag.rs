//! `crossread tag`: tags CoNLL column text from standard input, appending
//! the predicted IOB2 tag to every token line.

use std::io::{BufWriter, Read, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};

use crate::analysis::ner::PerceptronTagger;
use crate::analysis::ner::conll::{ConllFile, Item};
use crate::analysis::ner::train::iob2;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// CoNLL-2003 columns: token first, `-DOCSTART-` lines, blank lines between sentences.
    Conll,
}

#[derive(Debug, Args)]
pub struct TagArgs {
    #[arg(long, value_enum, default_value_t = Format::Conll)]
    pub format: Format,
    /// A model file to use instead of the built-in one.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

pub fn run(args: TagArgs) -> anyhow::Result<()> {
    let owned;
    let tagger = match &args.model {
        Some(path) => {
            let bytes = std::fs::read(path).with_context(|| path.display().to_string())?;
            owned = PerceptronTagger::from_bytes(&bytes)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            &owned
        }
        None => PerceptronTagger::builtin(),
    };
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("standard input")?;
    let file = ConllFile::parse(&input);
    let mut out = BufWriter::new(std::io::stdout().lock());
    // Tag one document at a time, then write its lines back in order.
    let mut start = 0;
    while start < file.items.len() {
        let mut end = start + 1;
        while end < file.items.len() && !matches!(file.items[end], Item::DocStart(_)) {
            end += 1;
        }
        write_document(tagger, &file.items[start..end], &mut out)?;
        start = end;
    }
    out.flush()?;
    Ok(())
}

fn write_document(
    tagger: &PerceptronTagger,
    items: &[Item],
    out: &mut impl Write,
) -> std::io::Result<()> {
    let words: Vec<Vec<&str>> = items
        .iter()
        .filter_map(|i| match i {
            Item::Sentence(s) => Some(s.tokens()),
            _ => None,
        })
        .collect();
    let mut tags = tagger.model().tag_document(&words).into_iter();
    for item in items {
        match item {
            Item::DocStart(line) | Item::Blank(line) => writeln!(out, "{line}")?,
            Item::Sentence(s) => {
                let tags = iob2(&tags.next().unwrap_or_default());
                for (line, tag) in s.lines.iter().zip(tags) {
                    writeln!(out, "{line} {tag}")?;
                }
            }
        }
    }
    Ok(())
}
