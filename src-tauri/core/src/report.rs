//! The course report a user can print or give a clinician: a self-contained HTML document (no
//! remote content, print styles included) and a CSV with one row per day.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::facts::DISCLAIMER;
use crate::facts::{Pregnancy, Sex};
use crate::log::{Entry, NoteOn, Record};
use crate::pause::Pause;
use crate::progress::{DayProgress, Streaks, SymptomSeries, WeekProgress, SCORE_HALF_LIFE_DAYS};
use crate::protocol::{
    evaluate_protocol, fmt_mg, medicine_name, KidneyAnswer, Level, ProtocolSpec, Symptom,
};

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// Weeks 1 to 4.
    Week4,
    /// Weeks 1 to 8.
    Week8,
    /// The course so far.
    Now,
}

impl ReportKind {
    /// The last day the report covers for a course starting on `first` (before clipping to the
    /// course's end and today).
    pub fn planned_last(self, first: NaiveDate, course_end: NaiveDate) -> NaiveDate {
        match self {
            ReportKind::Week4 => first + Duration::days(27),
            ReportKind::Week8 => first + Duration::days(55),
            ReportKind::Now => course_end,
        }
    }
}

/// A report the Progress screen offers.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReportOffer {
    pub kind: ReportKind,
    pub label: String,
    /// True once its weeks are over (the "so far" report is always ready).
    pub ready: bool,
}

/// The reports a course of `length_days` from `first` offers on `today`: week 4 and week 8 when
/// the course is that long, and always the course so far.
pub fn offers(length_days: u32, first: NaiveDate, today: NaiveDate) -> Vec<ReportOffer> {
    let mut out = vec![];
    for (kind, label, weeks) in [
        (ReportKind::Week4, "Week 4 report", 4u32),
        (ReportKind::Week8, "Week 8 report", 8u32),
    ] {
        if length_days >= weeks * 7 {
            out.push(ReportOffer {
                kind,
                label: label.into(),
                ready: today >= first + Duration::days(i64::from(weeks * 7 - 1)),
            });
        }
    }
    out.push(ReportOffer {
        kind: ReportKind::Now,
        label: "Report so far".into(),
        ready: true,
    });
    out
}

/// A report, rendered.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RenderedReport {
    pub kind: ReportKind,
    pub title: String,
    /// A suggested file name, without extension.
    pub file_stem: String,
    /// A self-contained, printable HTML document.
    pub html: String,
    /// One row per day.
    pub csv: String,
}

/// Which file a report is saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// The printable document.
    Html,
    /// One row per day, for a spreadsheet.
    Csv,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Csv => "csv",
        }
    }
}

/// Input for `export_report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportInput {
    pub kind: ReportKind,
    pub format: ReportFormat,
}

/// Where a report went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportResult {
    /// The file written; `None` when the user cancelled.
    pub path: Option<String>,
}

/// The last note of each (day, item) in the course's entries; an empty one clears it. `labels`
/// names items by key ("dose:1" → "Dose 1 (08:00)").
pub fn notes_of(records: &[Record], labels: &BTreeMap<String, String>) -> Vec<ReportNote> {
    let mut last: BTreeMap<(NaiveDate, String), String> = BTreeMap::new();
    for r in records {
        if let Entry::Note { on, text } = &r.entry {
            last.insert((r.day, on.key()), text.trim().to_string());
        }
    }
    last.into_iter()
        .filter(|(_, t)| !t.is_empty())
        .map(|((day, item), text)| ReportNote {
            day,
            what: labels
                .get(&item)
                .cloned()
                .unwrap_or_else(|| match NoteOn::parse(&item) {
                    NoteOn::Day => "Day".into(),
                    NoteOn::CheckIn => "Check-in".into(),
                    _ => item.clone(),
                }),
            text,
        })
        .collect()
}

