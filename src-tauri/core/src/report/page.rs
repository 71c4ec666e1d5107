//! The HTML document: Safety first (see [`super::safety`]), then the protocol, adherence,
//! symptoms, supply, breathing and movement, notes, and the disclaimer.

use std::fmt::Write as _;

use chrono::Duration;

use super::data::{date, esc, pct, signed, stamp, title, ReportData};
use super::safety;
use crate::facts::DISCLAIMER;
use crate::progress::SCORE_HALF_LIFE_DAYS;
use crate::protocol::fmt_mg;

const STYLE: &str = "body{font-family:system-ui,'DejaVu Sans',sans-serif;color:#17231f;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.45}\
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:1.6rem;border-bottom:1px solid #cfd8d4}\
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #cfd8d4;padding:.3rem .4rem;text-align:left}\
th{background:#eef4f1}.meta,.small{color:#5b6b66;font-size:.88rem}.better{color:#1f7a63}.worse{color:#b3261e}\
@media print{body{margin:0}h2{break-after:avoid}table{break-inside:avoid}}";

/// The printable document.
pub fn html(d: &ReportData) -> String {
    let s = d.spec;
    let mut h = String::new();
    let _ = writeln!(h, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        esc(&title(d))
    );
    let _ = writeln!(h, "<h1>{}</h1>", esc(&title(d)));
    let days_in = d.days.len();
    let _ = writeln!(
        h,
        "<p class=\"meta\">{} · {} to {} ({} day{} of {}) · made {}</p>",
        esc(&s.name),
        date(d.first),
        date(d.last),
        days_in,
        if days_in == 1 { "" } else { "s" },
        s.length_days,
        stamp(d.generated)
    );
    safety::section(&mut h, d);
    protocol_section(&mut h, d);
    adherence_section(&mut h, d);
    symptoms_section(&mut h, d);
    supply_section(&mut h, d);
    practice_section(&mut h, d);
    notes_section(&mut h, d);
    let _ = writeln!(h, "<h2>About this report</h2>\n<p class=\"small\">{}</p>\n<p class=\"small\">Made by Magday on the user's device. Limits: NIH Office of Dietary Supplements; IOM 1997. Food values: USDA FoodData Central (SR Legacy).</p>\n</body></html>",
        esc(DISCLAIMER)
    );
    h
}

/// The plan: the magnesium doses, the checklist and the recommended intake (the medicines and
/// each of their times are in the Safety section, above it).
fn protocol_section(h: &mut String, d: &ReportData) {
    let s = d.spec;
    h.push_str("<h2>Protocol</h2>\n<ul>\n");
    match &s.supplement {
        Some(p) => {
            let times: Vec<String> = p
                .doses
                .iter()
                .map(|x| format!("{} ({} mg)", x.time, fmt_mg(x.mg)))
                .collect();
            let _ = writeln!(
                h,
                "<li>Magnesium {}{}: {} mg a day in {} dose{}: {}</li>",
                esc(&p.form_name.to_lowercase()),
                if p.product.is_empty() {
                    String::new()
                } else {
                    format!(", {}", esc(&p.product))
                },
                fmt_mg(p.daily_mg),
                p.doses.len(),
                if p.doses.len() == 1 { "" } else { "s" },
                esc(&times.join(", "))
            );
        }
        None => h.push_str("<li>No supplement doses</li>\n"),
    }
    let items: Vec<String> = s.items.iter().map(|i| esc(&i.label)).collect();
    let _ = writeln!(h, "<li>Daily checklist: {}</li>", items.join(", "));
    let _ = writeln!(
        h,
        "<li>Recommended intake (food, water and supplements): {} mg a day</li>",
        s.rda_mg
    );
    h.push_str("</ul>\n");
}

/// Doses taken, streaks and the score, and a row per week.
fn adherence_section(h: &mut String, d: &ReportData) {
    h.push_str("<h2>Adherence</h2>\n");
    let taken: u32 = d
        .days
        .iter()
        .filter(|x| !x.skipped && !x.open)
        .map(|x| x.doses_taken)
        .sum();
    let planned: u32 = d
        .days
        .iter()
        .filter(|x| !x.skipped && !x.open)
        .map(|x| x.doses_planned)
        .sum();
    let skipped = d.days.iter().filter(|x| x.skipped).count();
    let _ = writeln!(
        h,
        "<p>Doses taken: <strong>{taken} of {planned}</strong> ({}). All checklist items: {}. Skip days: {skipped}. \
         Streak of kept days: {} now, {} at best. Smoothed score: {} ({}-day half-life; plain adherence above).</p>",
        pct(d.dose_adherence),
        pct(d.all_adherence),
        d.streaks.current,
        d.streaks.best,
        pct(d.score),
        SCORE_HALF_LIFE_DAYS
    );
    h.push_str("<table><thead><tr><th>Week</th><th>Dates</th><th>Doses taken</th><th>Doses</th><th>All items</th><th>Food Mg a day</th><th>Supplement Mg a day</th></tr></thead><tbody>\n");
    for w in d.weeks {
        let _ = writeln!(h, "<tr><td>{}</td><td>{} – {}</td><td>{} of {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            w.week,
            date(w.first),
            date(w.last),
            w.doses_taken,
            w.doses_planned,
            pct(w.dose_adherence),
            pct(w.all_adherence),
            w.food_mg_per_day.map_or_else(|| "–".into(), |v| format!("{} mg", fmt_mg(v.round()))),
            w.supplement_mg_per_day.map_or_else(|| "–".into(), |v| format!("{} mg", fmt_mg(v.round())))
        );
    }
    h.push_str("</tbody></table>\n");
}

