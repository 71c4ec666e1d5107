//! Food table load and search times, on all foods.
//!
//! `cargo bench -p magday-core --bench food_search` (a release build). Prints the median, p99
//! and max time of loading the embedded tables, of building the search index (done on the
//! first search), and of each query, with its number of hits.
//! No assertions: the numbers are for people (the budget is a few ms to load, under 10 ms per
//! query on a 2-core machine).

use std::hint::black_box;
use std::time::{Duration, Instant};

use magday_core::food::{FoodTable, FEATURED_TSV, FOODS_TSV};

fn stats(mut times: Vec<Duration>) -> (Duration, Duration, Duration) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.99), times[times.len() - 1])
}

fn ms(d: Duration) -> String {
    format!("{:8.3} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    const LOADS: usize = 30;
    let mut loads = Vec::with_capacity(LOADS);
    let mut indexes = Vec::with_capacity(LOADS);
    let mut table = None;
    for _ in 0..LOADS {
        let start = Instant::now();
        let t = FoodTable::parse(black_box(FOODS_TSV), black_box(FEATURED_TSV))
            .expect("the embedded tables parse");
        loads.push(start.elapsed());
        let start = Instant::now();
        t.warm_up();
        indexes.push(start.elapsed());
        table = Some(t);
    }
    let Some(table) = table else { return };
    let (median, p99, max) = stats(loads);
    println!(
        "load {} foods, {} featured: median {} p99 {} max {}  ({LOADS} runs)",
        table.foods().len(),
        table.featured().len(),
        ms(median),
        ms(p99),
        ms(max)
    );
    let (median, p99, max) = stats(indexes);
    println!(
        "search index (built on the first search): median {} p99 {} max {}",
        ms(median),
        ms(p99),
        ms(max)
    );

    let queries = [
        // 1–3 letter prefixes, as typed.
        "a",
        "s",
        "b",
        "m",
        "sp",
        "al",
        "ch",
        "be",
        "spi",
        "alm",
        "pum",
        "chi",
        "ric",
        "mil",
        // Whole words.
        "spinach",
        "almonds",
        "banana",
        "chocolate",
        "beans",
        "cheese",
        "chicken",
        "yogurt",
        "quinoa",
        "crème",
        // Several words.
        "spinach boiled",
        "boiled spin",
        "brown rice cooked",
        "pumpkin seeds roasted",
        "dark chocolate 70",
        "black beans canned",
        "milk 2% fat",
        "peanut butter smooth",
        "ALMOND",
        "nothing matches xyz",
    ];
    const RUNS: usize = 200;
    const LIMIT: usize = 20;
    println!("search, limit {LIMIT}, {RUNS} runs per query:");
    println!(
        "{:<24} {:>5} {:>11} {:>11} {:>11}",
        "query", "hits", "median", "p99", "max"
    );
    let mut all = Vec::new();
    for q in queries {
        let mut times = Vec::with_capacity(RUNS);
        let mut hits = 0;
        for _ in 0..RUNS {
            let start = Instant::now();
            hits = black_box(table.search(black_box(q), LIMIT)).len();
            times.push(start.elapsed());
        }
        all.extend_from_slice(&times);
        let matching = table.search(q, usize::MAX).len();
        let (median, p99, max) = stats(times);
        println!(
            "{:<24} {:>5} {} {} {}  ({matching} matching)",
            format!("{q:?}"),
            hits,
            ms(median),
            ms(p99),
            ms(max)
        );
    }
    let (median, p99, max) = stats(all);
    println!(
        "{:<24} {:>5} {} {} {}",
        "all queries",
        "",
        ms(median),
        ms(p99),
        ms(max)
    );
}
