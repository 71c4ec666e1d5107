//! Suggestions: a small set of concrete servings whose magnesium lands near today's gap.
//!
//! Candidates are the featured servings and the foods the user logs often (on
//! [`USUAL_MIN_TIMES`] days or more of the last 30), at the user's usual amount (such a food is
//! offered only at that amount). Foods ruled out
//! by the user's exclusions, and foods with no magnesium, are never candidates.
//!
//! **Order.** The user's own foods come first, most logged first: they are what the user eats,
//! so a food logged every day stays "your usual" (it is not held back for having been eaten
//! yesterday; only one already logged today waits). Then the featured servings not eaten
//! yesterday or today, group by group in an order that turns by one group each day (so the
//! first idea moves from greens to nuts to seeds, ...) and within a group in an order that
//! changes from day to day; featured servings eaten yesterday or today come last.
//!
//! **Size.** 1 to 5 servings of different foods whose total lands within [`FIT`] (25%) of the
//! gap, closing it where it can. They are picked one at a time, keeping the total at most
//! 1.25 × the gap: the user's own food logged most often, else the first food in the order
//! with a serving that closes what is left (its smallest such: one serving, when one does) or
//! that is a real step toward it (its largest, at least half of what each place left must add:
//! a gram of something is no step toward 400 mg); the fifth to a serving that closes the gap,
//! wherever it stands in the order; featured foods one per group while they can. When those do not
//! land within 25% (few foods allowed, a gap too small for any serving, or too large for
//! five), the answer is the best of three: those picks, the single smallest serving that
//! closes the gap on its own, or the five richest servings (spread over two groups where the
//! allowed foods allow): one that closes the gap within 25%, else one within 25%, else the
//! nearest, and on a tie the fewer servings.
//! The same input always gives the same answer.
//!
//! A gap of 0 or less gives an empty list: the target is reached and the UI says so.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::exclusions::{excluded, Exclusion};
use super::groups::FoodGroup;
use super::rows::{check_grams, Food};
use super::table::FoodTable;

/// One suggested serving.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Suggestion {
    pub food_id: u32,
    pub name: String,
    pub group: FoodGroup,
    /// "½ cup", or the user's usual amount ("50 g").
    pub label: String,
    pub grams: f64,
    /// Magnesium in this serving (USDA).
    pub mg: f64,
    /// The user's usual amount of a food they log often.
    pub usual: bool,
}

/// A food logged on at least this many days of the last 30 is one of the user's own: offered
/// at the usual amount, first, even when eaten yesterday. One logged less often is treated like
/// any other food (a featured one eaten yesterday waits a day, for variety).
pub const USUAL_MIN_TIMES: u32 = 3;

/// Most servings suggested at once.
pub const MAX_SUGGESTIONS: usize = 5;

#[derive(Debug, Clone)]
struct Serving {
    /// The featured list names some servings apart ("Flaxseed, whole" and "..., ground").
    name: String,
    label: String,
    grams: f64,
    mg: f64,
}

#[derive(Debug, Clone)]
struct Candidate {
    food_id: u32,
    group: FoodGroup,
    /// The food's default serving first.
    servings: Vec<Serving>,
    times: u32,
    usual: bool,
    fresh: bool,
}

/// How near the gap the total should land: within 25% of it.
pub const FIT: f64 = 0.25;

impl Candidate {
    /// The largest serving of at most `room` mg, if any.
    fn largest_within(&self, room: f64) -> Option<usize> {
        (0..self.servings.len())
            .filter(|&i| self.servings[i].mg <= room)
            .max_by(|&a, &b| {
                self.servings[a]
                    .mg
                    .total_cmp(&self.servings[b].mg)
                    .then(b.cmp(&a))
            })
    }

    /// The smallest serving of at least `gap` mg, if any.
    fn smallest_closing(&self, gap: f64) -> Option<usize> {
        (0..self.servings.len())
            .filter(|&i| self.servings[i].mg >= gap)
            .min_by(|&a, &b| {
                self.servings[a]
                    .mg
                    .total_cmp(&self.servings[b].mg)
                    .then(a.cmp(&b))
            })
    }

    fn largest(&self) -> usize {
        (0..self.servings.len())
            .max_by(|&a, &b| {
                self.servings[a]
                    .mg
                    .total_cmp(&self.servings[b].mg)
                    .then(b.cmp(&a))
            })
            .unwrap_or(0)
    }
}

