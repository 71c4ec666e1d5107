//! A day's food log: the entries still standing, what the user eats often (for varied
//! suggestions), and the Food screen's view and inputs. Food and mineral water are recorded in
//! the event log like taps ([`crate::log::Entry::FoodLogged`]); a removal is another entry.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::exclusions::Exclusion;
use super::rows::{water_mg, MAGNESIUM_WATER_MG_PER_L, SOURCE};
use super::suggest::Suggestion;
use super::table::table;
use crate::error::Result;
use crate::facts::SRC_KIDNEY;
use crate::log::{DayState, FoodKind, FoodLog, Record};
use crate::protocol::{Finding, Level};
use crate::settings::Settings;

/// How far back the foods a user logs often are looked for, days.
pub const FREQUENT_DAYS: i64 = 30;
/// The most search results returned.
pub const MAX_RESULTS: usize = 50;
/// The longest portion name.
pub const MAX_LABEL_CHARS: usize = 80;

/// One logged food or water.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FoodEntry {
    /// The entry's id: what `remove_food` takes.
    pub id: i64,
    /// The USDA food, or `None` for mineral water.
    pub food_id: Option<u32>,
    pub name: String,
    /// "1 cup, chopped", "2 × 1 oz", "120 g", "0.5 L".
    pub label: String,
    pub grams: f64,
    pub mg: f64,
    /// When it was logged (RFC 3339).
    pub at: String,
}

/// The Food screen for a day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FoodDayView {
    pub day: NaiveDate,
    pub today: NaiveDate,
    pub is_today: bool,
    /// Why nothing can be logged on the day, when nothing can: the day comes before the course
    /// (its first day given) or before any protocol. Nothing is suggested then either.
    pub not_recordable: Option<String>,
    /// The recommended intake for the user's age and sex (food, water and supplements);
    /// `None` before a protocol is set up.
    pub rda_mg: Option<u32>,
    /// Food and water magnesium logged, mg.
    pub food_mg: f64,
    /// Supplement magnesium taken that day, mg (shown beside; food never counts toward the UL).
    pub supplement_mg: f64,
    /// What food still lacks to reach the recommended intake, mg (0 when reached).
    pub gap_mg: Option<f64>,
    pub entries: Vec<FoodEntry>,
    /// Servings that close the gap (empty when it is closed).
    pub suggestions: Vec<Suggestion>,
    pub exclusions: Vec<Exclusion>,
    /// The user's usual mineral water, mg per litre.
    pub water_mg_per_litre: Option<f64>,
    /// What to know about that water (a strongly laxative one, like Donat Mg).
    pub water_note: Option<String>,
    /// With kidney disease, a high-magnesium water (the usual one, or one logged that day, over
    /// 50 mg/L) is a stop-level finding (reference §3).
    pub kidney_water: Option<Finding>,
    /// Where the food values come from.
    pub source: String,
    /// The safety pause in force now: every screen shows it (issue 22.5).
    pub safety_pause: Option<crate::pause::PauseView>,
}

/// Input for `search_foods`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchInput {
    pub query: String,
    pub limit: u32,
}

/// Input for `get_food`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct FoodIdInput {
    pub food_id: u32,
}

/// Input for `log_food`: an amount of a food, by household portion or grams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LogFoodInput {
    /// "YYYY-MM-DD"; today when absent.
    pub day: Option<String>,
    pub food_id: u32,
    pub grams: f64,
    /// How the user measured it ("1 cup, chopped", "2 × 1 oz"); grams when empty.
    pub label: String,
}

/// Input for `log_water`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LogWaterInput {
    pub day: Option<String>,
    pub litres: f64,
    /// From the bottle's label; the saved setting when absent.
    pub mg_per_litre: Option<f64>,
}

/// Input for `remove_food`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RemoveFoodInput {
    pub day: Option<String>,
    pub entry_id: i64,
}

