//! Keep-apart windows: around each magnesium dose, the span in which a medicine with a
//! separation rule should not be taken, and whether a local time falls inside one.

use chrono::NaiveTime;

use super::model::{medicine_name, KeepApart, SafetyAnswers, SupplementPlan};
use crate::day::parse_hhmm;

fn minutes(t: NaiveTime) -> i64 {
    t.signed_duration_since(NaiveTime::MIN).num_minutes()
}

fn hhmm_from_minutes(m: i64) -> String {
    let m = m.rem_euclid(24 * 60);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Whether local time `t` lies in [from, until), windows may wrap past midnight.
pub(super) fn in_window(t: &str, from: &str, until: &str) -> bool {
    let (Ok(t), Ok(f), Ok(u)) = (
        parse_hhmm(t, ""),
        parse_hhmm(from, ""),
        parse_hhmm(until, ""),
    ) else {
        return false;
    };
    let (t, f, u) = (minutes(t), minutes(f), minutes(u));
    if f <= u {
        f <= t && t < u
    } else {
        t >= f || t < u
    }
}

/// Whether two local times "HH:MM" are the same minute (false when either does not parse).
pub(super) fn same_time(a: &str, b: &str) -> bool {
    matches!(
        (parse_hhmm(a, ""), parse_hhmm(b, "")),
        (Ok(a), Ok(b)) if a == b
    )
}

/// The keep-apart windows around each dose for each medicine with a separation rule, by the
/// class its name says (else the one picked).
pub fn keep_apart_windows(safety: &SafetyAnswers, plan: &SupplementPlan) -> Vec<KeepApart> {
    let mut out = Vec::new();
    for m in &safety.medicines {
        let Some(sep) = m.separation(safety.wider_windows) else {
            continue;
        };
        for d in &plan.doses {
            let Ok(t) = parse_hhmm(&d.time, "") else {
                continue;
            };
            let at = minutes(t);
            out.push(KeepApart {
                medicine: medicine_name(m),
                class: crate::facts::class_in_force(m.class, &m.name),
                from: hhmm_from_minutes(at - i64::from(sep.before_min)),
                until: hhmm_from_minutes(at + i64::from(sep.after_min)),
                dose_slot: d.slot,
                source: sep.source,
            });
        }
    }
    out
}

/// `window` measured from the time its dose was actually taken (`taken`, local "HH:MM") instead
/// of the planned `planned` time (reference §4: "measured from the time a dose was actually
/// taken once it is ticked"). Unchanged when either time does not parse.
pub fn moved_to_taken(window: &KeepApart, planned: &str, taken: &str) -> KeepApart {
    let (Ok(p), Ok(t)) = (parse_hhmm(planned, ""), parse_hhmm(taken, "")) else {
        return window.clone();
    };
    let shift = |hhmm: &str| match parse_hhmm(hhmm, "") {
        Ok(w) => hhmm_from_minutes(minutes(w) + minutes(t) - minutes(p)),
        Err(_) => hhmm.to_string(),
    };
    KeepApart {
        from: shift(&window.from),
        until: shift(&window.until),
        ..window.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_holds_its_start_not_its_end_and_may_wrap_past_midnight() {
        // (time, from, until, inside)
        let table = [
            ("06:00", "06:00", "10:00", true),
            ("09:59", "06:00", "10:00", true),
            ("10:00", "06:00", "10:00", false),
            ("23:30", "22:00", "02:00", true),
            ("00:00", "22:00", "02:00", true),
            ("02:00", "22:00", "02:00", false),
            ("12:00", "22:00", "02:00", false),
            ("7pm", "06:00", "10:00", false),
        ];
        for (t, from, until, inside) in table {
            assert_eq!(in_window(t, from, until), inside, "{t} in {from}–{until}");
        }
    }

    #[test]
    fn window_edges_wrap_around_the_clock() {
        assert_eq!(hhmm_from_minutes(-120), "22:00");
        assert_eq!(hhmm_from_minutes(24 * 60 + 30), "00:30");
        assert_eq!(hhmm_from_minutes(9 * 60 + 5), "09:05");
    }
}
