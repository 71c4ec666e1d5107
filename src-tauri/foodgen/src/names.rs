//! Readable names for the foods SR26 has no long description for, derived from SR28's short
//! upper-case description: "SPINACH,CKD,BLD,DRND,WO/ SALT" becomes "Spinach, cooked, boiled,
//! drained, without salt".
//!
//! Abbreviations are expanded from a fixed list (the ones SR uses); the casing of proper nouns
//! and brands ("New Zealand", "KELLOGG'S") is learnt from the SR26 long descriptions: a word
//! that is never written there in lower case (not counting a description's first word) keeps
//! its most frequent spelling; everything else is lower case, and the name starts with a capital.

mod abbreviations;

use std::collections::HashMap;

use abbreviations::ABBREVIATIONS;

/// Expands short descriptions, with word casing learnt from the long ones.
pub struct Namer {
    abbreviations: HashMap<&'static str, &'static str>,
    casing: HashMap<String, String>,
}

impl Namer {
    /// Learns the casing of proper nouns and brands from SR26 long descriptions.
    pub fn new<'a>(long_descriptions: impl IntoIterator<Item = &'a str>) -> Namer {
        let mut counts: HashMap<String, HashMap<String, u32>> = HashMap::new();
        for desc in long_descriptions {
            for word in words(desc).skip(1) {
                *counts
                    .entry(word.to_lowercase())
                    .or_default()
                    .entry(word.to_string())
                    .or_default() += 1;
            }
        }
        let mut casing = HashMap::new();
        for (lower, forms) in counts {
            // A word that is ever written in lower case (past the first word) stays lower case:
            // "Pizza Hut" must not make every pizza a Pizza.
            if forms.contains_key(&lower) {
                continue;
            }
            // Otherwise its most frequent spelling; ties go to the smallest, for determinism.
            let best = forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(form, _)| form.clone());
            if let Some(best) = best {
                casing.insert(lower, best);
            }
        }
        Namer {
            abbreviations: ABBREVIATIONS.iter().copied().collect(),
            casing,
        }
    }

    /// "SPINACH,CKD,BLD,DRND,WO/ SALT" → "Spinach, cooked, boiled, drained, without salt".
    pub fn readable(&self, short: &str) -> String {
        let mut segments = Vec::new();
        // Inside "VIT A,C & E": vitamin letters are capitals.
        let mut in_vitamins = false;
        for segment in short.split(',') {
            let tokens = tokens(segment);
            let mut out: Vec<String> = Vec::with_capacity(tokens.len());
            for (i, token) in tokens.iter().enumerate() {
                let lower = token.to_lowercase();
                let prev = i.checked_sub(1).map(|j| tokens[j].to_lowercase());
                let next = tokens.get(i + 1).map(|t| t.to_lowercase());
                let (lead, core, trail) = split_punctuation(&lower);
                let is_vitamin_letter = core.len() <= 3
                    && core.starts_with(|c: char| c.is_ascii_lowercase())
                    && core[1..].bytes().all(|b| b.is_ascii_digit());
                if in_vitamins && is_vitamin_letter {
                    out.push(format!("{lead}{}{trail}", core.to_uppercase()));
                    continue;
                }
                let word = match core {
                    "&" => "and".to_string(),
                    "inf"
                        if matches!(
                            next.as_deref(),
                            Some("formula" | "form" | "formu" | "for")
                        ) =>
                    {
                        "infant".to_string()
                    }
                    "form" | "formu" | "for" if prev.as_deref() == Some("inf") => {
                        "formula".to_string()
                    }
                    "min"
                        if prev
                            .as_deref()
                            .is_some_and(|p| p.ends_with(|c: char| c.is_ascii_digit())) =>
                    {
                        "minute".to_string()
                    }
                    "part" if next.as_deref().is_some_and(|n| n.starts_with("hydr")) => {
                        "partially".to_string()
                    }
                    "past" if matches!(next.as_deref(), None | Some("process")) => {
                        "pasteurized".to_string()
                    }
                    "wht" if prev.as_deref() == Some("of") => "wheat".to_string(),
                    // "RED FAT" is reduced fat, "RED" alone is the colour.
                    "red"
                        if matches!(
                            next.as_deref(),
                            Some("fat" | "ft" | "sugar" | "na" | "cal" | "calorie" | "sodium")
                        ) =>
                    {
                        "reduced".to_string()
                    }
                    // "WHL GRN" is whole grain; "TEA,GRN" is green tea.
                    "grn" => match prev.as_deref() {
                        Some("whl" | "whole") => "grain".to_string(),
                        _ => "green".to_string(),
                    },
                    _ => match self.abbreviations.get(core) {
                        Some(expanded) => expanded.to_string(),
                        None => self.cased(core),
                    },
                };
                in_vitamins = matches!(word.as_str(), "vitamin" | "vitamins" | "and")
                    && (in_vitamins || word != "and");
                out.push(format!("{lead}{word}{trail}"));
            }
            if !out.is_empty() {
                segments.push(out.join(" "));
            }
        }
        let name = segments.join(", ").replace(", )", ")").replace("( ", "(");
        let mut chars = name.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => name,
        }
    }

    fn cased(&self, lower: &str) -> String {
        self.casing
            .get(lower)
            .cloned()
            .unwrap_or_else(|| lower.to_string())
    }
}

