//! Issue 22 (in part): a pause is a fact about time, on a real SQLite file with fixed clocks.

use super::*;
use crate::checkin::CheckInInput;
use crate::checklist::DoseStatus;
use crate::pause::ResumeInput;
use crate::testkit::{date, file_core_with_input, nerve, now_in_berlin, urgent_check_in};

async fn core(dir: &tempfile::TempDir, times: &[&str]) -> Core {
    file_core_with_input(dir, &nerve(date(2026, 11, 2), times)).await
}

/// Confusion, checked in for `day` (today when `None`).
fn urgent(day: Option<&str>) -> CheckInInput {
    CheckInInput {
        day: day.map(str::to_string),
        ..urgent_check_in(&["confusion"])
    }
}

fn take(slot: u32) -> Tap {
    Tap::TakeDose { slot, at: None }
}

#[tokio::test]
async fn a_back_filled_urgent_sign_pauses_from_the_instant_it_was_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(&dir, &["08:00", "20:00"]).await;
    let d = date(2026, 11, 10);
    let at = |h, m| now_in_berlin(d, h, m);
    // Paused at 09:00, resumed at 18:00.
    core.check_in(&urgent(None), &at(9, 0)).await.unwrap();
    let cleared = ResumeInput {
        cleared_by_clinician: true,
    };
    core.resume_after_pause(&cleared, &at(18, 0)).await.unwrap();
    assert!(core
        .day(None, &at(18, 30))
        .await
        .unwrap()
        .safety_pause
        .is_none());
    // At 19:00 the user fills in yesterday's check-in, with confusion: the plan pauses from now.
    core.check_in(&urgent(Some("2026-11-09")), &at(19, 0))
        .await
        .unwrap();
    let view = core.day(None, &at(19, 30)).await.unwrap();
    let pause = view.safety_pause.expect("paused from 19:00");
    assert!(pause.since.contains("T19:00"), "{}", pause.since);
    assert_eq!(view.checklist.doses[1].status, DoseStatus::Paused);
    // Dose 2 at 20:00 is not reminded.
    let due = core.due_reminders(&at(20, 1)).await.unwrap();
    assert!(due.iter().all(|r| r.slot != 2), "{due:?}");
}

#[tokio::test]
async fn a_dose_due_when_the_pause_starts_is_paused_and_taking_it_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(&dir, &["08:00", "20:00"]).await;
    let d = date(2026, 11, 10);
    let at = |h, m| now_in_berlin(d, h, m);
    assert_eq!(
        core.day(None, &at(9, 0)).await.unwrap().checklist.doses[0].status,
        DoseStatus::Due
    );
    core.check_in(&urgent(None), &at(9, 0)).await.unwrap();
    let view = core.day(None, &at(9, 5)).await.unwrap();
    assert_eq!(
        view.checklist.doses[0].status,
        DoseStatus::Paused,
        "dose 1 was open at 09:00"
    );
    let before = core.store().event_count().await.unwrap();
    let e = core.tap(None, &take(1), &at(9, 5)).await.unwrap_err();
    assert_eq!(e.code(), "paused");
    // A notification's Taken is refused the same way.
    let key = crate::reminders::dose_reminder_key(d, 1);
    let e = core
        .reminder_action(&key, crate::reminders::ReminderAction::Taken, &at(9, 6))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "paused");
    assert_eq!(
        core.store().event_count().await.unwrap(),
        before,
        "nothing recorded"
    );
    // After the clinician's clearance the dose stays paused (it was open during the pause), and
    // the next one is due again as usual.
    core.resume_after_pause(
        &ResumeInput {
            cleared_by_clinician: true,
        },
        &at(10, 0),
    )
    .await
    .unwrap();
    let view = core.day(None, &at(20, 5)).await.unwrap();
    assert_eq!(view.checklist.doses[0].status, DoseStatus::Paused);
    assert_eq!(view.checklist.doses[1].status, DoseStatus::Due);
    core.tap(None, &take(2), &at(20, 5)).await.unwrap();
}

