//! The shipped entity model must keep its quality on the CoNLL-2003 dev set.
//! The floors sit a little under the figures measured when they were set
//! (F1 0.930: PER 0.954, LOC 0.958, ORG 0.883, MISC 0.892), overall and per
//! type, so that a regression in any one type shows.

mod common;

use crossread::analysis::EntityTagger;
use crossread::analysis::entity::spans_to_iob;
use crossread::analysis::ner::PerceptronTagger;
use crossread::analysis::ner::conll::ConllFile;
use crossread::analysis::ner::eval::Score;

const MIN_F1: f64 = 0.925;
const MIN_F1_BY_TYPE: [(&str, f64); 4] = [
    ("PER", 0.948),
    ("LOC", 0.952),
    ("ORG", 0.875),
    ("MISC", 0.885),
];

#[test]
fn builtin_model_scores_on_conll_dev() {
    let Some(path) = common::data::shared(
        "builtin_model_scores_on_conll_dev",
        "data/conll2003/dev.txt",
    ) else {
        return;
    };
    let file = ConllFile::read(&path).expect("CoNLL-2003 dev data beside the checkout");
    let tagger = PerceptronTagger::builtin();
    let mut score = Score::default();
    for doc in file.documents() {
        let words: Vec<Vec<&str>> = doc.iter().map(|s| s.tokens()).collect();
        let spans = tagger.tag(&words);
        for (sentence, spans) in doc.iter().zip(&spans) {
            let predicted = spans_to_iob(sentence.lines.len(), spans);
            let predicted: Vec<&str> = predicted.iter().map(String::as_str).collect();
            score.add(&sentence.last_column(), &predicted);
        }
    }
    eprint!("{}", score.report());
    let gold = score.overall.tp + score.overall.fn_;
    assert!(gold > 5000, "dev set has {gold} entities: wrong file?");
    assert!(
        score.overall.f1() >= MIN_F1,
        "dev F1 {:.4} below {MIN_F1}",
        score.overall.f1()
    );
    for (label, floor) in MIN_F1_BY_TYPE {
        let f1 = score.by_type.get(label).map_or(0.0, |c| c.f1());
        assert!(f1 >= floor, "{label} dev F1 {f1:.4} below {floor}");
    }
}
