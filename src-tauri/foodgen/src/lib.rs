//! Generates Magday's embedded food tables from the USDA Standard Reference files.
//!
//! Inputs (public domain, in `../shared` beside the repository):
//! - `data/usda-sr28/ABBREV.txt` (SR28): every food, its magnesium (field 13, mg per 100 g) and
//!   two household weights (fields 49–52, 1-based: GmWt_1, GmWt_Desc1, GmWt_2, GmWt_Desc2; field
//!   48 is cholesterol, whatever the data README says);
//! - `data/usda-sr28/SR26_FOOD_DES.txt`, `SR26_FD_GROUP.txt`, `SR26_WEIGHT.txt` (SR26): long
//!   descriptions, food groups and household portions, joined on the NDB number;
//! - `reference/featured-foods.csv`: the hand-checked servings the suggestions draw on.
//!
//! Outputs (committed, embedded in the app by `magday-core`):
//! - `src-tauri/core/data/foods.tsv`: every food with a magnesium value;
//! - `src-tauri/core/data/featured.tsv`: the featured servings linked to those foods.
//!
//! Both are UTF-8, LF, deterministic (sorted, fixed number formatting), and described in
//! their own header comments (see [`Generated::foods_tsv`] and [`Generated::featured_tsv`]).

pub mod delimited;
mod featured;
mod groups;
mod model;
mod names;
mod portions;
pub mod sr;
mod sr26;
mod tsv;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use delimited::Record;
use featured::parse_featured;
use groups::{consistent_prefix_groups, fallback_group, head_groups, parse_groups};
pub use model::{Featured, Food, GenError, Generated, NameSource, Portion, FORMAT_VERSION};
pub use names::Namer;
pub use portions::fmt_amount;
use portions::{abbrev_portion_label, dedup_portions};
use sr::{ABBREV, FD_GROUP, FOOD_DES, WEIGHT};
use sr26::{parse_food_des, parse_weights, LongDesc};

/// The repository root (this crate is `src-tauri/foodgen`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared/data/usda-sr28` beside the repository.
pub fn default_sr_dir() -> PathBuf {
    repo_root().join("../shared/data/usda-sr28")
}

/// The featured-foods list that sits beside an SR directory (`<sr>/../../reference/...`).
pub fn featured_csv_for(sr_dir: &Path) -> PathBuf {
    sr_dir.join("../../reference/featured-foods.csv")
}

/// Where the core crate embeds the tables from.
pub fn default_out_dir() -> PathBuf {
    repo_root().join("src-tauri/core/data")
}

/// What the SR26 files say, for reading the ABBREV records.
struct Sr26 {
    groups: BTreeMap<String, String>,
    long: HashMap<String, LongDesc>,
    portions: HashMap<String, Vec<Portion>>,
    namer: Namer,
    prefix_groups: HashMap<String, String>,
    head_groups: HashMap<String, String>,
}

impl Sr26 {
    /// Parses the food groups, long descriptions and household portions.
    fn parse(
        fd_group: &[Record],
        food_des: &[Record],
        weight: &[Record],
    ) -> Result<Sr26, GenError> {
        let groups = parse_groups(fd_group)?;
        let long = parse_food_des(food_des)?;
        let portions = parse_weights(weight)?;
        let namer = Namer::new(long.values().map(|d| d.name.as_str()));
        let prefix_groups = consistent_prefix_groups(&long);
        let head_groups = head_groups(&long);
        Ok(Sr26 {
            groups,
            long,
            portions,
            namer,
            prefix_groups,
            head_groups,
        })
    }

    /// The food's name, where it comes from, and its food group (checked to be known).
    fn name_and_group(
        &self,
        at: &str,
        ndb: &str,
        short: &str,
    ) -> Result<(String, NameSource, String), GenError> {
        let (name, name_source, group) = match self.long.get(ndb) {
            Some(d) => (d.name.clone(), NameSource::Long, d.group.clone()),
            None => {
                let group = fallback_group(
                    ndb,
                    short,
                    &self.groups,
                    &self.prefix_groups,
                    &self.head_groups,
                )
                .ok_or_else(|| GenError(format!("{at}: no food group found for {ndb} {short}")))?;
                (self.namer.readable(short), NameSource::Derived, group)
            }
        };
        if !self.groups.contains_key(&group) {
            return Err(GenError(format!("{ndb}: unknown food group {group}")));
        }
        Ok((name, name_source, group))
    }

