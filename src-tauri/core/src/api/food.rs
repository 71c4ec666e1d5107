//! The core's food commands: search, the featured servings, logging food and mineral water for
//! a day (each an appended event; removing one is another event), and the day's food magnesium
//! against the recommended intake with suggestions that close the gap.

use std::collections::BTreeMap;

use chrono::Datelike;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{food_mg_of, Core};
use crate::checklist::DoseStatus;
use crate::day::{parse_date, Now};
use crate::error::{CoreError, Result};
use crate::food::{self, Exclusion, FeaturedCategory, Food, SearchHit, Suggestion};
use crate::store::{Event, NewEvent};

/// How far back the foods a user logs often are looked for, days.
pub const FREQUENT_DAYS: i64 = 30;
/// The most search results returned.
pub const MAX_RESULTS: usize = 50;

/// One logged food or water.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FoodEntry {
    /// The event id: what `remove_food` takes.
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
    /// Where the food values come from.
    pub source: String,
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

/// The food and water logged in these events and not taken back by a later `remove`.
pub(crate) fn food_logs(events: &[Event]) -> impl Iterator<Item = &Event> {
    let removed: Vec<i64> = events
        .iter()
        .filter(|e| e.item == "food" && e.action == "remove")
        .filter_map(|e| e.corrects)
        .collect();
    events
        .iter()
        .filter(move |e| e.item == "food" && e.action == "log" && !removed.contains(&e.id))
}

fn entries_of(events: &[Event]) -> Vec<FoodEntry> {
    food_logs(events)
        .filter_map(|e| {
            let v = e.value.as_ref()?;
            Some(FoodEntry {
                id: e.id,
                food_id: v
                    .get("food_id")
                    .and_then(|x| x.as_u64())
                    .and_then(|x| u32::try_from(x).ok()),
                name: v.get("name")?.as_str()?.to_string(),
                label: v
                    .get("label")
                    .and_then(|x| x.as_str())
                    .unwrap_or("")
                    .to_string(),
                grams: v.get("grams").and_then(|x| x.as_f64()).unwrap_or(0.0),
                mg: v.get("mg")?.as_f64()?,
                at: e.at.to_rfc3339(),
            })
        })
        .collect()
}

fn fmt_amount(v: f64) -> String {
    if (v - v.round()).abs() < 0.005 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}").trim_end_matches('0').to_string()
    }
}

impl Core {
    /// Search every food as you type.
    pub fn search_foods(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        if query.chars().count() > 100 {
            return Err(CoreError::invalid(
                "invalid_query",
                "query",
                "A search can be at most 100 characters.",
            ));
        }
        food::search(query, (limit as usize).clamp(1, MAX_RESULTS))
    }

    /// One food with its household portions.
    pub fn food(&self, food_id: u32) -> Result<Food> {
        food::table()?.get(food_id).cloned().ok_or_else(|| {
            CoreError::invalid(
                "unknown_food",
                "food_id",
                format!("There is no food {food_id} in the table."),
            )
        })
    }

    /// The guides' featured servings, grouped.
    pub fn featured_foods(&self) -> Result<Vec<FeaturedCategory>> {
        Ok(food::table()?.featured_categories())
    }

    async fn food_day_of(&self, day: Option<&str>, now: &Now) -> Result<(NaiveDate, NaiveDate)> {
        let today = self.today(now).await?;
        let day = match day {
            Some(d) => parse_date(d, "day")?,
            None => today,
        };
        Self::check_day(day, today)?;
        Ok((day, today))
    }

    /// The Food screen for a day (today when absent).
    pub async fn food_day(&self, day: Option<&str>, now: &Now) -> Result<FoodDayView> {
        let (day, today) = self.food_day_of(day, now).await?;
        let settings = self.settings().await?;
        let clock = settings.clock(now);
        let events = self.store.events_on(day).await?;
        let food_mg = food_mg_of(&events);
        let version = self.version_for(day).await?;
        let supplement_mg = match &version {
            Some((v, spec)) => {
                let list = crate::checklist::derive(
                    day,
                    Some((v.id, spec)),
                    super::saved_on(v, day),
                    &events,
                    now.utc,
                    &clock,
                    food_mg,
                )?;
                list.doses
                    .iter()
                    .filter(|d| d.status == DoseStatus::Taken)
                    .map(|d| d.mg)
                    .sum()
            }
            None => 0.0,
        };
        let rda = version.as_ref().map(|(_, s)| s.rda_mg);
        // To a tenth of a mg, as every amount is shown (no 315.20000000000005).
        let gap = rda.map(|r| ((f64::from(r) - food_mg).max(0.0) * 10.0).round() / 10.0);
        // What the user eats often (last 30 days), yesterday and today: for variety.
        let history = self
            .store
            .events_between_for(day - Duration::days(FREQUENT_DAYS), day, "food")
            .await?;
        let logged = entries_of(&history);
        let mut often: BTreeMap<u32, (f64, u32)> = BTreeMap::new();
        for e in &logged {
            if let Some(id) = e.food_id {
                let slot = often.entry(id).or_insert((e.grams, 0));
                slot.0 = e.grams; // the most recent amount is the usual one
                slot.1 += 1;
            }
        }
        let frequent: Vec<(u32, f64, u32)> =
            often.into_iter().map(|(id, (g, n))| (id, g, n)).collect();
        let day_of = |e: &FoodEntry| history.iter().find(|h| h.id == e.id).map(|h| h.day);
        let ids_on = |d: NaiveDate| -> Vec<u32> {
            logged
                .iter()
                .filter(|e| day_of(e) == Some(d))
                .filter_map(|e| e.food_id)
                .collect()
        };
        let suggestions = match gap {
            Some(g) if g > 0.0 => food::suggest(
                g,
                &settings.food_exclusions,
                &frequent,
                &ids_on(day - Duration::days(1)),
                &ids_on(day),
                u32::try_from(day.num_days_from_ce()).unwrap_or(0),
            )?,
            _ => vec![],
        };
        Ok(FoodDayView {
            day,
            today,
            is_today: day == today,
            rda_mg: rda,
            food_mg,
            supplement_mg,
            gap_mg: gap,
            entries: entries_of(&events),
            suggestions,
            exclusions: settings.food_exclusions.clone(),
            water_mg_per_litre: settings.water_mg_per_litre,
            water_note: match settings.water_mg_per_litre {
                Some(w) => food::water_mg(w, 1.0)?.note,
                None => None,
            },
            source: food::SOURCE.to_string(),
        })
    }

