//! Suggestions: a few concrete servings that close today's magnesium gap.
//!
//! Candidates are the featured servings and the foods the user logs often, at the user's
//! usual amount (a food the user logs often is offered only at that amount). Foods ruled out
//! by the user's exclusions, and foods with no magnesium, are never candidates. A food eaten
//! yesterday or already today is "stale" and only used when fresh foods cannot do the job.
//!
//! The answer, for a gap above 0 mg, is 3 to 5 servings of different foods (fewer only when
//! fewer foods are allowed) that together close the gap whenever 5 allowed servings can, spread
//! over at least two food groups whenever the allowed foods span two. They are picked one at a
//! time: fresh foods first, a group not yet used first, then the serving that closes most of
//! what is left of the gap (counting a food logged often up to 3 times as much), then foods
//! logged often, the guides' six groups, and more magnesium; the food id breaks any tie, so the
//! same input always gives the same answer. A food with several featured servings is offered
//! at the smallest that closes what is left of the gap (else its largest; its default serving
//! once the gap is closed). Should the picks fall short of the gap, the five richest allowed
//! servings (fresh ones when they suffice) are used instead.
//!
//! A gap of 0 or less gives an empty list: the target is reached and the UI says so.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::exclusions::{excluded, Exclusion};
use super::groups::FoodGroup;
use super::{check_grams, FoodTable};

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

/// Most servings suggested at once.
pub const MAX_SUGGESTIONS: usize = 5;
/// Fewest servings suggested when at least this many foods are allowed.
pub const MIN_SUGGESTIONS: usize = 3;

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

