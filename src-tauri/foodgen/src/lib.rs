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
mod names;
pub mod sr;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use delimited::Record;
pub use names::Namer;

/// The version written on the first line of both tables; bump it when the layout changes.
pub const FORMAT_VERSION: u32 = 1;

/// A generator failure, with a message that says which file and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenError(pub String);

impl std::fmt::Display for GenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GenError {}

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

/// Reads the SR files in `sr_dir` and the featured list at `featured_csv`.
pub fn generate(sr_dir: &Path, featured_csv: &Path) -> Result<Generated, GenError> {
    let abbrev = sr::read(sr_dir, ABBREV)?;
    let food_des = sr::read(sr_dir, FOOD_DES)?;
    let fd_group = sr::read(sr_dir, FD_GROUP)?;
    let weight = sr::read(sr_dir, WEIGHT)?;
    let featured_text = std::fs::read_to_string(featured_csv)
        .map_err(|e| GenError(format!("cannot read {}: {e}", featured_csv.display())))?;
    let featured_name = featured_csv.file_name().map_or_else(
        || featured_csv.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );

    let groups = parse_groups(&fd_group)?;
    let long = parse_food_des(&food_des)?;
    let portions = parse_weights(&weight)?;
    let namer = Namer::new(long.values().map(|d| d.name.as_str()));
    let prefix_groups = consistent_prefix_groups(&long);
    let head_groups = head_groups(&long);

    let mut foods = Vec::new();
    for record in &abbrev {
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
            continue;
        };
        let short = row[1].trim();
        let (name, name_source, group) = match long.get(&ndb) {
            Some(d) => (d.name.clone(), NameSource::Long, d.group.clone()),
            None => {
                let group = fallback_group(&ndb, short, &groups, &prefix_groups, &head_groups)
                    .ok_or_else(|| {
                        GenError(format!("{at}: no food group found for {ndb} {short}"))
                    })?;
                (namer.readable(short), NameSource::Derived, group)
            }
        };
        if !groups.contains_key(&group) {
            return Err(GenError(format!("{ndb}: unknown food group {group}")));
        }
        let mut food_portions = portions.get(&ndb).cloned().unwrap_or_default();
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
        foods.push(Food {
            ndb,
            group,
            mg_per_100g: mg,
            name,
            name_source,
            portions: food_portions,
        });
    }
    foods.sort_by(|a, b| a.ndb.cmp(&b.ndb));
    if foods.windows(2).any(|w| w[0].ndb == w[1].ndb) {
        return Err(GenError(format!("{ABBREV} lists an NDB number twice")));
    }

    let (featured, skipped_featured) = parse_featured(&featured_text, &featured_name, &foods)?;
    Ok(Generated {
        groups,
        foods,
        abbrev_count: abbrev.len(),
        featured,
        skipped_featured,
    })
}

const ABBREV: &str = "ABBREV.txt";
const FOOD_DES: &str = "SR26_FOOD_DES.txt";
const FD_GROUP: &str = "SR26_FD_GROUP.txt";
const WEIGHT: &str = "SR26_WEIGHT.txt";

struct LongDesc {
    group: String,
    name: String,
    short: String,
}

fn parse_groups(records: &[Record]) -> Result<BTreeMap<String, String>, GenError> {
    let mut groups = BTreeMap::new();
    for record in records {
        let at = format!("{FD_GROUP} line {}", record.line);
        let [code, name] = record.fields.as_slice() else {
            return Err(GenError(format!("{at}: bad record {:?}", record.fields)));
        };
        groups.insert(group_code(code, &at)?, clean(name));
    }
    Ok(groups)
}

/// "1100" → "11"; `at` says where the code is, for the error.
fn group_code(code: &str, at: &str) -> Result<String, GenError> {
    let code = code.trim();
    if code.len() == 4 && code.ends_with("00") && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code[..2].to_string())
    } else {
        Err(GenError(format!("{at}: bad food group code {code:?}")))
    }
}

