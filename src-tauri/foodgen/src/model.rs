//! What the generator reads and writes: foods, their portions and featured servings, and its
//! error.

use std::collections::BTreeMap;

/// A generator failure, with a message that says which file and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenError(pub String);

impl std::fmt::Display for GenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GenError {}

/// One household portion: "1 cup, chopped" = 30 g.
#[derive(Debug, Clone, PartialEq)]
pub struct Portion {
    pub grams: f64,
    pub label: String,
}

/// Where a food's name came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameSource {
    /// SR26 long description.
    Long,
    /// Derived from SR28's short description.
    Derived,
}

/// One food of the generated table.
#[derive(Debug, Clone, PartialEq)]
pub struct Food {
    /// NDB number, five digits ("01001").
    pub ndb: String,
    /// USDA food group code, two digits ("11").
    pub group: String,
    pub mg_per_100g: f64,
    pub name: String,
    pub name_source: NameSource,
    pub portions: Vec<Portion>,
}

/// One featured serving, linked to a food of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Featured {
    /// The guides' group, as the CSV names it ("Leafy greens").
    pub category: String,
    pub ndb: String,
    /// The CSV's short, friendly name ("Spinach, boiled, drained").
    pub food: String,
    /// "½ cup".
    pub serving: String,
    pub grams: f64,
    /// From the USDA table: mg per 100 g × grams / 100.
    pub usda_mg: f64,
    /// The NIH ODS figure, as the CSV gives it ("78", "24–27"), when ODS lists the food.
    pub ods_mg: String,
    /// The CSV's own mg per serving (for checking only; not written out).
    pub csv_mg: f64,
}

/// Everything the generator produces.
#[derive(Debug, Clone)]
pub struct Generated {
    /// USDA food group code → name, e.g. "11" → "Vegetables and Vegetable Products".
    pub groups: BTreeMap<String, String>,
    /// Foods with a magnesium value, sorted by NDB number.
    pub foods: Vec<Food>,
    /// Foods in ABBREV.txt, with or without magnesium.
    pub abbrev_count: usize,
    pub featured: Vec<Featured>,
    /// Featured rows that name no food (no NDB number, or grams that vary), left out.
    pub skipped_featured: Vec<String>,
}

/// The version written on the first line of both tables; bump it when the layout changes.
pub const FORMAT_VERSION: u32 = 1;
