//! Dietary exclusions: allergies (tree nuts, peanuts, soy, gluten, dairy, fish) and diets
//! (vegetarian, vegan), decided from the USDA food group and words of the food's name.
//!
//! The rules are conservative: when a name leaves doubt, the food is excluded (a nut-allergic
//! user must never be offered a nut), so some foods that would be fine are left out too
//! (water chestnuts for nuts, every fast-food item for gluten, soups for vegetarians). They
//! cannot see cross-contact or a brand's recipe: the app says so, and allergic users still read
//! labels. Only what the name and group say is used; the same food always gets the same answer.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::groups::FoodGroup;
use super::rows::Food;
use super::text;

mod words;

use words::*;

/// What a user does not eat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    /// Tree nuts (almonds, cashews, walnuts, Brazil nuts, pecans, pistachios, hazelnuts,
    /// macadamias, pine nuts, chestnuts, coconut, mixed nuts, nut butters other than peanut).
    Nuts,
    Peanuts,
    Soy,
    /// Wheat, barley, rye and their products; oats unless labelled gluten-free.
    Gluten,
    /// Milk and everything made from it.
    Dairy,
    /// Finfish and shellfish.
    Fish,
    /// No meat, poultry, fish, shellfish or gelatin.
    Vegetarian,
    /// Vegetarian, and no dairy, eggs or honey.
    Vegan,
}

impl Exclusion {
    pub const ALL: [Exclusion; 8] = [
        Exclusion::Nuts,
        Exclusion::Peanuts,
        Exclusion::Soy,
        Exclusion::Gluten,
        Exclusion::Dairy,
        Exclusion::Fish,
        Exclusion::Vegetarian,
        Exclusion::Vegan,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Exclusion::Nuts => "Tree nuts",
            Exclusion::Peanuts => "Peanuts",
            Exclusion::Soy => "Soy",
            Exclusion::Gluten => "Gluten",
            Exclusion::Dairy => "Dairy",
            Exclusion::Fish => "Fish and shellfish",
            Exclusion::Vegetarian => "Vegetarian",
            Exclusion::Vegan => "Vegan",
        }
    }
}

/// Whether any of `exclusions` rules `food` out.
pub fn excluded(food: &Food, exclusions: &[Exclusion]) -> bool {
    if exclusions.is_empty() {
        return false;
    }
    let name = Name::new(food);
    exclusions.iter().any(|&e| name.excluded_by(e))
}

/// A food's name, folded, with its groups: what the rules look at.
struct Name {
    words: Vec<String>,
    padded: String,
    usda: u8,
    group: FoodGroup,
}

impl Name {
    fn new(food: &Food) -> Name {
        let words = text::words(&food.name);
        let padded = text::padded(&words);
        Name {
            words,
            padded,
            usda: food.usda_group_code,
            group: food.group,
        }
    }

    fn has(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
    }

    fn any(&self, list: &[&str]) -> bool {
        self.words.iter().any(|w| list.contains(&w.as_str()))
    }

    /// `phrase` is folded words with a space at each end: " trail mix ".
    fn phrase(&self, phrase: &str) -> bool {
        self.padded.contains(phrase)
    }

    fn any_phrase(&self, list: &[&str]) -> bool {
        list.iter().any(|p| self.padded.contains(p))
    }

    fn first(&self) -> &str {
        self.words.first().map_or("", String::as_str)
    }

    fn excluded_by(&self, e: Exclusion) -> bool {
        match e {
            Exclusion::Nuts => self.tree_nuts(),
            Exclusion::Peanuts => self.peanuts(),
            Exclusion::Soy => self.soy(),
            Exclusion::Gluten => self.gluten(),
            Exclusion::Dairy => self.dairy(),
            Exclusion::Fish => self.fish(),
            Exclusion::Vegetarian => self.not_vegetarian(),
            Exclusion::Vegan => self.not_vegan(),
        }
    }

    /// Candies and bars: nuts are common in them and cross-contact is the rule, not the
    /// exception. Plain dark chocolate and cocoa are not candies.
    fn candy_or_bar(&self) -> bool {
        (self.usda == 19 && self.first() == "candies")
            || self.any(CANDY_WORDS)
            || self.phrase(" m m ")
    }

