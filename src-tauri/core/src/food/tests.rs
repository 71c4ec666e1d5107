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

#[test]
fn no_gap_no_suggestions() {
    assert!(suggest(0.0, &[], &[], &[], &[]).unwrap().is_empty());
    assert!(suggest(-20.0, &[], &[], &[], &[]).unwrap().is_empty());
    assert!(suggest(f64::NAN, &[], &[], &[], &[]).unwrap().is_empty());
}

#[test]
fn a_typical_gap_gets_three_varied_servings_that_close_it() {
    let s = suggest(200.0, &[], &[], &[], &[]).unwrap();
    assert_eq!(s.len(), 3, "{:?}", names(&s));
    assert!(sum(&s) >= 200.0, "{:?}", names(&s));
    assert_eq!(groups(&s).len(), 3, "{:?}", names(&s));
    assert!(s.iter().all(|x| x.group.is_core()), "{:?}", names(&s));
    for x in &s {
        let food = t().get(x.food_id).unwrap();
        assert!((x.mg - food.mg_per_100g * x.grams / 100.0).abs() < 1e-9);
    }
}

#[test]
fn a_large_gap_uses_up_to_five_servings() {
    let s = suggest(600.0, &[], &[], &[], &[]).unwrap();
    assert_eq!(s.len(), 5, "{:?}", names(&s));
    assert!(sum(&s) >= 600.0, "{:?}", names(&s));
    assert_eq!(groups(&s).len(), 5);
    // More than five servings could give: the richest five, still varied.
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
        assert!(s.len() >= 3);
        assert!(sum(&s) >= gap, "{:?}", names(&s));
        for x in &s {
            assert!(!excluded(t().get(x.food_id).unwrap(), &ex), "{}", x.name);
        }
    }
    // Frequent foods are excluded too.
    let s = suggest(100.0, &[Exclusion::Nuts], &[(12061, 30.0, 20)], &[], &[]).unwrap();
    assert!(s.iter().all(|x| x.food_id != 12061));
}