    async fn append_food(
        &self,
        day: NaiveDate,
        now: &Now,
        action: &str,
        value: Option<serde_json::Value>,
        corrects: Option<i64>,
    ) -> Result<()> {
        // Food is recorded like a tap: not on a day before the course (a removal of an entry
        // already there is a correction, and always allowed).
        if action != "remove" {
            self.ensure_course_has_begun(day).await?;
        }
        let clock = self.clock(now).await?;
        let version = self.store.version_in_force(day).await?.map(|v| v.id);
        self.store
            .append(&[NewEvent {
                day,
                at: now.utc.with_timezone(&clock.tz).fixed_offset(),
                item: "food".into(),
                action: action.into(),
                value,
                protocol_version: version,
                corrects,
            }])
            .await?;
        Ok(())
    }

    /// Log an amount of a food for a day.
    pub async fn log_food(&self, input: &LogFoodInput, now: &Now) -> Result<FoodDayView> {
        let (day, _) = self.food_day_of(input.day.as_deref(), now).await?;
        let food = self.food(input.food_id)?;
        let mg = food::mg_for(input.food_id, input.grams)?;
        let label = input.label.trim();
        if label.chars().count() > 80 {
            return Err(CoreError::invalid(
                "invalid_label",
                "label",
                "A portion's name can be at most 80 characters.",
            ));
        }
        let label = if label.is_empty() {
            format!("{} g", fmt_amount(input.grams))
        } else {
            label.to_string()
        };
        let name = food::table()?
            .featured_name(food.id)
            .map_or_else(|| food.name.clone(), str::to_string);
        let value = serde_json::json!({
            "kind": "food",
            "food_id": food.id,
            "name": name,
            "label": label,
            "grams": input.grams,
            "mg": (mg * 10.0).round() / 10.0,
        });
        self.append_food(day, now, "log", Some(value), None).await?;
        let day_text = day.format("%Y-%m-%d").to_string();
        self.food_day(Some(&day_text), now).await
    }

    /// Log mineral water for a day (it counts as food, never toward the supplement limit).
    pub async fn log_water(&self, input: &LogWaterInput, now: &Now) -> Result<FoodDayView> {
        let (day, _) = self.food_day_of(input.day.as_deref(), now).await?;
        let per_litre = match input
            .mg_per_litre
            .or(self.settings().await?.water_mg_per_litre)
        {
            Some(v) => v,
            None => {
                return Err(CoreError::invalid(
                    "invalid_mg_per_litre",
                    "mg_per_litre",
                    "Enter the magnesium on the bottle's label, in mg per litre.",
                ))
            }
        };
        let w = food::water_mg(per_litre, input.litres)?;
        let value = serde_json::json!({
            "kind": "water",
            "name": format!("Mineral water ({} mg/L)", fmt_amount(per_litre)),
            "label": format!("{} L", fmt_amount(input.litres)),
            "grams": input.litres * 1000.0,
            "mg_per_litre": per_litre,
            "mg": (w.mg * 10.0).round() / 10.0,
        });
        self.append_food(day, now, "log", Some(value), None).await?;
        let day_text = day.format("%Y-%m-%d").to_string();
        self.food_day(Some(&day_text), now).await
    }

    /// Take a logged food back (a new event; the original stays in the log).
    pub async fn remove_food(&self, input: &RemoveFoodInput, now: &Now) -> Result<FoodDayView> {
        let (day, _) = self.food_day_of(input.day.as_deref(), now).await?;
        let events = self.store.events_on(day).await?;
        if !entries_of(&events).iter().any(|e| e.id == input.entry_id) {
            return Err(CoreError::invalid(
                "unknown_entry",
                "entry_id",
                "That food is not logged on this day (or was already removed).",
            ));
        }
        self.append_food(day, now, "remove", None, Some(input.entry_id))
            .await?;
        let day_text = day.format("%Y-%m-%d").to_string();
        self.food_day(Some(&day_text), now).await
    }
}

#[cfg(test)]
mod tests;
