//! Search as you type over every food.
//!
//! The index is built once, on the first search: every word of every name (folded: lower case, no
//! accents) and its plural stem is a token; tokens are sorted, so the tokens a typed prefix
//! matches are one contiguous range, found by binary search. Each token lists the foods that
//! contain it. A featured food is also found by its friendly name ("pepitas", "Swiss chard").
//!
//! A query matches the foods that have, for every query word, a token starting with it, in
//! any order ("boiled spin" finds "Spinach, cooked, boiled, ..."). They are ranked by how
//! well each word matches (a whole word beats a prefix; a word near the start of the name,
//! where USDA puts what the food is, beats one further on; the first word of the query
//! matching the first word of the name is best), then by a fixed score per food: featured
//! foods first, plain everyday foods before baby food, fast food, restaurant dishes and
//! brands, common foods (with more household measures) and shorter names first.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::groups::FoodGroup;
use super::rows::{FeaturedServing, Food};
use super::text;

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    pub id: u32,
    pub name: String,
    pub group: FoodGroup,
    pub mg_per_100g: f64,
    /// One of the hand-checked featured foods.
    pub featured: bool,
    /// Higher is better; only the order means anything.
    pub score: i32,
}

/// At most this many query words are used.
const MAX_TERMS: usize = 8;

const WHOLE_WORD: i32 = 100;
const PREFIX: i32 = 60;
const IN_HEAD: i32 = 40;
const FIRST_WORD: i32 = 30;
const FEATURED: i32 = 80;
const SIDELINE_GROUP: i32 = -40;
const BRAND: i32 = -20;

#[derive(Debug, Clone, Copy)]
struct Tok {
    id: u32,
    /// In the first two comma-separated parts of the name (what the food is).
    head: bool,
    /// The name's first word.
    first: bool,
}

/// The sorted tokens, in one buffer.
#[derive(Debug)]
struct Tokens {
    buf: String,
    spans: Vec<(u32, u32)>,
}

impl Tokens {
    fn str(&self, (s, e): (u32, u32)) -> &str {
        &self.buf[s as usize..e as usize]
    }
}

#[derive(Debug)]
pub(super) struct Index {
    /// Sorted, unique.
    tokens: Tokens,
    /// Foods (positions in the table) of token `t`: `postings[posting_start[t]..posting_start[t + 1]]`.
    posting_start: Vec<u32>,
    postings: Vec<u32>,
    /// Tokens of food `f`: `food_tokens[food_start[f]..food_start[f + 1]]`.
    food_start: Vec<u32>,
    food_tokens: Vec<Tok>,
    /// Fixed part of each food's score.
    base: Vec<i32>,
}

/// A word of three or more capitals ("KELLOGG'S"): USDA spells brands that way.
fn is_brand(name: &str) -> bool {
    let (mut capitals, mut lower) = (0, false);
    for c in name.chars().chain([' ']) {
        if c.is_alphabetic() {
            if c.is_lowercase() {
                lower = true;
            } else {
                capitals += 1;
            }
        } else if c != '\'' {
            if capitals >= 3 && !lower {
                return true;
            }
            (capitals, lower) = (0, false);
        }
    }
    false
}

/// A fast hash for short strings (FxHash's mixing step); the index is built once, from
/// trusted data, so DoS resistance is not needed.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

