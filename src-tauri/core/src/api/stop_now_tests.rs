//! Issue 22, point 4: a saved change whose rules stop the plan governs the rest of today at once
//! (the remaining doses are not shown or reminded), entries already logged keep their version,
//! and a new medicine's windows apply today. On a real SQLite file.

use super::*;
use crate::checklist::{DoseStatus, Tap};
use crate::facts::MedicineClass;
use crate::protocol::KidneyAnswer;
use crate::reminders::ReminderKind;
use crate::testkit::{date, file_core_with_input, medicine, nerve, now_in_berlin};

/// `h:m` on 10 November 2026, ten days into the course, in Berlin.
fn at(h: u32, m: u32) -> Now {
    now_in_berlin(date(2026, 11, 10), h, m)
}

async fn core_with_dose_1_taken(dir: &tempfile::TempDir) -> (Core, ProtocolInput) {
    let input = nerve(date(2026, 11, 1), &["08:00", "20:00"]);
    let core = file_core_with_input(dir, &input).await;
    core.tap(None, &Tap::TakeDose { slot: 1, at: None }, &at(9, 0))
        .await
        .unwrap();
    (core, input)
}

fn kidney_yes(input: &ProtocolInput) -> ProtocolInput {
    let mut stop = input.clone();
    stop.safety.kidney_disease = Some(KidneyAnswer::Yes);
    stop.supplement = None;
    stop
}

async fn dose_reminders_today(core: &Core, now: &Now) -> Vec<u32> {
    core.upcoming_reminders(now, 1)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.kind == ReminderKind::Dose && r.day == date(2026, 11, 10))
        .map(|r| r.slot)
        .collect()
}

#[tokio::test]
async fn kidney_yes_at_ten_stops_the_evening_dose_that_day() {
    let dir = tempfile::tempdir().unwrap();
    let (core, input) = core_with_dose_1_taken(&dir).await;
    assert_eq!(dose_reminders_today(&core, &at(9, 30)).await, [2]);
    let first = core
        .version_for(date(2026, 11, 10))
        .await
        .unwrap()
        .unwrap()
        .0;

    core.save_protocol(&kidney_yes(&input), false, &at(10, 0))
        .await
        .unwrap();

    assert_eq!(
        dose_reminders_today(&core, &at(10, 1)).await,
        Vec::<u32>::new(),
        "dose 2 at 20:00 is not reminded"
    );
    let due = core.due_reminders(&at(20, 5)).await.unwrap();
    assert!(due.iter().all(|r| r.kind != ReminderKind::Dose), "{due:?}");
    let today = core.day(None, &at(10, 1)).await.unwrap();
    assert!(
        today.checklist.doses.is_empty(),
        "no dose cards under the stop"
    );
    assert!(today.next_dose.is_none());
    // The dose already taken keeps the version it was taken under.
    let kept: Vec<Option<i64>> =
        sqlx::query_scalar("SELECT protocol_version FROM events WHERE item = 'dose:1'")
            .fetch_all(core.store().pool())
            .await
            .unwrap();
    assert_eq!(kept, [Some(first.id)]);
}

#[tokio::test]
async fn a_stop_is_not_overtaken_by_a_change_pending_for_tomorrow() {
    let dir = tempfile::tempdir().unwrap();
    let (core, input) = core_with_dose_1_taken(&dir).await;
    // An ordinary edit after a dose is logged waits for tomorrow.
    let mut later = input.clone();
    if let Some(s) = later.supplement.as_mut() {
        s.doses[1].time = "21:00".into();
    }
    let pending = core.save_protocol(&later, false, &at(9, 30)).await.unwrap();
    assert_eq!(pending.effective_from, date(2026, 11, 11));

    core.save_protocol(&kidney_yes(&input), false, &at(10, 0))
        .await
        .unwrap();
    for (day, h) in [(10, 11), (11, 7), (12, 7)] {
        let now = now_in_berlin(date(2026, 11, day), h, 0);
        let view = core.day(None, &now).await.unwrap();
        assert!(view.checklist.doses.is_empty(), "day {day}: no doses");
    }
}

