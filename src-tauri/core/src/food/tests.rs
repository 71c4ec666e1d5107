use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;

fn t() -> &'static FoodTable {
    table().expect("the embedded food table parses")
}

fn ids(hits: &[SearchHit]) -> Vec<u32> {
    hits.iter().map(|h| h.id).collect()
}

// ---------------------------------------------------------------- the table

#[test]
fn embedded_table_holds_every_food_with_magnesium() {
    let t = t();
    assert_eq!(t.foods().len(), 8051);
    assert!(t.foods().windows(2).all(|w| w[0].id < w[1].id));
    for (id, mg) in [(12016, 550.0), (11458, 87.0), (12061, 270.0), (1001, 2.0)] {
        assert_eq!(t.get(id).map(|f| f.mg_per_100g), Some(mg), "{id}");
    }
    let spinach = t.get(11458).unwrap();
    assert_eq!(
        spinach.name,
        "Spinach, cooked, boiled, drained, without salt"
    );
    assert_eq!(spinach.group, FoodGroup::LeafyGreens);
    assert_eq!(spinach.usda_group_code, 11);
    assert_eq!(t.usda_group(11), Some("Vegetables and Vegetable Products"));
    assert_eq!(t.usda_group(99), None);
    assert!(spinach.portions.contains(&Portion {
        label: "1 cup".into(),
        grams: 180.0
    }));
    // A food SR26 has no household measures for keeps ABBREV's.
    assert_eq!(t.get(9518).unwrap().portions[0].label, "1 cup, unthawed");
    assert!(t.get(99999).is_none());
}