/// The names of a course's items and doses across its versions, by stored key.
pub fn labels<'a>(specs: impl IntoIterator<Item = &'a ProtocolSpec>) -> BTreeMap<String, String> {
    let mut labels = BTreeMap::new();
    for spec in specs {
        for i in &spec.items {
            labels.insert(i.key.clone(), i.label.clone());
        }
        for d in spec.doses_on(spec.start_date) {
            labels.insert(
                format!("dose:{}", d.slot),
                format!("Dose {} ({})", d.slot, d.time),
            );
        }
    }
    labels
}

/// What a clinician needs to see first: the safety answers, the limit and the plan's share of
/// it, declared antacids and laxatives, the vitamin B6 a day and what depletes magnesium as the
/// user stated them, an acknowledged plan above the limit, and every finding above information
/// level.
fn safety_section(h: &mut String, s: &ProtocolSpec) {
    let report = evaluate_protocol(&s.safety, s.supplement.as_ref(), s.b6_mg_per_day);
    let a = &s.safety;
    h.push_str("<h2>Safety</h2>\n<ul data-section=\"safety\">\n");
    let _ = writeln!(
        h,
        "<li>Answers: age {}, {}{}; kidney disease: {}; magnesium from antacids or laxatives: {} mg a day{}</li>",
        esc(a.age_band.label()),
        match a.sex {
            Sex::Female => "female",
            Sex::Male => "male",
        },
        match a.pregnancy {
            Pregnancy::No => "",
            Pregnancy::Pregnant => ", pregnant",
            Pregnancy::Lactating => ", breastfeeding",
        },
        match a.kidney_disease {
            KidneyAnswer::Yes => "yes",
            KidneyAnswer::No => "no",
            KidneyAnswer::NotSure => "not sure (counted as yes)",
        },
        fmt_mg(a.antacid_laxative_mg),
        if a.conservative_limit {
            "; the stricter European limit chosen"
        } else {
            ""
        }
    );
    match report.limit_mg {
        Some(limit) if limit > 0 => {
            let _ = writeln!(
                h,
                "<li>Limit for supplemental magnesium: {limit} mg a day ({}); supplements plus antacids and laxatives: {} mg, {:.0}% of it</li>",
                esc(report.limit_source.citation),
                fmt_mg(report.supplemental_total_mg),
                report.supplemental_total_mg / f64::from(limit) * 100.0
            );
        }
        _ => h.push_str("<li>No supplemental limit applies: no supplement plan was built.</li>\n"),
    }
    if let Some(b6) = s.b6_mg_per_day {
        let _ = writeln!(
            h,
            "<li data-b6>Vitamin B6 (B6 and B-complex together): {} mg a day</li>",
            fmt_mg(b6)
        );
    }
    if !a.depletion.is_empty() {
        let named: Vec<&str> = a.depletion.iter().map(|f| f.label()).collect();
        let _ = writeln!(
            h,
            "<li data-depletion>What can lower magnesium, as the user named it: {}</li>",
            esc(&named.join("; "))
        );
    }
    if let Some(x) = s.above_limit {
        let _ = writeln!(
            h,
            "<li data-above-limit>Kept above the limit on a clinician's advice, as the user confirmed: {} mg a day, {}% of {} mg</li>",
            fmt_mg(x.total_mg),
            x.percent,
            x.limit_mg
        );
    }
    for f in report.findings.iter().filter(|f| f.level > Level::Info) {
        let _ = writeln!(
            h,
            "<li data-finding=\"{}\">{}: {}</li>",
            f.code,
            esc(&format!("{:?}", f.level)),
            esc(&f.message)
        );
    }
    h.push_str("</ul>\n");
}

/// Render one format of a report.
pub fn render(d: &ReportData, format: ReportFormat) -> String {
    match format {
        ReportFormat::Html => html(d),
        ReportFormat::Csv => csv(d),
    }
}

/// A note written during the course.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportNote {
    pub day: NaiveDate,
    /// What it is about ("Dose 1 (08:00)", "Water", "Day", "Check-in").
    pub what: String,
    pub text: String,
}