impl Candidate {
    /// The serving to offer when `left` mg of the gap remain: the smallest that closes it,
    /// else the largest; the default one once the gap is closed.
    fn serving_for(&self, left: f64) -> usize {
        if left <= 0.0 {
            return 0;
        }
        let closing = (0..self.servings.len())
            .filter(|&i| self.servings[i].mg >= left)
            .min_by(|&a, &b| self.servings[a].mg.total_cmp(&self.servings[b].mg));
        closing.unwrap_or_else(|| self.largest())
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

/// Whether candidate `a` (with serving `sa`) is a better next pick than `b` (with `sb`).
fn better(
    cands: &[Candidate],
    used_groups: &[FoodGroup],
    left: f64,
    (a, sa): Pick,
    (b, sb): Pick,
) -> bool {
    let key = |c: usize, s: usize| {
        let cand = &cands[c];
        let mg = cand.servings[s].mg;
        let closes = mg.min(left.max(0.0));
        let weight = 1.0 + 0.2 * f64::from(cand.times.min(10));
        (
            cand.fresh,
            !used_groups.contains(&cand.group),
            closes * weight,
            cand.times,
            cand.group.is_core(),
            mg,
        )
    };
    let (ka, kb) = (key(a, sa), key(b, sb));
    let ord =
        ka.0.cmp(&kb.0)
            .then(ka.1.cmp(&kb.1))
            .then(ka.2.total_cmp(&kb.2))
            .then(ka.3.cmp(&kb.3))
            .then(ka.4.cmp(&kb.4))
            .then(ka.5.total_cmp(&kb.5))
            .then(cands[b].food_id.cmp(&cands[a].food_id));
    ord == std::cmp::Ordering::Greater
}

/// The best next pick among candidates `allowed` and not yet picked.
fn best_next(
    cands: &[Candidate],
    picks: &[Pick],
    gap: f64,
    allowed: impl Fn(&Candidate) -> bool,
) -> Option<Pick> {
    let left = gap - total(cands, picks);
    let used_groups: Vec<FoodGroup> = picks.iter().map(|&(c, _)| cands[c].group).collect();
    let mut best: Option<Pick> = None;
    for (i, cand) in cands.iter().enumerate() {
        if picks.iter().any(|&(c, _)| c == i) || !allowed(cand) {
            continue;
        }
        let pick = (i, cand.serving_for(left));
        if best.is_none_or(|b| better(cands, &used_groups, left, pick, b)) {
            best = Some(pick);
        }
    }
    best
}

/// The richest selection: the five largest servings of different foods among those `allowed`,
/// the fifth swapped for the best of another group when all five share one and `need_two`.
fn richest(cands: &[Candidate], allowed: impl Fn(&Candidate) -> bool, need_two: bool) -> Vec<Pick> {
    let mut all: Vec<Pick> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| allowed(c))
        .map(|(i, c)| (i, c.largest()))
        .collect();
    all.sort_by(|&(a, sa), &(b, sb)| {
        cands[b].servings[sb]
            .mg
            .total_cmp(&cands[a].servings[sa].mg)
            .then(cands[b].fresh.cmp(&cands[a].fresh))
            .then(cands[a].food_id.cmp(&cands[b].food_id))
    });
    let mut picks: Vec<Pick> = all.iter().take(MAX_SUGGESTIONS).copied().collect();
    if need_two && picks.len() > 1 && group_count(cands, &picks) == 1 {
        let group = cands[picks[0].0].group;
        if let Some(&other) = all.iter().find(|&&(c, _)| cands[c].group != group) {
            if let Some(last) = picks.last_mut() {
                *last = other;
            }
        }
    }
    picks
}

impl FoodTable {
    /// 3 to 5 servings that close a gap of `gap_mg` (see the module docs), never of an
    /// `exclusions` food. `frequent` lists the foods the user logs often as (food id, usual
    /// grams, times logged); `yesterday` and `today` the foods eaten then.
    pub fn suggest(
        &self,
        gap_mg: f64,
        exclusions: &[Exclusion],
        frequent: &[(u32, f64, u32)],
        yesterday: &[u32],
        today: &[u32],
    ) -> Vec<Suggestion> {
        if gap_mg.is_nan() || gap_mg <= 0.0 {
            return Vec::new();
        }
        let cands = self.candidates(exclusions, frequent, yesterday, today);
        if cands.is_empty() {
            return Vec::new();
        }
        let need_two = {
            let first = cands[0].group;
            cands.iter().any(|c| c.group != first)
        };
        let target = MIN_SUGGESTIONS.min(cands.len());

        let mut picks: Vec<Pick> = Vec::new();
        while picks.len() < MAX_SUGGESTIONS
            && !(picks.len() >= target && total(&cands, &picks) >= gap_mg)
        {
            match best_next(&cands, &picks, gap_mg, |_| true) {
                Some(p) => picks.push(p),
                None => break,
            }
        }
        // More than one serving: at least two groups, when the allowed foods allow it.
        if need_two && picks.len() > 1 && group_count(&cands, &picks) == 1 {
            let group = cands[picks[0].0].group;
            picks.pop();
            if let Some(p) = best_next(&cands, &picks, gap_mg, |c| c.group != group) {
                picks.push(p);
            }
        }
        if total(&cands, &picks) < gap_mg {
            let fresh = richest(&cands, |c| c.fresh, need_two);
            let fresh_ok = fresh.len() >= target
                && total(&cands, &fresh) >= gap_mg
                && (!need_two || group_count(&cands, &fresh) >= 2);
            picks = if fresh_ok {
                fresh
            } else {
                richest(&cands, |_| true, need_two)
            };
        }
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
        // The user's usual amount of each food logged often (the most logged entry wins).
        let mut usual: BTreeMap<u32, (f64, u32)> = BTreeMap::new();
        for &(id, grams, times) in frequent {
            if times == 0 || check_grams(grams).is_err() || self.get(id).is_none() {
                continue;
            }
            let entry = usual.entry(id).or_insert((grams, times));
            if times > entry.1 {
                *entry = (grams, times);
            }
        }
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
        for (&id, &(grams, times)) in &usual {
            let Some(food) = self.get(id) else { continue };
            let mg = food.mg_per_100g * grams / 100.0;
            if mg <= 0.0 || !allowed(id) {
                continue;
            }
            // Named and labelled like a featured serving or household measure of the same
            // weight, when there is one; else "50 g".
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
            cands.push(Candidate {
                food_id: id,
                group: food.group,
                servings: vec![Serving {
                    name,
                    label,
                    grams,
                    mg,
                }],
                times,
                usual: true,
                fresh: !stale.contains(&id),
            });
        }
        cands
    }
}
