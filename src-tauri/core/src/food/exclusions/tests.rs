use super::*;
use crate::food::table;

fn food(id: u32) -> &'static Food {
    table()
        .unwrap()
        .get(id)
        .unwrap_or_else(|| panic!("{id} is in the table"))
}

fn out(id: u32, e: Exclusion) -> bool {
    excluded(food(id), &[e])
}

/// Every featured food, and what each exclusion must say about it.
#[test]
fn featured_foods_under_every_exclusion() {
    let t = table().unwrap();
    let nuts = [12063, 12061, 12085, 12087, 12078, 12155, 12135];
    let peanuts = [16390, 16389, 16098, 12135];
    let soy = [11212, 16109, 16426, 16126, 16114, 16120, 16139];
    let gluten = [8120, 8121, 8122, 18075, 8147, 20077, 8001, 8013];
    let dairy = [1117, 1256, 1079, 1077];
    let fish = [15237, 15209, 15037, 15047, 15121, 15088];
    let meat = [5064];
    for s in t.featured() {
        let id = s.food_id;
        let f = t.get(id).unwrap();
        let says = |e| excluded(f, &[e]);
        assert_eq!(
            says(Exclusion::Nuts),
            nuts.contains(&id),
            "nuts: {}",
            s.name
        );
        assert_eq!(
            says(Exclusion::Peanuts),
            peanuts.contains(&id),
            "peanuts: {}",
            s.name
        );
        assert_eq!(says(Exclusion::Soy), soy.contains(&id), "soy: {}", s.name);
        assert_eq!(
            says(Exclusion::Gluten),
            gluten.contains(&id),
            "gluten: {}",
            s.name
        );
        assert_eq!(
            says(Exclusion::Dairy),
            dairy.contains(&id),
            "dairy: {}",
            s.name
        );
        assert_eq!(
            says(Exclusion::Fish),
            fish.contains(&id),
            "fish: {}",
            s.name
        );
        assert_eq!(
            says(Exclusion::Vegetarian),
            fish.contains(&id) || meat.contains(&id),
            "vegetarian: {}",
            s.name
        );
        // Vegan: also dairy, and the baked and boxed-cereal items (milk, honey, vitamin D3).
        let not_vegan = fish.contains(&id)
            || meat.contains(&id)
            || dairy.contains(&id)
            || [18075, 8001, 8013].contains(&id);
        assert_eq!(says(Exclusion::Vegan), not_vegan, "vegan: {}", s.name);
        assert!(!excluded(f, &[]), "no exclusions: {}", s.name);
    }
}

#[test]
fn tree_nuts_in_all_their_forms() {
    for id in [
        12061, // almonds
        12062, // almonds, blanched
        12071, // almond paste
        4529,  // almond oil
        12088, // cashew butter
        12131, // macadamia nuts
        12142, // pecans
        12151, // pistachios
        12120, // hazelnuts
        12147, // pine nuts, pinyon
        12097, // chestnuts
        12104, // coconut meat
        14091, // almond milk
    ] {
        assert!(out(id, Exclusion::Nuts), "{}", food(id).name);
    }
    // Allowed: seeds, peanuts (a legume), butternut squash, nutmeg, doughnuts are not nuts.
    for id in [12016, 12006, 12036, 16098, 11485, 2025] {
        assert!(!out(id, Exclusion::Nuts), "{}", food(id).name);
    }
}

#[test]
fn every_nut_group_food_except_seeds_is_a_nut() {
    let t = table().unwrap();
    for f in t.foods().iter().filter(|f| f.usda_group_code == 12) {
        let named_for_a_nut = text::words(&f.name).iter().any(|w| {
            w.ends_with("nut") || w.ends_with("nuts") || TREE_NUT_WORDS.contains(&w.as_str())
        });
        assert_eq!(
            excluded(f, &[Exclusion::Nuts]),
            f.group == FoodGroup::Nuts || named_for_a_nut,
            "{}",
            f.name
        );
    }
}

#[test]
fn no_food_named_for_a_nut_gets_past_the_nut_exclusion() {
    let t = table().unwrap();
    for f in t.foods() {
        let name = f.name.to_lowercase();
        let nutty = [
            "almond",
            "cashew",
            "walnut",
            "pecan",
            "pistachio",
            "hazelnut",
            "macadamia",
            "brazil",
            "praline",
            "marzipan",
        ]
        .iter()
        .any(|n| name.contains(n));
        if nutty {
            assert!(excluded(f, &[Exclusion::Nuts]), "{}", f.name);
        }
        if name.contains("peanut") {
            assert!(excluded(f, &[Exclusion::Peanuts]), "{}", f.name);
        }
    }
}

#[test]
fn peanuts_soy_gluten() {
    assert!(out(16098, Exclusion::Peanuts)); // peanut butter
    assert!(!out(12061, Exclusion::Peanuts)); // almonds
    assert!(out(16124, Exclusion::Soy)); // soy sauce (tamari)
    assert!(out(16123, Exclusion::Gluten)); // soy sauce brewed with wheat (shoyu)
    assert!(!out(16015, Exclusion::Soy)); // black beans
    assert!(!out(20037, Exclusion::Gluten)); // brown rice
    assert!(!out(20137, Exclusion::Gluten)); // quinoa
    assert!(!out(20010, Exclusion::Gluten)); // buckwheat groats
    assert!(out(20005, Exclusion::Gluten)); // barley, pearled
    assert!(out(8120, Exclusion::Gluten)); // oats, not labelled gluten-free
    assert!(!out(28339, Exclusion::Gluten)); // gluten-free whole grain bread
}

#[test]
fn dairy_fish_vegetarian_vegan() {
    assert!(out(1001, Exclusion::Dairy)); // butter
    assert!(!out(1123, Exclusion::Dairy)); // egg, whole, raw
    assert!(out(1123, Exclusion::Vegan));
    assert!(!out(1123, Exclusion::Vegetarian));
    assert!(!out(16120, Exclusion::Dairy)); // soymilk
    assert!(!out(14091, Exclusion::Dairy)); // almond milk
    assert!(!out(16098, Exclusion::Dairy)); // peanut butter
    assert!(!out(19904, Exclusion::Dairy)); // dark chocolate
    assert!(out(19120, Exclusion::Dairy)); // milk chocolate
    assert!(out(15167, Exclusion::Fish)); // oysters
    assert!(out(15164, Exclusion::Fish)); // mussels
    assert!(!out(11987, Exclusion::Fish)); // oyster mushrooms
    assert!(out(19177, Exclusion::Vegetarian)); // gelatin powder
    assert!(out(19172, Exclusion::Vegetarian)); // gelatin dessert mix
    assert!(out(19296, Exclusion::Vegan)); // honey
    assert!(!out(19296, Exclusion::Vegetarian));
    assert!(!out(16015, Exclusion::Vegan)); // black beans
    assert!(!out(11458, Exclusion::Vegan)); // spinach
    assert!(out(6170, Exclusion::Vegetarian)); // beef stock
}

#[test]
fn several_exclusions_combine() {
    let nut_and_dairy = [Exclusion::Nuts, Exclusion::Dairy];
    assert!(excluded(food(12061), &nut_and_dairy));
    assert!(excluded(food(1117), &nut_and_dairy));
    assert!(!excluded(food(11458), &nut_and_dairy));
}