/// Issue 22.5: every screen shows the pause; with trouble breathing among the signs, Breathing
/// offers the seek-care text instead of a session; What to expect says the pause.
#[tokio::test]
async fn every_screen_shows_the_pause_and_breathing_sends_to_care() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(&dir, &["08:00", "20:00"]).await;
    let d = date(2026, 11, 10);
    let at = |h, m| now_in_berlin(d, h, m);
    let calm = core.breathing_options(&at(8, 30)).await.unwrap();
    assert!(calm.safety_pause.is_none() && calm.seek_care.is_none());
    assert!(core
        .progress(&at(8, 30))
        .await
        .unwrap()
        .safety_pause
        .is_none());

    let mut breathless = urgent(None);
    breathless.urgent = vec!["trouble breathing".into()];
    core.check_in(&breathless, &at(9, 0)).await.unwrap();
    let progress = core.progress(&at(9, 5)).await.unwrap();
    assert!(progress.safety_pause.is_some());
    let guide = progress.expect.expect("in the course");
    assert_eq!(guide.title, "Magnesium is paused");
    assert!(core
        .food_day(None, &at(9, 5))
        .await
        .unwrap()
        .safety_pause
        .is_some());
    let breathing = core.breathing_options(&at(9, 5)).await.unwrap();
    assert!(breathing.safety_pause.is_some());
    let care = breathing.seek_care.expect("seek care, not a session");
    assert!(care.contains("trouble breathing") && care.contains("medical care"));

    // Another sign pauses too, but Breathing still offers its session.
    let cleared = ResumeInput {
        cleared_by_clinician: true,
    };
    core.resume_after_pause(&cleared, &at(12, 0)).await.unwrap();
    core.check_in(&urgent(None), &at(13, 0)).await.unwrap();
    let breathing = core.breathing_options(&at(13, 5)).await.unwrap();
    assert!(breathing.safety_pause.is_some() && breathing.seek_care.is_none());
}

/// Issue 22.5: a replace-restore from a backup older than the pause, or an empty start after a
/// damaged file, carries the open pause forward (from the instant it began) and says so.
#[tokio::test]
async fn an_open_pause_is_carried_into_a_restored_or_empty_record() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(&dir, &["08:00", "20:00"]).await;
    let d = date(2026, 11, 10);
    let at = |h, m| now_in_berlin(d, h, m);
    let backups = dir.path().join("backups");
    let older = core
        .back_up(&backups, crate::backup::BackupReason::Manual, &at(8, 30))
        .await
        .unwrap();
    assert_eq!(core.open_pause().await.unwrap(), None);
    core.check_in(&urgent(None), &at(9, 0)).await.unwrap();
    let kept = core.open_pause().await.unwrap().expect("open");
    assert!(kept.since.to_rfc3339().contains("T09:00"));

    // The backup from 08:30 put in place: it knows nothing of the pause until it is carried.
    let restored_path = dir.path().join("restored.db");
    std::fs::copy(backups.join(&older.name), &restored_path).unwrap();
    let restored = Core::open(&restored_path).await.unwrap();
    assert!(restored
        .day(None, &at(10, 0))
        .await
        .unwrap()
        .safety_pause
        .is_none());
    assert!(restored.carry_pause(&kept).await.unwrap());
    let view = restored.day(None, &at(10, 0)).await.unwrap();
    let pause = view.safety_pause.expect("carried");
    assert!(pause.since.contains("T09:00"), "{}", pause.since);
    assert!(pause.message.contains("carried over"), "{}", pause.message);
    let refused = restored.tap(None, &take(2), &at(20, 0)).await.unwrap_err();
    assert_eq!(refused.code(), "paused");
    assert!(!restored.carry_pause(&kept).await.unwrap(), "carried once");

    // An empty start.
    let empty = Core::open(&dir.path().join("empty.db")).await.unwrap();
    assert!(empty.carry_pause(&kept).await.unwrap());
    assert!(empty.open_pause().await.unwrap().is_some());

    // A record that was cleared after the pause began knows more than the note: not carried.
    let cleared = ResumeInput {
        cleared_by_clinician: true,
    };
    core.resume_after_pause(&cleared, &at(12, 0)).await.unwrap();
    assert!(!core.carry_pause(&kept).await.unwrap());
    assert_eq!(core.open_pause().await.unwrap(), None);
}
