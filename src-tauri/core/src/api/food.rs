//! The core's food commands: search, the featured servings, logging food and mineral water for
//! a day, removing an entry, and the Food screen. The rules are in [`crate::food`].

use chrono::{Duration, NaiveDate};

use super::ctx::{checklist_of, Core, Ctx};
use crate::checklist;
use crate::day::Now;
use crate::error::{CoreError, Result};
use crate::food::day::{
    self as food_day, FoodDayView, LogFoodInput, LogWaterInput, RemoveFoodInput, FREQUENT_DAYS,
    MAX_LABEL_CHARS,
};
use crate::food::{self, FeaturedCategory, Food, SearchHit};
use crate::log::{self, DayState, Entry, FoodLog};

impl Core {
    /// Search every food as you type.
    pub fn search_foods(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        food::search_checked(query, limit)
    }

    /// One food with its household portions.
    pub fn food(&self, food_id: u32) -> Result<Food> {
        food::food(food_id)
    }

    /// The guides' featured servings, grouped.
    pub fn featured_foods(&self) -> Result<Vec<FeaturedCategory>> {
        Ok(food::table()?.featured_categories())
    }

    /// The Food screen for a day (today when absent).
    pub async fn food_day(&self, day: Option<&str>, now: &Now) -> Result<FoodDayView> {
        let ctx = self.ctx(now).await?;
        let day = ctx.day(day)?;
        self.food_view(&ctx, day).await
    }

    async fn food_view(&self, ctx: &Ctx, day: NaiveDate) -> Result<FoodDayView> {
        let (version, records) = self.read_day(day).await?;
        let state = DayState::replay(&records);
        let supplement_mg = match &version {
            Some(v) => checklist_of(ctx, day, Some(v), &state)?.supplement_mg(),
            None => 0.0,
        };
        // What the user eats often (last 30 days), yesterday and today: for variety.
        let past = log::read_food(&self.store, day - Duration::days(FREQUENT_DAYS), day).await?;
        let start = self.course_start_for(version.as_ref()).await?;
        let not_recordable = checklist::ensure_recordable(day, start, version.is_some())
            .err()
            .map(|e| e.to_string());
        let mut view = food_day::view(food_day::ViewParts {
            day,
            today: ctx.today,
            rda_mg: version.as_ref().map(|(_, s)| s.rda_mg),
            log: &state,
            supplement_mg,
            history: food_day::history(&past, day),
            settings: &ctx.settings,
            kidney: version
                .as_ref()
                .is_some_and(|(_, s)| s.safety.kidney_disease.counts_as_yes()),
        })?;
        // Nothing offered to log on a day that records nothing (it would only be refused).
        if not_recordable.is_some() {
            view.suggestions.clear();
        }
        view.not_recordable = not_recordable;
        view.safety_pause = crate::pause::current(&ctx.pauses).map(crate::pause::view);
        Ok(view)
    }

    /// Record a food entry (like a tap: not on a day before the course) and show the day.
    async fn log_entry(&self, ctx: &Ctx, day: NaiveDate, food: FoodLog) -> Result<FoodDayView> {
        let version = self.version_for(day).await?;
        self.ensure_course_has_begun(day, version.as_ref()).await?;
        let record = ctx.record(day, version.map(|(v, _)| v.id), Entry::FoodLogged(food));
        log::append(&self.store, &[record]).await?;
        self.food_view(ctx, day).await
    }

    /// Log an amount of a food for a day.
    pub async fn log_food(&self, input: &LogFoodInput, now: &Now) -> Result<FoodDayView> {
        let ctx = self.ctx(now).await?;
        let day = ctx.day(input.day.as_deref())?;
        let food = self.food(input.food_id)?;
        let mg = food::mg_for(input.food_id, input.grams)?;
        let label = input.label.trim();
        if label.chars().count() > MAX_LABEL_CHARS {
            return Err(CoreError::invalid(
                "invalid_label",
                "label",
                format!("A portion's name can be at most {MAX_LABEL_CHARS} characters."),
            ));
        }
        let name = food::table()?
            .featured_name(food.id)
            .map_or_else(|| food.name.clone(), str::to_string);
        let entry = food_day::food_log(food.id, name, input.grams, label, mg);
        self.log_entry(&ctx, day, entry).await
    }

    /// Log mineral water for a day (it counts as food, never toward the supplement limit).
    pub async fn log_water(&self, input: &LogWaterInput, now: &Now) -> Result<FoodDayView> {
        let ctx = self.ctx(now).await?;
        let day = ctx.day(input.day.as_deref())?;
        let Some(per_litre) = input.mg_per_litre.or(ctx.settings.water_mg_per_litre) else {
            return Err(CoreError::invalid(
                "invalid_mg_per_litre",
                "mg_per_litre",
                "Enter the magnesium on the bottle's label, in mg per litre.",
            ));
        };
        let w = food::water_mg(per_litre, input.litres)?;
        let entry = food_day::water_log(input.litres, per_litre, w.mg);
        self.log_entry(&ctx, day, entry).await
    }

    /// Take a logged food back (a new entry; the original stays in the log). A removal is a
    /// correction, allowed on any day that may be changed.
    pub async fn remove_food(&self, input: &RemoveFoodInput, now: &Now) -> Result<FoodDayView> {
        let ctx = self.ctx(now).await?;
        let day = ctx.day(input.day.as_deref())?;
        let records = log::read(&self.store, day, day).await?;
        let Some(logged) = DayState::replay(&records)
            .food
            .into_iter()
            .find(|f| f.id == input.entry_id)
        else {
            return Err(CoreError::invalid(
                "unknown_entry",
                "entry_id",
                "That food is not logged on this day (or was already removed).",
            ));
        };
        let version = self.store.version_in_force(day).await?.map(|v| v.id);
        let entry = Entry::FoodRemoved { entry: logged.gid };
        log::append(&self.store, &[ctx.record(day, version, entry)]).await?;
        self.food_view(&ctx, day).await
    }
}

#[cfg(test)]
mod tests;
