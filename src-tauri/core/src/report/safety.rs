//! The Safety section the report opens with (issue 22; reference §2, §3, §4, §7): the safety
//! answers, every medicine with each of its intake times and its window, the limit and the
//! plan's share of it, the vitamin B6 a day, what depletes magnesium, an acknowledged plan above
//! the limit and every finding above information level; then whether the plan is paused now and
//! every safety pause (since, the signs, until).

use std::fmt::Write as _;

use super::data::{date, esc, stamp, ReportData};
use crate::facts::{Pregnancy, Sex};
use crate::pause::Pause;
use crate::protocol::{
    evaluate_protocol, fmt_mg, medicine_name, KidneyAnswer, Level, MedicineInput, ProtocolSpec,
};

/// What a clinician needs to see first, before the protocol.
pub(super) fn section(h: &mut String, d: &ReportData) {
    h.push_str("<h2>Safety</h2>\n<ul data-section=\"safety\">\n");
    answers(h, d.spec);
    medicines(h, d.spec);
    limit_and_findings(h, d.spec);
    h.push_str("</ul>\n");
    pauses(h, d);
}

/// The safety answers: age, sex, pregnancy, kidney disease, antacids and laxatives, the limit
/// chosen.
fn answers(h: &mut String, s: &ProtocolSpec) {
    let a = &s.safety;
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
}

/// "taken at 08:00", "taken at 08:00 and 20:00", "taken at 08:00, 14:00 and 20:00".
fn times_in_words(m: &MedicineInput) -> String {
    let times: Vec<&str> = m.times().collect();
    match times.as_slice() {
        [] => "no intake time given".into(),
        [one] => format!("taken at {one}"),
        [rest @ .., last] => format!("taken at {} and {last}", rest.join(", ")),
    }
}

/// Every medicine the user declared, with each intake time of the day and how far it stays
/// from magnesium (reference §4).
fn medicines(h: &mut String, s: &ProtocolSpec) {
    let meds = &s.safety.medicines;
    if meds.is_empty() {
        h.push_str("<li data-medicines>Medicines: none declared</li>\n");
        return;
    }
    h.push_str("<li data-medicines>Medicines, with every intake time:\n<ul>\n");
    for m in meds {
        let rule = m
            .separation(s.safety.wider_windows)
            .map(|x| format!(" {}", x.rule()))
            .unwrap_or_default();
        let _ = writeln!(
            h,
            "<li data-medicine>{}: {}.{}</li>",
            esc(&medicine_name(m)),
            esc(&times_in_words(m)),
            esc(&rule)
        );
    }
    h.push_str("</ul></li>\n");
}

/// The limit and the plan's share of it, the vitamin B6 a day, what depletes magnesium, an
/// acknowledged plan above the limit, and every finding above information level.
fn limit_and_findings(h: &mut String, s: &ProtocolSpec) {
    let report = evaluate_protocol(&s.safety, s.supplement.as_ref(), s.b6_mg_per_day);
    let a = &s.safety;
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
}

/// One pause: since when (the moment the sign was recorded, and the check-in's day when it was
/// filed under another), the signs, and until when.
fn pause_item(h: &mut String, p: &Pause) {
    let mut filed = if p.since.date_naive() == p.day {
        String::new()
    } else {
        format!(" (check-in for {})", date(p.day))
    };
    if p.carried {
        filed.push_str(" (open when the record was restored or started anew: carried over)");
    }
    let end = match p.until {
        Some(u) => format!(
            "resumed {} at {} after the user confirmed a clinician's clearance",
            date(u.date_naive()),
            u.format("%H:%M")
        ),
        None => "still paused: no clinician's clearance confirmed yet".into(),
    };
    let _ = writeln!(
        h,
        "<li data-pause>Since {}{filed} · reported {}: magnesium paused, {end}</li>",
        stamp(p.since),
        esc(&p.signs.join(", "))
    );
}

/// Whether the plan is paused now, then every safety pause of the days reported (and the one
/// in force now, if it began after them), oldest first (reference §7).
fn pauses(h: &mut String, d: &ReportData) {
    h.push_str("<h2>Safety pauses</h2>\n");
    let mut all: Vec<&Pause> = d.pauses.iter().collect();
    if let Some(now) = &d.paused_now {
        if !all.iter().any(|p| p.since == now.since) {
            all.push(now);
        }
    }
    all.sort_by_key(|p| p.since);
    match &d.paused_now {
        Some(p) => {
            let _ = writeln!(
                h,
                "<p data-pause-state=\"paused\"><strong>Paused now</strong>, since {}: the user reported {}. No dose reminders until the user confirms a clinician's clearance.</p>",
                stamp(p.since),
                esc(&p.signs.join(", "))
            );
        }
        None if all.is_empty() => h.push_str(
            "<p data-pause-state=\"not_paused\">Not paused now. No urgent signs were reported.</p>\n",
        ),
        None => h.push_str("<p data-pause-state=\"not_paused\">Not paused now.</p>\n"),
    }
    if !all.is_empty() {
        h.push_str("<ul>\n");
        for p in all {
            pause_item(h, p);
        }
        h.push_str("</ul>\n");
    }
}
