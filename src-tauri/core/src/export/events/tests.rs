//! The event CSV through the real core on a real SQLite file, with fixed clocks, read back with
//! the `csv` crate.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use super::HEADER;
use crate::api::{Core, DataExportInput, DataFormat};
use crate::checklist::Tap;
use crate::day::Now;
use crate::export::ExportRange;
use crate::food::day::{LogWaterInput, RemoveFoodInput};
use crate::testkit::{date, file_core_with_input, nerve, now_in_berlin};

fn start() -> NaiveDate {
    date(2026, 11, 2)
}

/// A core on a file in `dir` with glycinate at 08:00 and 20:00 from [`start`], saved at 07:00.
async fn core_in(dir: &tempfile::TempDir) -> Core {
    let mut input = nerve(start(), &["08:00", "20:00"]);
    if let Some(s) = input.supplement.as_mut() {
        s.product = "Glycinate, \"gentle\" 100".into();
    }
    file_core_with_input(dir, &input).await
}

/// The course's event CSV on `now`, read back: the header and the rows by column name.
async fn export(core: &Core, now: &Now) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let input = DataExportInput {
        format: DataFormat::EventCsv,
        range: ExportRange::Course,
        person: None,
        private: false,
    };
    let body = core.render_export(&input, now).await.unwrap();
    assert!(body.ends_with("\r\n"), "CRLF line ends");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            assert_eq!(r.len(), header.len(), "every row has every column");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

fn col<'a>(row: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    row.get(name).map(String::as_str).unwrap_or("")
}

fn of_kind<'a>(
    rows: &'a [BTreeMap<String, String>],
    kind: &str,
) -> Vec<&'a BTreeMap<String, String>> {
    rows.iter().filter(|r| col(r, "kind") == kind).collect()
}

#[derive(Debug, Clone)]
enum Op {
    Take(u32),
    Skip(u32),
    Undo(u32),
    Note(&'static str, String),
    Count(i32),
}

impl Op {
    fn tap(&self) -> Tap {
        match self {
            Op::Take(slot) => Tap::TakeDose {
                slot: *slot,
                at: None,
            },
            Op::Skip(slot) => Tap::SkipDose { slot: *slot },
            Op::Undo(slot) => Tap::UndoDose { slot: *slot },
            Op::Note(item, text) => Tap::Note {
                item: (*item).into(),
                text: text.clone(),
            },
            Op::Count(delta) => Tap::Count {
                key: "water".into(),
                delta: *delta,
            },
        }
    }
}

/// Note text with everything a CSV must carry: quotes, commas, CR, LF, emoji, other scripts.
fn note_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "a",
        "Z",
        " ",
        ",",
        "\"",
        "\r",
        "\n",
        "\r\n",
        ";",
        "'",
        "=1+1",
        "ä",
        "ß",
        "Привет",
        "日本語",
        "مرحبا",
        "🙂",
        "👩‍⚕️",
        "\t",
    ]);
    prop::collection::vec(piece, 0..12).prop_map(|p| p.concat())
}

fn op() -> impl Strategy<Value = Op> {
    let slot = 1u32..=2;
    prop_oneof![
        slot.clone().prop_map(Op::Take),
        slot.clone().prop_map(Op::Skip),
        slot.prop_map(Op::Undo),
        (
            prop::sample::select(vec!["day", "dose:1", "dose:2", "water"]),
            note_text()
        )
            .prop_map(|(item, text)| Op::Note(item, text)),
        prop::sample::select(vec![1, -1]).prop_map(Op::Count),
    ]
}

/// Apply each day's ops at 21:00 that day (both doses' windows open or passed); return the
/// ops the core accepted, by day.
async fn apply(core: &Core, days: &[Vec<Op>]) -> Vec<Vec<Op>> {
    let mut accepted = Vec::new();
    for (i, ops) in days.iter().enumerate() {
        let day = start() + Duration::days(i as i64);
        let now = now_in_berlin(day, 21, 0);
        let mut ok = Vec::new();
        for op in ops {
            if core.tap(None, &op.tap(), &now).await.is_ok() {
                ok.push(op.clone());
            }
        }
        accepted.push(ok);
    }
    accepted
}

