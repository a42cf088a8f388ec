//! Data built into the binary, so an installed `crossread` needs no files
//! beside it. Where each file comes from is told in `assets/README.md`.

/// The sample corpus opened when no path is given: (file name, text).
pub const SAMPLE_CORPUS: &[(&str, &str)] = &[
    (
        "000_e2a401e195530229.txt",
        include_str!("../assets/sample/000_e2a401e195530229.txt"),
    ),
    (
        "001_106bd4b57004bcbf.txt",
        include_str!("../assets/sample/001_106bd4b57004bcbf.txt"),
    ),
];

/// The lexicon files of `assets/lexicon/`.
#[derive(Debug, Clone, Copy)]
pub struct LexiconFiles {
    pub countries: &'static str,
    pub actors: &'static str,
    pub places: &'static str,
    pub first_names: &'static str,
    pub surnames: &'static str,
    pub common_words: &'static str,
    pub person_titles: &'static str,
    pub org_words: &'static str,
    pub place_words: &'static str,
    pub news_sources: &'static str,
    pub nicknames: &'static str,
    pub given_genders: &'static str,
}

pub const LEXICON: LexiconFiles = LexiconFiles {
    countries: include_str!("../assets/lexicon/countries.tsv"),
    actors: include_str!("../assets/lexicon/actors.tsv"),
    places: include_str!("../assets/lexicon/places.tsv"),
    first_names: include_str!("../assets/lexicon/first_names.txt"),
    surnames: include_str!("../assets/lexicon/surnames.txt"),
    common_words: include_str!("../assets/lexicon/common_words.txt"),
    person_titles: include_str!("../assets/lexicon/person_titles.txt"),
    org_words: include_str!("../assets/lexicon/org_words.txt"),
    place_words: include_str!("../assets/lexicon/place_words.tsv"),
    news_sources: include_str!("../assets/lexicon/news_sources.tsv"),
    nicknames: include_str!("../assets/lexicon/nicknames.tsv"),
    given_genders: include_str!("../assets/lexicon/given_genders.tsv"),
};

/// The trained entity tagger (see the "model" section of `assets/README.md`).
pub const NER_MODEL: &[u8] = include_bytes!("../assets/model/ner.bin");
