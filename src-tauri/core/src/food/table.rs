//! The embedded tables, parsed once on first use, and what can be read from them.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::rows::{check_grams, FeaturedCategory, FeaturedServing, Food, Portion};
use super::search::{Index, SearchHit};
use super::{groups, text};
use crate::error::{CoreError, Result};

/// The generated food table (see the module docs for its format).
pub const FOODS_TSV: &str = include_str!("../../data/foods.tsv");

/// The generated featured servings.
pub const FEATURED_TSV: &str = include_str!("../../data/featured.tsv");

/// The parsed tables and their search index.
#[derive(Debug)]
pub struct FoodTable {
    /// Sorted by id.
    pub(super) foods: Vec<Food>,
    /// USDA food group code → name.
    pub(super) usda_groups: UsdaGroups,
    pub(super) featured: Vec<FeaturedServing>,
    /// Food id → position of its first featured serving, for ranking and names.
    pub(super) featured_of: HashMap<u32, usize>,
    /// Built on the first search, so that loading the table stays cheap.
    pub(super) index: OnceLock<Index>,
}

static TABLE: OnceLock<std::result::Result<FoodTable, String>> = OnceLock::new();

/// The embedded table, parsed on first use.
pub fn table() -> Result<&'static FoodTable> {
    TABLE
        .get_or_init(|| FoodTable::parse(FOODS_TSV, FEATURED_TSV))
        .as_ref()
        .map_err(|e| CoreError::Corrupt(format!("the embedded food table: {e}")))
}

fn bad(line: usize, what: &str) -> String {
    format!("line {line}: {what}")
}

fn number(field: &str, line: usize, what: &str) -> std::result::Result<f64, String> {
    field
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .ok_or_else(|| bad(line, &format!("bad {what} {field:?}")))
}

fn version_line<'a>(
    lines: &mut impl Iterator<Item = (usize, &'a str)>,
    magic: &str,
) -> std::result::Result<(), String> {
    let expected = format!("{magic}\t1");
    match lines.next() {
        Some((_, first)) if first == expected => Ok(()),
        Some((_, first)) => Err(format!(
            "expected {expected:?} on the first line, found {first:?}"
        )),
        None => Err("empty table".to_string()),
    }
}

impl FoodTable {
    /// Parses the two generated tables and builds the search index.
    pub fn parse(foods_tsv: &str, featured_tsv: &str) -> std::result::Result<FoodTable, String> {
        let (foods, usda_groups) = parse_foods(foods_tsv).map_err(|e| format!("foods.tsv {e}"))?;
        let featured =
            parse_featured(featured_tsv, &foods).map_err(|e| format!("featured.tsv {e}"))?;
        let mut featured_of = HashMap::new();
        for (i, f) in featured.iter().enumerate() {
            featured_of.entry(f.food_id).or_insert(i);
        }
        Ok(FoodTable {
            foods,
            usda_groups,
            featured,
            featured_of,
            index: OnceLock::new(),
        })
    }

    /// Up to `limit` foods matching `query`, best first (see [`super::search`]). Case, accents
    /// and word order do not matter; every word may be the start of a word ("spin boil").
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        self.index()
            .search(&self.foods, &self.featured_of, query, limit)
    }

    /// Builds the search index now rather than on the first search (e.g. on a background
    /// thread at start-up).
    pub fn warm_up(&self) {
        self.index();
    }

    pub(super) fn index(&self) -> &Index {
        self.index
            .get_or_init(|| Index::build(&self.foods, &self.featured, &self.featured_of))
    }

    /// Every food, sorted by id.
    pub fn foods(&self) -> &[Food] {
        &self.foods
    }

    pub fn get(&self, id: u32) -> Option<&Food> {
        self.position(id).map(|i| &self.foods[i])
    }

    pub(super) fn position(&self, id: u32) -> Option<usize> {
        self.foods.binary_search_by_key(&id, |f| f.id).ok()
    }

    /// The name of a USDA food group: 11 → "Vegetables and Vegetable Products".
    pub fn usda_group(&self, code: u8) -> Option<&str> {
        self.usda_groups
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, name)| name.as_str())
    }

    /// The featured servings, grouped by category in the list's order.
    pub fn featured(&self) -> &[FeaturedServing] {
        &self.featured
    }

    /// The featured servings by category.
    pub fn featured_categories(&self) -> Vec<FeaturedCategory> {
        let mut out: Vec<FeaturedCategory> = Vec::new();
        for s in &self.featured {
            match out.last_mut() {
                Some(c) if c.category == s.category => c.servings.push(s.clone()),
                _ => out.push(FeaturedCategory {
                    category: s.category.clone(),
                    servings: vec![s.clone()],
                }),
            }
        }
        out
    }

    /// The featured name of a food ("Spinach, boiled, drained"), when it is featured.
    pub fn featured_name(&self, id: u32) -> Option<&str> {
        self.featured_of
            .get(&id)
            .map(|&i| self.featured[i].name.as_str())
    }

    /// Magnesium in `grams` of food `food_id`: mg per 100 g × grams / 100.
    ///
    /// Refuses an unknown food (`unknown_food`) and grams that are not a number, zero,
    /// negative or over 5,000 g (`invalid_grams`).
    pub fn mg_for(&self, food_id: u32, grams: f64) -> Result<f64> {
        let food = self.get(food_id).ok_or_else(|| {
            CoreError::invalid(
                "unknown_food",
                "food_id",
                format!("There is no food {food_id} in the food table."),
            )
        })?;
        check_grams(grams)?;
        Ok(food.mg_per_100g * grams / 100.0)
    }
}

