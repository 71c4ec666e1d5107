//! Per-medicine windows from the medicines' own labels (reference §4, second table). Where the
//! user names a medicine that has one and its class has a rule too, the wider of the two on each
//! side is used (levofloxacin: label 2 h after, quinolones 4 h: 4 h). Each window is between the
//! medicine and any magnesium-containing product, supplement or antacid.

use super::medicines::MedicineClass;
use super::sources::Source;
use super::words::{same_name, words};

/// A medicine whose label sets its own window around magnesium.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelWindow {
    /// The medicine, as shown.
    pub name: &'static str,
    /// Names it goes by (lower case): a user's medicine matches when its name contains one as a
    /// word.
    pub aliases: &'static [&'static str],
    /// Take the medicine at least this many minutes before magnesium ...
    pub before_min: u32,
    /// ... or at least this many minutes after it (0: no rule after).
    pub after_min: u32,
    /// The class the medicine belongs to: its rule applies too, and the wider window on each
    /// side wins (reference §4). [`MedicineClass::Other`] for a medicine of no class there.
    pub class: MedicineClass,
    /// Never at the same moment as magnesium on an empty stomach: a dose at the medicine's time
    /// clashes unless the user says both are taken with food (bictegravir).
    pub together_only_with_food: bool,
    pub source: Source,
}

const fn src(id: &'static str, citation: &'static str) -> Source {
    Source { id, citation }
}

/// The general precaution of the UK SmPC for magnesium antacids, for the medicines it names.
const SMPC_ANTACID: Source = src(
    "smpc_antacid",
    "UK SmPC for magnesium-containing antacids (emc 25343): 2–3 h apart",
);

/// The label windows of reference §4. The class rule (ODS) covers tetracyclines (2 h before or
/// 4 h after); the general precaution of the UK SmPC for magnesium antacids (2–3 h) covers
/// penicillamine, mycophenolate and digoxin.
pub const LABEL_WINDOWS: &[LabelWindow] = &[
    LabelWindow {
        name: "Ciprofloxacin",
        aliases: &["ciprofloxacin", "cipro", "ciproxin"],
        before_min: 120,
        after_min: 360,
        class: MedicineClass::Quinolone,
        together_only_with_food: false,
        source: src(
            "label_cipro",
            "US prescribing information (Cipro); Nix et al., Clin Pharmacol Ther 1989;46:700",
        ),
    },
    LabelWindow {
        name: "Levofloxacin",
        aliases: &["levofloxacin", "levaquin", "tavanic"],
        before_min: 120,
        after_min: 120,
        class: MedicineClass::Quinolone,
        together_only_with_food: false,
        source: src(
            "label_levofloxacin",
            "US prescribing information (Levaquin)",
        ),
    },
    LabelWindow {
        name: "Moxifloxacin",
        aliases: &["moxifloxacin", "avelox"],
        before_min: 240,
        after_min: 480,
        class: MedicineClass::Quinolone,
        together_only_with_food: false,
        source: src(
            "label_moxifloxacin",
            "US prescribing information (Avelox; DailyMed moxifloxacin tablets, 2.2 and 7.1)",
        ),
    },
    LabelWindow {
        name: "Delafloxacin",
        aliases: &["delafloxacin", "baxdela"],
        before_min: 120,
        after_min: 360,
        class: MedicineClass::Quinolone,
        together_only_with_food: false,
        source: src("label_delafloxacin", "US prescribing information (Baxdela)"),
    },
    LabelWindow {
        name: "Levothyroxine",
        aliases: &[
            "levothyroxine",
            "synthroid",
            "euthyrox",
            "eltroxin",
            "thyroxine",
        ],
        before_min: 240,
        after_min: 240,
        class: MedicineClass::Other,
        together_only_with_food: false,
        source: src(
            "label_levothyroxine",
            "US prescribing information (Synthroid, section 7); UK SmPC for magnesium salts",
        ),
    },
    LabelWindow {
        name: "Dolutegravir/rilpivirine",
        aliases: &["juluca", "dolutegravir/rilpivirine"],
        before_min: 240,
        after_min: 360,
        class: MedicineClass::Other,
        together_only_with_food: false,
        source: src("label_juluca", "Juluca product monograph"),
    },
    LabelWindow {
        name: "Dolutegravir",
        aliases: &["dolutegravir", "tivicay", "triumeq", "dovato"],
        before_min: 120,
        after_min: 360,
        class: MedicineClass::Other,
        together_only_with_food: false,
        source: src(
            "label_dolutegravir",
            "US prescribing information (Tivicay); Patel et al., J Antimicrob Chemother 2011",
        ),
    },
    LabelWindow {
        name: "Raltegravir",
        aliases: &["raltegravir", "isentress"],
        before_min: 120,
        after_min: 120,
        class: MedicineClass::Other,
        together_only_with_food: false,
        source: src(
            "label_raltegravir",
            "Isentress prescribing information (avoid with Mg/Al antacids)",
        ),
    },
    LabelWindow {
        name: "Bictegravir",
        aliases: &["bictegravir", "biktarvy"],
        before_min: 120,
        after_min: 0,
        class: MedicineClass::Other,
        together_only_with_food: true,
        source: src(
            "label_bictegravir",
            "Biktarvy prescribing information (2 h before, or together with food)",
        ),
    },
    LabelWindow {
        name: "Gabapentin",
        aliases: &["gabapentin", "neurontin"],
        before_min: 0,
        after_min: 120,
        class: MedicineClass::Other,
        together_only_with_food: false,
        source: src(
            "label_gabapentin",
            "US prescribing information (Neurontin, section 7)",
        ),
    },
    LabelWindow {
        name: "Penicillamine",
        aliases: &["penicillamine"],
        before_min: 120,
        after_min: 120,
        class: MedicineClass::Other,
        together_only_with_food: false,
        source: SMPC_ANTACID,
    },
    LabelWindow {
        name: "Mycophenolate",
        aliases: &["mycophenolate", "cellcept", "myfortic"],
        before_min: 120,
        after_min: 120,
        class: MedicineClass::Other,
        together_only_with_food: false,
        source: SMPC_ANTACID,
    },
    LabelWindow {
        name: "Digoxin",
        aliases: &["digoxin", "lanoxin"],
        before_min: 120,
        after_min: 120,
        class: MedicineClass::Other,
        together_only_with_food: false,
        source: SMPC_ANTACID,
    },
];