#[test]
fn featured_servings_by_category_with_usda_mg() {
    let t = t();
    assert_eq!(t.featured().len(), 76);
    let cats = t.featured_categories();
    let names: Vec<&str> = cats.iter().map(|c| c.category.as_str()).collect();
    assert_eq!(
        names,
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
    let greens = &cats[0].servings;
    assert_eq!(greens[0].name, "Spinach, boiled, drained");
    assert_eq!(greens[0].label, "½ cup");
    assert!(greens[0].is_default);
    assert!((greens[0].mg - 78.3).abs() < 1e-9);
    assert_eq!(greens[0].ods_mg.as_deref(), Some("78"));
    assert_eq!(greens[1].label, "1 cup");
    assert!(
        !greens[1].is_default,
        "the second spinach serving is not the default"
    );
    assert_eq!(greens[1].ods_mg, None);
    // Every food has exactly one default serving per category.
    for c in &cats {
        let foods: BTreeSet<u32> = c.servings.iter().map(|s| s.food_id).collect();
        for id in foods {
            let defaults = c
                .servings
                .iter()
                .filter(|s| s.food_id == id && s.is_default)
                .count();
            assert_eq!(defaults, 1, "{} {id}", c.category);
        }
    }
}

#[test]
fn featured_mg_is_the_usda_value_written_in_the_table() {
    let t = t();
    let rows: Vec<&str> = FEATURED_TSV
        .lines()
        .skip_while(|l| !l.starts_with("category\t"))
        .skip(1)
        .collect();
    assert_eq!(rows.len(), t.featured().len());
    for (row, s) in rows.iter().zip(t.featured()) {
        let usda_mg: f64 = row.split('\t').nth(5).unwrap().parse().unwrap();
        assert!(
            (s.mg - usda_mg).abs() <= 0.05 + 1e-9,
            "{}: {} vs {usda_mg}",
            s.name,
            s.mg
        );
        let food = t.get(s.food_id).unwrap();
        assert_eq!(s.mg, food.mg_per_100g * s.grams / 100.0);
        assert_eq!(s.group, food.group);
    }
}

#[test]
fn featured_foods_fall_in_their_guides_group() {
    for s in t().featured() {
        let ok = match s.category.as_str() {
            "Leafy greens" => s.group == FoodGroup::LeafyGreens,
            "Nuts" => s.group == FoodGroup::Nuts,
            "Seeds" => s.group == FoodGroup::Seeds,
            "Whole grains" => s.group == FoodGroup::WholeGrains,
            "Legumes & soy" => s.group == FoodGroup::Legumes,
            "Cacao" => s.group == FoodGroup::Cacao,
            "Fruit & vegetables" => matches!(s.group, FoodGroup::Fruit | FoodGroup::Vegetables),
            "Dairy" => s.group == FoodGroup::Dairy,
            "Fish" => s.group == FoodGroup::Fish,
            "Fortified cereal" => s.group == FoodGroup::BreakfastCereal,
            "Other" => s.group == FoodGroup::Meat,
            other => panic!("unexpected category {other}"),
        };
        assert!(ok, "{} ({}) is {:?}", s.name, s.category, s.group);
    }
}

#[test]
fn malformed_tables_are_refused() {
    assert!(FoodTable::parse("", FEATURED_TSV).is_err());
    assert!(FoodTable::parse("magday-foods\t2\n", FEATURED_TSV).is_err());
    let header =
        "magday-foods\t1\ngroup\t11\tVegetables\nndb\tgroup\tmg_per_100g\tname\tportions\n";
    assert!(FoodTable::parse(&format!("{header}11458\t11\tx\tSpinach\t\n"), FEATURED_TSV).is_err());
    assert!(
        FoodTable::parse(&format!("{header}11458\t12\t87\tSpinach\t\n"), FEATURED_TSV).is_err()
    );
    assert!(FoodTable::parse(&format!("{header}11458\t11\t87\tSpinach\n"), FEATURED_TSV).is_err());
    // A featured row naming a food the table lacks.
    let one = format!("{header}11458\t11\t87\tSpinach\t180 1 cup\n");
    assert!(FoodTable::parse(&one, FEATURED_TSV).is_err());
    let featured = "magday-featured\t1\ncategory\tndb\tfood\tserving\tgrams\tusda_mg\tods_mg\nLeafy greens\t11458\tSpinach\t1 cup\t180\t156.6\t\n";
    let small = FoodTable::parse(&one, featured).unwrap();
    assert_eq!(small.foods().len(), 1);
    assert_eq!(small.featured()[0].mg, 156.6);
}

// ---------------------------------------------------------------- mg for an amount

#[test]
fn mg_for_a_logged_amount() {
    assert!((mg_for(12016, 28.35).unwrap() - 155.925).abs() < 1e-9);
    assert_eq!(mg_for(11458, 100.0).unwrap(), 87.0);
    assert_eq!(mg_for(11458, MAX_GRAMS).unwrap(), 87.0 * 50.0);
    let unknown = mg_for(99999, 100.0).unwrap_err();
    assert_eq!(unknown.code(), "unknown_food");
    for grams in [0.0, -1.0, f64::NAN, f64::INFINITY, 5000.5] {
        let e = mg_for(11458, grams).unwrap_err();
        assert_eq!(e.code(), "invalid_grams", "{grams}");
        assert!(matches!(e, CoreError::Invalid { ref field, .. } if field == "grams"));
    }
}

#[test]
fn mineral_water() {
    let w = water_mg(108.0, 0.5).unwrap(); // Gerolsteiner
    assert_eq!(w.mg, 54.0);
    assert!(w.magnesium_rich);
    assert!(!w.strongly_laxative);
    assert_eq!(w.note, None);
    let donat = water_mg(1040.0, 0.25).unwrap();
    assert_eq!(donat.mg, 260.0);
    assert!(donat.strongly_laxative);
    assert!(donat.note.unwrap().contains("laxative"));
    let tap = water_mg(0.0, 2.0).unwrap();
    assert_eq!(tap.mg, 0.0);
    assert!(!tap.magnesium_rich);
    for (mg_l, code) in [
        (-1.0, "invalid_mg_per_litre"),
        (2000.5, "invalid_mg_per_litre"),
        (f64::NAN, "invalid_mg_per_litre"),
    ] {
        assert_eq!(water_mg(mg_l, 1.0).unwrap_err().code(), code, "{mg_l}");
    }
    for litres in [0.0, -0.5, 10.5, f64::NAN] {
        assert_eq!(
            water_mg(50.0, litres).unwrap_err().code(),
            "invalid_litres",
            "{litres}"
        );
    }
    assert!(water_mg(2000.0, 10.0).is_ok());
}

// ---------------------------------------------------------------- search

#[test]
fn search_puts_plain_foods_first() {
    let hits = search("spinach", 10).unwrap();
    assert!([11457, 11458].contains(&hits[0].id), "{:?}", ids(&hits));
    assert!([11457, 11458].contains(&hits[1].id), "{:?}", ids(&hits));
    assert!(hits[0].featured);
    let babyfood = hits.iter().position(|h| h.name.starts_with("Babyfood"));
    assert!(babyfood.is_none_or(|p| p > 2));
    assert!(hits
        .iter()
        .all(|h| h.name.to_lowercase().contains("spinach")));
}

#[test]
fn search_is_forgiving_of_order_case_and_accents() {
    assert_eq!(search("spinach boiled", 5).unwrap()[0].id, 11458);
    assert_eq!(search("boiled spin", 5).unwrap()[0].id, 11458);
    assert_eq!(search("BOILED   Spinach,", 5).unwrap()[0].id, 11458);
    assert_eq!(search("ALMOND", 5).unwrap()[0].id, 12061);
    assert_eq!(search("almonds", 5).unwrap()[0].id, 12061);
    assert_eq!(search("crème", 10).unwrap(), search("creme", 10).unwrap());
    assert!(!search("creme", 10).unwrap().is_empty());
    assert_eq!(search("brown rice", 5).unwrap()[0].id, 20037);
    assert_eq!(search("black beans", 5).unwrap()[0].id, 16015);
    assert_eq!(search("peanut butter", 5).unwrap()[0].id, 16098);
    // Featured foods are also found by their friendly name.
    assert_eq!(search("pepitas", 5).unwrap()[0].id, 12016);
}

#[test]
fn search_matches_every_word_as_a_prefix() {
    let hits = search("pum se", 50).unwrap();
    assert!(hits.iter().any(|h| h.id == 12016));
    for h in &hits {
        let words = text::words(&h.name);
        let alias = t().featured_name(h.id).map(text::words).unwrap_or_default();
        for q in ["pum", "se"] {
            assert!(
                words.iter().chain(&alias).any(|w| w.starts_with(q)),
                "{} for {q}",
                h.name
            );
        }
    }
}

#[test]
fn every_food_is_found_by_its_name() {
    let t = t();
    for f in t.foods().iter().step_by(7) {
        let hits = t.search(&f.name, 50);
        assert!(hits.iter().any(|h| h.id == f.id), "{} {}", f.id, f.name);
        // And by the first three letters of each of its first two words.
        let words = text::words(&f.name);
        let short: Vec<String> = words
            .iter()
            .take(2)
            .map(|w| w.chars().take(3).collect())
            .collect();
        assert!(!t.search(&short.join(" "), 1).is_empty(), "{}", f.name);
    }
}

#[test]
fn search_edge_cases() {
    assert!(search("", 10).unwrap().is_empty());
    assert!(search("  ,. ", 10).unwrap().is_empty());
    assert!(search("spinach", 0).unwrap().is_empty());
    assert!(search("xyzzyq", 10).unwrap().is_empty());
    assert!(search("spinach xyzzyq", 10).unwrap().is_empty());
    assert_eq!(search("s", 7).unwrap().len(), 7);
    let many = search("a", 10_000).unwrap();
    assert!(many.len() > 1000);
    assert!(many.windows(2).all(|w| w[0].score >= w[1].score));
    // Deterministic.
    assert_eq!(search("milk", 20).unwrap(), search("milk", 20).unwrap());
}

// ---------------------------------------------------------------- suggestions

/// A day number for the suggestions' daily turn (any fixed value: tests do not read a clock).
const DAY: u32 = 739_000;

fn suggest(
    gap: f64,
    ex: &[Exclusion],
    frequent: &[(u32, f64, u32)],
    yesterday: &[u32],
    today: &[u32],
) -> Result<Vec<Suggestion>> {
    crate::food::suggest(gap, ex, frequent, yesterday, today, DAY)
}

fn names(s: &[Suggestion]) -> Vec<String> {
    s.iter()
        .map(|x| format!("{} {} {:.0} mg", x.name, x.label, x.mg))
        .collect()
}

fn sum(s: &[Suggestion]) -> f64 {
    s.iter().map(|x| x.mg).sum()
}

fn groups(s: &[Suggestion]) -> BTreeSet<FoodGroup> {
    s.iter().map(|x| x.group).collect()
}

/// Within 25% of the gap.
fn fits(s: &[Suggestion], gap: f64) -> bool {
    (sum(s) - gap).abs() <= gap * FIT + 1e-9
}

#[test]
fn no_gap_no_suggestions() {
    assert!(suggest(0.0, &[], &[], &[], &[]).unwrap().is_empty());
    assert!(suggest(-20.0, &[], &[], &[], &[]).unwrap().is_empty());
    assert!(suggest(f64::NAN, &[], &[], &[], &[]).unwrap().is_empty());
}

#[test]
fn the_reported_gap_of_119_mg_gets_about_119_mg_not_479() {
    let s = suggest(119.0, &[], &[], &[], &[]).unwrap();
    assert!(sum(&s) >= 119.0, "{:?}", names(&s));
    assert!(
        sum(&s) <= 119.0 * 1.25,
        "{:.0} mg: {:?}",
        sum(&s),
        names(&s)
    );
    assert!((1..=5).contains(&s.len()));
    for x in &s {
        let food = t().get(x.food_id).unwrap();
        assert!((x.mg - food.mg_per_100g * x.grams / 100.0).abs() < 1e-9);
    }
}

#[test]
fn every_gap_from_420_mg_down_gets_a_set_that_fits_it_and_they_differ() {
    let mut sets = BTreeSet::new();
    for gap in (1..=42).map(|n| f64::from(n) * 10.0) {
        let s = suggest(gap, &[], &[], &[], &[]).unwrap();
        assert!(
            fits(&s, gap),
            "gap {gap}: {:.0} mg {:?}",
            sum(&s),
            names(&s)
        );
        // Closed, or as good as (the servings come in steps), once they are small beside it.
        if gap >= 30.0 {
            assert!(
                sum(&s) >= gap * 0.95,
                "gap {gap} not closed: {:?}",
                names(&s)
            );
        }
        if s.len() > 1 {
            assert_eq!(
                groups(&s).len(),
                s.len(),
                "one food per group: {:?}",
                names(&s)
            );
        }
        sets.insert(
            s.iter()
                .map(|x| (x.food_id, x.grams.to_bits()))
                .collect::<Vec<_>>(),
        );
    }
    assert!(
        sets.len() >= 15,
        "only {} different sets for 42 gaps",
        sets.len()
    );
}

#[test]
fn a_tiny_gap_gets_one_small_serving_and_a_huge_one_the_five_richest() {
    let s = suggest(3.0, &[], &[], &[], &[]).unwrap();
    assert_eq!(s.len(), 1, "{:?}", names(&s));
    assert!(s[0].mg >= 3.0);
    let s = suggest(5_000.0, &[], &[], &[], &[]).unwrap();
    assert_eq!(s.len(), 5);
    assert!(groups(&s).len() >= 2);
}

#[test]
fn exclusions_are_honoured() {
    let ex = [
        Exclusion::Nuts,
        Exclusion::Peanuts,
        Exclusion::Vegan,
        Exclusion::Gluten,
    ];
    for gap in [50.0, 200.0, 450.0] {
        let s = suggest(gap, &ex, &[], &[], &[]).unwrap();
        assert!(fits(&s, gap), "gap {gap}: {:?}", names(&s));
        for x in &s {
            assert!(!excluded(t().get(x.food_id).unwrap(), &ex), "{}", x.name);
        }
    }
    // Frequent foods are excluded too.
    let s = suggest(100.0, &[Exclusion::Nuts], &[(12061, 30.0, 20)], &[], &[]).unwrap();
    assert!(s.iter().all(|x| x.food_id != 12061));
}

#[test]
fn foods_logged_often_come_first_at_their_usual_amount() {
    let s = suggest(150.0, &[], &[(9040, 118.0, 12), (12061, 30.0, 4)], &[], &[]).unwrap();
    assert_eq!(s[0].food_id, 9040, "the most logged first: {:?}", names(&s));
    let banana = &s[0];
    assert!(banana.usual);
    assert_eq!(banana.grams, 118.0);
    assert_eq!(
        banana.label, "1 medium (7–7⅞ in)",
        "the featured label for the same grams"
    );
    let almonds = s
        .iter()
        .find(|x| x.food_id == 12061)
        .expect("almonds are suggested");
    assert_eq!(almonds.label, "30 g");
    assert_eq!(almonds.mg, 81.0);
    assert!(fits(&s, 150.0), "{:?}", names(&s));
    // Named after the serving: flaxseed is featured whole and ground.
    let s = suggest(40.0, &[], &[(12220, 7.0, 30)], &[], &[]).unwrap();
    let flax = s
        .iter()
        .find(|x| x.food_id == 12220)
        .expect("flaxseed is suggested");
    assert_eq!(
        (flax.name.as_str(), flax.label.as_str()),
        ("Flaxseed, ground", "1 tbsp, ground")
    );
    // A non-featured food the user logs often is a candidate too.
    let s = suggest(100.0, &[], &[(11090, 150.0, 9)], &[], &[]).unwrap();
    assert!(
        s.iter().any(|x| x.food_id == 11090 && x.usual),
        "{:?}",
        names(&s)
    );
    // Nonsense entries are ignored.
    let plain = suggest(100.0, &[], &[], &[], &[]).unwrap();
    let noisy = suggest(
        100.0,
        &[],
        &[(99999, 50.0, 9), (11090, -3.0, 9), (11090, 50.0, 0)],
        &[],
        &[],
    )
    .unwrap();
    assert_eq!(plain, noisy);
}

#[test]
fn a_food_logged_six_days_running_stays_your_usual() {
    // Almonds every day for six days, yesterday included.
    let s = suggest(200.0, &[], &[(12061, 28.35, 6)], &[12061], &[]).unwrap();
    let almonds = s.iter().find(|x| x.food_id == 12061);
    assert!(almonds.is_some_and(|a| a.usual), "{:?}", names(&s));
    // Once logged today it waits for tomorrow.
    let s = suggest(120.0, &[], &[(12061, 28.35, 6)], &[12061], &[12061]).unwrap();
    assert!(s.iter().all(|x| x.food_id != 12061), "{:?}", names(&s));
}

#[test]
fn the_first_idea_turns_through_the_groups_from_day_to_day() {
    let mut firsts = Vec::new();
    let mut sets = BTreeSet::new();
    for day in DAY..DAY + 6 {
        let s = crate::food::suggest(200.0, &[], &[], &[], &[], day).unwrap();
        assert!(fits(&s, 200.0), "day {day}: {:?}", names(&s));
        firsts.push(s[0].group);
        sets.insert(s.iter().map(|x| x.food_id).collect::<Vec<_>>());
    }
    let distinct: BTreeSet<FoodGroup> = firsts.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        6,
        "each of the six groups leads one day: {firsts:?}"
    );
    assert!(firsts.iter().all(|g| g.is_core()));
    assert_eq!(sets.len(), 6, "six days, six different sets");
}