/// A pick: candidate index and serving index.
type Pick = (usize, usize);

fn total(cands: &[Candidate], picks: &[Pick]) -> f64 {
    picks.iter().map(|&(c, s)| cands[c].servings[s].mg).sum()
}

fn group_count(cands: &[Candidate], picks: &[Pick]) -> usize {
    let mut groups: Vec<FoodGroup> = picks.iter().map(|&(c, _)| cands[c].group).collect();
    groups.sort();
    groups.dedup();
    groups.len()
}

/// A number that mixes a food and a day, for an order within a group that changes daily.
fn daily_mix(food_id: u32, day: u32) -> u32 {
    let mut x = food_id.wrapping_mul(0x9E37_79B9) ^ day.wrapping_mul(0x85EB_CA6B);
    x ^= x >> 15;
    x = x.wrapping_mul(0xC2B2_AE35);
    x ^ (x >> 13)
}

/// The candidates' indices in the order of the module docs, for `day` (any day number).
fn order(cands: &[Candidate], day: u32) -> Vec<usize> {
    let groups = FoodGroup::ALL.len() as u32;
    let turn = |g: FoodGroup| {
        let at = FoodGroup::ALL.iter().position(|x| *x == g).unwrap_or(0) as u32;
        // The guides' six groups take their turn at the front; the others follow them.
        let ring = if g.is_core() { 6 } else { groups - 6 };
        let base = if g.is_core() { 0 } else { 6 };
        base + (at - base + ring - day % ring) % ring
    };
    let mut idx: Vec<usize> = (0..cands.len()).collect();
    idx.sort_by_key(|&i| {
        let c = &cands[i];
        let tier = match (c.usual, c.fresh) {
            (true, true) => 0u8,
            (false, true) => 1,
            (_, false) => 2,
        };
        let usual_rank = if c.usual { u32::MAX - c.times } else { 0 };
        (
            tier,
            usual_rank,
            turn(c.group),
            daily_mix(c.food_id, day),
            c.food_id,
        )
    });
    idx
}

/// Pick one serving at a time, keeping the total within 1.25 × the gap, until the gap is closed
/// or five are picked. Each step takes, from the foods not yet picked: the user's own food
/// logged most often; else the first food in the order with a serving that either closes what
/// is left (its smallest such) or is a real step toward it (its largest, at least half of what
/// each place left must add: a gram of something is no step toward 400 mg); the last place
/// goes to a serving that closes the gap, wherever it stands in the order. Featured foods go
/// one per group while they can.
fn fill(cands: &[Candidate], order: &[usize], gap: f64) -> Vec<Pick> {
    let upper = gap * (1.0 + FIT);
    let mut picks: Vec<Pick> = Vec::new();
    while picks.len() < MAX_SUGGESTIONS {
        let so_far = total(cands, &picks);
        if so_far >= gap {
            break;
        }
        let (room, need) = (upper - so_far, gap - so_far);
        let each = need / (MAX_SUGGESTIONS - picks.len()) as f64;
        let free = |i: usize| !picks.iter().any(|&(p, _)| p == i);
        let group_ok = |i: usize, strict: bool| {
            !strict
                || cands[i].usual
                || !picks.iter().any(|&(p, _)| cands[p].group == cands[i].group)
        };
        let useful = |i: usize| {
            cands[i]
                .largest_within(room)
                .filter(|&s| cands[i].servings[s].mg >= each / 2.0)
                .map(|s| (i, s))
        };
        let closing = |i: usize| {
            let c = &cands[i];
            (0..c.servings.len())
                .filter(|&s| c.servings[s].mg >= need && c.servings[s].mg <= room)
                .min_by(|&a, &b| {
                    c.servings[a]
                        .mg
                        .total_cmp(&c.servings[b].mg)
                        .then(a.cmp(&b))
                })
                .map(|s| (i, s))
        };
        let own = order
            .iter()
            .copied()
            .filter(|&i| cands[i].usual && cands[i].fresh && free(i))
            .find_map(useful);
        // The last place goes to a serving that closes the gap, wherever it is in the order.
        let last = (picks.len() + 1 == MAX_SUGGESTIONS)
            .then(|| {
                [true, false].into_iter().find_map(|strict| {
                    order
                        .iter()
                        .copied()
                        .filter(|&i| free(i) && group_ok(i, strict))
                        .find_map(closing)
                })
            })
            .flatten();
        let next = own.or(last).or_else(|| {
            [true, false].into_iter().find_map(|strict| {
                order
                    .iter()
                    .copied()
                    .filter(|&i| free(i) && group_ok(i, strict))
                    .find_map(|i| closing(i).or_else(|| useful(i)))
            })
        });
        match next {
            Some(p) => picks.push(p),
            None => break,
        }
    }
    picks
}

