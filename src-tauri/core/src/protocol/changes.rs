//! What an edit changes in the safety report: the findings the edited protocol gains and the
//! ones it loses compared with the saved protocol's report, shown to the user before saving.

use serde::Serialize;
use ts_rs::TS;

use super::model::{Finding, SafetyReport};

/// The findings an edit adds and removes, each list in its report's order (most serious first).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReportChanges {
    /// In the edited protocol's report and not in the saved one's.
    pub added: Vec<Finding>,
    /// In the saved protocol's report and no longer in the edited one's.
    pub removed: Vec<Finding>,
}

impl ReportChanges {
    /// Nothing added and nothing removed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// Compare the saved protocol's report with the edited one's. Findings are compared whole
/// (level, code, message and source), each matching at most one on the other side, so a
/// finding whose words change (a new share of the limit) shows as removed and added, and a
/// second medicine note is added even when the first stays.
pub fn report_changes(saved: &SafetyReport, edited: &SafetyReport) -> ReportChanges {
    ReportChanges {
        added: unmatched(&edited.findings, &saved.findings),
        removed: unmatched(&saved.findings, &edited.findings),
    }
}

/// The findings of `these` left over once each is matched with an equal, unused one of `others`.
fn unmatched(these: &[Finding], others: &[Finding]) -> Vec<Finding> {
    let mut used = vec![false; others.len()];
    these
        .iter()
        .filter(
            |f| match (0..others.len()).find(|&i| !used[i] && others[i] == **f) {
                Some(i) => {
                    used[i] = true;
                    false
                }
                None => true,
            },
        )
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{evaluate, KidneyAnswer};
    use crate::testkit::safety;

    fn codes(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.code).collect()
    }

    /// (saved answer, antacids mg, edited answer, added codes, removed codes)
    type Row = (
        KidneyAnswer,
        f64,
        KidneyAnswer,
        &'static [&'static str],
        &'static [&'static str],
    );

    /// Reference §3: changing the kidney answer re-runs every rule; "not sure" stops like yes
    /// (and, §4a, the potassium item goes with kidney disease).
    #[test]
    fn a_changed_kidney_answer_adds_and_removes_the_stop_findings() {
        use KidneyAnswer::*;
        let table: [Row; 5] = [
            (No, 0.0, No, &[], &[]),
            (
                No,
                0.0,
                Yes,
                &["kidney_disease", "potassium"],
                &["within_limit"],
            ),
            (
                No,
                40.0,
                NotSure,
                &["kidney_disease", "kidney_antacid", "potassium"],
                &["within_limit"],
            ),
            (
                Yes,
                40.0,
                No,
                &["within_limit"],
                &["kidney_disease", "kidney_antacid", "potassium"],
            ),
            // The same stop, in other words: "not sure counts as yes until you know".
            (Yes, 0.0, NotSure, &["kidney_disease"], &["kidney_disease"]),
        ];
        for (before, antacid, after, added, removed) in table {
            let mut s = safety();
            s.antacid_laxative_mg = antacid;
            s.kidney_disease = before;
            let saved = evaluate(&s, None);
            s.kidney_disease = after;
            let edited = evaluate(&s, None);
            let c = report_changes(&saved, &edited);
            assert_eq!(codes(&c.added), added, "{before:?} → {after:?}");
            assert_eq!(codes(&c.removed), removed, "{before:?} → {after:?}");
            assert_eq!(c.is_empty(), added.is_empty() && removed.is_empty());
        }
    }

    #[test]
    fn repeated_codes_are_matched_one_for_one() {
        use crate::facts::MedicineClass;
        use crate::protocol::MedicineInput;
        let iron = MedicineInput {
            class: MedicineClass::Iron,
            name: "iron".into(),
            time: None,
            more_times: vec![],
            window_min: None,
            with_food: None,
        };
        let mut s = safety();
        s.medicines = vec![iron.clone()];
        let saved = evaluate(&s, None);
        s.medicines = vec![iron.clone(), iron];
        let c = report_changes(&saved, &evaluate(&s, None));
        assert_eq!(
            (codes(&c.added), codes(&c.removed)),
            (vec!["medicine"], vec![])
        );
    }
}