#[test]
fn yesterdays_and_todays_featured_foods_are_not_repeated() {
    let first = suggest(200.0, &[], &[], &[], &[]).unwrap();
    let eaten: Vec<u32> = first.iter().map(|x| x.food_id).collect();
    let next = suggest(200.0, &[], &[], &eaten, &[]).unwrap();
    assert!(
        next.iter().all(|x| !eaten.contains(&x.food_id)),
        "{:?}",
        names(&next)
    );
    assert!(fits(&next, 200.0));
    let today = suggest(200.0, &[], &[], &[], &eaten).unwrap();
    assert_eq!(next, today);
}

#[test]
fn few_allowed_foods() {
    // Every featured food eaten yesterday: they are still used, as nothing else is allowed.
    let all: Vec<u32> = t().featured().iter().map(|s| s.food_id).collect();
    let s = suggest(100.0, &[], &[], &all, &[]).unwrap();
    assert!(fits(&s, 100.0), "{:?}", names(&s));
}

#[test]
fn suggestions_are_deterministic() {
    let args = (
        320.0,
        [Exclusion::Dairy],
        [(9040, 118.0, 3), (16015, 86.0, 3)],
        [12012],
        [11458],
    );
    let a = suggest(args.0, &args.1, &args.2, &args.3, &args.4).unwrap();
    let b = suggest(args.0, &args.1, &args.2, &args.3, &args.4).unwrap();
    assert_eq!(a, b);
}