type UsdaGroups = Vec<(u8, String)>;

fn parse_foods(text: &str) -> std::result::Result<(Vec<Food>, UsdaGroups), String> {
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    version_line(&mut lines, "magday-foods")?;
    let mut groups: Vec<(u8, String)> = Vec::new();
    let mut foods = Vec::with_capacity(8_192);
    let mut folded = text::Folded::default();
    let mut in_rows = false;
    for (n, line) in lines {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if !in_rows {
            if let Some(rest) = line.strip_prefix("group\t") {
                let (code, name) = rest
                    .split_once('\t')
                    .ok_or_else(|| bad(n, "bad group row"))?;
                let code: u8 = code.parse().map_err(|_| bad(n, "bad group code"))?;
                groups.push((code, name.to_string()));
                continue;
            }
            if line == "ndb\tgroup\tmg_per_100g\tname\tportions" {
                in_rows = true;
                continue;
            }
            return Err(bad(n, "expected a group row or the column header"));
        }
        let mut fields = line.split('\t');
        let (Some(ndb), Some(code), Some(mg), Some(name), Some(portions), None) = (
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
        ) else {
            return Err(bad(n, "a food row needs 5 fields"));
        };
        let id: u32 = ndb.parse().map_err(|_| bad(n, "bad NDB number"))?;
        let code: u8 = code.parse().map_err(|_| bad(n, "bad group code"))?;
        if !groups.iter().any(|(c, _)| *c == code) {
            return Err(bad(n, "unknown group code"));
        }
        let mut parsed_portions = Vec::new();
        if !portions.is_empty() {
            for p in portions.split('|') {
                let (grams, label) = p.split_once(' ').ok_or_else(|| bad(n, "bad portion"))?;
                parsed_portions.push(Portion {
                    label: label.to_string(),
                    grams: number(grams, n, "portion grams")?,
                });
            }
        }
        folded.fill(name);
        if foods.last().is_some_and(|f: &Food| f.id >= id) {
            return Err(bad(n, "foods are not sorted by NDB number"));
        }
        foods.push(Food {
            id,
            name: name.to_string(),
            group: groups::derive(code, &folded.words()),
            usda_group_code: code,
            mg_per_100g: number(mg, n, "mg per 100 g")?,
            portions: parsed_portions,
        });
    }
    if foods.is_empty() {
        return Err("no foods".to_string());
    }
    Ok((foods, groups))
}

fn parse_featured(text: &str, foods: &[Food]) -> std::result::Result<Vec<FeaturedServing>, String> {
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    version_line(&mut lines, "magday-featured")?;
    let mut out: Vec<FeaturedServing> = Vec::new();
    let mut header = false;
    for (n, line) in lines {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if !header {
            if line != "category\tndb\tfood\tserving\tgrams\tusda_mg\tods_mg" {
                return Err(bad(n, "expected the column header"));
            }
            header = true;
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let [category, ndb, name, label, grams, _usda_mg, ods] = f.as_slice() else {
            return Err(bad(n, "a featured row needs 7 fields"));
        };
        let id: u32 = ndb.parse().map_err(|_| bad(n, "bad NDB number"))?;
        let food = foods
            .binary_search_by_key(&id, |f| f.id)
            .ok()
            .map(|i| &foods[i])
            .ok_or_else(|| bad(n, "names a food that is not in foods.tsv"))?;
        let grams = number(grams, n, "grams")?;
        let is_default = !out
            .iter()
            .any(|s| s.food_id == id && s.category == *category);
        out.push(FeaturedServing {
            food_id: id,
            category: category.to_string(),
            group: food.group,
            name: name.to_string(),
            label: label.to_string(),
            grams,
            mg: food.mg_per_100g * grams / 100.0,
            ods_mg: (!ods.is_empty()).then(|| ods.to_string()),
            is_default,
        });
    }
    Ok(out)
}
