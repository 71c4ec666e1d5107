//! The user's preferences: when a day starts, which time zone dose times follow, how reminders
//! behave.

use crate::zone::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::day::{fmt_hhmm, parse_hhmm, parse_tz, DayClock, Now, MAX_DAY_START_MIN};
use crate::error::{CoreError, Result};
use crate::food::exclusions::Exclusion;

/// Which clock dose times follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "mode")]
pub enum TimeZoneMode {
    /// Dose times follow the local wall clock wherever the device is (the default).
    FollowDevice,
    /// Dose times stay on the home zone's clock while travelling.
    KeepHome { tz: String },
}

/// Reminder behaviour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderSettings {
    pub enabled: bool,
    /// Minutes before a dose for a "dose in N minutes" alert; `None`: no pre-alert.
    pub pre_alert_min: Option<u32>,
    /// Repeat every N minutes until the dose is taken; `None`: remind once.
    pub nag_every_min: Option<u32>,
    /// At most this many repeats.
    pub nag_max: u32,
    /// Minutes a snooze lasts.
    pub snooze_min: u32,
    /// Remind at medicine times to keep them apart from magnesium.
    pub separation_reminders: bool,
    /// Reminders say when, never what: "Magday: time for your 08:00 dose", no product, form,
    /// amount or medicine (see [`crate::reminders::private`]). On for the device while its app
    /// lock is on, whatever this says. Settings saved before it existed read as off.
    #[serde(default)]
    pub private_text: bool,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            enabled: true,
            pre_alert_min: None,
            nag_every_min: None,
            nag_max: 3,
            snooze_min: 10,
            separation_reminders: true,
            private_text: false,
        }
    }
}

/// How the app looks: the system's light or dark appearance, or one of them always.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// All preferences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Settings {
    /// "HH:MM": when a new day starts (default 04:00).
    pub day_start: String,
    pub time_zone: TimeZoneMode,
    pub reminders: ReminderSettings,
    /// Foods to leave out of suggestions.
    pub food_exclusions: Vec<Exclusion>,
    /// The user's usual mineral water, mg magnesium per litre (from the bottle's label).
    pub water_mg_per_litre: Option<f64>,
    /// Light, dark, or as the system is (settings saved before this existed read as System).
    #[serde(default)]
    pub theme: Theme,
    /// Warn (on Today and with a reminder) when the supply covers fewer than this many days
    /// (1 to 60; settings saved before it existed read as 7).
    #[serde(default = "default_warn_days")]
    pub refill_warn_days: u32,
}

fn default_warn_days() -> u32 {
    crate::stock::DEFAULT_WARN_DAYS
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            day_start: "04:00".into(),
            time_zone: TimeZoneMode::FollowDevice,
            reminders: ReminderSettings::default(),
            food_exclusions: vec![],
            water_mg_per_litre: None,
            theme: Theme::System,
            refill_warn_days: crate::stock::DEFAULT_WARN_DAYS,
        }
    }
}

impl Settings {
    /// Minutes after midnight at which a day starts.
    pub fn day_start_min(&self) -> u32 {
        parse_hhmm(&self.day_start, "day_start")
            .map(|t| {
                let m = t
                    .signed_duration_since(chrono::NaiveTime::MIN)
                    .num_minutes();
                u32::try_from(m).unwrap_or(0)
            })
            .unwrap_or(4 * 60)
    }

    /// The zone dose times follow, given the device's zone.
    pub fn zone(&self, device_tz: Tz) -> Tz {
        match &self.time_zone {
            TimeZoneMode::FollowDevice => device_tz,
            TimeZoneMode::KeepHome { tz } => tz.parse().unwrap_or(device_tz),
        }
    }

    /// How instants map to days now.
    pub fn clock(&self, now: &Now) -> DayClock {
        DayClock::new(self.zone(now.device_tz), self.day_start_min())
    }