/// The five richest servings of different foods, the fifth swapped for the best of another
/// group when all five share one and the candidates span two.
fn richest(cands: &[Candidate], order: &[usize]) -> Vec<Pick> {
    let mut all: Vec<Pick> = order.iter().map(|&i| (i, cands[i].largest())).collect();
    // A stable sort: among equal servings, the order's first.
    all.sort_by(|&(a, sa), &(b, sb)| {
        cands[b].servings[sb]
            .mg
            .total_cmp(&cands[a].servings[sa].mg)
    });
    let mut picks: Vec<Pick> = all.iter().take(MAX_SUGGESTIONS).copied().collect();
    let spans_two = cands.iter().any(|c| c.group != cands[0].group);
    if spans_two && picks.len() > 1 && group_count(cands, &picks) == 1 {
        let group = cands[picks[0].0].group;
        if let Some(&other) = all.iter().find(|&&(c, _)| cands[c].group != group) {
            if let Some(last) = picks.last_mut() {
                *last = other;
            }
        }
    }
    picks
}

/// How far `picks` land from the gap, as a share of it.
fn miss(cands: &[Candidate], picks: &[Pick], gap: f64) -> f64 {
    (total(cands, picks) - gap).abs() / gap
}

impl FoodTable {
    /// 1 to 5 servings that land near a gap of `gap_mg` (see the module docs), never of an
    /// `exclusions` food. `frequent` lists the foods the user logs often as (food id, usual
    /// grams, times logged); `yesterday` and `today` the foods eaten then; `day` (any day
    /// number, e.g. days since the common era) turns the order of the groups.
    pub fn suggest(
        &self,
        gap_mg: f64,
        exclusions: &[Exclusion],
        frequent: &[(u32, f64, u32)],
        yesterday: &[u32],
        today: &[u32],
        day: u32,
    ) -> Vec<Suggestion> {
        if gap_mg.is_nan() || gap_mg <= 0.0 {
            return Vec::new();
        }
        let cands = self.candidates(exclusions, frequent, yesterday, today);
        if cands.is_empty() {
            return Vec::new();
        }
        let order = order(&cands, day);
        let filled = fill(&cands, &order, gap_mg);
        let closes_fitting =
            |p: &[Pick]| total(&cands, p) >= gap_mg && miss(&cands, p, gap_mg) <= FIT;
        let picks = if miss(&cands, &filled, gap_mg) <= FIT {
            filled
        } else {
            let single: Vec<Pick> = order
                .iter()
                .filter_map(|&i| cands[i].smallest_closing(gap_mg).map(|s| (i, s)))
                .min_by(|&(a, sa), &(b, sb)| {
                    cands[a].servings[sa]
                        .mg
                        .total_cmp(&cands[b].servings[sb].mg)
                })
                .into_iter()
                .collect();
            let rich = richest(&cands, &order);
            // Best: closes the gap within 25%; then within 25%; then nearest; then fewer.
            let key = |p: &Vec<Pick>| {
                let m = miss(&cands, p, gap_mg);
                (!closes_fitting(p), m > FIT, m, p.len())
            };
            [filled, single, rich]
                .into_iter()
                .filter(|p| !p.is_empty())
                .min_by(|a, b| {
                    let (ka, kb) = (key(a), key(b));
                    ka.0.cmp(&kb.0)
                        .then(ka.1.cmp(&kb.1))
                        .then(ka.2.total_cmp(&kb.2))
                        .then(ka.3.cmp(&kb.3))
                })
                .unwrap_or_default()
        };
        picks
            .into_iter()
            .map(|(c, s)| {
                let cand = &cands[c];
                let serving = &cand.servings[s];
                Suggestion {
                    food_id: cand.food_id,
                    name: serving.name.clone(),
                    group: cand.group,
                    label: serving.label.clone(),
                    grams: serving.grams,
                    mg: serving.mg,
                    usual: cand.usual,
                }
            })
            .collect()
    }

