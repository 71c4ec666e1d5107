//! Medicine names: how a name the user types is compared with a known one, and which class it
//! belongs to (reference §4: "a medicine the user types by name is matched to its class by name
//! ..., whatever class the picker showed; common spellings outside the US count too").

use super::labels::label_window;
use super::medicines::MedicineClass;
use super::words::{same_name, words};

/// The names of reference §4 that place a medicine in a class (lower case, US spelling).
const CLASS_NAMES: &[(MedicineClass, &[&str])] = &[
    (
        MedicineClass::Tetracycline,
        &["doxycycline", "minocycline", "tetracycline"],
    ),
    (
        MedicineClass::Quinolone,
        &[
            "ciprofloxacin",
            "levofloxacin",
            "moxifloxacin",
            "ofloxacin",
            "norfloxacin",
            "delafloxacin",
        ],
    ),
    (
        MedicineClass::Bisphosphonate,
        &[
            "alendronate",
            "alendronic",
            "risedronate",
            "risedronic",
            "ibandronate",
            "ibandronic",
        ],
    ),
    (MedicineClass::Iron, &["iron", "ferrous", "ferric"]),
    (
        MedicineClass::PotassiumSparingDiuretic,
        &["spironolactone", "eplerenone", "amiloride", "triamterene"],
    ),
];

/// The class one word names: one of [`CLASS_NAMES`], or an ending of reference §4 (-pril: ACE
/// inhibitors, -sartan: ARBs; not the month of April).
fn word_class(word: &str) -> Option<MedicineClass> {
    let listed = CLASS_NAMES
        .iter()
        .find(|(_, names)| names.iter().any(|n| same_name(word, n)))
        .map(|(class, _)| *class);
    listed.or_else(|| {
        if word.len() > "pril".len() && word.ends_with("pril") && word != "april" {
            Some(MedicineClass::AceInhibitor)
        } else if word.len() > "sartan".len() && word.ends_with("sartan") {
            Some(MedicineClass::Arb)
        } else {
            None
        }
    })
}

/// The class a medicine's name says it belongs to, if it names one: a medicine with a label
/// window of its own has that label's class (levofloxacin, Levaquin: quinolones; levothyroxine:
/// another prescription medicine); else the first word, in the order typed, that names a class
/// ("Doxycycline 100 mg": tetracyclines; "amiloride/hydrochlorothiazide": potassium-sparing).
pub fn class_by_name(name: &str) -> Option<MedicineClass> {
    if let Some(label) = label_window(name) {
        return Some(label.class);
    }
    words(name, &[]).iter().find_map(|w| word_class(w))
}

/// The class a medicine is treated as: the one its name says, else the one picked.
pub fn class_in_force(picked: MedicineClass, name: &str) -> MedicineClass {
    class_by_name(name).unwrap_or(picked)
}

#[cfg(test)]
mod tests;
