//! The core and what a command resolves once ([`Ctx`]), the protocol and settings commands, and
//! a day's view and taps. The other commands are in this module's siblings.

use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

use crate::checklist::{self, Checklist, Tap};
use crate::day::{self, parse_date, DayClock, Now};
use crate::error::Result;
use crate::log::{self, DayState, NewRecord, Record};
use crate::pause::{self, Pause, ResumeInput};
use crate::protocol::{self, ProtocolInput, ProtocolSpec};
use crate::settings::Settings;
use crate::setup::{self, ProtocolCheck, ProtocolView, SetupOptions};
use crate::store::{Store, StoredVersion};
use crate::today::{self, DayParts, DayView};

/// The core: storage plus rules.
#[derive(Clone, Debug)]
pub struct Core {
    pub(super) store: Store,
    /// Held by a tap from reading its day to appending its entries, so taps made at the same
    /// moment (the window, a notification's Taken, the tray) decide in turn, each on the day
    /// as the one before left it. Writes in general queue in the store (`BEGIN IMMEDIATE`).
    pub(super) taps: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// Private reminder text on this device whatever the settings say: the shell sets it
    /// while the device's app lock is on (see [`Core::force_private_reminders`]).
    private_forced: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// This device's record passphrase, in memory only: the shell sets it at start and on
    /// change (see [`Core::set_record_passphrase`]).
    pub(super) record_keys: std::sync::Arc<crate::record::Keys>,
}

/// What a command resolves once: the settings, the day clock they give, today, and the safety
/// pauses (they span days, so every view needs them).
pub(crate) struct Ctx {
    pub settings: Settings,
    pub clock: DayClock,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
    pub pauses: Vec<Pause>,
    /// The supply's counts and refills (see [`crate::stock`]).
    pub stock: Vec<Record>,
}

impl Ctx {
    /// The day a command names ("YYYY-MM-DD"; today when absent), checked: not after today, not
    /// more than a year back.
    pub fn day(&self, text: Option<&str>) -> Result<NaiveDate> {
        let day = match text {
            Some(d) => parse_date(d, "day")?,
            None => self.today,
        };
        day::check_open(day, self.today)?;
        Ok(day)
    }

    /// An instant as recorded: with the local offset.
    pub fn local(&self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        t.with_timezone(&self.clock.tz).fixed_offset()
    }

    /// An entry recorded now on `day`.
    pub fn record(&self, day: NaiveDate, version: Option<i64>, entry: log::Entry) -> NewRecord {
        NewRecord {
            day,
            at: self.local(self.now),
            protocol_version: version,
            entry,
        }
    }
}

/// A stored version with its spec.
pub(crate) type Version = (StoredVersion, ProtocolSpec);

/// A day's checklist from the version governing it and its log.
pub(crate) fn checklist_of(
    ctx: &Ctx,
    day: NaiveDate,
    version: Option<&Version>,
    log: &DayState,
) -> Result<Checklist> {
    checklist::derive(
        day,
        version.map(|(v, s)| (v.id, s)),
        version.and_then(|(v, _)| v.saved_on(day)),
        log,
        &ctx.pauses,
        ctx.now,
        &ctx.clock,
    )
}

impl Core {
    /// Open the database file at `path`.
    pub async fn open(path: &Path) -> Result<Core> {
        Ok(Core::from_store(Store::open(path).await?))
    }

    /// Open the database file at `path` as device `device` (the id kept outside the file),
    /// snapshotting it into `backups` first when a migration is about to change it.
    pub async fn open_as(path: &Path, device: &str, backups: &Path) -> Result<Core> {
        Ok(Core::from_store(
            Store::open_as_with_snapshot(path, device, &pre_migration_snapshot(backups)).await?,
        ))
    }

    /// A core over an opened store.
    pub fn from_store(store: Store) -> Core {
        Core {
            store,
            taps: Default::default(),
            private_forced: Default::default(),
            record_keys: Default::default(),
        }
    }

    /// Reminders on this device use private text ([`crate::reminders::private`]) whatever the
    /// settings say, while `on` (the shell's app lock). Not stored: the shell says it at start.
    pub fn force_private_reminders(&self, on: bool) {
        self.private_forced
            .store(on, std::sync::atomic::Ordering::SeqCst);
    }