/// The candidates the module docs describe, computed here from the public table: the allowed
/// foods (featured servings, a frequent food only at its usual grams) with every serving.
struct Pool {
    /// food id → (group, servings mg, usual, times)
    foods: BTreeMap<u32, (FoodGroup, Vec<f64>, bool, u32)>,
}

impl Pool {
    fn new(ex: &[Exclusion], frequent: &[(u32, f64, u32)]) -> Pool {
        let t = t();
        let mut usual: BTreeMap<u32, (f64, u32)> = BTreeMap::new();
        for &(id, grams, times) in frequent {
            if times < USUAL_MIN_TIMES
                || !(grams > 0.0 && grams <= MAX_GRAMS)
                || t.get(id).is_none()
            {
                continue;
            }
            let e = usual.entry(id).or_insert((grams, times));
            if times > e.1 {
                *e = (grams, times);
            }
        }
        let mut foods: BTreeMap<u32, (FoodGroup, Vec<f64>, bool, u32)> = BTreeMap::new();
        for s in t.featured() {
            let food = t.get(s.food_id).unwrap();
            if usual.contains_key(&s.food_id) || excluded(food, ex) || s.mg <= 0.0 {
                continue;
            }
            let e = foods
                .entry(s.food_id)
                .or_insert((food.group, vec![], false, 0));
            e.1.push(s.mg);
        }
        for (&id, &(grams, times)) in &usual {
            let food = t.get(id).unwrap();
            let mg = food.mg_per_100g * grams / 100.0;
            if !excluded(food, ex) && mg > 0.0 {
                foods.insert(id, (food.group, vec![mg], true, times));
            }
        }
        Pool { foods }
    }

