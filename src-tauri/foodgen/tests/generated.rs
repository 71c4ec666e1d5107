//! The committed tables are exactly what the generator makes from ../shared, and they hold
//! what the USDA files say.

use std::path::PathBuf;
use std::sync::OnceLock;

use magday_foodgen::{default_out_dir, default_sr_dir, featured_csv_for, generate, Generated};
use sha2::{Digest, Sha256};

fn sr_dir() -> PathBuf {
    let dir = default_sr_dir();
    assert!(
        dir.join("ABBREV.txt").is_file(),
        "the USDA files are missing: expected {} (../shared/data/usda-sr28 beside the repository; CI has it)",
        dir.display()
    );
    dir
}

fn generated() -> &'static Generated {
    static GENERATED: OnceLock<Generated> = OnceLock::new();
    GENERATED.get_or_init(|| {
        let dir = sr_dir();
        generate(&dir, &featured_csv_for(&dir)).expect("the generator runs on ../shared")
    })
}

fn committed(name: &str) -> String {
    let path = default_out_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn assert_up_to_date(name: &str, fresh: &str) {
    let current = committed(name);
    if current != fresh {
        let line = current
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| "the length".to_string(), |i| format!("line {}", i + 1));
        panic!(
            "src-tauri/core/data/{name} is not what the generator makes from ../shared (first \
             difference at {line}); regenerate it with `cargo run -p magday-foodgen` and commit it"
        );
    }
}

#[test]
fn committed_foods_table_is_up_to_date() {
    assert_up_to_date("foods.tsv", &generated().foods_tsv().unwrap());
}

#[test]
fn committed_featured_table_is_up_to_date() {
    assert_up_to_date("featured.tsv", &generated().featured_tsv().unwrap());
}

#[test]
fn inputs_match_their_checksums() {
    let dir = sr_dir();
    let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
    let mut checked = 0;
    for line in sums.lines().filter(|l| !l.trim().is_empty()) {
        let (hash, name) = line.split_once("  ").expect("sha256sum format");
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let actual: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(actual, hash, "{name} differs from SHA256SUMS");
        checked += 1;
    }
    assert!(checked >= 5, "SHA256SUMS lists {checked} files");
}

fn food(ndb: &str) -> &'static magday_foodgen::Food {
    let foods = &generated().foods;
    let i = foods
        .binary_search_by(|f| f.ndb.as_str().cmp(ndb))
        .unwrap_or_else(|_| panic!("{ndb} is not in the table"));
    &foods[i]
}

#[test]
fn spot_checks_from_the_data_readme() {
    for (ndb, mg) in [
        ("12016", 550.0),
        ("11458", 87.0),
        ("12061", 270.0),
        ("01001", 2.0),
    ] {
        assert_eq!(food(ndb).mg_per_100g, mg, "{ndb}");
    }
    let spinach = food("11458");
    assert_eq!(
        spinach.name,
        "Spinach, cooked, boiled, drained, without salt"
    );
    assert_eq!(spinach.group, "11");
    assert!(spinach
        .portions
        .iter()
        .any(|p| p.label == "1 cup" && p.grams == 180.0));
    // The committed text says the same.
    let text = committed("foods.tsv");
    assert!(text.contains(
        "\n12016\t12\t550\tSeeds, pumpkin and squash seed kernels, roasted, without salt\t"
    ));
    assert!(
        text.contains("\n01001\t01\t2\tButter, salted\t5 1 pat (1\" sq, 1/3\" high)|14.2 1 tbsp|")
    );
}

#[test]
fn every_food_with_magnesium_and_only_those() {
    let g = generated();
    assert_eq!(g.abbrev_count, 8790);
    // 739 of SR28's 8,790 foods have no magnesium value.
    assert_eq!(g.foods.len(), 8790 - 739);
    assert_eq!(g.foods.len(), 8051);
    assert!(
        g.foods.windows(2).all(|w| w[0].ndb < w[1].ndb),
        "sorted by NDB"
    );
    assert!(g
        .foods
        .iter()
        .all(|f| f.mg_per_100g >= 0.0 && !f.name.is_empty()));
    assert!(g.foods.iter().all(|f| g.groups.contains_key(&f.group)));
    assert_eq!(g.groups.len(), 25);
    // The committed table is well under the embedding budget.
    assert!(committed("foods.tsv").len() < 1_000_000);
}

#[test]
fn names_come_from_sr26_or_a_readable_expansion() {
    use magday_foodgen::NameSource;
    let g = generated();
    let derived: Vec<_> = g
        .foods
        .iter()
        .filter(|f| f.name_source == NameSource::Derived)
        .collect();
    assert_eq!(derived.len(), 616);
    // No upper-case abbreviation soup left in derived names.
    for f in &derived {
        assert!(
            !f.name.contains("CKD") && !f.name.contains("W/"),
            "{}: {}",
            f.ndb,
            f.name
        );
    }
    assert_eq!(
        food("23410").name,
        "Beef, New Zealand, imported, flank, lean, cooked, braised"
    );
    assert_eq!(food("09518").name, "Raspberries, frozen, unsweetened");
    // Foods SR26 does not describe still get a group and portions (from ABBREV).
    assert_eq!(food("23410").group, "13");
    assert_eq!(food("43344").group, "19");
    assert_eq!(food("09518").portions[0].label, "1 cup, unthawed");
    assert_eq!(food("09518").portions[0].grams, 140.0);
}

#[test]
fn latin1_text_is_decoded() {
    // SR26_NUTR_DEF.txt spells micrograms with a Latin-1 µ (0xB5).
    let text = magday_foodgen::sr::read_text(&sr_dir().join("SR26_NUTR_DEF.txt")).unwrap();
    assert!(text.contains('µ'));
    assert!(!text.contains('\u{FFFD}'));
}

#[test]
fn featured_servings_agree_with_the_table_within_1_mg() {
    let g = generated();
    // 77 rows in the CSV; the generic "fortified at 10% DV" cereal names no food.
    assert_eq!(g.featured.len(), 76);
    assert_eq!(g.skipped_featured.len(), 1);
    for f in &g.featured {
        let computed = food(&f.ndb).mg_per_100g * f.grams / 100.0;
        assert!(
            (computed - f.csv_mg).abs() <= 1.0,
            "{} {}: table gives {computed:.1} mg, the CSV {}",
            f.food,
            f.serving,
            f.csv_mg
        );
        assert_eq!(f.usda_mg, computed);
    }
    let categories: Vec<&str> = {
        let mut c: Vec<&str> = g.featured.iter().map(|f| f.category.as_str()).collect();
        c.dedup();
        c
    };
    assert_eq!(
        categories,
        [
            "Leafy greens",
            "Nuts",
            "Seeds",
            "Whole grains",
            "Legumes & soy",
            "Cacao",
            "Fruit & vegetables",
            "Dairy",
            "Fish",
            "Fortified cereal",
            "Other"
        ]
    );
}

#[test]
fn the_tables_are_plain_lf_text_with_a_version_line() {
    for (name, first) in [
        ("foods.tsv", "magday-foods\t1"),
        ("featured.tsv", "magday-featured\t1"),
    ] {
        let text = committed(name);
        assert_eq!(text.lines().next(), Some(first), "{name}");
        assert!(!text.contains('\r'), "{name} has CR line ends");
        assert!(text.ends_with('\n'));
    }
}