/// The day's food and water, as listed.
pub fn entries(log: &DayState) -> Vec<FoodEntry> {
    log.food
        .iter()
        .map(|f| FoodEntry {
            id: f.id,
            food_id: f.food.food_id,
            name: f.food.name.clone(),
            label: f.food.label.clone(),
            grams: f.food.grams,
            mg: f.food.mg,
            at: f.at.to_rfc3339(),
        })
        .collect()
}

/// What the user ate before `day`, for varied suggestions.
pub struct History {
    /// (food, the most recent amount in grams, times logged) over the last [`FREQUENT_DAYS`].
    pub frequent: Vec<(u32, f64, u32)>,
    /// Foods logged the day before.
    pub yesterday: Vec<u32>,
    /// Foods logged on the day.
    pub today: Vec<u32>,
}

/// The history from the food entries of `day - FREQUENT_DAYS ..= day`.
pub fn history(records: &[Record], day: NaiveDate) -> History {
    let by_day = crate::log::by_day(records);
    let mut often: BTreeMap<u32, (f64, u32)> = BTreeMap::new();
    let mut ids_on: BTreeMap<NaiveDate, Vec<u32>> = BTreeMap::new();
    for (d, recs) in &by_day {
        // Removals apply within their day, as the day's own list shows.
        for f in DayState::replay(recs.iter().copied()).food {
            if let Some(id) = f.food.food_id {
                let slot = often.entry(id).or_insert((f.food.grams, 0));
                slot.0 = f.food.grams; // the most recent amount is the usual one
                slot.1 += 1;
                ids_on.entry(*d).or_default().push(id);
            }
        }
    }
    History {
        frequent: often.into_iter().map(|(id, (g, n))| (id, g, n)).collect(),
        yesterday: ids_on
            .remove(&(day - Duration::days(1)))
            .unwrap_or_default(),
        today: ids_on.remove(&day).unwrap_or_default(),
    }
}

/// "2", "0.25": an amount as a label shows it.
pub fn fmt_amount(v: f64) -> String {
    if (v - v.round()).abs() < 0.005 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}").trim_end_matches('0').to_string()
    }
}

fn tenth(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The entry for `grams` of a food (its name as featured, when it is), measured as `label`
/// (grams when empty).
pub fn food_log(food_id: u32, name: String, grams: f64, label: &str, mg: f64) -> FoodLog {
    FoodLog {
        kind: FoodKind::Food,
        food_id: Some(food_id),
        name,
        label: if label.is_empty() {
            format!("{} g", fmt_amount(grams))
        } else {
            label.to_string()
        },
        grams,
        mg: tenth(mg),
        mg_per_litre: None,
    }
}

/// The entry for `litres` of mineral water with `per_litre` mg/L.
pub fn water_log(litres: f64, per_litre: f64, mg: f64) -> FoodLog {
    FoodLog {
        kind: FoodKind::Water,
        food_id: None,
        name: format!("Mineral water ({} mg/L)", fmt_amount(per_litre)),
        label: format!("{} L", fmt_amount(litres)),
        grams: litres * 1000.0,
        mg: tenth(mg),
        mg_per_litre: Some(per_litre),
    }
}

/// What food still lacks to reach `rda`, to a tenth of a mg as every amount is shown.
pub fn gap_mg(rda: u32, food_mg: f64) -> f64 {
    tenth((f64::from(rda) - food_mg).max(0.0))
}

/// What the Food screen is built from.
pub struct ViewParts<'a> {
    pub day: NaiveDate,
    pub today: NaiveDate,
    /// The recommended intake, from the protocol governing the day.
    pub rda_mg: Option<u32>,
    pub log: &'a DayState,
    pub supplement_mg: f64,
    pub history: History,
    pub settings: &'a Settings,
    /// The protocol governing the day says kidney disease (or not sure).
    pub kidney: bool,
}