/// What the ops leave each dose as: taken, skipped or (with its window passed) missed.
fn dose_outcome(ops: &[Op], slot: u32) -> &'static str {
    let mut status = "missed";
    for op in ops {
        match op {
            Op::Take(s) if *s == slot => status = "taken",
            Op::Skip(s) if *s == slot => status = "skipped",
            Op::Undo(s) if *s == slot => status = "missed",
            _ => {}
        }
    }
    status
}

async fn round_trip(days: Vec<Vec<Op>>) -> std::result::Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let core = core_in(&dir).await;
    let accepted = apply(&core, &days).await;
    // Exported the next morning at 07:00, before that day's first dose.
    let today = start() + Duration::days(days.len() as i64);
    let (header, rows) = export(&core, &now_in_berlin(today, 7, 0)).await;
    prop_assert_eq!(header, HEADER.to_vec());
    let (first, last) = (start().to_string(), today.to_string());
    for r in &rows {
        prop_assert_eq!(
            (col(r, "range_first"), col(r, "range_last")),
            (&*first, &*last)
        );
    }
    // One dose row per dose per day; today's are open.
    let doses = of_kind(&rows, "dose");
    prop_assert_eq!(doses.len(), 2 * (days.len() + 1));
    for (i, ops) in accepted.iter().enumerate() {
        let day = (start() + Duration::days(i as i64)).to_string();
        for slot in 1..=2 {
            let row = doses
                .iter()
                .find(|r| col(r, "date") == day && col(r, "item") == format!("Dose {slot}"))
                .expect("a row for every dose");
            prop_assert_eq!(
                col(row, "status"),
                dose_outcome(ops, slot),
                "{} dose {}",
                day,
                slot
            );
            prop_assert_eq!(col(row, "mg"), "100");
            prop_assert_eq!(col(row, "product"), "Glycinate, \"gentle\" 100");
        }
    }
    prop_assert!(doses
        .iter()
        .filter(|r| col(r, "date") == last)
        .all(|r| col(r, "status") == "open"));
    // One row per accepted entry, and the notes exactly as typed (trimmed), in order.
    let entries: Vec<_> = rows.iter().filter(|r| col(r, "kind") != "dose").collect();
    prop_assert_eq!(entries.len(), accepted.iter().map(Vec::len).sum::<usize>());
    let notes: Vec<(String, String)> = accepted
        .iter()
        .enumerate()
        .flat_map(|(i, ops)| {
            let day = (start() + Duration::days(i as i64)).to_string();
            ops.iter().filter_map(move |op| match op {
                Op::Note(_, text) => Some((day.clone(), text.trim().to_string())),
                _ => None,
            })
        })
        .collect();
    let written: Vec<(String, String)> = of_kind(&rows, "note")
        .iter()
        .map(|r| (col(r, "date").to_string(), col(r, "note").to_string()))
        .collect();
    prop_assert_eq!(written, notes);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20, ..ProptestConfig::default() })]
    /// Whatever is tapped and typed, the CSV read back holds one row per dose and per entry,
    /// each dose's status as the taps left it, and every note as typed.
    #[test]
    fn random_logs_survive_the_csv(days in prop::collection::vec(prop::collection::vec(op(), 0..8), 1..4)) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(round_trip(days))?;
    }
}