fn parse_food_des(records: &[Record]) -> Result<HashMap<String, LongDesc>, GenError> {
    let mut out = HashMap::new();
    for record in records {
        let at = format!("{FOOD_DES} line {}", record.line);
        let row = &record.fields;
        if row.len() < 4 {
            return Err(GenError(format!("{at}: bad record {row:?}")));
        }
        out.insert(
            row[0].trim().to_string(),
            LongDesc {
                group: group_code(&row[1], &at)?,
                name: clean(&row[2]),
                short: row[3].trim().to_string(),
            },
        );
    }
    Ok(out)
}

/// SR26 household portions by NDB number, in SR's own order.
fn parse_weights(records: &[Record]) -> Result<HashMap<String, Vec<Portion>>, GenError> {
    let mut rows: Vec<(String, u32, Portion)> = Vec::new();
    for record in records {
        let row = &record.fields;
        if row.len() < 5 {
            return Err(GenError(format!(
                "{WEIGHT} line {}: bad record {row:?}",
                record.line
            )));
        }
        let ndb = row[0].trim().to_string();
        let what = format!("{WEIGHT} line {} ({ndb})", record.line);
        let seq: u32 = row[1]
            .trim()
            .parse()
            .map_err(|_| GenError(format!("{what}: bad Seq {:?}", row[1])))?;
        let amount =
            sr::number(&row[2], &what)?.ok_or_else(|| GenError(format!("{what}: no amount")))?;
        let grams =
            sr::number(&row[4], &what)?.ok_or_else(|| GenError(format!("{what}: no grams")))?;
        let desc = clean(&row[3]);
        if grams <= 0.0 || amount <= 0.0 || desc.is_empty() {
            continue;
        }
        let label = format!("{} {}", fmt_amount(amount), desc);
        rows.push((ndb, seq, Portion { grams, label }));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out: HashMap<String, Vec<Portion>> = HashMap::new();
    for (ndb, _, portion) in rows {
        out.entry(ndb).or_default().push(portion);
    }
    Ok(out)
}

/// Collapses runs of white space and trims.
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An amount as people write it: 0.5 → "½", 1.5 → "1½", 0.333 → "⅓", 3.527 → "3.527".
pub fn fmt_amount(amount: f64) -> String {
    let whole = amount.trunc();
    let frac = amount - whole;
    let glyph = [
        (0.5, "½"),
        (0.25, "¼"),
        (0.75, "¾"),
        (1.0 / 3.0, "⅓"),
        (2.0 / 3.0, "⅔"),
        (0.125, "⅛"),
    ]
    .into_iter()
    .find(|(v, _)| (frac - v).abs() < 0.004)
    .map(|(_, g)| g);
    match glyph {
        Some(g) if whole == 0.0 => g.to_string(),
        Some(g) => format!("{whole}{g}"),
        None => format!("{amount}"),
    }
}

/// ABBREV's GmWt_Desc: "1 pat,  (1\" sq, 1/3\" high)" → "1 pat (1\" sq, 1/3\" high)",
/// ".25 cup" → "¼ cup".
fn abbrev_portion_label(desc: &str) -> String {
    let desc = clean(desc).replace(", (", " (");
    let (first, rest) = desc.split_once(' ').unwrap_or((desc.as_str(), ""));
    match first.parse::<f64>() {
        Ok(amount) if amount > 0.0 && !rest.is_empty() => {
            format!("{} {}", fmt_amount(amount), rest)
        }
        _ => desc,
    }
}

fn dedup_portions(portions: &mut Vec<Portion>) {
    let mut seen: Vec<(String, u64)> = Vec::new();
    portions.retain(|p| {
        let key = (p.label.to_lowercase(), p.grams.to_bits());
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}

/// NDB prefixes that are not food group codes but whose SR26 foods all sit in one group
/// (23xxx are beef, 28xxx baked products, ...).
fn consistent_prefix_groups(long: &HashMap<String, LongDesc>) -> HashMap<String, String> {
    let mut seen: HashMap<String, Option<String>> = HashMap::new();
    for (ndb, desc) in long {
        let prefix = ndb[..2].to_string();
        match seen.get(&prefix) {
            None => {
                seen.insert(prefix, Some(desc.group.clone()));
            }
            Some(Some(g)) if *g != desc.group => {
                seen.insert(prefix, None);
            }
            _ => {}
        }
    }
    seen.into_iter()
        .filter_map(|(p, g)| g.map(|g| (p, g)))
        .collect()
}

/// The most common group of the SR26 foods whose short description starts with the same
/// word ("JAMS", "CANDIES"), by that first word; ties go to the lowest code.
fn head_groups(long: &HashMap<String, LongDesc>) -> HashMap<String, String> {
    let mut counts: HashMap<String, BTreeMap<String, u32>> = HashMap::new();
    for desc in long.values() {
        *counts
            .entry(short_head(&desc.short))
            .or_default()
            .entry(desc.group.clone())
            .or_default() += 1;
    }
    counts
        .into_iter()
        .filter_map(|(head, groups)| {
            let best = groups
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(g, _)| g.clone());
            best.map(|g| (head, g))
        })
        .collect()
}

fn short_head(short: &str) -> String {
    short
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_uppercase()
}

/// The food group of a food SR26 does not describe: its NDB prefix when that is a group
/// code, else the group all SR26 foods with that prefix share, else the usual group of SR26
/// foods whose short description starts with the same word.
fn fallback_group(
    ndb: &str,
    short: &str,
    groups: &BTreeMap<String, String>,
    prefix_groups: &HashMap<String, String>,
    head_groups: &HashMap<String, String>,
) -> Option<String> {
    let prefix = &ndb[..2];
    if groups.contains_key(prefix) {
        return Some(prefix.to_string());
    }
    prefix_groups
        .get(prefix)
        .or_else(|| head_groups.get(&short_head(short)))
        .cloned()
}

/// The featured list (`file` names it in errors): a header row naming the columns, then one
/// serving per row.
fn parse_featured(
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

/// Refuses text that would break the TSV layout.
fn field(text: &str, what: &str) -> Result<String, GenError> {
    if text.contains(['\t', '\n', '\r', '|']) || text.trim() != text || text.is_empty() {
        Err(GenError(format!(
            "{what}: {text:?} is empty, padded or holds a tab, line break or '|'"
        )))
    } else {
        Ok(text.to_string())
    }
}

impl Generated {
    /// `foods.tsv`:
    ///
    /// ```text
    /// magday-foods<TAB>1
    /// # comment lines
    /// group<TAB>01<TAB>Dairy and Egg Products          (one per USDA food group)
    /// ndb<TAB>group<TAB>mg_per_100g<TAB>name<TAB>portions   (the column header)
    /// 01001<TAB>01<TAB>2<TAB>Butter, salted<TAB>5 1 pat (1" sq, 1/3" high)|14.2 1 tbsp|...
    /// ```
    ///
    /// Foods are sorted by NDB number. `portions` holds household measures as
    /// `<grams> <label>` separated by `|` (possibly none); "100 g" is implied for every food.
    pub fn foods_tsv(&self) -> Result<String, GenError> {
        let mut out = String::with_capacity(800_000);
        let _ = writeln!(out, "magday-foods\t{FORMAT_VERSION}");
        out.push_str(
            "# Every USDA SR28 food with a magnesium value. Generated by magday-foodgen\n\
             # (`cargo run -p magday-foodgen`) from ../shared/data/usda-sr28: ABBREV.txt (SR28)\n\
             # with SR26 long names, food groups and household portions.\n\
             # Source: USDA FoodData Central (SR Legacy), public domain. Do not edit by hand.\n\
             # Rows: `group` rows name the USDA food groups; after the column header, one food\n\
             # per line, sorted by NDB number; portions are `grams label` joined by `|`\n\
             # (100 g is implied).\n",
        );
        for (code, name) in &self.groups {
            let _ = writeln!(out, "group\t{code}\t{}", field(name, "group name")?);
        }
        out.push_str("ndb\tgroup\tmg_per_100g\tname\tportions\n");
        for food in &self.foods {
            let what = format!("food {}", food.ndb);
            let _ = write!(
                out,
                "{}\t{}\t{}\t{}\t",
                food.ndb,
                food.group,
                food.mg_per_100g,
                field(&food.name, &what)?
            );
            for (i, p) in food.portions.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                let _ = write!(out, "{} {}", p.grams, field(&p.label, &what)?);
            }
            out.push('\n');
        }
        Ok(out)
    }

    /// `featured.tsv`:
    ///
    /// ```text
    /// magday-featured<TAB>1
    /// # comment lines
    /// category<TAB>ndb<TAB>food<TAB>serving<TAB>grams<TAB>usda_mg<TAB>ods_mg
    /// Leafy greens<TAB>11458<TAB>Spinach, boiled, drained<TAB>½ cup<TAB>90<TAB>78.3<TAB>78
    /// ```
    ///
    /// Rows keep the CSV's order (grouped by category; a food's first serving is its default).
    /// `usda_mg` is mg per 100 g from foods.tsv × grams / 100, to one decimal; `ods_mg` is the
    /// NIH ODS figure as the CSV gives it, empty when ODS does not list the food.
    pub fn featured_tsv(&self) -> Result<String, GenError> {
        let mut out = String::new();
        let _ = writeln!(out, "magday-featured\t{FORMAT_VERSION}");
        out.push_str(
            "# Featured magnesium servings, from ../shared/reference/featured-foods.csv, linked to\n\
             # foods.tsv by NDB number. Generated by magday-foodgen; do not edit by hand.\n\
             # usda_mg = mg_per_100g (foods.tsv) x grams / 100; ods_mg = NIH ODS figure (provenance).\n",
        );
        for skipped in &self.skipped_featured {
            let _ = writeln!(out, "# left out (no single food or weight): {skipped}");
        }
        out.push_str("category\tndb\tfood\tserving\tgrams\tusda_mg\tods_mg\n");
        for f in &self.featured {
            let what = format!("featured {}", f.ndb);
            let ods = if f.ods_mg.is_empty() {
                String::new()
            } else {
                field(&f.ods_mg, &what)?
            };
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{:.1}\t{}",
                field(&f.category, &what)?,
                f.ndb,
                field(&f.food, &what)?,
                field(&f.serving, &what)?,
                f.grams,
                f.usda_mg,
                ods
            );
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(fmt_amount(1.0), "1");
        assert_eq!(fmt_amount(0.5), "½");
        assert_eq!(fmt_amount(0.333), "⅓");
        assert_eq!(fmt_amount(0.67), "⅔");
        assert_eq!(fmt_amount(1.5), "1½");
        assert_eq!(fmt_amount(3.527), "3.527");
        assert_eq!(fmt_amount(0.2), "0.2");
    }

    #[test]
    fn abbrev_labels() {
        assert_eq!(
            abbrev_portion_label("1 pat,  (1\" sq, 1/3\" high)"),
            "1 pat (1\" sq, 1/3\" high)"
        );
        assert_eq!(abbrev_portion_label(".25 cup"), "¼ cup");
        assert_eq!(
            abbrev_portion_label(".75 Cup,  (1 NLEA serving)"),
            "¾ Cup (1 NLEA serving)"
        );
        assert_eq!(abbrev_portion_label(""), "");
    }

    #[test]
    fn fields_refuse_separators() {
        assert!(field("a|b", "x").is_err());
        assert!(field("a\tb", "x").is_err());
        assert!(field("", "x").is_err());
        assert_eq!(field("½ cup", "x").unwrap(), "½ cup");
    }
}
