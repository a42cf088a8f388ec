//! The shipped entity model must keep its quality on the CoNLL-2003 dev set.

use std::path::Path;

use crossread::analysis::EntityTagger;
use crossread::analysis::entity::spans_to_iob;
use crossread::analysis::ner::PerceptronTagger;
use crossread::analysis::ner::conll::ConllFile;
use crossread::analysis::ner::eval::Score;

#[test]
fn builtin_model_scores_on_conll_dev() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/conll2003/dev.txt");
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
        score.overall.f1() >= 0.90,
        "dev F1 {:.4} below 0.90",
        score.overall.f1()
    );
}
