//! A rule-and-lexicon entity tagger.