#[test]
fn foods_logged_often_are_favoured_at_their_usual_amount() {
    let s = suggest(150.0, &[], &[(9040, 118.0, 12), (12061, 30.0, 4)], &[], &[]).unwrap();
    let banana = s
        .iter()
        .find(|x| x.food_id == 9040)
        .expect("banana is suggested");
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
fn yesterdays_and_todays_foods_are_not_repeated() {
    let first = suggest(200.0, &[], &[], &[], &[]).unwrap();
    let eaten: Vec<u32> = first.iter().map(|x| x.food_id).collect();
    let next = suggest(200.0, &[], &[], &eaten, &[]).unwrap();
    assert!(
        next.iter().all(|x| !eaten.contains(&x.food_id)),
        "{:?}",
        names(&next)
    );
    assert!(sum(&next) >= 200.0);
    let today = suggest(200.0, &[], &[], &[], &eaten).unwrap();
    assert_eq!(next, today);
}

#[test]
fn few_allowed_foods() {
    // Everything but one food eaten and no alternatives: the stale ones are still used.
    let all: Vec<u32> = t().featured().iter().map(|s| s.food_id).collect();
    let s = suggest(100.0, &[], &[], &all, &[]).unwrap();
    assert!(s.len() >= 3);
    assert!(sum(&s) >= 100.0);
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

/// What the module docs promise, computed here from the public table: the allowed foods
/// (featured servings, a frequent food only at its usual grams) and the best 5 servings
/// can do with the variety rule.
struct Pool {
    /// food id → (group, largest serving mg, stale)
    foods: BTreeMap<u32, (FoodGroup, f64, bool)>,
}

impl Pool {
    fn new(ex: &[Exclusion], frequent: &[(u32, f64, u32)], stale: &[u32]) -> Pool {
        let t = t();
        let mut usual: BTreeMap<u32, (f64, u32)> = BTreeMap::new();
        for &(id, grams, times) in frequent {
            if times == 0 || !(grams > 0.0 && grams <= MAX_GRAMS) || t.get(id).is_none() {
                continue;
            }
            let e = usual.entry(id).or_insert((grams, times));
            if times > e.1 {
                *e = (grams, times);
            }
        }
        let mut foods: BTreeMap<u32, (FoodGroup, f64, bool)> = BTreeMap::new();
        for s in t.featured() {
            let food = t.get(s.food_id).unwrap();
            if usual.contains_key(&s.food_id) || excluded(food, ex) || s.mg <= 0.0 {
                continue;
            }
            let e = foods
                .entry(s.food_id)
                .or_insert((food.group, 0.0, stale.contains(&s.food_id)));
            e.1 = e.1.max(s.mg);
        }
        for (&id, &(grams, _)) in &usual {
            let food = t.get(id).unwrap();
            let mg = food.mg_per_100g * grams / 100.0;
            if !excluded(food, ex) && mg > 0.0 {
                foods.insert(id, (food.group, mg, stale.contains(&id)));
            }
        }
        Pool { foods }
    }

    fn groups(&self, fresh_only: bool) -> BTreeSet<FoodGroup> {
        self.foods
            .values()
            .filter(|f| !(fresh_only && f.2))
            .map(|f| f.0)
            .collect()
    }

    /// The most 5 servings of different foods can give, spread over two groups when the
    /// whole pool spans two.
    fn best(&self, fresh_only: bool) -> f64 {
        let mut mg: Vec<(f64, FoodGroup)> = self
            .foods
            .values()
            .filter(|f| !(fresh_only && f.2))
            .map(|f| (f.1, f.0))
            .collect();
        mg.sort_by(|a, b| b.0.total_cmp(&a.0));
        let top: Vec<_> = mg.iter().take(5).collect();
        let one_group = top.iter().all(|x| x.1 == top[0].1);
        if top.len() > 1 && one_group && self.groups(false).len() > 1 {
            let other = mg.iter().find(|x| x.1 != top[0].1).map_or(0.0, |x| x.0);
            top.iter().take(4).map(|x| x.0).sum::<f64>() + other
        } else {
            top.iter().map(|x| x.0).sum()
        }
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
    ) {
        let s = suggest(gap, &ex, &frequent, &yesterday, &today).unwrap();
        let stale: Vec<u32> = yesterday.iter().chain(&today).copied().collect();
        let pool = Pool::new(&ex, &frequent, &stale);
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
        // 3 to 5 servings when 3 foods are allowed; otherwise all of them.
        if pool.foods.len() >= 3 {
            prop_assert!((3..=5).contains(&s.len()), "{} servings: {:?}", s.len(), names(&s));
        } else {
            prop_assert_eq!(s.len(), pool.foods.len());
        }
        // Closes the gap whenever 5 allowed servings can.
        let best = pool.best(false);
        if best >= gap {
            prop_assert!(total >= gap - 1e-9, "{total:.1} < gap {gap:.1} (best {best:.1}): {:?}", names(&s));
        }
        // Two groups or more whenever more than one serving and the pool spans two.
        if s.len() > 1 && pool.groups(false).len() > 1 {
            prop_assert!(groups(&s).len() >= 2, "one group: {:?}", names(&s));
        }
        // No repeats of yesterday or today when fresh foods can do the whole job.
        let fresh_count = pool.foods.values().filter(|f| !f.2).count();
        let fresh_varied = pool.groups(true).len() > 1 || pool.groups(false).len() == 1;
        if fresh_count >= 3 && fresh_varied && pool.best(true) >= gap {
            for x in &s {
                prop_assert!(!stale.contains(&x.food_id), "{} was eaten: {:?}", x.name, names(&s));
            }
        }
        // The same input, the same answer.
        prop_assert_eq!(&s, &suggest(gap, &ex, &frequent, &yesterday, &today).unwrap());
    }
}