#[tokio::test]
async fn an_ordinary_edit_still_waits_for_tomorrow() {
    let dir = tempfile::tempdir().unwrap();
    let (core, input) = core_with_dose_1_taken(&dir).await;
    let mut later = input.clone();
    if let Some(s) = later.supplement.as_mut() {
        s.doses[1].time = "21:00".into();
    }
    core.save_protocol(&later, false, &at(10, 0)).await.unwrap();
    let today = core.day(None, &at(10, 1)).await.unwrap();
    assert_eq!(today.checklist.doses[0].status, DoseStatus::Taken);
    assert_eq!(today.checklist.doses[1].time, "20:00");
}

#[tokio::test]
async fn a_new_medicine_gets_its_window_today() {
    let dir = tempfile::tempdir().unwrap();
    let (core, input) = core_with_dose_1_taken(&dir).await;
    let mut with_antibiotic = input.clone();
    with_antibiotic.safety.medicines.push(medicine(
        MedicineClass::Tetracycline,
        "doxycycline",
        Some("18:00"),
    ));
    core.save_protocol(&with_antibiotic, false, &at(10, 0))
        .await
        .unwrap();
    let today = core.day(None, &at(10, 1)).await.unwrap();
    assert!(
        today
            .checklist
            .keep_apart
            .iter()
            .any(|k| k.medicine.to_lowercase().contains("doxycycline")),
        "{:?}",
        today.checklist.keep_apart
    );
    assert_eq!(today.checklist.doses[0].status, DoseStatus::Taken);
}

/// Reference §4: a keep-apart window is measured from the time a dose was actually taken once
/// it is ticked (from the planned time until then).
#[tokio::test]
async fn a_window_moves_to_the_time_the_dose_was_taken() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = nerve(date(2026, 11, 1), &["08:00", "20:00"]);
    input.safety.medicines.push(medicine(
        MedicineClass::Tetracycline,
        "doxycycline",
        Some("14:00"),
    ));
    let core = file_core_with_input(&dir, &input).await;
    let window = |view: &DayView, slot: u32| {
        let w = view
            .checklist
            .keep_apart
            .iter()
            .find(|k| k.dose_slot == slot)
            .expect("a window");
        (w.from.clone(), w.until.clone())
    };
    let before = core.day(None, &at(7, 0)).await.unwrap();
    // Doxycycline: 2 h before or 4 h after magnesium, around the planned 08:00.
    assert_eq!(window(&before, 1), ("06:00".into(), "12:00".into()));
    // Taken at 09:30: the window is measured from then.
    let taken = core
        .tap(None, &Tap::TakeDose { slot: 1, at: None }, &at(9, 30))
        .await
        .unwrap();
    assert_eq!(window(&taken, 1), ("07:30".into(), "13:30".into()));
    assert_eq!(
        window(&taken, 2),
        ("18:00".into(), "00:00".into()),
        "dose 2 not yet"
    );
}

/// Reference §4: a medicine's window holds around declared magnesium antacids or laxatives too,
/// shown with a supplement plan and without one.
#[tokio::test]
async fn antacids_get_the_medicine_rules_with_or_without_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = nerve(date(2026, 11, 1), &["08:00", "20:00"]);
    input
        .safety
        .medicines
        .push(medicine(MedicineClass::Other, "doxycycline", Some("14:00")));
    let core = file_core_with_input(&dir, &input).await;
    let plain = core.day(None, &at(7, 0)).await.unwrap();
    assert!(
        plain.checklist.antacid_rules.is_empty(),
        "no antacids declared"
    );

    input.safety.takes_antacid_laxative = Some(true);
    input.safety.antacid_laxative_mg = 100.0;
    core.save_protocol(&input, false, &at(7, 5)).await.unwrap();
    let with_plan = core.day(None, &at(7, 10)).await.unwrap();
    assert_eq!(with_plan.checklist.antacid_rules.len(), 1);
    assert!(with_plan.checklist.antacid_rules[0].contains("doxycycline"));
    assert!(
        with_plan.checklist.antacid_rules[0].contains("4 h after"),
        "{:?}",
        with_plan.checklist.antacid_rules
    );

    // No plan allowed (kidney disease not sure): the medicine's rule around antacids still shows.
    input.safety.kidney_disease = Some(KidneyAnswer::NotSure);
    input.supplement = None;
    core.save_protocol(&input, false, &at(7, 15)).await.unwrap();
    let no_plan = core.day(None, &at(7, 20)).await.unwrap();
    assert!(no_plan.checklist.doses.is_empty());
    assert_eq!(no_plan.checklist.antacid_rules.len(), 1);
}
