//! Reading CoNLL-2003 column files: one token per line (token first, the
//! entity tag, when present, last), blank lines between sentences and
//! `-DOCSTART-` lines starting documents.

/// One sentence: its original lines, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub lines: Vec<String>,
}

impl Sentence {
    pub fn tokens(&self) -> Vec<&str> {
        self.lines.iter().map(|l| column(l, 0)).collect()
    }

    /// The last column of every line (the gold tag in annotated files).
    pub fn last_column(&self) -> Vec<&str> {
        self.lines
            .iter()
            .map(|l| l.split_whitespace().next_back().unwrap_or(""))
            .collect()
    }
}

fn column(line: &str, n: usize) -> &str {
    line.split_whitespace().nth(n).unwrap_or("")
}

/// A piece of a CoNLL file, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A `-DOCSTART-` line, kept as written.
    DocStart(String),
    /// A blank line (any whitespace kept as written).
    Blank(String),
    Sentence(Sentence),
}

/// A whole CoNLL file.
#[derive(Debug, Clone, Default)]
pub struct ConllFile {
    pub items: Vec<Item>,
}

impl ConllFile {
    pub fn parse(text: &str) -> ConllFile {
        let mut items = Vec::new();
        let mut current = Sentence::default();
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            let first = column(line, 0);
            if first.is_empty() || first == "-DOCSTART-" {
                if !current.lines.is_empty() {
                    items.push(Item::Sentence(std::mem::take(&mut current)));
                }
                items.push(if first.is_empty() {
                    Item::Blank(line.to_string())
                } else {
                    Item::DocStart(line.to_string())
                });
            } else {
                current.lines.push(line.to_string());
            }
        }
        if !current.lines.is_empty() {
            items.push(Item::Sentence(current));
        }
        ConllFile { items }
    }

    pub fn read(path: &std::path::Path) -> anyhow::Result<ConllFile> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        Ok(ConllFile::parse(&text))
    }

    /// Documents as lists of sentences (a file without `-DOCSTART-` is one document).
    pub fn documents(&self) -> Vec<Vec<&Sentence>> {
        let mut docs = vec![Vec::new()];
        for item in &self.items {
            match item {
                Item::DocStart(_) => docs.push(Vec::new()),
                Item::Sentence(s) => docs.last_mut().expect("never empty").push(s),
                Item::Blank(_) => {}
            }
        }
        docs.retain(|d| !d.is_empty());
        docs
    }

    /// Checks that every sentence line has at least `min` columns; the
    /// error names the 1-based line number.
    pub fn check_columns(&self, min: usize) -> Result<(), String> {
        let mut line_no = 0;
        for item in &self.items {
            match item {
                Item::Sentence(s) => {
                    for l in &s.lines {
                        line_no += 1;
                        if l.split_whitespace().count() < min {
                            return Err(format!(
                                "line {line_no}: expected at least {min} columns: {l:?}"
                            ));
                        }
                    }
                }
                _ => line_no += 1,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n\n-DOCSTART- -X- -X- O\n\nBonn NNP B-NP B-LOC\n";

    #[test]
    fn parses_documents_and_sentences() {
        let file = ConllFile::parse(SAMPLE);
        let docs = file.documents();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].len(), 2);
        assert_eq!(docs[0][0].tokens(), ["EU", "rejects"]);
        assert_eq!(docs[0][0].last_column(), ["B-ORG", "O"]);
        assert_eq!(docs[1][0].tokens(), ["Bonn"]);
        assert!(file.check_columns(2).is_ok());
    }

    #[test]
    fn short_lines_are_reported_with_their_number() {
        let file = ConllFile::parse("-DOCSTART- O\n\nEU B-ORG\nrejects\n");
        assert_eq!(
            file.check_columns(2).unwrap_err(),
            "line 4: expected at least 2 columns: \"rejects\""
        );
    }
}
