//! Word clusters learned from unlabelled text with the predictive exchange
//! algorithm (Uszkoreit & Brants 2008): words are moved between a fixed
//! number of classes to maximise the likelihood of a class bigram model
//! P(w | c(w)) P(c(w) | previous word). Clusters at several granularities
//! stand in for the prefixes of a Brown cluster hierarchy.

use std::collections::HashMap;

/// Clustering settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Words seen fewer times are not clustered.
    pub min_count: u32,
    /// Number of classes at each granularity.
    pub sizes: Vec<usize>,
    pub iterations: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_count: 3,
            sizes: vec![64, 256, 1024],
            iterations: 10,
        }
    }
}

/// x ln x, with a table for the small counts that dominate.
struct XLogX {
    table: Vec<f64>,
}

impl XLogX {
    fn new(size: usize) -> XLogX {
        XLogX {
            table: (0..size).map(|x| Self::compute(x as u32)).collect(),
        }
    }
    fn compute(x: u32) -> f64 {
        if x == 0 {
            0.0
        } else {
            x as f64 * (x as f64).ln()
        }
    }
    #[inline]
    fn get(&self, x: u32) -> f64 {
        match self.table.get(x as usize) {
            Some(&v) => v,
            None => Self::compute(x),
        }
    }
}

/// The vocabulary and bigram statistics of a corpus.
pub struct Corpus {
    /// Clustered words, most frequent first.
    pub words: Vec<String>,
    counts: Vec<u32>,
    /// For each clustered word, its predecessors (context id, count); context
    /// ids are word ids, then one id for rare words and one for sentence start.
    predecessors: Vec<Vec<(u32, u32)>>,
    contexts: usize,
}

impl Corpus {
    /// Counts words and bigrams over sentences of tokens.
    pub fn new<'a>(
        sentences: impl Iterator<Item = Vec<&'a str>> + Clone,
        min_count: u32,
    ) -> Corpus {
        let mut freq: HashMap<&str, u32> = HashMap::new();
        for s in sentences.clone() {
            for w in s {
                *freq.entry(w).or_default() += 1;
            }
        }
        let mut words: Vec<(&str, u32)> =
            freq.into_iter().filter(|&(_, c)| c >= min_count).collect();
        // Frequency, then the word itself, so the order is deterministic.
        words.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let id: HashMap<&str, u32> = words
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (*w, i as u32))
            .collect();
        let rare = words.len() as u32;
        let start = rare + 1;
        let mut bigrams: HashMap<(u32, u32), u32> = HashMap::new();
        for s in sentences {
            let mut prev = start;
            for w in s {
                let cur = id.get(w).copied().unwrap_or(rare);
                if cur != rare {
                    *bigrams.entry((prev, cur)).or_default() += 1;
                }
                prev = cur;
            }
        }
        let mut predecessors = vec![Vec::new(); words.len()];
        for ((v, w), n) in bigrams {
            predecessors[w as usize].push((v, n));
        }
        for p in &mut predecessors {
            p.sort_unstable();
        }
        Corpus {
            counts: words.iter().map(|w| w.1).collect(),
            words: words.into_iter().map(|(w, _)| w.to_string()).collect(),
            predecessors,
            contexts: start as usize + 1,
        }
    }

    // Indices tie words, classes and contexts together in the parallel arrays.
    #[allow(clippy::needless_range_loop)]
    /// Assigns each word one of `classes` classes; `log` hears about progress.
    pub fn cluster(
        &self,
        classes: usize,
        iterations: usize,
        mut log: impl FnMut(&str),
    ) -> Vec<u32> {
        let n = self.words.len();
        let xlogx = XLogX::new(1 << 16);
        // Most frequent words start in their own classes.
        let mut class: Vec<u32> = (0..n).map(|i| (i % classes) as u32).collect();
        let mut context_class = vec![0u32; self.contexts * classes];
        let mut class_count = vec![0u32; classes];
        for w in 0..n {
            let c = class[w] as usize;
            class_count[c] += self.counts[w];
            for &(v, k) in &self.predecessors[w] {
                context_class[v as usize * classes + c] += k;
            }
        }
        let mut delta = vec![0f64; classes];
        for it in 1..=iterations {
            let mut moved = 0;
            for w in 0..n {
                let old = class[w] as usize;
                let nw = self.counts[w];
                class_count[old] -= nw;
                for &(v, k) in &self.predecessors[w] {
                    context_class[v as usize * classes + old] -= k;
                }
                for (c, d) in delta.iter_mut().enumerate() {
                    *d = xlogx.get(class_count[c]) - xlogx.get(class_count[c] + nw);
                }
                for &(v, k) in &self.predecessors[w] {
                    let row = &context_class[v as usize * classes..(v as usize + 1) * classes];
                    let fk = xlogx.get(k);
                    for (d, &nvc) in delta.iter_mut().zip(row) {
                        if nvc != 0 {
                            *d += xlogx.get(nvc + k) - xlogx.get(nvc) - fk;
                        }
                    }
                }
                let mut best = old;
                for (c, &d) in delta.iter().enumerate() {
                    if d > delta[best] + 1e-9 {
                        best = c;
                    }
                }
                if best != old {
                    moved += 1;
                }
                class[w] = best as u32;
                class_count[best] += nw;
                for &(v, k) in &self.predecessors[w] {
                    context_class[v as usize * classes + best] += k;
                }
            }
            log(&format!(
                "{classes} classes, iteration {it}: {moved} words moved"
            ));
            if moved == 0 {
                break;
            }
        }
        class
    }
}

/// Reads a clusters file: `word<TAB>id<TAB>id...` per line.
pub fn parse(text: &str) -> Result<Vec<(String, Vec<u16>)>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(n, l)| {
            let mut cols = l.split('\t');
            let word = cols.next().unwrap_or_default().to_string();
            let ids = cols
                .map(|c| c.parse::<u16>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("line {}: {e}", n + 1))?;
            if ids.is_empty() {
                return Err(format!("line {}: no cluster ids", n + 1));
            }
            Ok((word, ids))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        let mut text = Vec::new();
        for day in ["Monday", "Tuesday", "Friday"] {
            for city in ["Paris", "Berlin", "Rome"] {
                text.push(format!("he arrived in {city} on {day} ."));
                text.push(format!("she left {city} on {day} ."));
            }
        }
        let sentences: Vec<Vec<&str>> = text.iter().map(|s| s.split(' ').collect()).collect();
        let corpus = Corpus::new(sentences.iter().cloned(), 1);
        let class = corpus.cluster(4, 20, |_| {});
        let of = |w: &str| class[corpus.words.iter().position(|x| x == w).unwrap()];
        assert_eq!(of("Paris"), of("Berlin"));
        assert_eq!(of("Rome"), of("Paris"));
        assert_eq!(of("Monday"), of("Friday"));
        assert_ne!(of("Paris"), of("Monday"));
    }

    #[test]
    fn clusters_file_parses_and_reports_bad_lines() {
        let ok = parse("Paris\t3\t17\n# comment\nRome\t3\t18\n").unwrap();
        assert_eq!(ok[1], ("Rome".to_string(), vec![3, 18]));
        assert!(parse("Paris\tx\n").unwrap_err().starts_with("line 1"));
    }
}
