//! The app's commands. Each is one call into the core: it parses its input (a malformed one is
//! refused with the `invalid_input` code), calls the core with the wall clock, and maps the
//! error to `ApiError` (the shell's own [`ShellError`] goes through the core's `CoreError`, so
//! the UI sees one shape). The `commands!` list is the single place a command is declared: it
//! also yields the Tauri handler, the command names the capability grants, and the TypeScript
//! bindings.
//!
//! A command's writes reach the reminders through the record's one change path
//! (`changes.rs`): each command claims them for the screens, which show what it answered, so
//! they are re-planned without the screens being told to reload. A command whose change the
//! screens did not make themselves (an import, a restore, following another record, a sync)
//! says so.

use magday_core::api::DataExportInput;
use magday_core::api::{CheckInResult, ProgressView};
use magday_core::checkin::CheckInInput;
use magday_core::food::day::{
    FoodDayView, FoodIdInput, LogFoodInput, LogWaterInput, RemoveFoodInput, SearchInput,
};
use magday_core::food::{FeaturedCategory, Food, SearchHit};
use magday_core::input::{DayInput, TapInput};
use magday_core::lock::{LockSetup, LockStatus};
use magday_core::pause::ResumeInput;
use magday_core::practice::BreathingOptions;
use magday_core::protocol::ProtocolInput;
use magday_core::reminders::delivery::DeliveryReport;
use magday_core::report::{ExportInput, ExportResult, ReportFormat};
use magday_core::settings::Settings;
use magday_core::setup::{ProtocolCheck, ProtocolView, SaveProtocolInput, SetupOptions};
use magday_core::stock::StockInput;
use magday_core::today::DayView;
use magday_core::ApiError;

use crate::autostart::{AutostartInput, AutostartView};
use crate::changes::Writer;
use crate::error::ShellError;
use crate::lock::{
    recovery_file_text, LockIdleInput, RecoveryCodeInput, RecoveryInput, SetLockInput,
    TurnOffLockInput, UnlockInput,
};
use crate::notifier::PermissionView;
use crate::record::{
    self as rec, BackupName, FollowRecordInput, ImportOutcome, RecordPassphraseInput, RecordStatus,
    RecoverInput, RecoveryView, RestoreInput, RestoreMode, RestoreOutcome, SavedFile,
    SyncFolderInput,
};
use crate::signature::{CommandSig, TypeCollector};
use crate::state::AppState;
use magday_core::backup::BackupReason;

mod support;
use support::{autostart_view, dialog, parse_input, restart_soon};

// The `commands!` macro: each command's Tauri handler, the lock's check, the write claim, the
// command names and the TypeScript signatures, from one list.
#[macro_use]
mod declare;

