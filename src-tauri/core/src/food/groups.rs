//! The guides' food groups (leafy greens, nuts, seeds, whole grains, legumes, cacao, ...), derived
//! deterministically from the USDA food group code and words of the name.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The food groups suggestions vary across. The first six are the guides' magnesium groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FoodGroup {
    LeafyGreens,
    Nuts,
    Seeds,
    WholeGrains,
    Legumes,
    Cacao,
    Fruit,
    Vegetables,
    Dairy,
    Eggs,
    Fish,
    Meat,
    /// Ready-to-eat and other breakfast cereals that are not plainly a whole grain.
    BreakfastCereal,
    /// Refined grains, pasta and baked goods.
    Grains,
    Beverages,
    Other,
}

impl FoodGroup {
    pub const ALL: [FoodGroup; 16] = [
        FoodGroup::LeafyGreens,
        FoodGroup::Nuts,
        FoodGroup::Seeds,
        FoodGroup::WholeGrains,
        FoodGroup::Legumes,
        FoodGroup::Cacao,
        FoodGroup::Fruit,
        FoodGroup::Vegetables,
        FoodGroup::Dairy,
        FoodGroup::Eggs,
        FoodGroup::Fish,
        FoodGroup::Meat,
        FoodGroup::BreakfastCereal,
        FoodGroup::Grains,
        FoodGroup::Beverages,
        FoodGroup::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FoodGroup::LeafyGreens => "Leafy greens",
            FoodGroup::Nuts => "Nuts",
            FoodGroup::Seeds => "Seeds",
            FoodGroup::WholeGrains => "Whole grains",
            FoodGroup::Legumes => "Legumes & soy",
            FoodGroup::Cacao => "Cacao",
            FoodGroup::Fruit => "Fruit",
            FoodGroup::Vegetables => "Vegetables",
            FoodGroup::Dairy => "Dairy",
            FoodGroup::Eggs => "Eggs",
            FoodGroup::Fish => "Fish & seafood",
            FoodGroup::Meat => "Meat & poultry",
            FoodGroup::BreakfastCereal => "Breakfast cereal",
            FoodGroup::Grains => "Grains & baked goods",
            FoodGroup::Beverages => "Drinks",
            FoodGroup::Other => "Other",
        }
    }

    /// One of the guides' six magnesium groups.
    pub fn is_core(self) -> bool {
        matches!(
            self,
            FoodGroup::LeafyGreens
                | FoodGroup::Nuts
                | FoodGroup::Seeds
                | FoodGroup::WholeGrains
                | FoodGroup::Legumes
                | FoodGroup::Cacao
        )
    }
}

const LEAFY: &[&str] = &[
    "spinach",
    "chard",
    "kale",
    "collards",
    "collard",
    "lettuce",
    "arugula",
    "watercress",
    "cress",
    "endive",
    "escarole",
    "radicchio",
    "greens",
    "leaves",
    "leafy",
    "purslane",
    "lambsquarters",
    "dandelion",
    "sorrel",
    "pokeberry",
    "pak",
    "bok",
];

const LEGUME_IN_VEGETABLES: &[&str] = &[
    "edamame",
    "soybeans",
    "soybean",
    "lentils",
    "lentil",
    "chickpeas",
    "lima",
    "mung",
];

const SEED_WORDS: &[&str] = &[
    "seed",
    "seeds",
    "flaxseed",
    "tahini",
    "sesame",
    "sunflower",
    "pumpkin",
    "chia",
    "hemp",
    "cottonseed",
    "safflower",
    "lotus",
];

const WHOLE_GRAIN_WORDS: &[&str] = &[
    "oat",
    "oats",
    "oatmeal",
    "quinoa",
    "buckwheat",
    "bulgur",
    "millet",
    "amaranth",
    "teff",
    "spelt",
    "sorghum",
    "barley",
    "bran",
    "triticale",
    "kamut",
    "farro",
    "wholegrain",
    "wholewheat",
];