/// The Food screen: the day's entries and magnesium against the recommended intake, and
/// suggestions that close the gap (varied by what the user ate lately and by the day).
pub fn view(p: ViewParts) -> Result<FoodDayView> {
    let food_mg = p.log.food_mg();
    let gap = p.rda_mg.map(|r| gap_mg(r, food_mg));
    let suggestions = match gap {
        Some(g) if g > 0.0 => table()?.suggest(
            g,
            &p.settings.food_exclusions,
            &p.history.frequent,
            &p.history.yesterday,
            &p.history.today,
            u32::try_from(p.day.num_days_from_ce()).unwrap_or(0),
        ),
        _ => vec![],
    };
    Ok(FoodDayView {
        day: p.day,
        today: p.today,
        is_today: p.day == p.today,
        not_recordable: None,
        rda_mg: p.rda_mg,
        food_mg,
        supplement_mg: p.supplement_mg,
        gap_mg: gap,
        entries: entries(p.log),
        suggestions,
        exclusions: p.settings.food_exclusions.clone(),
        water_mg_per_litre: p.settings.water_mg_per_litre,
        water_note: match p.settings.water_mg_per_litre {
            Some(w) => water_mg(w, 1.0)?.note,
            None => None,
        },
        source: SOURCE.to_string(),
        kidney_water: kidney_water(p.kidney, p.settings.water_mg_per_litre, p.log),
        safety_pause: None,
    })
}

/// Stop: kidney disease and a high-magnesium water, the usual one or one logged that day
/// (reference §3: with kidney disease the app still counts high-magnesium waters, over 50 mg/L,
/// and gives a stop-level finding for any regular use). Source: [`SRC_KIDNEY`].
pub fn kidney_water(kidney: bool, usual: Option<f64>, log: &DayState) -> Option<Finding> {
    let logged = log.food.iter().filter_map(|f| f.food.mg_per_litre);
    let highest = usual.into_iter().chain(logged).reduce(f64::max)?;
    (kidney && highest > MAGNESIUM_WATER_MG_PER_L).then(|| Finding {
        level: Level::Stop,
        code: "kidney_water",
        message: format!(
            "With kidney disease, a mineral water with {} mg/L of magnesium adds magnesium your kidneys may not clear: talk to your clinician before drinking it regularly, and choose a water under {} mg/L until then.",
            fmt_amount(highest),
            fmt_amount(MAGNESIUM_WATER_MG_PER_L)
        ),
        source: SRC_KIDNEY,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::{DayState, FoodRecord};
    use chrono::{FixedOffset, TimeZone};

    fn logged(mg_per_litre: f64) -> DayState {
        let at = FixedOffset::east_opt(0)
            .and_then(|z| z.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).single())
            .expect("a time");
        DayState {
            food: vec![FoodRecord {
                id: 1,
                gid: "test:1".into(),
                day: at.date_naive(),
                at,
                food: water_log(0.5, mg_per_litre, mg_per_litre / 2.0),
            }],
            ..DayState::default()
        }
    }

    /// Issue 12 (reference §3): with kidney disease a water over 50 mg/L, the usual one or one
    /// logged that day, is a stop; without kidney disease, or at 50 mg/L or less, nothing.
    #[test]
    fn kidney_disease_and_a_high_magnesium_water_is_a_stop() {
        let none = DayState::default();
        let cases: [(bool, Option<f64>, &DayState, bool); 6] = [
            (true, Some(110.0), &none, true),
            (true, Some(50.0), &none, false),
            (true, None, &none, false),
            (false, Some(1040.0), &none, false),
            (true, Some(20.0), &logged(119.0), true),
            (true, None, &logged(30.0), false),
        ];
        for (kidney, usual, log, stop) in cases {
            let f = kidney_water(kidney, usual, log);
            assert_eq!(f.is_some(), stop, "{kidney} {usual:?}");
            if let Some(f) = f {
                assert_eq!((f.level, f.source.id), (Level::Stop, SRC_KIDNEY.id));
            }
        }
    }
}
