//! The featured servings (`featured-foods.csv`), linked to the foods of the table by NDB
//! number.

use crate::delimited;
use crate::model::{Featured, Food, GenError};

/// The featured list (`file` names it in errors): a header row naming the columns, then one
/// serving per row.
pub(crate) fn parse_featured(
    text: &str,
    file: &str,
    foods: &[Food],
) -> Result<(Vec<Featured>, Vec<String>), GenError> {
    let rows = delimited::read(text, delimited::CSV, file)?;
    let Some((header, body)) = rows.split_first() else {
        return Err(GenError(format!("{file} is empty")));
    };
    let col = |name: &str| {
        header
            .fields
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| GenError(format!("{file} has no {name} column")))
    };
    let (c_cat, c_food, c_serving, c_grams, c_mg, c_ods, c_ndb) = (
        col("category")?,
        col("food")?,
        col("serving")?,
        col("grams")?,
        col("mg_per_serving")?,
        col("ods_mg")?,
        col("sr_ndb")?,
    );
    let mut featured = Vec::new();
    let mut skipped = Vec::new();
    for row in body {
        let get = |c: usize| row.fields.get(c).map_or("", |s| s.trim());
        let ndb = get(c_ndb);
        let grams = get(c_grams).parse::<f64>().ok().filter(|g| *g > 0.0);
        let (Some(grams), false) = (grams, ndb.is_empty()) else {
            skipped.push(format!(
                "{} ({}, {})",
                get(c_food),
                get(c_serving),
                get(c_grams)
            ));
            continue;
        };
        let food = foods
            .binary_search_by(|f| f.ndb.as_str().cmp(ndb))
            .ok()
            .map(|i| &foods[i])
            .ok_or_else(|| {
                GenError(format!(
                    "{file} line {}: {} names NDB {ndb}, which has no magnesium value",
                    row.line,
                    get(c_food)
                ))
            })?;
        let csv_mg = get(c_mg).parse::<f64>().map_err(|_| {
            GenError(format!(
                "{file} line {}: {}: bad mg_per_serving",
                row.line,
                get(c_food)
            ))
        })?;
        featured.push(Featured {
            category: get(c_cat).to_string(),
            ndb: ndb.to_string(),
            food: get(c_food).to_string(),
            serving: get(c_serving).to_string(),
            grams,
            usda_mg: food.mg_per_100g * grams / 100.0,
            ods_mg: get(c_ods).to_string(),
            csv_mg,
        });
    }
    Ok((featured, skipped))
}
