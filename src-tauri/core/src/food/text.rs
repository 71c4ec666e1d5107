//! Text folding shared by search, food groups and exclusions: lower case, accents removed
//! ("Crème" → "creme"), words split on anything that is not a letter or digit, and a light
//! English plural stem so "almond" finds "almonds" and "blueberries" finds "blueberry".

use std::borrow::Cow;

/// Appends `c` lower-cased and without its accent.
fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
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

/// The folded words of one text, kept in one buffer (reusable, so that folding thousands of
/// names allocates next to nothing), each with the number of commas before it: USDA names
/// say what the food is in the first two comma-separated parts.
#[derive(Debug, Default)]
pub struct Folded {
    buf: String,
    /// (start, end, commas before) of each word in `buf`.
    spans: Vec<(u32, u32, u16)>,
}

impl Folded {
    /// Folds `text`, replacing what was there.
    pub fn fill(&mut self, text: &str) {
        self.buf.clear();
        self.spans.clear();
        if text.is_ascii() {
            self.fill_ascii(text);
            return;
        }
        let mut commas: u16 = 0;
        let mut start: Option<usize> = None;
        for c in text.chars() {
            if c.is_alphanumeric() {
                if start.is_none() {
                    start = Some(self.buf.len());
                }
                push_folded(c, &mut self.buf);
            } else {
                if let Some(s) = start.take() {
                    self.spans.push((s as u32, self.buf.len() as u32, commas));
                }
                if c == ',' {
                    commas = commas.saturating_add(1);
                }
            }
        }
        if let Some(s) = start {
            self.spans.push((s as u32, self.buf.len() as u32, commas));
        }
    }

    /// [`Folded::fill`] for ASCII text (all USDA names): one lower-cased copy, then the
    /// word boundaries.
    fn fill_ascii(&mut self, text: &str) {
        self.buf.push_str(text);
        self.buf.make_ascii_lowercase();
        let mut commas: u16 = 0;
        let mut start: Option<usize> = None;
        for (i, &b) in self.buf.as_bytes().iter().enumerate() {
            if b.is_ascii_alphanumeric() {
                start.get_or_insert(i);
            } else {
                if let Some(s) = start.take() {
                    self.spans.push((s as u32, i as u32, commas));
                }
                if b == b',' {
                    commas = commas.saturating_add(1);
                }
            }
        }
        if let Some(s) = start {
            self.spans.push((s as u32, self.buf.len() as u32, commas));
        }
    }

    /// The words, each with the number of commas before it.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u16)> + '_ {
        self.spans
            .iter()
            .map(|&(s, e, c)| (&self.buf[s as usize..e as usize], c))
    }

    pub fn words(&self) -> Vec<&str> {
        self.iter().map(|(w, _)| w).collect()
    }
}

/// The folded words of `text`, in order: "Crème fraîche, 30%" → ["creme", "fraiche", "30"].
pub fn words(text: &str) -> Vec<String> {
    let mut f = Folded::default();
    f.fill(text);
    f.iter().map(|(w, _)| w.to_string()).collect()
}

/// A light plural stem: "berries" → "berry", "tomatoes" → "tomato", "peaches" → "peach",
/// "almonds" → "almond"; "swiss", "hummus", "couscous" and short words stay as they are.
pub fn stem(word: &str) -> Cow<'_, str> {
    let n = word.len();
    if n <= 3
        || !word.ends_with('s')
        || word.ends_with("ss")
        || word.ends_with("us")
        || word.ends_with("is")
    {
        return Cow::Borrowed(word);
    }
    if word.ends_with("ies") && n > 4 {
        return Cow::Owned(format!("{}y", &word[..n - 3]));
    }
    for es in ["oes", "ches", "shes", "xes", "sses"] {
        if word.ends_with(es) {
            return Cow::Borrowed(&word[..n - 2]);
        }
    }
    Cow::Borrowed(&word[..n - 1])
}

/// [`stem`] as an owned string.
pub fn stem_owned(word: &str) -> String {
    stem(word).into_owned()
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
    fn folded_words_know_their_part_of_the_name() {
        let mut f = Folded::default();
        f.fill("Seeds, pumpkin and squash seed kernels, roasted");
        let parts: Vec<(&str, u16)> = f.iter().collect();
        assert_eq!(parts[0], ("seeds", 0));
        assert_eq!(parts[1], ("pumpkin", 1));
        assert_eq!(parts.last(), Some(&("roasted", 2)));
        f.fill("Crème");
        assert_eq!(f.words(), ["creme"]);
        f.fill("");
        assert!(f.words().is_empty());
    }

    #[test]
    fn padded_matches_whole_words() {
        let p = padded(&words("Peanut butter, smooth"));
        assert_eq!(p, " peanut butter smooth ");
        assert!(p.contains(" peanut butter "));
        assert!(!padded(&words("Butternut squash")).contains(" nut "));
    }
}