    /// A word that names a nut: "walnuts", "sheanut", "waterchestnuts", ... but not a
    /// doughnut, a peanut or a butternut squash.
    fn nut_word(&self) -> bool {
        let squash = self.has("squash");
        self.words.iter().any(|w| {
            (w.ends_with("nut") || w.ends_with("nuts"))
                && !NOT_TREE_NUTS.contains(&w.as_str())
                && !(squash && w.starts_with("butternut"))
        })
    }

    fn tree_nuts(&self) -> bool {
        if self.usda == 12 && self.group == FoodGroup::Nuts {
            return true;
        }
        self.any(TREE_NUT_WORDS)
            || self.nut_word()
            || (!self.has("squash") && self.any(&["acorn", "acorns"]))
            || self.any_phrase(TREE_NUT_PHRASES)
            || self.any(NUT_CANDY_BRANDS)
            || self.any_phrase(NUT_CANDY_PHRASES)
            || self.candy_or_bar()
    }

    fn peanuts(&self) -> bool {
        // Unnamed nuts ("with nuts", "honey nut", "mixed nuts") may be peanuts; "Nuts,
        // almonds" and "cashew nuts" name a tree nut.
        let w = &self.words;
        let unnamed_nuts = (1..w.len()).any(|i| {
            matches!(w[i].as_str(), "nut" | "nuts" | "nutty")
                && !TREE_NUT_WORDS.contains(&w[i - 1].as_str())
                && !NAMED_NUT_FIRST_WORDS.contains(&w[i - 1].as_str())
        });
        self.any(PEANUT_WORDS)
            || unnamed_nuts
            || self.any_phrase(PEANUT_PHRASES)
            || self.any(NUT_CANDY_BRANDS)
            || self.any_phrase(NUT_CANDY_PHRASES)
            || self.candy_or_bar()
    }

    fn soy(&self) -> bool {
        // Protein bars, shakes and powders are mostly soy protein or carry soy lecithin.
        let protein_product = self.has("protein")
            && self.any(&["bar", "bars", "shake", "shakes", "powder", "supplement"]);
        self.any(SOY_WORDS) || self.any_phrase(SOY_PHRASES) || protein_product
    }

    fn gluten(&self) -> bool {
        if self.phrase(" gluten free ") || self.has("glutenfree") {
            return false;
        }
        // Breakfast cereals and baked goods, and prepared dishes whose recipe is unknown.
        if matches!(self.usda, 8 | 18 | 21 | 22 | 36) {
            return true;
        }
        // A grain product that names no grain known to be gluten-free.
        if self.usda == 20 && !self.any(GLUTEN_FREE_GRAINS) {
            return true;
        }
        // Soups, stews and stock cubes: thickened with flour, or with noodles or barley.
        if self.usda == 6
            && self.any(&[
                "soup",
                "soups",
                "stew",
                "condensed",
                "chunky",
                "bouillon",
                "consomme",
            ])
        {
            return true;
        }
        // Fried meat and fish: floured, breaded or battered.
        if matches!(self.usda, 5 | 7 | 10 | 13 | 15 | 17) && self.has("fried") {
            return true;
        }
        self.any(GLUTEN_WORDS)
            || self.any_phrase(GLUTEN_PHRASES)
            || (self.has("bran") && !self.has("rice"))
            || (self.any(&["flour", "flours"]) && !self.any(GLUTEN_FREE_FLOURS))
    }

