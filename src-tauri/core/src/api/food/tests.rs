use super::*;
use crate::checklist::Tap;
use crate::food::{Exclusion, FoodGroup};
use crate::protocol::Template;
use crate::settings::Settings;
use crate::testkit::{core_with_input, date, now_in_berlin, protocol_input};

/// `h`:00 on `d` November 2026 in Berlin.
fn now(d: u32, h: u32) -> Now {
    now_in_berlin(date(2026, 11, d), h, 0)
}

async fn core() -> Core {
    let input = protocol_input(
        Template::Circulation,
        "citrate",
        100.0,
        &["08:00", "20:00"],
        date(2026, 11, 1),
    );
    core_with_input(&input).await
}

fn log(food_id: u32, grams: f64, label: &str) -> LogFoodInput {
    LogFoodInput {
        day: None,
        food_id,
        grams,
        label: label.into(),
    }
}

#[tokio::test]
async fn logging_two_foods_changes_the_total_and_the_suggestions() {
    let core = core().await;
    let n = now(10, 12);
    let empty = core.food_day(None, &n).await.unwrap();
    assert_eq!(empty.rda_mg, Some(320));
    assert_eq!((empty.food_mg, empty.gap_mg), (0.0, Some(320.0)));
    assert!((3..=5).contains(&empty.suggestions.len()));
    // Pumpkin seeds, 1 oz (USDA 550 mg/100 g) and boiled spinach by grams.
    let v = core.log_food(&log(12016, 28.35, "1 oz"), &n).await.unwrap();
    assert_eq!(v.entries.len(), 1);
    assert_eq!(v.entries[0].name, "Pumpkin seed kernels (pepitas), roasted");
    assert_eq!(v.entries[0].mg, 155.9);
    let v = core.log_food(&log(11458, 180.0, ""), &n).await.unwrap();
    assert_eq!(v.entries[1].label, "180 g");
    assert_eq!(v.entries[1].mg, 156.6);
    assert!((v.food_mg - 312.5).abs() < 1e-9);
    assert!((v.gap_mg.unwrap() - 7.5).abs() < 1e-9);
    // The suggestions changed and never repeat today's foods while others can close the gap.
    assert!(!v.suggestions.is_empty());
    assert_ne!(v.suggestions, empty.suggestions);
    assert!(v
        .suggestions
        .iter()
        .all(|s| s.food_id != 12016 && s.food_id != 11458));
    assert!(v.suggestions.iter().map(|s| s.mg).sum::<f64>() >= 7.5);
    // Supplements are shown beside, never mixed into the food figure.
    core.tap(None, &Tap::TakeDose { slot: 1, at: None }, &now(10, 8))
        .await
        .unwrap();
    let v = core.food_day(None, &n).await.unwrap();
    assert_eq!(v.supplement_mg, 100.0);
    assert!((v.food_mg - 312.5).abs() < 1e-9);
    // The checklist's food item follows: 312.5 < 320, not yet; one more serving and it is done.
    let day = core.day(None, &n).await.unwrap();
    assert!(
        !day.checklist
            .items
            .iter()
            .find(|i| i.key == "food")
            .unwrap()
            .done
    );
    core.log_food(&log(12061, 28.35, "1 oz"), &n).await.unwrap();
    let day = core.day(None, &n).await.unwrap();
    assert!(
        day.checklist
            .items
            .iter()
            .find(|i| i.key == "food")
            .unwrap()
            .done
    );
    let v = core.food_day(None, &n).await.unwrap();
    assert_eq!(v.gap_mg, Some(0.0));
    assert!(
        v.suggestions.is_empty(),
        "target reached: nothing to suggest"
    );
}