    /// A core over a private in-memory database.
    pub async fn open_in_memory() -> Result<Core> {
        Ok(Core::from_store(Store::open_in_memory().await?))
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub(crate) async fn ctx(&self, now: &Now) -> Result<Ctx> {
        let (settings, safety, stock) =
            log::read_setting_safety_and_stock::<Settings>(&self.store, "settings").await?;
        let mut settings = settings.unwrap_or_default();
        // The reminders' words follow the device's lock too (the settings screen reads the
        // settings themselves, not this).
        settings.reminders.private_text |= self
            .private_forced
            .load(std::sync::atomic::Ordering::SeqCst);
        let clock = settings.clock(now);
        Ok(Ctx {
            today: clock.day_of(now.utc),
            clock,
            settings,
            now: now.utc,
            pauses: pause::pauses(&safety),
            stock,
        })
    }

    // ---- settings ------------------------------------------------------------------------

    pub async fn settings(&self) -> Result<Settings> {
        Ok(self
            .store
            .setting::<Settings>("settings")
            .await?
            .unwrap_or_default())
    }

    /// Validate and save settings; returns what was saved.
    pub async fn update_settings(&self, input: Settings) -> Result<Settings> {
        let s = input.validated()?;
        self.store.set_setting("settings", &s).await?;
        Ok(s)
    }

    /// Today, by the user's day start and zone.
    pub async fn today(&self, now: &Now) -> Result<NaiveDate> {
        Ok(self.ctx(now).await?.today)
    }

    // ---- protocol ------------------------------------------------------------------------

    pub async fn setup_options(&self, now: &Now) -> Result<SetupOptions> {
        let ctx = self.ctx(now).await?;
        let calendar = ctx.now.with_timezone(&ctx.clock.tz).date_naive();
        Ok(setup::options(
            ctx.today,
            setup::first_day(ctx.today, calendar),
        ))
    }

    /// The first day of the course that governs `day`, or of the first course when `day` comes
    /// before every course; `None` before any protocol.
    pub(crate) async fn course_start_for(
        &self,
        version: Option<&Version>,
    ) -> Result<Option<NaiveDate>> {
        Ok(match version {
            Some((_, spec)) => Some(spec.start_date),
            None => match self.store.first_version().await? {
                Some(v) => Some(self.governed(&v)?.start_date),
                None => None,
            },
        })
    }

    /// Refuse a record on `day` before the course or before any protocol (see
    /// [`checklist::ensure_recordable`]).
    pub(crate) async fn ensure_course_has_begun(
        &self,
        day: NaiveDate,
        version: Option<&Version>,
    ) -> Result<()> {
        let start = self.course_start_for(version).await?;
        checklist::ensure_recordable(day, start, version.is_some())
    }

    /// Check a protocol without saving it (see [`setup::check`]); with a protocol saved, against
    /// the newest version's report (the one [`Core::protocol`] shows).
    pub async fn check_protocol(&self, input: &ProtocolInput, now: &Now) -> Result<ProtocolCheck> {
        let ctx = self.ctx(now).await?;
        let saved = self
            .store
            .latest_version()
            .await?
            .map(|v| v.spec())
            .transpose()?;
        let saved = saved.map(|s: ProtocolSpec| setup::saved_report(&s));
        setup::check(
            input,
            ctx.today,
            ctx.settings.day_start_min(),
            saved.as_ref(),
        )
    }

    /// Save a protocol: a new course when `new_course` or when there is none yet, else a new
    /// version of the current course, taking effect as [`protocol::versions`] says.
    pub async fn save_protocol(
        &self,
        input: &ProtocolInput,
        new_course: bool,
        now: &Now,
    ) -> Result<ProtocolView> {
        let ctx = self.ctx(now).await?;
        let (spec, report) = protocol::validate(input, ctx.today, ctx.settings.day_start_min())?;
        let latest = self.store.latest_version().await?;
        // The version saved before (a spec that cannot be read counts as none).
        let before = latest
            .as_ref()
            .and_then(|v| v.spec::<protocol::ProtocolSpec>().ok());
        let now_urgent = protocol::takes_effect_now(&report, &spec, before.as_ref());
        let logged_today = self.store.has_events_on(ctx.today).await? && !now_urgent;
        let (course, effective_from) = protocol::place_version(
            latest.as_ref().map(|v| (v.course_id, v.effective_from)),
            new_course,
            ctx.today,
            logged_today,
            spec.start_date,
        );
        let json = serde_json::to_string(&spec)?;
        let created = ctx.local(ctx.now);
        let mut course = course;
        if now_urgent && effective_from > ctx.today {
            // A change was pending for a later day: the stop governs from today, and again from
            // that day, so the pending change (older) never takes over from it.
            let today_copy = self
                .store
                .insert_version(course, ctx.today, created, &json)
                .await?;
            course = Some(today_copy.course_id);
        }
        let stored = self
            .store
            .insert_version(course, effective_from, created, &json)
            .await?;
        self.protocol_view(&stored, ctx.today).await
    }

    async fn protocol_view(&self, v: &StoredVersion, today: NaiveDate) -> Result<ProtocolView> {
        let count = self.store.version_count_of_course(v.course_id).await?;
        Ok(setup::protocol_view(v, v.spec()?, today, count))
    }

    /// The newest saved protocol, or `None` before setup.
    pub async fn protocol(&self, now: &Now) -> Result<Option<ProtocolView>> {
        let today = self.today(now).await?;
        match self.store.latest_version().await? {
            Some(v) => Ok(Some(self.protocol_view(&v, today).await?)),
            None => Ok(None),
        }
    }

    /// The version governing `day` (parsed) and the day's entries, in one round trip.
    pub(crate) async fn read_day(&self, day: NaiveDate) -> Result<(Option<Version>, Vec<Record>)> {
        let (version, records) = log::read_day(&self.store, day).await?;
        Ok((self.parsed(version)?, records))
    }

    /// A stored version's spec as it may govern days: parsed and judged by the save rules once,
    /// then from the store's cache (see [`protocol::govern`]). Every read of a day's plan goes
    /// through here; only the Protocol screen and its check read the spec as stored.
    /// A spec this build cannot read governs no day and says so ([`protocol::unreadable`]).
    pub(crate) fn governed(&self, v: &StoredVersion) -> Result<ProtocolSpec> {
        match self.store.spec_of::<protocol::Governed>(v) {
            Ok(governed) => Ok(governed.0),
            Err(crate::error::CoreError::Corrupt(_)) => {
                Ok(protocol::unreadable(&v.spec, v.effective_from))
            }
            Err(e) => Err(e),
        }
    }

    /// A stored version with its spec (parsed once, then from the store's cache).
    fn parsed(&self, v: Option<StoredVersion>) -> Result<Option<Version>> {
        let Some(v) = v else { return Ok(None) };
        let spec = self.governed(&v)?;
        Ok(Some((v, spec)))
    }

    /// The protocol version that governs `day`, parsed.
    pub async fn version_for(
        &self,
        day: NaiveDate,
    ) -> Result<Option<(StoredVersion, ProtocolSpec)>> {
        self.parsed(self.store.version_in_force(day).await?)
    }

    /// A range `first..=last`: every version governing one of its days (parsed, oldest
    /// first) and every entry (two queries, however long the range).
    pub(crate) async fn range(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<(Vec<Version>, Vec<Record>)> {
        let mut versions = Vec::new();
        for v in self.store.versions_governing(first, last).await? {
            let spec = self.governed(&v)?;
            versions.push((v, spec));
        }
        Ok((versions, log::read(&self.store, first, last).await?))
    }

    // ---- the checklist -------------------------------------------------------------------

    /// One day's view; `day: None` is today.
    pub async fn day(&self, day: Option<&str>, now: &Now) -> Result<DayView> {
        let ctx = self.ctx(now).await?;
        let day = ctx.day(day)?;
        let (version, records) = self.read_day(day).await?;
        self.day_view(&ctx, day, version.as_ref(), &records).await
    }

    /// The day view from the version governing the day and its entries (one derivation; the
    /// store is asked only for what the view needs beyond them).
    pub(crate) async fn day_view(
        &self,
        ctx: &Ctx,
        day: NaiveDate,
        version: Option<&Version>,
        records: &[Record],
    ) -> Result<DayView> {
        let log = DayState::replay(records);
        let list = checklist_of(ctx, day, version, &log)?;
        let has_protocol = version.is_some() || self.store.latest_version().await?.is_some();
        let course_start = if has_protocol {
            self.course_start_for(version).await?
        } else {
            None
        };
        let tomorrow = if day == ctx.today && !list.has_waiting_dose() {
            self.version_for(day + Duration::days(1)).await?
        } else {
            None
        };
        let stock = if day == ctx.today {
            self.stock_view(ctx, &list).await?
        } else {
            None
        };
        let mut view = today::view(
            DayParts {
                day,
                today: ctx.today,
                now: ctx.now,
                clock: &ctx.clock,
                day_start: &ctx.settings.day_start,
                version: version.map(|(v, s)| (v.id, v.course_id, s, v.saved_on(day))),
                has_protocol,
                course_start,
                log: &log,
                pause: pause::current(&ctx.pauses),
                pauses: &ctx.pauses,
                tomorrow: tomorrow.as_ref().map(|(_, s)| (day + Duration::days(1), s)),
            },
            list,
        )?;
        view.stock = stock;
        Ok(view)
    }

    /// Apply one tap to `day` (today when `None`) and return the day as it now stands.
    pub async fn tap(&self, day: Option<&str>, tap: &Tap, now: &Now) -> Result<DayView> {
        let _turn = self.taps.lock().await;
        let ctx = self.ctx(now).await?;
        let day = ctx.day(day)?;
        self.tap_on(&ctx, day, tap).await
    }

    /// End the safety pause once the user confirms a clinician's clearance; returns Today.
    pub async fn resume_after_pause(&self, input: &ResumeInput, now: &Now) -> Result<DayView> {
        let ctx = self.ctx(now).await?;
        let entry = pause::resume(pause::current(&ctx.pauses), input)?;
        let version = self.store.version_in_force(ctx.today).await?.map(|v| v.id);
        log::append(&self.store, &[ctx.record(ctx.today, version, entry)]).await?;
        self.day(None, now).await
    }

    /// The safety pause open now, as the shell keeps it beside the record (`None`: none open).
    pub async fn open_pause(&self) -> Result<Option<pause::OpenPause>> {
        let pauses = pause::pauses(&log::read_safety(&self.store).await?);
        Ok(pause::current(&pauses).map(pause::OpenPause::from))
    }

    /// Carry `kept`, the pause that was open in the record this one replaced, into this record
    /// (recorded at the instant it began, marked as carried), unless this record has a pause open
    /// or a clearance given after it began ([`pause::carry`]). Returns whether it was carried.
    pub async fn carry_pause(&self, kept: &pause::OpenPause) -> Result<bool> {
        let pauses = pause::pauses(&log::read_safety(&self.store).await?);
        if !pause::carry(kept, &pauses) {
            return Ok(false);
        }
        let record = log::NewRecord {
            day: kept.day,
            at: kept.since,
            protocol_version: self.store.version_in_force(kept.day).await?.map(|v| v.id),
            entry: log::Entry::SafetyPaused {
                signs: kept.signs.clone(),
                carried: true,
            },
        };
        log::append(&self.store, &[record]).await?;
        Ok(true)
    }

    pub(crate) async fn tap_on(&self, ctx: &Ctx, day: NaiveDate, tap: &Tap) -> Result<DayView> {
        if matches!(tap, Tap::TakeDose { .. }) {
            pause::check_take(pause::current(&ctx.pauses))?;
        }
        let (version, mut records) = self.read_day(day).await?;
        self.ensure_course_has_begun(day, version.as_ref()).await?;
        let list = checklist_of(ctx, day, version.as_ref(), &DayState::replay(&records))?;
        let entries = checklist::entries_for_tap(tap, &list, ctx.now, &ctx.clock)?;
        let new: Vec<NewRecord> = entries
            .into_iter()
            .map(|e| ctx.record(day, list.protocol_version, e))
            .collect();
        records.extend(log::append(&self.store, &new).await?);
        self.day_view(ctx, day, version.as_ref(), &records).await
    }
}

/// Where the file is snapshotted before a migration changes it: a pre-migration backup in
/// `backups`, named for now.
fn pre_migration_snapshot(backups: &Path) -> std::path::PathBuf {
    backups.join(crate::backup::file_name(
        Utc::now(),
        crate::backup::BackupReason::PreMigration,
    ))
}

// The tests of the core as a whole, beside the commands they drive.
#[cfg(test)]
#[path = "govern_tests.rs"]
mod govern_tests;
#[cfg(test)]
#[path = "pause_tests.rs"]
mod pause_tests;
#[cfg(test)]
#[path = "stop_now_tests.rs"]
mod stop_now_tests;
#[cfg(test)]
#[path = "tests.rs"]
mod tests;