    /// Check and normalise; refuses with a typed error.
    pub fn validated(mut self) -> Result<Settings> {
        let start = parse_hhmm(&self.day_start, "day_start")?;
        let m = u32::try_from(
            start
                .signed_duration_since(chrono::NaiveTime::MIN)
                .num_minutes(),
        )
        .unwrap_or(0);
        if m > MAX_DAY_START_MIN {
            return Err(CoreError::invalid(
                "invalid_day_start",
                "day_start",
                "A day can start between 00:00 and 12:00.",
            ));
        }
        self.day_start = fmt_hhmm(start);
        if let TimeZoneMode::KeepHome { tz } = &self.time_zone {
            let parsed = parse_tz(tz, "time_zone.tz")?;
            self.time_zone = TimeZoneMode::KeepHome {
                tz: parsed.name().to_string(),
            };
        }
        let r = &self.reminders;
        if let Some(p) = r.pre_alert_min {
            if !(5..=120).contains(&p) {
                return Err(CoreError::invalid(
                    "invalid_reminder",
                    "reminders.pre_alert_min",
                    "A pre-alert comes 5 to 120 minutes before the dose.",
                ));
            }
        }
        if let Some(n) = r.nag_every_min {
            if !(5..=120).contains(&n) {
                return Err(CoreError::invalid(
                    "invalid_reminder",
                    "reminders.nag_every_min",
                    "Repeat reminders every 5 to 120 minutes.",
                ));
            }
        }
        if r.nag_max > 12 {
            return Err(CoreError::invalid(
                "invalid_reminder",
                "reminders.nag_max",
                "At most 12 repeats.",
            ));
        }
        if !(1..=240).contains(&r.snooze_min) {
            return Err(CoreError::invalid(
                "invalid_reminder",
                "reminders.snooze_min",
                "A snooze lasts 1 to 240 minutes.",
            ));
        }
        self.food_exclusions.sort();
        self.food_exclusions.dedup();
        if let Some(w) = self.water_mg_per_litre {
            if !(w.is_finite() && (0.0..=2000.0).contains(&w)) {
                return Err(CoreError::invalid(
                    "invalid_water_mineral",
                    "water_mg_per_litre",
                    "Magnesium in water is 0 to 2,000 mg per litre: read it from the bottle's label.",
                ));
            }
        }
        if !(1..=60).contains(&self.refill_warn_days) {
            return Err(CoreError::invalid(
                "out_of_range",
                "refill_warn_days",
                "Warn from 1 to 60 days before the supply runs out.",
            ));
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_defaults_to_the_system_and_older_saved_settings_still_read() {
        assert_eq!(Settings::default().theme, Theme::System);
        // Settings saved before the theme existed have no "theme" key.
        let mut old = serde_json::to_value(Settings::default()).unwrap();
        old.as_object_mut().unwrap().remove("theme");
        let read: Settings = serde_json::from_value(old).unwrap();
        assert_eq!(read.theme, Theme::System);
        let dark: Settings = serde_json::from_value(serde_json::json!({
            "day_start": "04:00",
            "time_zone": { "mode": "follow_device" },
            "reminders": serde_json::to_value(ReminderSettings::default()).unwrap(),
            "food_exclusions": [],
            "water_mg_per_litre": null,
            "theme": "dark"
        }))
        .unwrap();
        assert_eq!(dark.theme, Theme::Dark);
        assert!(serde_json::from_value::<Theme>(serde_json::json!("sepia")).is_err());
    }

    #[test]
    fn defaults_are_valid_and_start_at_four() {
        let s = Settings::default().validated().unwrap();
        assert_eq!(s.day_start_min(), 240);
    }

    #[test]
    fn refuses_bad_settings() {
        type Edit = fn(&mut Settings);
        let table: &[(&str, Edit)] = &[
            ("invalid_time", |s| s.day_start = "25:00".into()),
            ("invalid_day_start", |s| s.day_start = "13:00".into()),
            ("invalid_time_zone", |s| {
                s.time_zone = TimeZoneMode::KeepHome {
                    tz: "Mars/Olympus".into(),
                }
            }),
            ("invalid_reminder", |s| s.reminders.pre_alert_min = Some(0)),
            ("invalid_reminder", |s| s.reminders.nag_every_min = Some(1)),
            ("invalid_reminder", |s| s.reminders.nag_max = 100),
            ("invalid_reminder", |s| s.reminders.snooze_min = 0),
            ("invalid_water_mineral", |s| {
                s.water_mg_per_litre = Some(-1.0)
            }),
            ("invalid_water_mineral", |s| {
                s.water_mg_per_litre = Some(f64::NAN)
            }),
        ];
        for (code, edit) in table {
            let mut s = Settings::default();
            edit(&mut s);
            assert_eq!(s.validated().unwrap_err().code(), *code);
        }
    }

    #[test]
    fn keep_home_uses_the_home_zone() {
        let s = Settings {
            time_zone: TimeZoneMode::KeepHome {
                tz: "Europe/Berlin".into(),
            },
            ..Settings::default()
        }
        .validated()
        .unwrap();
        assert_eq!(
            s.zone(crate::zone::known::TOKYO),
            crate::zone::known::BERLIN
        );
        assert_eq!(
            Settings::default().zone(crate::zone::known::TOKYO),
            crate::zone::known::TOKYO
        );
    }
}