/// The guides' group for a food, from its USDA group code (the first two digits of "1100")
/// and the folded words of its name ([`super::text::words`]).
pub fn derive<S: AsRef<str>>(usda_group: u8, words: &[S]) -> FoodGroup {
    let has = |w: &str| words.iter().any(|x| x.as_ref() == w);
    let any = |list: &[&str]| words.iter().any(|x| list.contains(&x.as_ref()));
    let phrase = |a: &str, b: &str| {
        words
            .windows(2)
            .any(|p| p[0].as_ref() == a && p[1].as_ref() == b)
    };
    let whole_grain = || {
        any(WHOLE_GRAIN_WORDS)
            || phrase("whole", "wheat")
            || phrase("whole", "grain")
            || phrase("wild", "rice")
            || phrase("wheat", "germ")
            || (has("rice") && has("brown"))
    };
    let cacao = || {
        has("cocoa")
            || has("cacao")
            || (has("chocolate")
                && (has("dark") || has("baking") || has("unsweetened") || has("bittersweet")))
    };
    match usda_group {
        1 => {
            if words
                .first()
                .is_some_and(|w| matches!(w.as_ref(), "egg" | "eggs"))
            {
                FoodGroup::Eggs
            } else {
                FoodGroup::Dairy
            }
        }
        5 | 7 | 10 | 13 | 17 => FoodGroup::Meat,
        8 => {
            if has("oat") || has("oats") || has("oatmeal") || phrase("shredded", "wheat") {
                FoodGroup::WholeGrains
            } else {
                FoodGroup::BreakfastCereal
            }
        }
        9 => FoodGroup::Fruit,
        11 => {
            if any(LEAFY) {
                FoodGroup::LeafyGreens
            } else if any(LEGUME_IN_VEGETABLES) || phrase("mature", "seeds") {
                FoodGroup::Legumes
            } else {
                FoodGroup::Vegetables
            }
        }
        12 => {
            if words.iter().any(|w| w.as_ref().contains("seed")) || any(SEED_WORDS) {
                FoodGroup::Seeds
            } else {
                FoodGroup::Nuts
            }
        }
        14 if cacao() => FoodGroup::Cacao,
        14 => FoodGroup::Beverages,
        15 => FoodGroup::Fish,
        16 => {
            if has("peanut") || has("peanuts") {
                FoodGroup::Nuts
            } else {
                FoodGroup::Legumes
            }
        }
        18 | 20 if whole_grain() => FoodGroup::WholeGrains,
        18 | 20 => FoodGroup::Grains,
        19 if cacao() => FoodGroup::Cacao,
        _ => FoodGroup::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::food::text::words;

    fn g(code: u8, name: &str) -> FoodGroup {
        derive(code, &words(name))
    }

    #[test]
    fn guides_groups_from_usda_groups_and_names() {
        assert_eq!(
            g(11, "Spinach, cooked, boiled, drained, without salt"),
            FoodGroup::LeafyGreens
        );
        assert_eq!(
            g(11, "Broccoli, cooked, boiled, drained, without salt"),
            FoodGroup::Vegetables
        );
        assert_eq!(g(11, "Edamame, frozen, prepared"), FoodGroup::Legumes);
        assert_eq!(g(12, "Nuts, almonds"), FoodGroup::Nuts);
        assert_eq!(
            g(
                12,
                "Seeds, sesame butter, tahini, from roasted and toasted kernels"
            ),
            FoodGroup::Seeds
        );
        assert_eq!(g(12, "Seeds, flaxseed"), FoodGroup::Seeds);
        assert_eq!(
            g(16, "Peanut butter, smooth style, with salt"),
            FoodGroup::Nuts
        );
        assert_eq!(
            g(16, "Tofu, raw, firm, prepared with calcium sulfate"),
            FoodGroup::Legumes
        );
        assert_eq!(
            g(20, "Rice, brown, long-grain, cooked"),
            FoodGroup::WholeGrains
        );
        assert_eq!(
            g(20, "Rice, white, long-grain, regular, cooked"),
            FoodGroup::Grains
        );
        assert_eq!(
            g(18, "Bread, whole-wheat, commercially prepared"),
            FoodGroup::WholeGrains
        );
        assert_eq!(
            g(8, "Cereals, oats, regular and quick, not fortified, dry"),
            FoodGroup::WholeGrains
        );
        assert_eq!(
            g(8, "Cereals ready-to-eat, GENERAL MILLS, CHEERIOS"),
            FoodGroup::BreakfastCereal
        );
        assert_eq!(
            g(19, "Chocolate, dark, 70-85% cacao solids"),
            FoodGroup::Cacao
        );
        assert_eq!(g(19, "Cocoa, dry powder, unsweetened"), FoodGroup::Cacao);
        assert_eq!(g(19, "Candies, milk chocolate"), FoodGroup::Other);
        assert_eq!(g(1, "Egg, whole, raw, fresh"), FoodGroup::Eggs);
        assert_eq!(
            g(1, "Milk, whole, 3.25% milkfat, with added vitamin D"),
            FoodGroup::Dairy
        );
        assert_eq!(
            g(15, "Fish, salmon, Atlantic, wild, cooked, dry heat"),
            FoodGroup::Fish
        );
        assert_eq!(
            g(
                5,
                "Chicken, broilers or fryers, breast, meat only, cooked, roasted"
            ),
            FoodGroup::Meat
        );
        assert_eq!(
            g(3, "Babyfood, vegetables, spinach, creamed, strained"),
            FoodGroup::Other
        );
    }
}
