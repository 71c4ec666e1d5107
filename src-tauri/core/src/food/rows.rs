//! A food as the table holds it, the featured servings, water, and the limits on what one
//! entry may log: the ground the food modules stand on.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::groups::FoodGroup;
use crate::error::{CoreError, Result};

/// Where the food values come from, for the About screen (magnesium-facts.md §8).
pub const SOURCE: &str = "USDA FoodData Central (SR Legacy; USDA National Nutrient Database for Standard Reference, Release 28), public domain";

/// The most food one entry may log, in grams.
pub const MAX_GRAMS: f64 = 5_000.0;

/// The most magnesium a mineral water label plausibly states, mg/L (Donat Mg, the strongest
/// common one, is about 1,040: magnesium-facts.md §8).
pub const MAX_WATER_MG_PER_L: f64 = 2_000.0;

/// The most water one entry may log, in litres.
pub const MAX_WATER_LITRES: f64 = 10.0;

/// Above this, a water is strongly laxative and the app says so (Donat Mg, about 1,040 mg/L,
/// is the reference's example: magnesium-facts.md §8).
pub const LAXATIVE_WATER_MG_PER_L: f64 = 500.0;

/// EU: a water may say "contains magnesium" above 50 mg/L (Directive 2009/54/EC).
pub const MAGNESIUM_WATER_MG_PER_L: f64 = 50.0;

/// A household measure of a food: "1 cup, chopped" = 30 g.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Portion {
    pub label: String,
    pub grams: f64,
}

/// One USDA food with its magnesium.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Food {
    /// The USDA NDB number (01001 is 1001).
    pub id: u32,
    pub name: String,
    /// The guides' group, for suggestions and exclusions.
    pub group: FoodGroup,
    /// The USDA food group code (11 = vegetables; named by [`FoodTable::usda_group`]).
    pub usda_group_code: u8,
    pub mg_per_100g: f64,
    /// Household measures; "100 g" is always offered besides these.
    pub portions: Vec<Portion>,
}

/// One hand-checked serving from the guides' groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FeaturedServing {
    pub food_id: u32,
    /// The guides' category, as the featured list names it ("Leafy greens", "Legumes & soy").
    pub category: String,
    /// The food's group (the same for every serving of a food).
    pub group: FoodGroup,
    /// A short, friendly name ("Spinach, boiled, drained").
    pub name: String,
    /// "½ cup".
    pub label: String,
    pub grams: f64,
    /// USDA: mg per 100 g × grams / 100.
    pub mg: f64,
    /// The NIH ODS figure for this serving, as ODS states it ("78", "24–27"), when ODS lists it.
    pub ods_mg: Option<String>,
    /// The first serving of this food in its category: the one to offer first.
    pub is_default: bool,
}

/// The featured servings of one category, in the list's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FeaturedCategory {
    pub category: String,
    pub servings: Vec<FeaturedServing>,
}

/// Magnesium from mineral water.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WaterMg {
    pub mg: f64,
    /// Over 50 mg/L: the EU lets such a water say "contains magnesium".
    pub magnesium_rich: bool,
    /// Over 500 mg/L (Donat Mg is about 1,040): strongly laxative.
    pub strongly_laxative: bool,
    /// What to tell the user, when there is something to tell.
    pub note: Option<String>,
}

/// Grams of food one entry may log: more than 0, at most [`MAX_GRAMS`].
pub fn check_grams(grams: f64) -> Result<()> {
    if grams.is_finite() && grams > 0.0 && grams <= MAX_GRAMS {
        Ok(())
    } else {
        Err(CoreError::invalid(
            "invalid_grams",
            "grams",
            format!("The amount must be more than 0 g and at most {MAX_GRAMS} g."),
        ))
    }
}

/// Magnesium in `litres` of a water with `mg_per_litre` on its label. Water counts as food,
/// never towards the supplement UL (magnesium-facts.md §2, §8).
pub fn water_mg(mg_per_litre: f64, litres: f64) -> Result<WaterMg> {
    if !mg_per_litre.is_finite() || !(0.0..=MAX_WATER_MG_PER_L).contains(&mg_per_litre) {
        return Err(CoreError::invalid(
            "invalid_mg_per_litre",
            "mg_per_litre",
            format!(
                "Magnesium per litre must be between 0 and {MAX_WATER_MG_PER_L} mg/L, as on the bottle's label."
            ),
        ));
    }
    if !litres.is_finite() || litres <= 0.0 || litres > MAX_WATER_LITRES {
        return Err(CoreError::invalid(
            "invalid_litres",
            "litres",
            format!(
                "The amount of water must be more than 0 and at most {MAX_WATER_LITRES} litres."
            ),
        ));
    }
    let strongly_laxative = mg_per_litre > LAXATIVE_WATER_MG_PER_L;
    let note = strongly_laxative.then(|| {
        format!(
            "A water with {mg_per_litre} mg/L of magnesium is strongly laxative (Donat Mg, about 1,040 mg/L, is the best-known example): drink it in small amounts."
        )
    });
    Ok(WaterMg {
        mg: mg_per_litre * litres,
        magnesium_rich: mg_per_litre > MAGNESIUM_WATER_MG_PER_L,
        strongly_laxative,
        note,
    })
}