/// The label window for a medicine the user names, if its name contains a known one as a word
/// ("Cipro 500", "my levothyroxine"), in any case, accented or not, spelt as outside the US
/// ("Ciprofloxacine"). The first match in [`LABEL_WINDOWS`] wins, so the combination Juluca
/// comes before dolutegravir alone.
pub fn label_window(name: &str) -> Option<&'static LabelWindow> {
    let words = words(name, &['/']);
    LABEL_WINDOWS.iter().find(|l| {
        l.aliases
            .iter()
            .any(|a| words.iter().any(|w| same_name(w, a)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 12 (reference §4): each named medicine gets its label's window, whatever the case
    /// or the words around it; unknown names get none.
    #[test]
    fn named_medicines_get_their_labels_window() {
        let cases: &[(&str, Option<(u32, u32)>)] = &[
            ("Ciprofloxacin", Some((120, 360))),
            ("cipro 500", Some((120, 360))),
            ("Moxifloxacin 400 mg", Some((240, 480))),
            ("levofloxacin", Some((120, 120))),
            ("Ciprofloxacine 500", Some((120, 360))),
            ("lévofloxacine", Some((120, 120))),
            ("Levothyroxine", Some((240, 240))),
            ("Synthroid", Some((240, 240))),
            ("Tivicay", Some((120, 360))),
            ("Juluca", Some((240, 360))),
            ("gabapentin", Some((0, 120))),
            ("Biktarvy", Some((120, 0))),
            ("digoxin", Some((120, 120))),
            ("doxycycline", None),
            ("ciprofloxacinX", None),
            ("", None),
        ];
        for &(name, want) in cases {
            let got = label_window(name).map(|l| (l.before_min, l.after_min));
            assert_eq!(got, want, "{name}");
        }
        for l in LABEL_WINDOWS {
            assert!(!l.source.citation.is_empty(), "{} cites its label", l.name);
        }
    }
}