/// "(incl" → ("(", "incl", ""); "w/" keeps its slash; a word of punctuation only is all core.
fn split_punctuation(word: &str) -> (&str, &str, &str) {
    let is_core = |c: char| c.is_alphanumeric() || c == '/';
    let start = word.find(is_core);
    let end = word
        .char_indices()
        .rfind(|&(_, c)| is_core(c))
        .map(|(i, c)| i + c.len_utf8());
    match (start, end) {
        (Some(s), Some(e)) if s < e => (&word[..s], &word[s..e], &word[e..]),
        _ => ("", word, ""),
    }
}

/// The words of a long description, for learning casing: runs of letters, digits, `'`, `-`, `!`, `.`.
fn words(desc: &str) -> impl Iterator<Item = &str> {
    desc.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '-' | '!' | '.')))
        .filter(|w| !w.is_empty())
}

/// The tokens of one comma-separated segment of a short description: words split on spaces,
/// "W/" and "WO/" split off the word they are glued to, and "&" a token of its own.
fn tokens(segment: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in segment.split_whitespace() {
        let mut word = raw;
        for prefix in ["WO/", "W/"] {
            if word.len() > prefix.len() && word.starts_with(prefix) {
                out.push(prefix.to_string());
                word = &word[prefix.len()..];
                break;
            }
        }
        let parts: Vec<&str> = word.split('&').collect();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.push("&".to_string());
            }
            if !part.is_empty() {
                out.push(part.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn namer() -> Namer {
        Namer::new([
            "Beef, New Zealand, imported, flank, raw",
            "Cereals ready-to-eat, KELLOGG'S ALL-BRAN Original",
            "Cereals ready-to-eat, KELLOGG'S Special K",
        ])
    }

    #[test]
    fn expands_abbreviations_in_sentence_case() {
        let n = namer();
        assert_eq!(
            n.readable("SPINACH,CKD,BLD,DRND,WO/ SALT"),
            "Spinach, cooked, boiled, drained, without salt"
        );
        assert_eq!(
            n.readable("MIXED NUTS,DRY RSTD,W/PNUTS,WO/SALT"),
            "Mixed nuts, dry roasted, with peanuts, without salt"
        );
        assert_eq!(
            n.readable("PUMPKIN&SQUASH SD KRNLS,RSTD"),
            "Pumpkin and squash seed kernels, roasted"
        );
    }

    #[test]
    fn context_words() {
        let n = namer();
        assert_eq!(
            n.readable("COOKIES,SHORTBREAD,RED FAT"),
            "Cookies, shortbread, reduced fat"
        );
        assert_eq!(
            n.readable("BEANS,KIDNEY,RED,RAW"),
            "Beans, kidney, red, raw"
        );
        assert_eq!(n.readable("TEA,GRN,RTD"), "Tea, green, ready-to-drink");
        assert_eq!(
            n.readable("PIZZA,THICK CRUST,WHL GRN"),
            "Pizza, thick crust, whole grain"
        );
    }

    #[test]
    fn vitamins_and_other_context() {
        let n = namer();
        assert_eq!(
            n.readable("PINEAPPLE JUC,CND,W/ ADD VIT A,C & E"),
            "Pineapple juice, canned, with added vitamin A, C and E"
        );
        assert_eq!(
            n.readable("CEREALS,CRM OF WHT,2 1/2 MIN CK"),
            "Cereals, cream of wheat, 2 1/2 minute ck"
        );
        assert_eq!(
            n.readable("INF FORMULA,W/ IRON,RTF"),
            "Infant formula, with iron, ready-to-feed"
        );
        assert_eq!(
            n.readable("OIL,CANOLA (PART HYDROG),INCL"),
            "Oil, canola (partially hydrogenated), including"
        );
    }

    #[test]
    fn learnt_casing() {
        let n = namer();
        assert_eq!(
            n.readable("BEEF,NZ,IMP,FLANK,LN,RAW"),
            "Beef, New Zealand, imported, flank, lean, raw"
        );
        assert_eq!(
            n.readable("CEREALS RTE,KELLOGG'S,SPL K"),
            "Cereals ready-to-eat, KELLOGG'S, special K"
        );
    }
}