    /// The food's household portions: SR26's, else the two ABBREV gives; deduplicated.
    fn food_portions(&self, at: &str, ndb: &str, row: &[String]) -> Result<Vec<Portion>, GenError> {
        let mut food_portions = self.portions.get(ndb).cloned().unwrap_or_default();
        if food_portions.is_empty() {
            for (grams, desc) in [(&row[48], &row[49]), (&row[50], &row[51])] {
                let Some(grams) = sr::number(grams, &format!("{at} ({ndb}) GmWt"))? else {
                    continue;
                };
                let label = abbrev_portion_label(desc);
                if grams > 0.0 && !label.is_empty() {
                    food_portions.push(Portion { grams, label });
                }
            }
        }
        dedup_portions(&mut food_portions);
        Ok(food_portions)
    }

    /// The food of one ABBREV record, or `None` when it has no magnesium value.
    fn food(&self, record: &Record) -> Result<Option<Food>, GenError> {
        let at = format!("{ABBREV} line {}", record.line);
        let row = &record.fields;
        if row.len() != 53 {
            return Err(GenError(format!(
                "{at}: a record has {} fields, not 53: {:?}",
                row.len(),
                row.first()
            )));
        }
        let ndb = row[0].trim().to_string();
        if ndb.len() != 5 || !ndb.bytes().all(|b| b.is_ascii_digit()) {
            return Err(GenError(format!("{at}: bad NDB number {ndb:?}")));
        }
        let Some(mg) = sr::number(&row[12], &format!("{at} ({ndb}) magnesium"))? else {
            return Ok(None);
        };
        let (name, name_source, group) = self.name_and_group(&at, &ndb, row[1].trim())?;
        let portions = self.food_portions(&at, &ndb, row)?;
        Ok(Some(Food {
            ndb,
            group,
            mg_per_100g: mg,
            name,
            name_source,
            portions,
        }))
    }
}

/// The featured list's text and its file name (for errors).
fn read_featured(featured_csv: &Path) -> Result<(String, String), GenError> {
    let featured_text = std::fs::read_to_string(featured_csv)
        .map_err(|e| GenError(format!("cannot read {}: {e}", featured_csv.display())))?;
    let featured_name = featured_csv.file_name().map_or_else(
        || featured_csv.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok((featured_text, featured_name))
}

/// Reads the SR files in `sr_dir` and the featured list at `featured_csv`.
pub fn generate(sr_dir: &Path, featured_csv: &Path) -> Result<Generated, GenError> {
    let abbrev = sr::read(sr_dir, ABBREV)?;
    let food_des = sr::read(sr_dir, FOOD_DES)?;
    let fd_group = sr::read(sr_dir, FD_GROUP)?;
    let weight = sr::read(sr_dir, WEIGHT)?;
    let (featured_text, featured_name) = read_featured(featured_csv)?;
    let sr26 = Sr26::parse(&fd_group, &food_des, &weight)?;

    let mut foods = Vec::new();
    for record in &abbrev {
        if let Some(food) = sr26.food(record)? {
            foods.push(food);
        }
    }
    foods.sort_by(|a, b| a.ndb.cmp(&b.ndb));
    if foods.windows(2).any(|w| w[0].ndb == w[1].ndb) {
        return Err(GenError(format!("{ABBREV} lists an NDB number twice")));
    }

    let (featured, skipped_featured) = parse_featured(&featured_text, &featured_name, &foods)?;
    Ok(Generated {
        groups: sr26.groups,
        foods,
        abbrev_count: abbrev.len(),
        featured,
        skipped_featured,
    })
}
