//! Where each number and rule comes from: the citations shown to the user beside a limit, a
//! warning, a keep-apart window or an item's note (`shared/reference/magnesium-facts.md`).

use serde::Serialize;
use ts_rs::TS;

/// Where a number or a rule comes from, shown to the user beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Source {
    pub id: &'static str,
    pub citation: &'static str,
}

pub const SRC_ODS_RDA: Source = Source {
    id: "ods_rda",
    citation: "NIH Office of Dietary Supplements, Magnesium fact sheet for health professionals, Table 1 (IOM DRI report 1997, ch. 6)",
};
pub const SRC_IOM_UL: Source = Source {
    id: "iom_ul",
    citation: "IOM 1997 Dietary Reference Intakes, UL for magnesium (supplements and medicines only, not food or water); NIH ODS Table 3",
};
pub const SRC_EFSA_BFR: Source = Source {
    id: "efsa_bfr",
    citation: "EFSA/SCF tolerable upper level 250 mg/day supplemental magnesium; German BfR 2017 (split over at least two intakes a day)",
};
pub const SRC_KIDNEY: Source = Source {
    id: "kidney",
    citation: "IOM 1997 p. 243; NIH ODS: impaired kidney function raises the risk of magnesium toxicity (hypermagnesemia)",
};
pub const SRC_INFANT: Source = Source {
    id: "infant",
    citation: "IOM 1997: no UL established for infants under 1 year; NIH ODS Table 3",
};
pub const SRC_ODS_MEDICINES: Source = Source {
    id: "ods_medicines",
    citation: "NIH ODS Magnesium fact sheet, \"Interactions with medications\"",
};
pub const SRC_EMC_LEAFLET: Source = Source {
    id: "emc_12118",
    citation: "UK product leaflet, medicines.org.uk emc product 12118 (2–3 h from medicines in general; 3–4 h from iron, bisphosphonates)",
};
pub const SRC_FORMS: Source = Source {
    id: "forms",
    citation: "Elemental magnesium by molecular weight: Molecules 2021;26:2419 Table 1; Molecules 2020;25:3172 Table 3",
};
pub const SRC_SPLITTING: Source = Source {
    id: "splitting",
    citation: "Fine et al., J Clin Invest 1991;88:396 (absorption falls as one dose grows); Sabatier et al., Br J Nutr 2011;106:331; BfR 2017",
};
pub const SRC_DIARRHEA: Source = Source {
    id: "diarrhea",
    citation: "IOM 1997: osmotic diarrhea is the basis of the UL (lowest effect dose 360 mg/day, Bashir 1993); NIH ODS",
};
pub const SRC_TOXICITY: Source = Source {
    id: "toxicity",
    citation: "NIH ODS Magnesium fact sheet, \"Health risks from excessive magnesium\"",
};
pub const SRC_GUIDES: Source = Source {
    id: "guides",
    citation: "Magday's seed guides (warm hands and feet; nerve and muscle recovery): consult a qualified healthcare provider before starting",
};
pub const SRC_OLDER_ADULTS: Source = Source {
    id: "older_adults",
    citation: "NIH ODS Magnesium fact sheet, \"Groups at risk of magnesium inadequacy: older adults\" and \"Health risks from excessive magnesium\"",
};
pub const SRC_POTASSIUM: Source = Source {
    id: "potassium",
    citation: "NIH ODS Potassium fact sheet (kidney disease, potassium-sparing diuretics, ACE inhibitors and ARBs)",
};
pub const SRC_B6_EFSA: Source = Source {
    id: "b6_efsa",
    citation: "EFSA NDA Panel, Scientific opinion on the tolerable upper intake level for vitamin B6, EFSA Journal 2023;21(5):8006: 12 mg a day for adults, including pregnancy and lactation; for children, scaled from it by body weight, 3.2 mg (1–3 years), 4.5 (4–6), 6.1 (7–10), 8.6 (11–14), 10.7 (15–17)",
};
pub const SRC_B6_IOM: Source = Source {
    id: "b6_iom",
    citation: "IOM 1998 Dietary Reference Intakes for thiamin, riboflavin, niacin, vitamin B6 and other B vitamins: tolerable upper intake level for vitamin B6, 100 mg a day for adults (sensory neuropathy); 30 mg (1–3 years), 40 (4–8), 60 (9–13), 80 (14–18); not set under 1 year (intake from food and formula only)",
};
pub const SRC_ALA: Source = Source {
    id: "ala",
    citation: "NIH Office of Dietary Supplements and NCCIH, alpha-lipoic acid: it can lower blood glucose; people on diabetes medicines should ask their clinician first",
};
pub const SRC_OMEGA3: Source = Source {
    id: "omega3",
    citation: "NIH ODS Omega-3 fatty acids fact sheet: high doses may add to the effect of anticoagulant and antiplatelet medicines",
};
pub const SRC_TOPICAL: Source = Source {
    id: "topical",
    citation: "Gröber et al., Myth or reality: transdermal magnesium? Nutrients 2017;9:813 (evidence that magnesium is absorbed through the skin in meaningful amounts is weak)",
};
pub const SRC_DEPLETION_GUIDE: Source = Source {
    id: "depletion_guide",
    citation: "Magday's nerve and muscle recovery guide, what depletes magnesium: chronic stress, high sugar intake, alcohol, diuretics, acid-suppressing medicines, type 2 diabetes, gastrointestinal disorders",
};
pub const SRC_ODS_AT_RISK: Source = Source {
    id: "ods_at_risk",
    citation: "NIH ODS Magnesium fact sheet, \"Groups at risk of magnesium inadequacy\" (gastrointestinal diseases such as Crohn's and celiac disease, type 2 diabetes, alcohol dependence) and \"Interactions with medications\" (diuretics, proton-pump inhibitors)",
};
