//! Readable names for the foods SR26 has no long description for, derived from SR28's short
//! upper-case description: "SPINACH,CKD,BLD,DRND,WO/ SALT" becomes "Spinach, cooked, boiled,
//! drained, without salt".
//!
//! Abbreviations are expanded from a fixed list (the ones SR uses); the casing of proper nouns
//! and brands ("New Zealand", "KELLOGG'S") is learnt from the SR26 long descriptions: a word
//! that is never written there in lower case (not counting a description's first word) keeps
//! its most frequent spelling; everything else is lower case, and the name starts with a capital.

use std::collections::HashMap;

/// SR abbreviations, lower case, and what they stand for.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("add", "added"),
    ("all-purp", "all-purpose"),
    ("apl", "apple"),
    ("appl", "apple"),
    ("applsauc", "applesauce"),
    ("approx", "approximately"),
    ("art", "artificial"),
    ("asprt", "aspartame"),
    ("astrl", "Australian"),
    ("astrln", "Australian"),
    ("aus", "Australian"),
    ("bbq", "barbecue"),
    ("bev", "beverage"),
    ("beve", "beverage"),
    ("bf", "beef"),
    ("bkd", "baked"),
    ("bl", "blade"),
    ("bld", "boiled"),
    ("blde", "blade"),
    ("ble", "blend"),
    ("blkeyes", "blackeyes"),
    ("blnd", "blend"),
    ("bn-in", "bone-in"),
    ("bne-in", "bone-in"),
    ("bnl", "boneless"),
    ("bnles", "boneless"),
    ("bnless", "boneless"),
    ("bnls", "boneless"),
    ("bnlss", "boneless"),
    ("bns", "beans"),
    ("brd", "bread"),
    ("brding", "breading"),
    ("brdng", "breading"),
    ("brger", "burger"),
    ("brkfst", "breakfast"),
    ("brld", "broiled"),
    ("brlr", "broiler"),
    ("brolr", "broiler"),
    ("brsd", "braised"),
    ("brst", "breast"),
    ("brw", "brown"),
    ("brwn", "brown"),
    ("bsd", "based"),
    ("btld", "bottled"),
    ("bttm", "bottom"),
    ("bttrmlk", "buttermilk"),
    ("ca", "calcium"),
    ("caffen", "caffeine"),
    ("cal", "calorie"),
    ("carb", "carbonated"),
    ("chck", "chicken"),
    ("chckn", "chicken"),
    ("chedd", "cheddar"),
    ("chic", "chicken"),
    ("chick", "chicken"),
    ("chikn", "chicken"),
    ("chk", "chuck"),
    ("chnky", "chunky"),
    ("choc", "chocolate"),
    ("choic", "choice"),
    ("chopd", "chopped"),
    ("chps", "chips"),
    ("chs", "cheese"),
    ("cinn", "cinnamon"),
    ("ckd", "cooked"),
    ("cmdty", "commodity"),
    ("cnd", "canned"),
    ("cntr", "center"),
    ("cntry", "country"),
    ("coatd", "coated"),
    ("cocnt", "coconut"),
    ("comm", "commercial"),
    ("commly", "commercially"),
    ("comp", "composite"),
    ("conc", "concentrate"),
    ("cond", "condensed"),
    ("condmnt", "condiments"),
    ("contry", "country"),
    ("crac", "crackers"),
    ("cran", "cranberry"),
    ("crd", "cured"),
    ("crl", "cereal"),
    ("crm", "cream"),
    ("crmd", "creamed"),
    ("crnkl", "crinkle"),
    ("crst", "crust"),
    ("crwdr", "crowder"),
    ("cttnsd", "cottonseed"),
    ("decaff", "decaffeinated"),
    ("decaffei", "decaffeinated"),
    ("dehyd", "dehydrated"),
    ("dk", "dark"),
    ("dnuded", "denuded"),
    ("dom", "domestic"),
    ("drk", "drink"),
    ("drmstk", "drumstick"),
    ("drnd", "drained"),
    ("drsng", "dressing"),
    ("drumstk", "drumstick"),
    ("dssrt", "dessert"),
    ("enhcd", "enhanced"),
    ("enhced", "enhanced"),
    ("enr", "enriched"),
    ("eq", "equal"),
    ("evap", "evaporated"),
    ("ex", "extra"),
    ("fd", "food"),
    ("fl", "fluid"),
    ("flav", "flavored"),
    ("flr", "flour"),
    ("fort", "fortified"),
    ("frnched", "frenched"),
    ("frsh", "fresh"),
    ("frstd", "frosted"),
    ("frstng", "frosting"),
    ("frt", "fruit"),
    ("fryrs", "fryers"),
    ("frz", "frozen"),
    ("ft", "fat"),
    ("gerb", "Gerber"),
    ("gmbo", "gumbo"),
    ("graduat", "graduates"),
    ("grds", "grades"),
    ("grilld", "grilled"),
    ("grld", "grilled"),
    ("grlld", "grilled"),
    ("grnd", "ground"),
    ("grns", "greens"),
    ("grp", "grape"),
    ("grpfrt", "grapefruit"),
    ("grssfd", "grass-fed"),
    ("h2o", "water"),
    ("hi", "high"),
    ("hm", "ham"),
    ("hmde", "homemade"),
    ("htd", "heated"),
    ("hvy", "heavy"),
    ("hydr", "hydrogenated"),
    ("hydrog", "hydrogenated"),
    ("imitn", "imitation"),
    ("immat", "immature"),
    ("imp", "imported"),
    ("incl", "including"),
    ("indus", "industrial"),
    ("insde", "inside"),
    ("inst", "instant"),
    ("ital", "Italian"),
    ("jr", "junior"),
    ("juc", "juice"),
    ("jucs", "juices"),
    ("krnls", "kernels"),
    ("lem", "lemon"),
    ("lg", "large"),
    ("liq", "liquid"),
    ("ln", "lean"),
    ("lo", "low"),
    ("lofat", "lowfat"),
    ("lrg", "large"),
    ("lt", "light"),
    ("lttc", "lettuce"),
    ("marshmllw", "marshmallow"),
    ("mayo", "mayonnaise"),
    ("med", "medium"),
    ("min", "mineral"),
    ("mini-whts", "mini-wheats"),
    ("mple", "maple"),
    ("mrbl", "marble"),
    ("mshd", "mashed"),
    ("mshrm", "mushroom"),
    ("mt", "meat"),
    ("mture", "mature"),
    ("mxd", "mixed"),
    ("na", "sodium"),
    ("nat", "natural"),
    ("nutr", "nutrition"),
    ("nz", "New Zealand"),
    ("oly", "only"),
    ("ony", "only"),
    ("org", "organic"),
    ("orig", "original"),
    ("pan-brled", "pan-broiled"),
    ("parbld", "parboiled"),
    ("pdr", "powder"),
    ("pep", "pepperoni"),
    ("pepp", "pepperoni"),
    ("peppi", "pepperoni"),
    ("pk", "pack"),
    ("pkd", "packed"),
    ("pkg", "package"),
    ("pln", "plain"),
    ("pnappl", "pineapple"),
    ("pnut", "peanut"),
    ("pnuts", "peanuts"),
    ("pppr", "pepper"),
    ("prep", "prepared"),
    ("prk", "pork"),
    ("proc", "processing"),
    ("prod", "products"),
    ("prot", "protein"),
    ("prtrhs", "porterhouse"),
    ("pstach", "pistachio"),
    ("pudd", "pudding"),
    ("purch", "purchased"),
    ("rasn", "raisin"),
    ("rb", "rib"),
    ("rcpe", "recipe"),
    ("recon", "reconstituted"),
    ("reconst", "reconstituted"),
    ("refr", "refrigerated"),
    ("reg", "regular"),
    ("rehtd", "reheated"),
    ("rmvd", "removed"),
    ("rnd", "round"),
    ("rst", "roast"),
    ("rstd", "roasted"),
    ("rtb", "ready-to-bake"),
    ("rtd", "ready-to-drink"),
    ("rte", "ready-to-eat"),
    ("rtf", "ready-to-feed"),
    ("rth", "ready-to-heat"),
    ("rtl", "retail"),
    ("rts", "ready-to-serve"),
    ("sau", "sauce"),
    ("saus", "sausage"),
    ("scr", "score"),
    ("sd", "seed"),
    ("sds", "seeds"),
    ("sel", "select"),
    ("sgr", "sugar"),
    ("shldr", "shoulder"),
    ("shnk", "shank"),
    ("shrt", "short"),
    ("simmrd", "simmered"),
    ("sirl", "sirloin"),
    ("skn", "skin"),
    ("sknlss", "skinless"),
    ("skrt", "skirt"),
    ("slc", "slice"),
    ("slce", "slice"),
    ("slw", "slow"),
    ("sm", "small"),
    ("sml", "small"),
    ("smmr", "summer"),
    ("smth", "smoothie"),
    ("sndwch", "sandwich"),
    ("sol", "solids"),
    ("soybn", "soybean"),
    ("spark", "sparkling"),
    ("spl", "special"),
    ("sprd", "spread"),
    ("sprl", "spiral"),
    ("spry", "spray"),
    ("srloin", "sirloin"),
    ("ssage", "sausage"),
    ("std", "standard"),
    ("sthrn", "southern"),
    ("stk", "steak"),
    ("stks", "sticks"),
    ("stmd", "steamed"),
    ("str", "strained"),
    ("strwby", "strawberry"),
    ("stwd", "stewed"),
    ("swt", "sweet"),
    ("swtnd", "sweetened"),
    ("swtnr", "sweetener"),
    ("thgh", "thigh"),
    ("tmt", "tomato"),
    ("tndrln", "tenderloin"),
    ("todd", "toddler"),
    ("trky", "turkey"),
    ("tstd", "toasted"),
    ("tun-bnd", "tunnel-boned"),
    ("unckd", "uncooked"),
    ("und", "under"),
    ("undil", "undiluted"),
    ("unenr", "unenriched"),
    ("unhtd", "unheated"),
    ("unprep", "unprepared"),
    ("unprp", "unprepared"),
    ("unspec", "unspecified"),
    ("unswtnd", "unsweetened"),
    ("van", "vanilla"),
    ("vanila", "vanilla"),
    ("var", "variety"),
    ("veg", "vegetable"),
    ("vit", "vitamin"),
    ("vlm", "volume"),
    ("w", "with"),
    ("w/", "with"),
    ("wgyu", "Wagyu"),
    ("wh", "white"),
    ("whl", "whole"),
    ("wht", "white"),
    ("wit", "with"),
    ("wntr", "winter"),
    ("wo", "without"),
    ("wo/", "without"),
    ("wt", "weight"),
    ("yel", "yellow"),
    ("yng", "young"),
];

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