    fn dairy(&self) -> bool {
        if self.usda == 1 && self.group != FoodGroup::Eggs {
            return true;
        }
        let w = &self.words;
        // "milk", unless it is a plant milk ("almond milk", "soy milk") or a fish.
        let animal_milk = w.iter().enumerate().any(|(i, x)| {
            x == "milk"
                && !i
                    .checked_sub(1)
                    .is_some_and(|p| PLANT_MILKS.contains(&w[p].as_str()))
        });
        // "butter", unless a nut, seed or fruit butter, or butter beans.
        let dairy_butter = w.iter().enumerate().any(|(i, x)| {
            (x == "butter" || x == "buttered")
                && !i
                    .checked_sub(1)
                    .is_some_and(|p| NON_DAIRY_BUTTERS.contains(&w[p].as_str()))
                && w.get(i + 1).is_none_or(|n| n != "beans")
        });
        let white_sauce = self.has("sauce") && self.has("white");
        let cream = self.any(&["cream", "creamed", "creamy", "creamer", "creme"])
            && !self.any_phrase(&[" cream of tartar ", " cream of wheat ", " cream of rice "]);
        let milk_chocolate =
            self.has("chocolate") && !self.any(&["dark", "baking", "unsweetened", "bittersweet"]);
        let cocoa_drink = self.has("cocoa") && self.any(&["mix", "beverage", "beverages", "hot"]);
        animal_milk
            || white_sauce
            || dairy_butter
            || cream
            || milk_chocolate
            || cocoa_drink
            || self.any(DAIRY_WORDS)
            || (self.usda != 8 && self.any(BUTTERY_BAKES))
            || self.any_phrase(&[" french toast ", " sweet rolls ", " cinnamon rolls "])
    }

    fn fish(&self) -> bool {
        if self.usda == 15 || self.group == FoodGroup::Fish {
            return true;
        }
        let oyster_not_fish = self.any(&["mushroom", "mushrooms", "blade"]);
        self.any(FISH_WORDS)
            || (!oyster_not_fish && self.any(&["oyster", "oysters"]))
            || self.any_phrase(&[" imitation crab ", " sea urchin ", " sea cucumber "])
    }

    fn not_vegetarian(&self) -> bool {
        if matches!(self.usda, 5 | 7 | 10 | 13 | 15 | 17) || self.group == FoodGroup::Meat {
            return true;
        }
        if self.fish() {
            return true;
        }
        let says_vegetarian = self.any(&["meatless", "vegetarian", "vegan", "veggie"]);
        if says_vegetarian {
            return false;
        }
        // Fast food, restaurant dishes and ready meals: unknown recipes.
        if matches!(self.usda, 21 | 22 | 36) {
            return true;
        }
        let dairy_animal = self.any(&["cheese", "milk"]);
        self.any(MEAT_WORDS)
            || self.any(GELATIN_AND_FATS)
            || self.any(SOUP_WORDS)
            || self.has("refried")
            || (!dairy_animal && self.any(&["goat", "buffalo"]))
            || (self.has("kidney") && !self.any(&["bean", "beans"]))
            || self.has("heart")
            || self.any_phrase(&[" hot dog ", " hot dogs ", " con carne "])
    }

    fn eggs(&self) -> bool {
        self.group == FoodGroup::Eggs || self.any(EGG_WORDS) || self.phrase(" chow mein ")
    }

    fn not_vegan(&self) -> bool {
        if self.not_vegetarian() || self.dairy() || self.eggs() {
            return true;
        }
        if self.any(&["honey", "honeycomb", "beeswax", "propolis"])
            || self.any_phrase(&[" bee pollen ", " royal jelly "])
        {
            return true;
        }
        // Baked goods: milk, egg, butter or honey in most recipes.
        if self.usda == 18 && !self.has("vegan") {
            return true;
        }
        // Boxed breakfast cereals: honey, milk, vitamin D3 from lanolin. Plain hot cereals and
        // shredded wheat are grain and water.
        if self.usda == 8 {
            let hot = self.any(&["oat", "oats", "oatmeal", "farina", "grits"])
                || self.any_phrase(&[" cream of wheat ", " cream of rice "]);
            let ready_to_eat = self.phrase(" ready to eat ");
            if !((hot && !ready_to_eat) || self.phrase(" shredded wheat ")) {
                return true;
            }
        }
        // Candies and bars: milk, gelatin, honey, beeswax, shellac, carmine. Dressings made
        // with egg.
        self.candy_or_bar() || self.any_phrase(&[" thousand island ", " russian dressing "])
    }
}

#[cfg(test)]
mod tests;