    /// The user's usual amount of each food logged often (the most logged entry wins): food id
    /// → (grams, times logged).
    fn usual_amounts(&self, frequent: &[(u32, f64, u32)]) -> BTreeMap<u32, (f64, u32)> {
        let mut usual: BTreeMap<u32, (f64, u32)> = BTreeMap::new();
        for &(id, grams, times) in frequent {
            if times < USUAL_MIN_TIMES || check_grams(grams).is_err() || self.get(id).is_none() {
                continue;
            }
            let entry = usual.entry(id).or_insert((grams, times));
            if times > entry.1 {
                *entry = (grams, times);
            }
        }
        usual
    }

    /// The featured servings with magnesium of the `allowed` foods that are not among the
    /// user's `usual` ones, one candidate per food; `stale` foods were eaten yesterday or today.
    fn featured_candidates(
        &self,
        usual: &BTreeMap<u32, (f64, u32)>,
        stale: &HashSet<u32>,
        allowed: &mut impl FnMut(u32) -> bool,
    ) -> Vec<Candidate> {
        let mut cands: Vec<Candidate> = Vec::new();
        let mut at: HashMap<u32, usize> = HashMap::new();
        for s in &self.featured {
            if usual.contains_key(&s.food_id) || s.mg <= 0.0 || !allowed(s.food_id) {
                continue;
            }
            let serving = Serving {
                name: s.name.clone(),
                label: s.label.clone(),
                grams: s.grams,
                mg: s.mg,
            };
            match at.get(&s.food_id) {
                Some(&i) => cands[i].servings.push(serving),
                None => {
                    at.insert(s.food_id, cands.len());
                    cands.push(Candidate {
                        food_id: s.food_id,
                        group: s.group,
                        servings: vec![serving],
                        times: 0,
                        usual: false,
                        fresh: !stale.contains(&s.food_id),
                    });
                }
            }
        }
        cands
    }

    /// `grams` of `food` (food `id`, `mg` of magnesium), named and labelled like a featured
    /// serving or household measure of the same weight, when there is one; else "50 g".
    fn usual_serving(&self, id: u32, food: &Food, grams: f64, mg: f64) -> Serving {
        let same = |g: f64| (g - grams).abs() < 0.01;
        let featured = self
            .featured
            .iter()
            .find(|s| s.food_id == id && same(s.grams));
        let name = featured
            .map(|s| s.name.as_str())
            .or_else(|| self.featured_name(id))
            .unwrap_or(&food.name)
            .to_string();
        let label = featured
            .map(|s| &s.label)
            .or_else(|| {
                food.portions
                    .iter()
                    .find(|p| same(p.grams))
                    .map(|p| &p.label)
            })
            .map_or_else(|| format!("{grams} g"), String::clone);
        Serving {
            name,
            label,
            grams,
            mg,
        }
    }

    /// Every candidate (see the module docs): the featured servings, then the user's own foods.
    fn candidates(
        &self,
        exclusions: &[Exclusion],
        frequent: &[(u32, f64, u32)],
        yesterday: &[u32],
        today: &[u32],
    ) -> Vec<Candidate> {
        let stale: HashSet<u32> = yesterday.iter().chain(today).copied().collect();
        let mut allowed_cache: HashMap<u32, bool> = HashMap::new();
        let mut allowed = |id: u32| -> bool {
            *allowed_cache
                .entry(id)
                .or_insert_with(|| self.get(id).is_some_and(|food| !excluded(food, exclusions)))
        };
        let usual = self.usual_amounts(frequent);
        let mut cands = self.featured_candidates(&usual, &stale, &mut allowed);
        for (&id, &(grams, times)) in &usual {
            let Some(food) = self.get(id) else { continue };
            let mg = food.mg_per_100g * grams / 100.0;
            if mg <= 0.0 || !allowed(id) {
                continue;
            }
            cands.push(Candidate {
                food_id: id,
                group: food.group,
                servings: vec![self.usual_serving(id, food, grams, mg)],
                times,
                usual: true,
                // What the user eats every day stays theirs: only today's entry holds it back.
                fresh: !today.contains(&id),
            });
        }
        cands
    }
}
