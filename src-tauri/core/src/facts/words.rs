//! How a name the user types is compared with a known one: lower case, accents off, split
//! into words, a plural or a salt's ending left aside.

/// The words of a name as compared: lower case, accents taken off, split at anything but a
/// letter, a digit or one of `keep` ("Lévofloxacine 500 mg" → levofloxacine, 500, mg).
pub(super) fn words(name: &str, keep: &[char]) -> Vec<String> {
    let folded: String = name.to_lowercase().chars().map(unaccented).collect();
    folded
        .split(|c: char| !(c.is_alphanumeric() || keep.contains(&c)))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The letter without its accent, for the accents of the spellings of Europe ("é" → "e").
fn unaccented(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        _ => c,
    }
}

/// A name without the ending the spellings outside the US add or drop (ciprofloxacine and
/// ciprofloxacino → ciprofloxacin; doxycycline and doxycyclin → doxycyclin). Only long names
/// lose an ending, so a short brand ("cipro") is compared whole.
fn stem(word: &str) -> &str {
    ["e", "o", "a"]
        .iter()
        .find_map(|end| word.strip_suffix(end).filter(|s| s.chars().count() >= 7))
        .unwrap_or(word)
}

/// Whether a typed `word` (from [`words`]) names the `known` one (lower case): the same, or a
/// spelling of it from outside the US.
pub(super) fn same_name(word: &str, known: &str) -> bool {
    word == known || stem(word) == stem(known)
}