/// Each symptom's baseline, weekly averages and change.
fn symptoms_section(h: &mut String, d: &ReportData) {
    h.push_str("<h2>Symptoms</h2>\n<p class=\"small\">0 is none, 10 the worst. Change is against the first rating (the baseline); negative is better.</p>\n");
    h.push_str("<table><thead><tr><th>Symptom</th><th>Baseline</th>");
    for w in d.weeks {
        let _ = write!(h, "<th>Week {}</th>", w.week);
    }
    h.push_str("<th>Change</th></tr></thead><tbody>\n");
    for sym in d.symptoms {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td>",
            esc(&sym.label),
            sym.baseline
                .map_or_else(|| "–".into(), |b| format!("{} ({})", b.value, date(b.day)))
        );
        for w in d.weeks {
            let cell = w
                .symptoms
                .iter()
                .find(|x| x.symptom == sym.symptom)
                .and_then(|x| x.average.map(|a| (a, x.change)));
            match cell {
                Some((a, Some(c))) => {
                    let _ = write!(h, "<td>{a:.1} ({})</td>", signed(c));
                }
                Some((a, None)) => {
                    let _ = write!(h, "<td>{a:.1}</td>");
                }
                None => h.push_str("<td>–</td>"),
            }
        }
        match sym.change {
            Some(c) => {
                let class = if c < 0 {
                    "better"
                } else if c > 0 {
                    "worse"
                } else {
                    ""
                };
                let _ = writeln!(
                    h,
                    "<td class=\"{class}\">{}</td></tr>",
                    signed(f64::from(c))
                );
            }
            None => h.push_str("<td>–</td></tr>\n"),
        }
    }
    h.push_str("</tbody></table>\n");
}

/// The notes written during the course.
fn notes_section(h: &mut String, d: &ReportData) {
    h.push_str("<h2>Notes</h2>\n");
    if d.notes.is_empty() {
        h.push_str("<p class=\"small\">No notes.</p>\n");
    } else {
        h.push_str("<ul>\n");
        for n in &d.notes {
            let _ = writeln!(
                h,
                "<li>{} · {}: {}</li>",
                date(n.day),
                esc(&n.what),
                esc(&n.text)
            );
        }
        h.push_str("</ul>\n");
    }
}

/// The supply: whether it ran out during the course, and whether it lasts the rest of it.
fn supply_section(h: &mut String, d: &ReportData) {
    h.push_str("<h2>Supply</h2>\n");
    let Some(s) = &d.supply else {
        h.push_str("<p class=\"small\">The supply was not counted.</p>\n");
        return;
    };
    let end = d.spec.end_date();
    match s.ran_out_on.filter(|day| *day < end && *day <= d.last) {
        Some(day) => {
            let n = d
                .spec
                .course_day(day)
                .map(|n| format!(" (day {n} of {})", d.spec.length_days));
            let _ = writeln!(
                h,
                "<p data-supply=\"ran_out\">The supply ran out mid-course on {}{}: doses after it may have been missed for want of {}.</p>",
                date(day),
                n.unwrap_or_default(),
                s.unit.key()
            );
        }
        None => h.push_str(
            "<p data-supply=\"lasted\">The supply did not run out during the days reported.</p>\n",
        ),
    }
    let _ = writeln!(
        h,
        "<p class=\"small\">On hand now: {} {}{}.</p>",
        fmt_mg(s.on_hand),
        s.unit.key(),
        match s.runs_out_on {
            Some(day) => format!(
                ", enough until {} (the course ends {})",
                date(day - Duration::days(1)),
                date(end)
            ),
            None => ", enough for the rest of the course".into(),
        }
    );
}

/// Breathing and movement minutes per week.
fn practice_section(h: &mut String, d: &ReportData) {
    h.push_str("<h2>Breathing and movement</h2>\n<table><thead><tr><th>Week</th><th>Breathing</th><th>Movement</th></tr></thead><tbody>\n");
    for w in &d.practice.weeks {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{} min ({} sessions)</td><td>{} min</td></tr>",
            w.week, w.breathing_minutes, w.breathing_sessions, w.movement_minutes
        );
    }
    h.push_str("</tbody></table>\n");
    if let Some(w) = &d.practice.warmth {
        let _ = writeln!(
            h,
            "<p class=\"small\">Hand warmth (0 cold to 10 warm) over {} rated sessions: {:.1} before, {:.1} after, {} on average.</p>",
            w.sessions,
            w.average_before,
            w.average_after,
            signed(w.average_change)
        );
    }
}