    /// The most 5 servings of different foods can give.
    fn best(&self) -> f64 {
        let mut mg: Vec<f64> = self
            .foods
            .values()
            .map(|f| f.1.iter().copied().fold(0.0, f64::max))
            .collect();
        mg.sort_by(|a, b| b.total_cmp(a));
        mg.iter().take(5).sum()
    }
}

fn sample_ids() -> Vec<u32> {
    let mut ids: Vec<u32> = t().featured().iter().map(|s| s.food_id).collect();
    // Foods that are not featured, one with no magnesium, one that does not exist.
    ids.extend([
        11090, 1123, 12120, 15076, 19296, 20044, 14091, 9003, 4053, 99999,
    ]);
    ids.sort();
    ids.dedup();
    ids
}

fn exclusions() -> impl Strategy<Value = Vec<Exclusion>> {
    proptest::collection::vec(any::<bool>(), Exclusion::ALL.len()).prop_map(|on| {
        Exclusion::ALL
            .iter()
            .zip(on)
            .filter(|(_, on)| *on)
            .map(|(e, _)| *e)
            .collect()
    })
}

fn food_id() -> impl Strategy<Value = u32> {
    let ids = sample_ids();
    (0..ids.len()).prop_map(move |i| ids[i])
}

fn frequent() -> impl Strategy<Value = Vec<(u32, f64, u32)>> {
    let grams = prop_oneof![8 => 1.0..400.0f64, 1 => Just(0.0), 1 => Just(-5.0), 1 => Just(6000.0)];
    proptest::collection::vec((food_id(), grams, 0u32..30), 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn suggestions_keep_their_promises(
        gap in 0.0..600.0f64,
        ex in exclusions(),
        frequent in frequent(),
        yesterday in proptest::collection::vec(food_id(), 0..8),
        today in proptest::collection::vec(food_id(), 0..4),
        day in 0u32..1_000_000,
    ) {
        let s = crate::food::suggest(gap, &ex, &frequent, &yesterday, &today, day).unwrap();
        let pool = Pool::new(&ex, &frequent);
        let total = sum(&s);

        // Never an excluded food, never one outside the candidates, never twice.
        let mut seen = BTreeSet::new();
        for x in &s {
            prop_assert!(!excluded(t().get(x.food_id).unwrap(), &ex), "{} is excluded", x.name);
            prop_assert!(pool.foods.contains_key(&x.food_id), "{} is not a candidate", x.name);
            prop_assert!(seen.insert(x.food_id), "{} twice", x.name);
            prop_assert!(x.mg > 0.0);
        }
        if gap <= 0.0 || pool.foods.is_empty() {
            prop_assert!(s.is_empty());
            return Ok(());
        }
        prop_assert!((1..=5).contains(&s.len()), "{} servings: {:?}", s.len(), names(&s));
        // Lands within 25% of the gap whenever the allowed foods are many (a dozen or more)
        // and five of them could close it; one serving that closes a small gap on its own is
        // the answer where no serving fits inside it.
        let smallest = pool.foods.values().flat_map(|f| f.1.iter().copied()).fold(f64::INFINITY, f64::min);
        if pool.foods.len() >= 12 && pool.best() >= gap && gap >= 30.0 {
            prop_assert!(fits(&s, gap), "{total:.1} mg for a gap of {gap:.1}: {:?}", names(&s));
        }
        // Below 30 mg the servings are coarse beside the gap: never further from it than the
        // one serving that closes it most narrowly.
        let one = pool.foods.values().flat_map(|f| f.1.iter().copied()).filter(|&m| m >= gap).fold(f64::INFINITY, f64::min);
        if gap < 30.0 && one.is_finite() {
            prop_assert!(fits(&s, gap) || (total - gap).abs() <= one - gap + 1e-9, "{total:.1} mg for a gap of {gap:.1}: {:?}", names(&s));
        }
        if smallest > gap * (1.0 + FIT) {
            prop_assert_eq!(s.len(), 1, "one serving for a gap smaller than any: {:?}", names(&s));
        }
        // The user's most logged food (not logged today) is in whenever its usual serving fits
        // and is a real step toward the gap (a tenth of it or more), among many allowed foods.
        // (Of equally often logged foods, one.)
        let most = pool
            .foods
            .iter()
            .filter(|(id, f)| f.2 && !today.contains(id) && f.1[0] <= gap * (1.0 + FIT) && f.1[0] >= gap / 10.0)
            .map(|(_, f)| f.3)
            .max();
        if let (Some(most), true) = (most, pool.foods.len() >= 12 && pool.best() >= gap && gap >= 30.0) {
            prop_assert!(
                s.iter().any(|x| x.usual && pool.foods[&x.food_id].3 == most),
                "no food logged {most} times: {:?}", names(&s)
            );
        }
        // The same input, the same answer.
        prop_assert_eq!(&s, &crate::food::suggest(gap, &ex, &frequent, &yesterday, &today, day).unwrap());
    }

    /// The groups take turns leading: over six days running the first idea comes from more
    /// than one of the guides' groups, whatever the days, the gap and the exclusions, as long as
    /// two of those groups have a serving that fits the gap (no usual foods to come first).
    #[test]
    fn the_groups_take_turns_leading(
        gap in 30.0..420.0f64,
        ex in exclusions(),
        day in 0u32..1_000_000,
    ) {
        let pool = Pool::new(&ex, &[]);
        let fitting: BTreeSet<FoodGroup> = pool
            .foods
            .values()
            .filter(|f| f.0.is_core() && f.1.iter().any(|&mg| mg <= gap * (1.0 + FIT)))
            .map(|f| f.0)
            .collect();
        prop_assume!(fitting.len() >= 2);
        let mut leading = BTreeSet::new();
        for d in day..day + 6 {
            let s = crate::food::suggest(gap, &ex, &[], &[], &[], d).unwrap();
            prop_assert!(!s.is_empty());
            leading.insert(s[0].group);
        }
        prop_assert!(leading.len() >= 2, "the same group leads six days running: {:?}", leading);
    }
}