#[tokio::test]
async fn the_course_range_gives_the_same_dose_totals_as_progress() {
    let dir = tempfile::tempdir().unwrap();
    let core = core_in(&dir).await;
    let at = |d: u32, h: u32, m: u32| now_in_berlin(date(2026, 11, d), h, m);
    let take = |slot| Tap::TakeDose { slot, at: None };
    core.tap(None, &take(1), &at(2, 8, 5)).await.unwrap();
    core.tap(None, &take(2), &at(2, 20, 30)).await.unwrap();
    core.tap(None, &take(1), &at(3, 9, 0)).await.unwrap();
    core.tap(None, &Tap::UndoDose { slot: 1 }, &at(3, 9, 1))
        .await
        .unwrap();
    core.tap(None, &Tap::SkipDose { slot: 2 }, &at(3, 19, 0))
        .await
        .unwrap();
    core.tap(None, &take(1), &at(4, 8, 0)).await.unwrap();
    core.tap(None, &take(1), &at(5, 8, 0)).await.unwrap();
    let now = at(5, 9, 0);
    let (_, rows) = export(&core, &now).await;
    let taken = of_kind(&rows, "dose")
        .iter()
        .filter(|r| col(r, "status") == "taken")
        .count();
    let progress = core.progress(&now).await.unwrap();
    let expected: u32 = progress.days.iter().map(|d| d.doses_taken).sum();
    assert_eq!(taken, expected as usize);
    assert_eq!(taken, 4);
    let missed = of_kind(&rows, "dose")
        .iter()
        .filter(|r| col(r, "status") == "missed")
        .count();
    assert_eq!(missed, 2, "3 Nov dose 1 (undone) and 4 Nov dose 2");
}

#[tokio::test]
async fn a_correction_is_a_row_of_its_own_and_not_applied_twice() {
    let dir = tempfile::tempdir().unwrap();
    let core = core_in(&dir).await;
    let at = |h, m| now_in_berlin(start(), h, m);
    core.tap(None, &Tap::TakeDose { slot: 1, at: None }, &at(8, 10))
        .await
        .unwrap();
    core.tap(None, &Tap::UndoDose { slot: 1 }, &at(8, 20))
        .await
        .unwrap();
    let water = LogWaterInput {
        day: None,
        litres: 0.5,
        mg_per_litre: Some(100.0),
    };
    let view = core.log_water(&water, &at(9, 0)).await.unwrap();
    let entry_id = view.entries[0].id;
    let remove = RemoveFoodInput {
        day: None,
        entry_id,
    };
    core.remove_food(&remove, &at(9, 5)).await.unwrap();
    let (_, rows) = export(&core, &now_in_berlin(date(2026, 11, 3), 9, 0)).await;

    let dose1 = of_kind(&rows, "dose")
        .into_iter()
        .find(|r| col(r, "date") == "2026-11-02" && col(r, "item") == "Dose 1")
        .unwrap();
    assert_eq!(col(dose1, "status"), "missed", "taken, then undone");
    assert_eq!(col(dose1, "recorded_at"), "");
    assert_eq!(col(dose1, "scheduled"), "08:00");
    assert_eq!(col(dose1, "due_at"), "2026-11-02T08:00:00+01:00");

    let entries = of_kind(&rows, "dose entry");
    let actions: Vec<&str> = entries.iter().map(|r| col(r, "action")).collect();
    assert_eq!(actions, ["taken", "undone"]);
    assert_eq!(col(entries[0], "recorded_at"), "2026-11-02T08:10:00+01:00");
    assert_eq!(col(entries[1], "recorded_at"), "2026-11-02T08:20:00+01:00");
    assert_eq!(col(entries[1], "corrects"), col(entries[0], "entry"));
    for e in &entries {
        let device = col(e, "entry").rsplit_once(':').map(|(d, _)| d).unwrap();
        assert_eq!(col(e, "device"), device);
        assert_eq!(col(e, "status"), "", "only dose rows carry a status");
    }

    let food = of_kind(&rows, "food");
    let actions: Vec<&str> = food.iter().map(|r| col(r, "action")).collect();
    assert_eq!(actions, ["logged", "removed"]);
    assert_eq!(col(food[1], "corrects"), col(food[0], "entry"));
    assert_eq!(col(food[0], "mg"), "50");
    assert_eq!(col(food[1], "mg"), "-50");
}
