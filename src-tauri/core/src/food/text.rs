//! Text folding shared by search, food groups and exclusions: lower case, accents removed
//! ("Crème" → "creme"), words split on anything that is not a letter or digit, and a light
//! English plural stem so "almond" finds "almonds" and "blueberries" finds "blueberry".

/// Appends `c` lower-cased and without its accent.
fn push_folded(c: char, out: &mut String) {
    for l in c.to_lowercase() {
        let plain = match l {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
            'æ' => "ae",
            'ç' | 'č' | 'ć' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'ē' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
            'ñ' | 'ń' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
            'œ' => "oe",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => "u",
            'ý' | 'ÿ' => "y",
            'ß' => "ss",
            'š' => "s",
            'ž' => "z",
            _ => {
                out.push(l);
                continue;
            }
        };
        out.push_str(plain);
    }
}

/// The folded words of `text`, in order: "Crème fraîche, 30%" → ["creme", "fraiche", "30"].
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            push_folded(c, &mut word);
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// A light plural stem: "berries" → "berry", "tomatoes" → "tomato", "peaches" → "peach",
/// "almonds" → "almond"; "swiss", "hummus", "couscous" and short words stay as they are.
pub fn stem(word: &str) -> &str {
    let n = word.len();
    if n <= 3 || !word.ends_with('s') {
        return word;
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return word;
    }
    if word.ends_with("ies") && n > 4 {
        // Caller re-appends "y"; see `stem_owned`.
        return &word[..n - 3];
    }
    for es in ["oes", "ches", "shes", "xes", "sses"] {
        if word.ends_with(es) {
            return &word[..n - 2];
        }
    }
    &word[..n - 1]
}

/// [`stem`] as an owned string, with "ies" → "y".
pub fn stem_owned(word: &str) -> String {
    let s = stem(word);
    if s.len() + 3 == word.len() && word.ends_with("ies") {
        format!("{s}y")
    } else {
        s.to_string()
    }
}

/// A folded name for phrase tests: words joined by single spaces, with a space at each end,
/// so `contains(" peanut butter ")` matches whole words only.
pub fn padded(words: &[String]) -> String {
    let mut s = String::with_capacity(words.iter().map(|w| w.len() + 1).sum::<usize>() + 1);
    s.push(' ');
    for w in words {
        s.push_str(w);
        s.push(' ');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(words("Crème fraîche, 30%"), ["creme", "fraiche", "30"]);
        assert_eq!(words("ALMOND"), ["almond"]);
        assert_eq!(words("  Jalapeño-peppers "), ["jalapeno", "peppers"]);
        assert!(words(" ,;- ").is_empty());
    }

    #[test]
    fn stems_plurals() {
        for (w, s) in [
            ("almonds", "almond"),
            ("berries", "berry"),
            ("blueberries", "blueberry"),
            ("tomatoes", "tomato"),
            ("peaches", "peach"),
            ("oats", "oat"),
            ("swiss", "swiss"),
            ("hummus", "hummus"),
            ("couscous", "couscous"),
            ("peas", "pea"),
            ("gas", "gas"),
            ("spinach", "spinach"),
        ] {
            assert_eq!(stem_owned(w), s, "{w}");
        }
    }

    #[test]
    fn padded_matches_whole_words() {
        let p = padded(&words("Peanut butter, smooth"));
        assert_eq!(p, " peanut butter smooth ");
        assert!(p.contains(" peanut butter "));
        assert!(!padded(&words("Butternut squash")).contains(" nut "));
    }
}