/// Everything a report shows.
pub struct ReportData<'a> {
    pub kind: ReportKind,
    pub generated: DateTime<FixedOffset>,
    pub spec: &'a ProtocolSpec,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub days: &'a [DayProgress],
    pub weeks: &'a [WeekProgress],
    pub symptoms: &'a [SymptomSeries],
    pub dose_adherence: Option<f64>,
    pub all_adherence: Option<f64>,
    pub streaks: Streaks,
    pub score: Option<f64>,
    pub notes: Vec<ReportNote>,
    /// Safety pauses that overlap the report's days (reference §7).
    pub pauses: Vec<Pause>,
    /// The product's supply as of today, once counted (see [`crate::stock`]).
    pub supply: Option<crate::stock::StockView>,
    /// Breathing and movement minutes per week.
    pub practice: crate::practice::PracticeSummary,
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

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{:.0}%", v * 100.0))
}

fn date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

fn signed(v: f64) -> String {
    if v > 0.05 {
        format!("+{v:.1}")
    } else if v < -0.05 {
        format!("{v:.1}")
    } else {
        "±0".into()
    }
}

/// "Week 4 report", ...
pub fn title(d: &ReportData) -> String {
    let span = match d.kind {
        ReportKind::Week4 => "weeks 1–4",
        ReportKind::Week8 => "weeks 1–8",
        ReportKind::Now => "the course so far",
    };
    format!("Magday course report: {span}")
}

/// "magday-report-week-4-2026-12-18".
pub fn file_stem(d: &ReportData) -> String {
    let kind = match d.kind {
        ReportKind::Week4 => "week-4",
        ReportKind::Week8 => "week-8",
        ReportKind::Now => "so-far",
    };
    format!("magday-report-{kind}-{}", d.last.format("%Y-%m-%d"))
}

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
        d.generated.format("%-d %b %Y %H:%M")
    );
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
    if !s.safety.medicines.is_empty() {
        let meds: Vec<String> = s
            .safety
            .medicines
            .iter()
            .map(|m| {
                esc(&format!(
                    "{}{}",
                    medicine_name(m),
                    m.time
                        .as_ref()
                        .map(|t| format!(" at {t}"))
                        .unwrap_or_default()
                ))
            })
            .collect();
        let _ = writeln!(h, "<li>Medicines: {}</li>", meds.join(", "));
    }
    h.push_str("</ul>\n");
    safety_section(&mut h, s);
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
    h.push_str("</tbody></table>\n<h2>Symptoms</h2>\n<p class=\"small\">0 is none, 10 the worst. Change is against the first rating (the baseline); negative is better.</p>\n");
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
    h.push_str("</tbody></table>\n<h2>Safety pauses</h2>\n");
    if d.pauses.is_empty() {
        h.push_str("<p class=\"small\">No urgent signs were reported.</p>\n");
    } else {
        h.push_str("<ul>\n");
        for p in &d.pauses {
            let end = match p.until {
                Some(u) => format!(
                    "resumed {} after the user confirmed a clinician's clearance",
                    date(u.date_naive())
                ),
                None => "still paused".into(),
            };
            let _ = writeln!(
                h,
                "<li data-pause>{} · reported {}: magnesium paused, {end}</li>",
                date(p.day),
                esc(&p.signs.join(", "))
            );
        }
        h.push_str("</ul>\n");
    }
    supply_section(&mut h, d);
    practice_section(&mut h, d);
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
    let _ = writeln!(h, "<h2>About this report</h2>\n<p class=\"small\">{}</p>\n<p class=\"small\">Made by Magday on the user's device. Limits: NIH Office of Dietary Supplements; IOM 1997. Food values: USDA FoodData Central (SR Legacy).</p>\n</body></html>",
        esc(DISCLAIMER)
    );
    h
}

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