#[tokio::test]
async fn suggestions_honour_exclusions_and_avoid_yesterdays_foods() {
    let core = core().await;
    let settings = Settings {
        food_exclusions: vec![Exclusion::Nuts, Exclusion::Peanuts, Exclusion::Vegan],
        ..Settings::default()
    };
    core.update_settings(settings).await.unwrap();
    let yesterday = LogFoodInput {
        day: Some("2026-11-09".into()),
        ..log(16015, 172.0, "1 cup")
    };
    core.log_food(&yesterday, &now(10, 9)).await.unwrap();
    let v = core.food_day(None, &now(10, 12)).await.unwrap();
    assert_eq!(
        v.exclusions,
        [Exclusion::Nuts, Exclusion::Peanuts, Exclusion::Vegan]
    );
    let table = food::table().unwrap();
    for s in &v.suggestions {
        let f = table.get(s.food_id).unwrap();
        assert!(!food::excluded(f, &v.exclusions), "{} is excluded", f.name);
        assert_ne!(s.food_id, 16015, "yesterday's black beans are not repeated");
        assert!(!matches!(
            s.group,
            FoodGroup::Nuts | FoodGroup::Dairy | FoodGroup::Fish | FoodGroup::Meat
        ));
    }
    let groups: std::collections::BTreeSet<_> = v.suggestions.iter().map(|s| s.group).collect();
    assert!(groups.len() >= 2, "variety across groups: {groups:?}");
}

#[tokio::test]
async fn mineral_water_counts_as_food() {
    let core = core().await;
    let n = now(10, 12);
    let e = core
        .log_water(
            &LogWaterInput {
                day: None,
                litres: 1.0,
                mg_per_litre: None,
            },
            &n,
        )
        .await
        .unwrap_err();
    assert_eq!(
        e.code(),
        "invalid_mg_per_litre",
        "no bottle value known yet"
    );
    let v = core
        .log_water(
            &LogWaterInput {
                day: None,
                litres: 1.5,
                mg_per_litre: Some(108.0),
            },
            &n,
        )
        .await
        .unwrap();
    assert_eq!(v.entries[0].name, "Mineral water (108 mg/L)");
    assert_eq!(v.entries[0].label, "1.5 L");
    assert_eq!(v.food_mg, 162.0);
    let settings = Settings {
        water_mg_per_litre: Some(1040.0),
        ..Settings::default()
    };
    core.update_settings(settings).await.unwrap();
    let v = core
        .log_water(
            &LogWaterInput {
                day: None,
                litres: 0.25,
                mg_per_litre: None,
            },
            &n,
        )
        .await
        .unwrap();
    assert_eq!(v.food_mg, 162.0 + 260.0);
    assert!(v
        .water_note
        .as_deref()
        .unwrap()
        .contains("strongly laxative"));
}

#[tokio::test]
async fn removing_is_a_new_event_and_the_original_stays() {
    let core = core().await;
    let n = now(10, 12);
    let v = core.log_food(&log(12016, 28.35, "1 oz"), &n).await.unwrap();
    let id = v.entries[0].id;
    let v = core
        .remove_food(
            &RemoveFoodInput {
                day: None,
                entry_id: id,
            },
            &n,
        )
        .await
        .unwrap();
    assert!(v.entries.is_empty());
    assert_eq!(v.food_mg, 0.0);
    let events = core.store().events_on(date(2026, 11, 10)).await.unwrap();
    assert_eq!(
        events.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["log", "remove"]
    );
    assert_eq!(events[1].corrects, Some(id));
    let e = core
        .remove_food(
            &RemoveFoodInput {
                day: None,
                entry_id: id,
            },
            &n,
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), "unknown_entry");
}

#[tokio::test]
async fn a_past_day_can_be_filled_in() {
    let core = core().await;
    let n = now(10, 12);
    let past = LogFoodInput {
        day: Some("2026-11-08".into()),
        ..log(12016, 28.35, "1 oz")
    };
    let v = core.log_food(&past, &n).await.unwrap();
    assert_eq!(v.day, date(2026, 11, 8));
    assert!(!v.is_today);
    assert_eq!(core.food_day(None, &n).await.unwrap().food_mg, 0.0);
    assert_eq!(
        core.day(Some("2026-11-08"), &n).await.unwrap().food_mg,
        155.9
    );
}

