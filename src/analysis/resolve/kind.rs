//! An actor's type from evidence stronger than one tagger's vote: the form
//! of its name ("Gulf of Aden" is a place whatever a tagger said) and the way
//! the corpus writes about it (a name beside a score is a team).

use crate::analysis::EntityKind;
use crate::analysis::lexicon::Lexicon;

/// The type an actor's name and mentions prove, if any. `rep` is the
/// normalised name (lower case, words split by single spaces), `voted` the
/// kind the tagger votes give, `contexts` each mention's text before and after.
pub(super) fn proven_kind<'a>(
    rep: &str,
    voted: EntityKind,
    contexts: impl Iterator<Item = (&'a str, &'a str)>,
    lexicon: &Lexicon,
) -> Option<EntityKind> {
    let words: Vec<&str> = rep.split(' ').collect();
    // A person's name may end in a word of geography ("Tom Lake").
    let person_form = voted == EntityKind::Person && lexicon.first_names.contains(words[0]);
    if !person_form && names_a_place(&words, lexicon) {
        return Some(EntityKind::Location);
    }
    // A boxer's record follows a full name as a score follows a team, so
    // only a name not written as a person's can be proved a team.
    let named_as_person = voted == EntityKind::Person && words.len() > 1;
    if voted != EntityKind::Organisation && !named_as_person {
        let (mut scored, mut placed, mut total) = (0usize, 0usize, 0usize);
        for (before, after) in contexts {
            total += 1;
            scored += usize::from(is_team_context(before, after));
            placed += usize::from(is_place_context(before));
        }
        // A state's team and the state share a name: the reading the corpus
        // gives more often wins ("Tennessee (9-4)" once, "in Tennessee" often).
        let enough = scored >= 2 || (scored == 1 && total <= 2);
        if enough && scored > placed {
            return Some(EntityKind::Organisation);
        }
    }
    None
}

/// "Persian Gulf", "Gulf of Aden", "Mount Cook": not an organisation's name
/// ("Lake Placid Organizing Committee").
fn names_a_place(words: &[&str], lexicon: &Lexicon) -> bool {
    if words.len() < 2 || words.iter().any(|w| lexicon.org_words.contains(*w)) {
        return false;
    }
    let last = words[words.len() - 1];
    lexicon.place_heads.contains(last)
        || (lexicon.place_heads.contains(words[0]) && words[1] == "of")
        || lexicon.place_prefixes.contains(words[0])
}

/// Whether a mention stands where sports results put a team: before a score
/// or a win-loss record ("Drake 65-58", "beat Duke, 83-74", "Evansville
/// (7-2)"), or after a
/// ranking ("No. 1 North Carolina").
fn is_team_context(before: &str, after: &str) -> bool {
    let after = after.strip_prefix("'s").unwrap_or(after);
    let record = after
        .trim_start()
        .strip_prefix('(')
        .is_some_and(|rest| score(rest).is_some_and(|rest| rest.starts_with(')')));
    let after = after.strip_prefix(',').unwrap_or(after);
    let result = after.starts_with(' ') && score(after.trim_start()).is_some();
    record || result || ranked(before)
}

/// Whether a mention stands where a place does: "in Tennessee", "near
/// Evansville", "Nashville, Tennessee".
fn is_place_context(before: &str) -> bool {
    let Some(rest) = before.strip_suffix(' ') else {
        return false;
    };
    if let Some(city) = rest.strip_suffix(',') {
        let word = city.rsplit([' ', '\n']).next().unwrap_or(city);
        return word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().skip(1).all(char::is_lowercase);
    }
    let word = rest.rsplit([' ', '\n']).next().unwrap_or(rest);
    ["in", "near", "outside", "across", "to"].contains(&word)
}

/// Parses "65-58" (or with an en dash) at the start of `s`; returns the rest.
fn score(s: &str) -> Option<&str> {
    let rest = digits(s, 3)?;
    let rest = rest.trim_start_matches(' ');
    let rest = rest
        .strip_prefix('-')
        .or_else(|| rest.strip_prefix('\u{2013}'))?;
    let rest = digits(rest.trim_start_matches(' '), 3)?;
    // "65-58" but not "12-year-old" or a date "2008-09".
    (!rest.starts_with(|c: char| c.is_alphanumeric() || c == '-')).then_some(rest)
}

/// Strips one to `max` ASCII digits from the start of `s`.
fn digits(s: &str, max: usize) -> Option<&str> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (1..=max).contains(&n).then(|| &s[n..])
}

/// Whether `before` ends with a poll ranking: "No. 9 ", "No.1 ".
fn ranked(before: &str) -> bool {
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() == before.len() {
        return false;
    }
    let n = trimmed.bytes().rev().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&n) {
        return false;
    }
    let head = trimmed[..trimmed.len() - n].trim_end_matches(' ');
    head.ends_with("No.") && !head[..head.len() - 3].ends_with(|c: char| c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;

    fn kind(rep: &str, voted: EntityKind, contexts: &[(&str, &str)]) -> Option<EntityKind> {
        proven_kind(rep, voted, contexts.iter().copied(), Lexicon::builtin())
    }

    #[test]
    fn names_of_geography_are_places() {
        assert_eq!(kind("gulf of aden", Misc, &[]), Some(Location));
        assert_eq!(kind("persian gulf", Organisation, &[]), Some(Location));
        assert_eq!(kind("mt cook", Person, &[]), Some(Location));
        assert_eq!(kind("brazos county", Organisation, &[]), Some(Location));
        // A person named by a word of geography, an organisation, a bare word.
        assert_eq!(kind("tom lake", Person, &[]), None);
        assert_eq!(
            kind("lake placid organizing committee", Organisation, &[]),
            None
        );
        assert_eq!(kind("gulf", Location, &[]), None);
        assert_eq!(kind("gulf air", Organisation, &[]), None);
    }

    #[test]
    fn names_beside_scores_are_teams() {
        let scores = [(" defeated ", " 65-58 in"), ("", " (7-2) on")];
        assert_eq!(kind("drake", Person, &scores), Some(Organisation));
        assert_eq!(kind("evansville", Location, &scores), Some(Organisation));
        let ranked = [("the No. 1 ", " won"), ("No.12 ", ",")];
        assert_eq!(
            kind("north carolina", Location, &ranked),
            Some(Organisation)
        );
        // A boxer's record, an age, a date, one score among many mentions.
        assert_eq!(kind("joe louis", Person, &scores), None);
        let not_scores = [
            ("", " 12-year-old"),
            ("", " 2008-09 season"),
            ("", " 65-58"),
            ("", " said"),
            ("", " said"),
        ];
        assert_eq!(kind("evansville", Location, &not_scores), None);
        assert_eq!(
            kind("furman", Person, &[("", " 61-58.")]),
            Some(Organisation)
        );
        // The state more often than the team.
        let state = [
            ("over No. 8 ", ","),
            ("beat ", ", 83-74"),
            ("Nashville, ", "."),
            ("born in ", " on"),
            ("moved to ", " in"),
        ];
        assert_eq!(kind("tennessee", Location, &state), None);
        assert_eq!(kind("tennessee", Location, &state[..2]), Some(Organisation));
    }
}
