//! `crossread extract`: the analysed corpus as JSON or JSON Lines.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::AnalysisArgs;
use crate::extract::{ArticleOut, Extraction};

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files and folders of articles; the built-in sample corpus when none is given.
    paths: Vec<PathBuf>,
    /// `json`: one document with all articles and actors; `jsonl`: one article per line.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Include each article's text (the string the mention offsets index into).
    #[arg(long)]
    text: bool,
    #[command(flatten)]
    analysis: AnalysisArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Jsonl,
}

pub fn run(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    let mut stages = super::Stages::new(false, args.analysis.timings);
    let Some(opened) = super::build_index(&args.paths, &args.analysis, &mut stages) else {
        stages.end();
        return Ok(ExitCode::FAILURE);
    };
    for note in &opened.notes {
        super::say(note);
    }
    let index = opened.index;
    stages.begin("output", String::new());
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json => {
            let extraction = Extraction::new(&index);
            let extraction = if args.text {
                extraction.with_text(&index)
            } else {
                extraction
            };
            crate::extract::write_json(&mut out, &extraction)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for article in 0..index.articles.len() {
                let out_article = ArticleOut::new(&index, article);
                let out_article = if args.text {
                    out_article.with_text(&index, article)
                } else {
                    out_article
                };
                crate::extract::write_json(&mut out, &out_article)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    stages.finish();
    Ok(ExitCode::SUCCESS)
}
