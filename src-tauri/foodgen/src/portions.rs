//! Household portions as people read them: amounts with fraction glyphs ("½ cup"), ABBREV's
//! own two weights tidied, and duplicates dropped.

use crate::model::Portion;
use crate::sr::clean;

/// An amount as people write it: 0.5 → "½", 1.5 → "1½", 0.333 → "⅓", 3.527 → "3.527".
pub fn fmt_amount(amount: f64) -> String {
    let whole = amount.trunc();
    let frac = amount - whole;
    let glyph = [
        (0.5, "½"),
        (0.25, "¼"),
        (0.75, "¾"),
        (1.0 / 3.0, "⅓"),
        (2.0 / 3.0, "⅔"),
        (0.125, "⅛"),
    ]
    .into_iter()
    .find(|(v, _)| (frac - v).abs() < 0.004)
    .map(|(_, g)| g);
    match glyph {
        Some(g) if whole == 0.0 => g.to_string(),
        Some(g) => format!("{whole}{g}"),
        None => format!("{amount}"),
    }
}

/// ABBREV's GmWt_Desc: "1 pat,  (1\" sq, 1/3\" high)" → "1 pat (1\" sq, 1/3\" high)",
/// ".25 cup" → "¼ cup".
pub(crate) fn abbrev_portion_label(desc: &str) -> String {
    let desc = clean(desc).replace(", (", " (");
    let (first, rest) = desc.split_once(' ').unwrap_or((desc.as_str(), ""));
    match first.parse::<f64>() {
        Ok(amount) if amount > 0.0 && !rest.is_empty() => {
            format!("{} {}", fmt_amount(amount), rest)
        }
        _ => desc,
    }
}

pub(crate) fn dedup_portions(portions: &mut Vec<Portion>) {
    let mut seen: Vec<(String, u64)> = Vec::new();
    portions.retain(|p| {
        let key = (p.label.to_lowercase(), p.grams.to_bits());
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(fmt_amount(1.0), "1");
        assert_eq!(fmt_amount(0.5), "½");
        assert_eq!(fmt_amount(0.333), "⅓");
        assert_eq!(fmt_amount(0.67), "⅔");
        assert_eq!(fmt_amount(1.5), "1½");
        assert_eq!(fmt_amount(3.527), "3.527");
        assert_eq!(fmt_amount(0.2), "0.2");
    }

    #[test]
    fn abbrev_labels() {
        assert_eq!(
            abbrev_portion_label("1 pat,  (1\" sq, 1/3\" high)"),
            "1 pat (1\" sq, 1/3\" high)"
        );
        assert_eq!(abbrev_portion_label(".25 cup"), "¼ cup");
        assert_eq!(
            abbrev_portion_label(".75 Cup,  (1 NLEA serving)"),
            "¾ Cup (1 NLEA serving)"
        );
        assert_eq!(abbrev_portion_label(""), "");
    }
}