fn fx_hash(word: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// Passes a precomputed hash through.
#[derive(Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn write(&mut self, _: &[u8]) {}

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Tokens in first-seen order, with their ids, kept in one buffer.
#[derive(Default)]
struct Interner {
    buf: String,
    spans: Vec<(u32, u32)>,
    /// Hash → id of the first token with that hash.
    by_hash: HashMap<u64, u32, BuildHasherDefault<IdentityHasher>>,
    /// Ids of tokens whose hash an earlier token already had (never seen so far in the data).
    collided: Vec<u32>,
}

impl Interner {
    fn get(&self, id: u32) -> &str {
        let (s, e) = self.spans[id as usize];
        &self.buf[s as usize..e as usize]
    }

    fn id(&mut self, word: &str) -> u32 {
        let h = fx_hash(word);
        let known = match self.by_hash.get(&h) {
            Some(&id) if self.get(id) == word => return id,
            Some(_) => self
                .collided
                .iter()
                .copied()
                .find(|&id| self.get(id) == word),
            None => None,
        };
        if let Some(id) = known {
            return id;
        }
        let id = self.spans.len() as u32;
        let s = self.buf.len() as u32;
        self.buf.push_str(word);
        self.spans.push((s, self.buf.len() as u32));
        match self.by_hash.entry(h) {
            Entry::Occupied(_) => self.collided.push(id),
            Entry::Vacant(slot) => {
                slot.insert(id);
            }
        }
        id
    }
}

/// Adds `word` and its stem to a food's tokens (`toks[start..]`), merging flags.
fn add_word(
    interner: &mut Interner,
    toks: &mut Vec<Tok>,
    start: usize,
    word: &str,
    head: bool,
    first: bool,
) {
    let mut push = |id: u32| {
        if let Some(t) = toks[start..].iter_mut().find(|t| t.id == id) {
            t.head |= head;
            t.first |= first;
        } else {
            toks.push(Tok { id, head, first });
        }
    };
    push(interner.id(word));
    let stem = text::stem(word);
    if stem != word {
        push(interner.id(&stem));
    }
}

/// The fixed part of a food's score: featured, group, brand, household measures, name length.
fn base_score(food: &Food, featured: bool, word_count: i32) -> i32 {
    let mut score = 0;
    if featured {
        score += FEATURED;
    }
    // Baby food, fast food, ready meals, American Indian foods, restaurant dishes.
    if matches!(food.usda_group_code, 3 | 21 | 22 | 35 | 36) {
        score += SIDELINE_GROUP;
    }
    if is_brand(&food.name) {
        score += BRAND;
    }
    score += 3 * food.portions.len().min(4) as i32;
    score -= (food.name.len() / 6) as i32;
    score -= 2 * word_count;
    score
}

/// Each food's tokens, numbered by `interner` in first-seen order: (where each food's tokens
/// start, with one more start at the end; the tokens; each food's fixed score).
fn tokenize_foods(
    interner: &mut Interner,
    foods: &[Food],
    featured: &[FeaturedServing],
    featured_of: &HashMap<u32, usize>,
) -> (Vec<u32>, Vec<Tok>, Vec<i32>) {
    let mut folded = text::Folded::default();
    let mut food_start = Vec::with_capacity(foods.len() + 1);
    let mut food_tokens: Vec<Tok> = Vec::with_capacity(foods.len() * 16);
    let mut base = Vec::with_capacity(foods.len());
    for food in foods {
        let start = food_tokens.len();
        food_start.push(start as u32);
        folded.fill(&food.name);
        let mut word_count = 0;
        for (pos, (word, commas)) in folded.iter().enumerate() {
            let (head, first) = (commas < 2, pos == 0);
            add_word(interner, &mut food_tokens, start, word, head, first);
            word_count += 1;
        }
        let featured_at = featured_of.get(&food.id).copied();
        if let Some(i) = featured_at {
            folded.fill(&featured[i].name);
            for (word, _) in folded.iter() {
                add_word(interner, &mut food_tokens, start, word, true, false);
            }
        }
        base.push(base_score(food, featured_at.is_some(), word_count));
    }
    food_start.push(food_tokens.len() as u32);
    (food_start, food_tokens, base)
}

/// Sorts the interned tokens, renumbers `food_tokens` in that order and returns the tokens.
fn sort_tokens(interner: &Interner, food_tokens: &mut [Tok]) -> Tokens {
    let count = interner.spans.len();
    let mut order: Vec<u32> = (0..count as u32).collect();
    order.sort_unstable_by(|&a, &b| interner.get(a).cmp(interner.get(b)));
    let mut rank = vec![0u32; count];
    for (r, &old) in order.iter().enumerate() {
        rank[old as usize] = r as u32;
    }
    for t in food_tokens.iter_mut() {
        t.id = rank[t.id as usize];
    }
    let mut buf = String::with_capacity(interner.buf.len());
    let mut spans = Vec::with_capacity(count);
    for &old in &order {
        let s = buf.len() as u32;
        buf.push_str(interner.get(old));
        spans.push((s, buf.len() as u32));
    }
    Tokens { buf, spans }
}

/// The foods of each of `token_count` tokens, by counting: (posting_start, postings).
fn count_postings(
    token_count: usize,
    food_count: usize,
    food_start: &[u32],
    food_tokens: &[Tok],
) -> (Vec<u32>, Vec<u32>) {
    let mut posting_start = vec![0u32; token_count + 1];
    for t in food_tokens {
        posting_start[t.id as usize + 1] += 1;
    }
    for i in 1..posting_start.len() {
        posting_start[i] += posting_start[i - 1];
    }
    let mut fill = posting_start.clone();
    let mut postings = vec![0u32; food_tokens.len()];
    for f in 0..food_count {
        for t in &food_tokens[food_start[f] as usize..food_start[f + 1] as usize] {
            let slot = &mut fill[t.id as usize];
            postings[*slot as usize] = f as u32;
            *slot += 1;
        }
    }
    (posting_start, postings)
}

impl Index {
    pub(super) fn build(
        foods: &[Food],
        featured: &[FeaturedServing],
        featured_of: &HashMap<u32, usize>,
    ) -> Index {
        let mut interner = Interner::default();
        interner.by_hash.reserve(16_384);
        interner.buf.reserve(128 * 1024);
        let (food_start, mut food_tokens, base) =
            tokenize_foods(&mut interner, foods, featured, featured_of);
        let tokens = sort_tokens(&interner, &mut food_tokens);
        let (posting_start, postings) =
            count_postings(tokens.spans.len(), foods.len(), &food_start, &food_tokens);
        Index {
            tokens,
            posting_start,
            postings,
            food_start,
            food_tokens,
            base,
        }
    }

    /// Token ids starting with `prefix`, and the id of `prefix` itself when it is a token.
    fn range(&self, prefix: &str) -> TermRange {
        let t = &self.tokens;
        let lo = t.spans.partition_point(|&s| t.str(s) < prefix);
        let len = t.spans[lo..].partition_point(|&s| t.str(s).starts_with(prefix));
        let exact = (len > 0 && t.str(t.spans[lo]) == prefix).then_some(lo as u32);
        (lo as u32, (lo + len) as u32, exact)
    }
}

/// A term's tokens: ids from, to (exclusive), and the term's own id when it is a token.
type TermRange = (u32, u32, Option<u32>);

/// A scored food: (score, name length, position in the table).
type Scored = (i32, usize, usize);

/// The query's distinct stemmed words, the first [`MAX_TERMS`] of them.
fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in text::words(query) {
        let stem = text::stem_owned(&word);
        if !terms.contains(&stem) {
            terms.push(stem);
        }
    }
    terms.truncate(MAX_TERMS);
    terms
}