#[tokio::test]
async fn bad_input_is_refused_and_writes_nothing() {
    let core = core().await;
    let n = now(10, 12);
    let cases: Vec<(LogFoodInput, &str)> = vec![
        (log(12016, -10.0, ""), "invalid_grams"),
        (log(12016, 0.0, ""), "invalid_grams"),
        (log(12016, f64::NAN, ""), "invalid_grams"),
        (log(12016, 50_000.0, ""), "invalid_grams"),
        (log(99_999_999, 100.0, ""), "unknown_food"),
        (
            LogFoodInput {
                day: Some("2031-01-01".into()),
                ..log(12016, 10.0, "")
            },
            "date_out_of_range",
        ),
        (
            LogFoodInput {
                day: Some("2020-01-01".into()),
                ..log(12016, 10.0, "")
            },
            "date_out_of_range",
        ),
        (
            LogFoodInput {
                day: Some("soon".into()),
                ..log(12016, 10.0, "")
            },
            "invalid_date",
        ),
        (log(12016, 10.0, &"x".repeat(81)), "invalid_label"),
    ];
    let before = core.store().event_count().await.unwrap();
    for (input, code) in cases {
        assert_eq!(
            core.log_food(&input, &n).await.unwrap_err().code(),
            code,
            "{input:?}"
        );
    }
    for (litres, per) in [(-1.0, 100.0), (0.5, -3.0), (20.0, 100.0), (0.5, 5000.0)] {
        let e = core
            .log_water(
                &LogWaterInput {
                    day: None,
                    litres,
                    mg_per_litre: Some(per),
                },
                &n,
            )
            .await
            .unwrap_err();
        assert!(
            ["invalid_litres", "invalid_mg_per_litre"].contains(&e.code()),
            "{e}"
        );
    }
    assert_eq!(core.store().event_count().await.unwrap(), before);
    assert_eq!(
        core.search_foods(&"a".repeat(101), 10).unwrap_err().code(),
        "invalid_query"
    );
    assert_eq!(core.food(1).unwrap_err().code(), "unknown_food");
}

#[tokio::test]
async fn search_and_featured_reach_the_whole_table() {
    let core = core().await;
    let hits = core.search_foods("spinach boiled", 10).unwrap();
    assert!(hits.iter().any(|h| h.id == 11458), "{hits:?}");
    let almonds = core.search_foods("ALMOND", 500).unwrap();
    assert!(almonds.len() <= crate::food::day::MAX_RESULTS && almonds.len() > 5);
    assert!(
        almonds[0].name.to_lowercase().contains("almond"),
        "{:?}",
        almonds[0]
    );
    let f = core.food(12016).unwrap();
    assert_eq!(f.mg_per_100g, 550.0);
    let featured = core.featured_foods().unwrap();
    assert!(featured.iter().any(|c| c.category == "Leafy greens"));
    assert!(featured
        .iter()
        .flat_map(|c| &c.servings)
        .all(|s| s.mg > 0.0));
}

#[tokio::test]
async fn the_gap_is_a_tenth_of_a_mg_with_no_float_noise() {
    let core = core().await;
    let n = now(10, 12);
    // 57.8 mg and 9.6 mg: 320 − (57.8 + 9.6) is 252.60000000000002 in floating point.
    for (id, grams) in [(12016, 10.5), (11458, 11.0), (9040, 33.3), (12061, 3.1)] {
        let v = core.log_food(&log(id, grams, ""), &n).await.unwrap();
        let gap = v.gap_mg.unwrap();
        let shown = format!("{gap}");
        assert!(
            shown.split('.').nth(1).is_none_or(|d| d.len() <= 1),
            "gap {shown} after {grams} g of {id}"
        );
        assert!((gap - (320.0 - v.food_mg)).abs() < 0.05 + 1e-9);
    }
}
