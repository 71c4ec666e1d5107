//! The CSV: one row per day, for a spreadsheet.

use std::fmt::Write as _;

use super::data::ReportData;
use crate::protocol::Symptom;

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One row per day.
pub fn csv(d: &ReportData) -> String {
    let tracked: Vec<Symptom> = d.symptoms.iter().map(|s| s.symptom).collect();
    let mut out = String::from(
        "date,day,doses_taken,doses_planned,items_done,items_total,skip_day,food_mg,supplement_mg",
    );
    for s in &tracked {
        let _ = write!(out, ",{}", s.key());
    }
    out.push_str(",notes\r\n");
    for day in d.days {
        let _ = write!(
            out,
            "{},{},{},{},{:.2},{},{},{:.0},{:.0}",
            day.day,
            day.day_number,
            day.doses_taken,
            day.doses_planned,
            day.items_done,
            day.items_total,
            if day.skipped { "yes" } else { "no" },
            day.food_mg,
            day.supplement_mg
        );
        for s in d.symptoms {
            match s.points.iter().find(|p| p.day == day.day) {
                Some(p) => {
                    let _ = write!(out, ",{}", p.value);
                }
                None => out.push(','),
            }
        }
        let notes: Vec<String> = d
            .notes
            .iter()
            .filter(|n| n.day == day.day)
            .map(|n| format!("{}: {}", n.what, n.text))
            .collect();
        let _ = write!(out, ",{}\r\n", csv_field(&notes.join("; ")));
    }
    out
}