/// Best first: higher score, then shorter name, then earlier in the table.
fn best_first(a: &Scored, b: &Scored) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
}

/// Keeps the `limit` best of `scored` (`limit` > 0), best first.
fn keep_best(scored: &mut Vec<Scored>, limit: usize) {
    if scored.len() > limit {
        scored.select_nth_unstable_by(limit - 1, best_first);
        scored.truncate(limit);
    }
    scored.sort_unstable_by(best_first);
}

/// The search result for `food`.
fn hit(food: &Food, featured_of: &HashMap<u32, usize>, score: i32) -> SearchHit {
    SearchHit {
        id: food.id,
        name: food.name.clone(),
        group: food.group,
        mg_per_100g: food.mg_per_100g,
        featured: featured_of.contains_key(&food.id),
        score,
    }
}

impl Index {
    /// A bit per term for each of `food_count` foods: set when the food has a token in the
    /// term's range.
    fn term_mask(&self, ranges: &[TermRange], food_count: usize) -> Vec<u8> {
        let mut mask = vec![0u8; food_count];
        for (k, &(lo, hi, _)) in ranges.iter().enumerate() {
            let from = self.posting_start[lo as usize] as usize;
            let to = self.posting_start[hi as usize] as usize;
            for &f in &self.postings[from..to] {
                mask[f as usize] |= 1 << k;
            }
        }
        mask
    }

    /// Food `f`'s score for the query: its fixed part plus how well each term matches.
    fn score(&self, f: usize, ranges: &[TermRange]) -> i32 {
        let toks = &self.food_tokens[self.food_start[f] as usize..self.food_start[f + 1] as usize];
        let mut score = self.base[f];
        for (k, &(lo, hi, exact)) in ranges.iter().enumerate() {
            let mut best = 0;
            for t in toks.iter().filter(|t| t.id >= lo && t.id < hi) {
                let mut s = if Some(t.id) == exact {
                    WHOLE_WORD
                } else {
                    PREFIX
                };
                if t.head {
                    s += IN_HEAD;
                }
                if k == 0 && t.first {
                    s += FIRST_WORD;
                }
                best = best.max(s);
            }
            score += best;
        }
        score
    }

    /// Up to `limit` of `foods` matching `query`, best first (see the module docs).
    pub(super) fn search(
        &self,
        foods: &[Food],
        featured_of: &HashMap<u32, usize>,
        query: &str,
        limit: usize,
    ) -> Vec<SearchHit> {
        let terms = query_terms(query);
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        let ranges: Vec<TermRange> = terms.iter().map(|t| self.range(t)).collect();
        if ranges.iter().any(|(lo, hi, _)| lo == hi) {
            return Vec::new();
        }
        // Foods that match every term: a bit per term.
        let full: u8 = if terms.len() == 8 {
            u8::MAX
        } else {
            (1u8 << terms.len()) - 1
        };
        let mask = self.term_mask(&ranges, foods.len());
        let mut scored: Vec<Scored> = Vec::new();
        for (f, &m) in mask.iter().enumerate() {
            if m != full {
                continue;
            }
            scored.push((self.score(f, &ranges), foods[f].name.len(), f));
        }
        keep_best(&mut scored, limit);
        scored
            .into_iter()
            .map(|(score, _, f)| hit(&foods[f], featured_of, score))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::is_brand;

    #[test]
    fn brands_are_words_in_capitals() {
        assert!(is_brand(
            "Cereals ready-to-eat, KELLOGG'S ALL-BRAN Original"
        ));
        assert!(is_brand("Candies, MARS SNACKFOOD US, M&M's"));
        assert!(!is_brand("Spinach, raw"));
        assert!(!is_brand("Milk, 2% fat, with added vitamin A and D"));
        assert!(!is_brand("Kellogg's All-Bran"));
    }
}
