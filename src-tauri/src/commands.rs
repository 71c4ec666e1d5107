//! The app's commands. Each is one call into the core: it parses its input (a malformed one is
//! refused with the `invalid_input` code), calls the core with the wall clock, and maps the
//! error to `ApiError` (the shell's own [`ShellError`] goes through the core's `CoreError`, so
//! the UI sees one shape). The `commands!` list is the single place a command is declared: it
//! also yields the Tauri handler, the command names the capability grants, and the TypeScript
//! bindings.

use magday_core::checkin::{CheckInInput, CheckInResult};
use magday_core::food::day::{
    FoodDayView, FoodIdInput, LogFoodInput, LogWaterInput, RemoveFoodInput, SearchInput,
};
use magday_core::food::{FeaturedCategory, Food, SearchHit};
use magday_core::input::{DayInput, TapInput};
use magday_core::pause::ResumeInput;
use magday_core::practice::BreathingOptions;
use magday_core::progress::ProgressView;
use magday_core::protocol::ProtocolInput;
use magday_core::reminders::delivery::DeliveryReport;
use magday_core::report::{ExportInput, ExportResult, ReportFormat};
use magday_core::settings::Settings;
use magday_core::setup::{ProtocolCheck, ProtocolView, SaveProtocolInput, SetupOptions};
use magday_core::stock::StockInput;
use magday_core::today::DayView;
use magday_core::ApiError;
use serde::de::DeserializeOwned;

use crate::bindings::{CommandSig, TypeCollector};
use crate::error::ShellError;
use crate::notifier::PermissionView;
use crate::state::AppState;

/// Parse a command's input, refusing a malformed one with a typed error that names the field.
fn parse_input<T: DeserializeOwned>(input: Option<serde_json::Value>) -> Result<T, ApiError> {
    magday_core::input::parse(input.unwrap_or(serde_json::Value::Null)).map_err(ApiError::from)
}

macro_rules! commands {
    (@input $c:ident) => { None };
    (@input $c:ident $t:ty) => { Some($c.add::<$t>()) };
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident($st:ident, $now:ident $(, $arg:ident : $ty:ty)?) -> $ret:ty $body:block
    )*) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            pub async fn $name(
                state: tauri::State<'_, AppState>,
                input: Option<serde_json::Value>,
            ) -> Result<$ret, ApiError> {
                let $st: &AppState = &state;
                let $now = $st.now();
                $( let $arg: $ty = parse_input(input.clone())?; )?
                let _ = &input;
                let result: magday_core::Result<$ret> = async { $body }.await;
                result.map_err(ApiError::from)
            }
        )*

        /// Every command's name, in declaration order.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];

        /// The Tauri invoke handler for every command.
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// Each command's signature, registering its types with the collector.
        pub fn signatures(collector: &mut TypeCollector) -> Vec<CommandSig> {
            vec![$(
                CommandSig {
                    name: stringify!($name),
                    doc: concat!($($doc, "\n"),*),
                    input: commands!(@input collector $($ty)?),
                    output: collector.add::<$ret>(),
                }
            ),*]
        }
    };
}

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
        let saved = st.core.save_protocol(&input.protocol, input.new_course, &now).await?;
        st.notifier.plan_changed();
        Ok(saved)
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
        let day = st.core.tap(input.day.as_deref(), &input.tap, &now).await?;
        st.notifier.plan_changed();
        Ok(day)
    }

    /// The user's settings.
    fn get_settings(st, now) -> Settings {
        let _ = now;
        st.core.settings().await
    }

    /// Change the settings.
    fn update_settings(st, now, input: Settings) -> Settings {
        let _ = now;
        let saved = st.core.update_settings(input).await?;
        st.notifier.plan_changed();
        Ok(saved)
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

    /// Progress over the current course: adherence, streaks, score, symptom trends, reports.
    fn get_progress(st, now) -> ProgressView {
        st.core.progress(&now).await
    }

    /// Record a symptom check-in and say what follows from it (an urgent sign pauses the plan:
    /// phones drop their schedule at once).
    fn check_in(st, now, input: CheckInInput) -> CheckInResult {
        let result = st.core.check_in(&input, &now).await?;
        st.notifier.plan_changed();
        Ok(result)
    }

    /// End a safety pause once the user confirms a clinician has cleared them.
    fn resume_after_pause(st, now, input: ResumeInput) -> DayView {
        let day = st.core.resume_after_pause(&input, &now).await?;
        st.notifier.plan_changed();
        Ok(day)
    }

    /// Save a course report where the user picks (the system's save dialog).
    fn export_report(st, now, input: ExportInput) -> ExportResult {
        let stem = st.core.report_file_stem(input.kind, &now).await?;
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
                let written = st.core.export_report(input.kind, input.format, &path, &now).await?;
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
        let day = st.core.update_stock(&input, &now).await?;
        st.notifier.plan_changed();
        Ok(day)
    }

    /// Take a logged food back.
    fn remove_food(st, now, input: RemoveFoodInput) -> FoodDayView {
        st.core.remove_food(&input, &now).await
    }
}