commands! {
    /// What onboarding offers: templates, forms, age bands, medicines, symptoms, the disclaimer.
    fn get_setup_options(st, now) -> SetupOptions {
        st.core.setup_options(&now).await
    }

    /// The safety report and plan for a protocol, without saving it.
    fn check_protocol(st, now, input: ProtocolInput) -> ProtocolCheck {
        st.core.check_protocol(&input, &now).await
    }

    /// Save a protocol (a new course, or a new version of the current one).
    fn save_protocol(st, now, input: SaveProtocolInput) -> ProtocolView {
        st.core.save_protocol(&input.protocol, input.new_course, &now).await
    }

    /// The current protocol, or null before setup.
    fn get_protocol(st, now) -> Option<ProtocolView> {
        st.core.protocol(&now).await
    }

    /// One day's checklist (today when no day is given).
    fn get_day(st, now, input: DayInput) -> DayView {
        st.core.day(input.day.as_deref(), &now).await
    }

    /// Record a tap on a day's checklist and return the day.
    fn tap(st, now, input: TapInput) -> DayView {
        st.core.tap(input.day.as_deref(), &input.tap, &now).await
    }

    /// The user's settings.
    fn get_settings(st, now) -> Settings {
        let _ = now;
        st.core.settings().await
    }

    /// Change the settings.
    fn update_settings(st, now, input: Settings) -> Settings {
        let _ = now;
        st.core.update_settings(input).await
    }

    /// Reminders on time in the last 14 days, and the latest ones.
    fn get_delivery_report(st, now) -> DeliveryReport {
        st.core.delivery_report(&now).await
    }

    /// Show a test reminder now, and return the delivery check with it recorded.
    fn send_test_reminder(st, now) -> DeliveryReport {
        let test = st.core.test_reminder_shown(&now, None).await?;
        if let Err(e) = st.notifier.show(&test) {
            st.core.reminder_shown(&test.key, &now, Some(&e.to_string())).await?;
        }
        st.core.delivery_report(&now).await
    }

    /// Whether notifications may be shown, and how to allow them.
    fn get_notification_permission(st, now) -> PermissionView {
        let _ = now;
        Ok(st.notifier.permission())
    }

    /// Ask for the notification permission (the system's prompt, where there is one).
    fn request_notification_permission(st, now) -> PermissionView {
        let _ = now;
        Ok(st.notifier.request_permission())
    }

    /// Whether Magday starts hidden at login on this device, and whether the one-time offer of
    /// it was answered.
    fn get_autostart(st, now) -> AutostartView {
        let _ = now;
        autostart_view(st).await
    }

    /// Start Magday hidden at login, or stop doing so (this answers the one-time offer too).
    /// Refused on phones (`autostart_unavailable`).
    fn set_autostart(st, now, input: AutostartInput) -> AutostartView {
        let _ = now;
        st.autostart.set(input.enabled)?;
        st.core.mark_autostart_offered().await?;
        autostart_view(st).await
    }

    /// Progress over the current course: adherence, streaks, score, symptom trends, reports.
    fn get_progress(st, now) -> ProgressView {
        st.core.progress(&now).await
    }

    /// Record a symptom check-in and say what follows from it (an urgent sign pauses the plan:
    /// phones drop their schedule at once).
    fn check_in(st, now, input: CheckInInput) -> CheckInResult {
        st.core.check_in(&input, &now).await
    }

    /// End a safety pause once the user confirms a clinician has cleared them.
    fn resume_after_pause(st, now, input: ResumeInput) -> DayView {
        st.core.resume_after_pause(&input, &now).await
    }

    /// Save a course report where the user picks (the system's save dialog).
    fn export_report(st, now, input: ExportInput) -> ExportResult {
        let stem = st.core.report_file_stem(input.kind, input.range.as_ref(), &now).await?;
        let (filter, ext) = match input.format {
            ReportFormat::Html => ("Printable report (HTML)", "html"),
            ReportFormat::Csv => ("Spreadsheet (CSV)", "csv"),
        };
        let files = std::sync::Arc::clone(&st.files);
        let name = format!("{stem}.{ext}");
        let picked = tauri::async_runtime::spawn_blocking(move || files.pick(&name, filter, ext))
            .await
            .map_err(|e| ShellError::Interrupted(e.to_string()))??;
        match picked {
            Some(path) => {
                let written = st
                    .core
                    .export_report(input.kind, input.range.as_ref(), input.format, &path, &now)
                    .await?;
                Ok(ExportResult { path: Some(written.display().to_string()) })
            }
            None => Ok(ExportResult { path: None }),
        }
    }

    /// Save the record's data for other programs (an event CSV, a FHIR R4 bundle, a calendar
    /// of the dose times) where the user picks (the system's save dialog).
    fn export_data(st, now, input: DataExportInput) -> ExportResult {
        let stem = st.core.export_file_stem(&input, &now).await?;
        let (filter, ext) = (input.format.filter(), input.format.extension());
        let files = std::sync::Arc::clone(&st.files);
        let name = format!("{stem}.{ext}");
        let picked = tauri::async_runtime::spawn_blocking(move || {
            files.pick_save("Save the Magday export", &name, filter, ext)
        })
        .await
        .map_err(|e| ShellError::Interrupted(e.to_string()))??;
        match picked {
            Some(path) => {
                let written = st.core.export_data_to(&input, &path, &now).await?;
                Ok(ExportResult { path: Some(written.display().to_string()) })
            }
            None => Ok(ExportResult { path: None }),
        }
    }

    /// The Food screen for a day: food magnesium against the recommended intake, what was
    /// logged, and suggestions that close the gap.
    fn get_food_day(st, now, input: DayInput) -> FoodDayView {
        st.core.food_day(input.day.as_deref(), &now).await
    }

    /// Search every food as you type.
    fn search_foods(st, now, input: SearchInput) -> Vec<SearchHit> {
        let _ = now;
        st.core.search_foods(&input.query, input.limit)
    }

    /// One food with its household portions.
    fn get_food(st, now, input: FoodIdInput) -> Food {
        let _ = now;
        st.core.food(input.food_id)
    }

    /// The guides' featured servings, grouped.
    fn get_featured_foods(st, now) -> Vec<FeaturedCategory> {
        let _ = now;
        st.core.featured_foods()
    }

    /// Log an amount of a food for a day.
    fn log_food(st, now, input: LogFoodInput) -> FoodDayView {
        st.core.log_food(&input, &now).await
    }

    /// Log mineral water for a day.
    fn log_water(st, now, input: LogWaterInput) -> FoodDayView {
        st.core.log_water(&input, &now).await
    }

    /// What the guided breathing session offers, with the protocol's own pace.
    fn get_breathing_options(st, now) -> BreathingOptions {
        st.core.breathing_options(&now).await
    }

    /// Count the supply on hand, or add a refill; returns Today with the supply.
    fn update_stock(st, now, input: StockInput) -> DayView {
        st.core.update_stock(&input, &now).await
    }

    /// Backups, this device, the sync folder and the devices seen.
    fn get_record_status(st, now) -> RecordStatus {
        let _ = now;
        rec::status(&st.core, &st.record).await
    }

    /// A number that changes whenever a sync, an import or a restore changed the record (the
    /// screens read it at start, then hear of each change as `record-changed`).
    fn get_record_generation(st, now) -> u32 {
        let _ = now;
        Ok(u32::try_from(st.record.generation()).unwrap_or(u32::MAX))
    }

    /// Back up now.
    fn back_up_now(st, now) -> RecordStatus {
        st.core.back_up(&st.record.paths.backups, BackupReason::Manual, &now).await?;
        rec::status(&st.core, &st.record).await
    }

    /// Save a copy of a backup where the user picks.
    fn save_backup_copy(st, now, input: BackupName) -> SavedFile {
        let _ = now;
        let source = magday_core::backup::path_of(&st.record.paths.backups, &input.name)?;
        let files = std::sync::Arc::clone(&st.files);
        let name = input.name.clone();
        let picked = dialog(move || files.pick_save("Save a copy of the Magday backup", &name, "Magday backup", "db")).await?;
        match picked {
            Some(path) => {
                let bytes = std::fs::read(&source)?;
                magday_core::record::write_atomically(&path, &bytes)?;
                Ok(SavedFile { path: Some(path.display().to_string()) })
            }
            None => Ok(SavedFile { path: None }),
        }
    }

    /// Restore a backup: merged into the record (nothing lost), or replacing it (after a backup
    /// of it; the app restarts).
    fn restore_backup(st, now, input: RestoreInput) -> RestoreOutcome {
        match input.mode {
            RestoreMode::Merge => {
                let merged = st.core.restore_merge(&st.record.paths.backups, &input.name, &now).await?;
                st.record.changes.from_elsewhere();
                Ok(RestoreOutcome { merged: Some(merged), restarting: false })
            }
            RestoreMode::Replace => {
                let replaced = rec::replace(&st.core, &st.record.paths, &input.name, &now).await;
                // The database is closed from here on, whether or not the file was replaced:
                // the app starts again on whichever is in place.
                if !matches!(replaced, Err(magday_core::CoreError::Invalid { .. })) {
                    restart_soon(st);
                }
                replaced?;
                Ok(RestoreOutcome { merged: None, restarting: true })
            }
        }
    }

    /// Export the whole record (every entry, protocol version and setting) where the user picks.
    fn export_record(st, now) -> SavedFile {
        let files = std::sync::Arc::clone(&st.files);
        let name = format!("magday-record-{}.{}", now.utc.format("%Y-%m-%d"), magday_core::record::EXTENSION);
        let picked = dialog(move || files.pick_save("Export the Magday record", &name, "Magday record", magday_core::record::EXTENSION)).await?;
        match picked {
            Some(path) => {
                let written = st.core.export_record(&path, &now).await?;
                Ok(SavedFile { path: Some(written.display().to_string()) })
            }
            None => Ok(SavedFile { path: None }),
        }
    }

    /// Import a record file the user picks: merged into this record (a backup first).
    fn import_record(st, now) -> ImportOutcome {
        let files = std::sync::Arc::clone(&st.files);
        let picked = dialog(move || files.pick_open("Import a Magday record", "Magday record", magday_core::record::EXTENSION)).await?;
        match picked {
            Some(path) => {
                let result = st.core.import_record(&path, &st.record.paths.backups, &now).await?;
                if result.added.changed() {
                    st.record.changes.from_elsewhere();
                }
                Ok(ImportOutcome { result: Some(result) })
            }
            None => Ok(ImportOutcome { result: None }),
        }
    }

    /// Sync through this folder (typed or pasted), or stop syncing; syncs at once.
    fn set_sync_folder(st, now, input: SyncFolderInput) -> RecordStatus {
        let _ = now;
        if st.core.set_sync_folder(input.folder.as_deref()).await?.is_some() {
            st.record.sync(&st.core).await;
        }
        rec::status(&st.core, &st.record).await
    }

    /// Choose the sync folder in the system's folder dialog; syncs at once.
    fn choose_sync_folder(st, now) -> RecordStatus {
        let _ = now;
        let files = std::sync::Arc::clone(&st.files);
        if let Some(folder) = dialog(move || files.pick_folder("Choose the folder to sync through")).await? {
            st.core.set_sync_folder(Some(&folder.display().to_string())).await?;
            st.record.sync(&st.core).await;
        }
        rec::status(&st.core, &st.record).await
    }

    /// Sync now.
    fn sync_now(st, now) -> RecordStatus {
        let _ = now;
        st.record.sync(&st.core).await;
        rec::status(&st.core, &st.record).await
    }

    /// Set this device's record passphrase (exports and this device's sync file are sealed with
    /// it; every device of the record needs the same), or none; syncs at once.
    fn set_record_passphrase(st, now, input: RecordPassphraseInput) -> RecordStatus {
        let _ = now;
        rec::save_passphrase(&st.record.paths, &st.core, input.passphrase.as_deref())?;
        if st.core.sync_folder_setting().await?.is_some() {
            st.record.sync(&st.core).await;
        }
        rec::status(&st.core, &st.record).await
    }

    /// The sync folder holds more than one person's record: follow the one named (or start a
    /// record of this device's own), then sync.
    fn follow_record(st, now, input: FollowRecordInput) -> RecordStatus {
        let _ = now;
        st.core.follow_record(input.profile.as_deref()).await?;
        st.record.sync(&st.core).await;
        st.record.changes.from_elsewhere();
        rec::status(&st.core, &st.record).await
    }

    /// Set when the app started on the recovery screen (the database could not be used).
    fn get_recovery(st, now) -> Option<RecoveryView> {
        let _ = now;
        Ok(st.record.recovery.clone())
    }

    /// On the recovery screen: restore a backup in place of the damaged record, or start with
    /// an empty one; the app restarts.
    fn recover(st, now, input: RecoverInput) -> bool {
        let _ = now;
        if st.record.recovery.is_none() {
            return Err(magday_core::CoreError::refused("not_recovering", "The record is fine: there is nothing to recover."));
        }
        if let Some(name) = &input.name {
            rec::replace_with_backup(&st.record.paths, name)?;
        }
        restart_soon(st);
        Ok(true)
    }

    /// Take a logged food back.
    fn remove_food(st, now, input: RemoveFoodInput) -> FoodDayView {
        st.core.remove_food(&input, &now).await
    }

    /// The app lock: on or off, locked or open, the wait after wrong tries. Answered while
    /// locked.
    fn get_lock_status(st, now) -> LockStatus {
        let _ = now;
        Ok(st.lock.status())
    }

    /// Open the app with its passphrase (`wrong_passphrase`; `lock_wait` after 5 wrong tries).
    /// Answered while locked.
    fn unlock(st, now, input: UnlockInput) -> LockStatus {
        let _ = now;
        st.lock.run(move |lock, at| lock.unlock(&input.passphrase, at)).await
    }

    /// Set a new passphrase with the one-time recovery code, and open the app; answers the next
    /// recovery code. Answered while locked.
    fn unlock_with_recovery(st, now, input: RecoveryInput) -> LockSetup {
        let _ = now;
        st.lock
            .run(move |lock, at| lock.reset_with_recovery(&input.code, &input.passphrase, at))
            .await
    }

    /// Lock the app now.
    fn lock_now(st, now) -> LockStatus {
        let _ = now;
        Ok(st.lock.lock_now())
    }

    /// Turn the app lock on (no current passphrase) or change its passphrase; answers the
    /// one-time recovery code.
    fn set_lock(st, now, input: SetLockInput) -> LockSetup {
        let _ = now;
        st.lock
            .run(move |lock, at| match &input.current {
                None => lock.enable(&input.passphrase, input.idle_minutes, at),
                Some(current) => {
                    // The idle time first: a refused one changes nothing, the passphrase
                    // neither.
                    if input.idle_minutes != lock.status(at).idle_minutes {
                        magday_core::lock::check_idle(input.idle_minutes)?;
                    }
                    let setup = lock.change(current, &input.passphrase, at)?;
                    let status = lock.set_idle(input.idle_minutes, at)?;
                    Ok(LockSetup { status, ..setup })
                }
            })
            .await
    }

    /// The minutes without use after which the app locks (1 to 60).
    fn update_lock(st, now, input: LockIdleInput) -> LockStatus {
        let _ = now;
        st.lock.run(move |lock, at| lock.set_idle(input.idle_minutes, at)).await
    }

    /// Turn the app lock off (needs its passphrase).
    fn turn_off_lock(st, now, input: TurnOffLockInput) -> LockStatus {
        let _ = now;
        st.lock.run(move |lock, at| lock.disable(&input.passphrase, at)).await
    }

    /// Save the recovery code as a text file where the user picks.
    fn save_recovery_code(st, now, input: RecoveryCodeInput) -> SavedFile {
        let _ = now;
        crate::lock::check_code_shape(&input.code)?;
        let files = std::sync::Arc::clone(&st.files);
        let picked = dialog(move || files.pick_save("Save the Magday recovery code", "magday-recovery-code.txt", "Text", "txt")).await?;
        match picked {
            Some(path) => {
                magday_core::record::write_atomically(&path, recovery_file_text(&input.code).as_bytes())?;
                Ok(SavedFile { path: Some(path.display().to_string()) })
            }
            None => Ok(SavedFile { path: None }),
        }
    }

    /// The user pressed a key or a pointer in the window: the idle time starts again.
    fn note_activity(st, now) -> bool {
        let _ = now;
        st.lock.touch();
        Ok(true)
    }
}
