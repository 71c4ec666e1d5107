//! The property behind sync: three stores make random edits and exchange their record files
//! through a lossy channel (files dropped, duplicated, reordered, truncated, replayed). After a
//! final full exchange all three hold the same events and show the same Today, Progress and
//! report. Views are compared with this database's own row numbers left out (`id`,
//! `course_id`, `version_id`, `protocol_version`): those name rows in one file and are not
//! meant to agree between devices; everything the user reads is compared.

use proptest::prelude::*;
use serde_json::Value;

use crate::api::Core;
use crate::checklist::Tap;
use crate::food::day::LogWaterInput;
use crate::record;
use crate::report::ReportKind;
use crate::store::Store;
use crate::testkit::{date, nerve, now_in};

const TZ: crate::zone::Tz = crate::zone::known::BERLIN;
const DEVICES: [&str; 3] = ["d0", "d1", "d2"];

#[derive(Debug, Clone)]
enum Op {
    /// Store `s` records something on day `day` (0..4) at hour `hour`.
    Edit {
        s: usize,
        what: u8,
        day: u32,
        hour: u32,
    },
    /// Store `s` changes a setting.
    Setting { s: usize, snooze: u32 },
    /// Store `s` writes its file into every other store's inbox.
    Publish { s: usize },
    /// Store `s` receives from its inbox, mangled as `how` says.
    Deliver { s: usize, how: u8 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..3usize, 0..8u8, 0..4u32, 8..22u32).prop_map(|(s, what, day, hour)| Op::Edit { s, what, day, hour }),
        1 => (0..3usize, 1..60u32).prop_map(|(s, snooze)| Op::Setting { s, snooze }),
        2 => (0..3usize).prop_map(|s| Op::Publish { s }),
        3 => (0..3usize, 0..6u8).prop_map(|(s, how)| Op::Deliver { s, how }),
    ]
}

fn mask(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for k in ["id", "course_id", "version_id", "protocol_version"] {
                m.remove(k);
            }
            m.values_mut().for_each(mask);
        }
        Value::Array(a) => a.iter_mut().for_each(mask),
        _ => {}
    }
}

fn masked<T: serde::Serialize>(t: &T) -> Value {
    let mut v = serde_json::to_value(t).unwrap();
    mask(&mut v);
    v
}

async fn edit(core: &Core, what: u8, day: u32, hour: u32) {
    let d = date(2026, 3, 2 + day);
    let now = now_in(TZ, date(2026, 3, 5), 23, 0);
    let on = Some(d.format("%Y-%m-%d").to_string());
    let tap = match what {
        0 => Tap::TakeDose {
            slot: 1,
            at: Some(format!("{hour:02}:00")).filter(|_| hour < 20),
        },
        1 => Tap::TakeDose { slot: 2, at: None },
        2 => Tap::UndoDose { slot: 1 + hour % 2 },
        3 => Tap::Count {
            key: "water".into(),
            delta: 1,
        },
        4 => Tap::Check {
            key: "sleep".into(),
        },
        5 => Tap::Uncheck {
            key: "sleep".into(),
        },
        6 => Tap::Note {
            item: "day".into(),
            text: format!("note {hour}"),
        },
        _ => {
            let _ = core
                .log_water(
                    &LogWaterInput {
                        day: on,
                        litres: 0.25,
                        mg_per_litre: Some(f64::from(hour)),
                    },
                    &now,
                )
                .await;
            return;
        }
    };
    // Refused taps (an undo with nothing to undo...) change nothing, as in the app.
    let _ = core.tap(on.as_deref(), &tap, &now).await;
}

async fn run(ops: Vec<Op>) -> std::result::Result<(), TestCaseError> {
    let mut cores = Vec::new();
    for d in DEVICES {
        cores.push(Core::from_store(Store::open_as_memory(d).await.unwrap()));
    }
    // d0 sets up the protocol; the others join from its file.
    let start = now_in(TZ, date(2026, 3, 2), 7, 0);
    let i = nerve(date(2026, 3, 2), &["08:00", "20:00"]);
    cores[0].save_protocol(&i, false, &start).await.unwrap();
    let first = record::export(cores[0].store(), "t0").await.unwrap();
    for c in &cores[1..] {
        record::merge(c.store(), &record::decode(&first).unwrap(), "t")
            .await
            .unwrap();
    }
    let mut inbox: Vec<Vec<Vec<u8>>> = vec![vec![]; 3];
    let mut seen: Vec<Vec<Vec<u8>>> = vec![vec![]; 3];
    for (n, op) in ops.into_iter().enumerate() {
        match op {
            Op::Edit { s, what, day, hour } => edit(&cores[s], what, day, hour).await,
            Op::Setting { s, snooze } => {
                let mut set = cores[s].settings().await.unwrap();
                set.reminders.snooze_min = snooze;
                cores[s].update_settings(set).await.unwrap();
            }
            Op::Publish { s } => {
                let bytes = record::export(cores[s].store(), &format!("t{n}"))
                    .await
                    .unwrap();
                for (to, b) in inbox.iter_mut().enumerate() {
                    if to != s {
                        b.push(bytes.clone());
                    }
                }
            }
            Op::Deliver { s, how } => {
                let store = cores[s].store();
                let merge = |bytes: Vec<u8>| async move {
                    match record::decode(&bytes) {
                        Ok(f) => record::merge(store, &f, "t").await.map(|_| ()),
                        Err(e) => Err(e),
                    }
                };
                if inbox[s].is_empty() {
                    continue;
                }
                match how {
                    // Dropped.
                    0 => {
                        inbox[s].remove(0);
                    }
                    // Duplicated: merged twice.
                    1 => {
                        let f = inbox[s].remove(0);
                        merge(f.clone()).await.unwrap();
                        merge(f.clone()).await.unwrap();
                        seen[s].push(f);
                    }
                    // Reordered: the newest first.
                    2 => {
                        let f = inbox[s].pop().unwrap_or_default();
                        merge(f.clone()).await.unwrap();
                        seen[s].push(f);
                    }
                    // Truncated in transit: refused, nothing changes.
                    3 => {
                        let f = inbox[s].remove(0);
                        let before = store.export_body().await.unwrap();
                        let cut = f[..f.len() * 2 / 3].to_vec();
                        prop_assert!(merge(cut).await.is_err());
                        prop_assert_eq!(store.export_body().await.unwrap(), before);
                    }
                    // Replayed: an old file again.
                    4 => {
                        if let Some(old) = seen[s].first().cloned() {
                            merge(old).await.unwrap();
                        }
                    }
                    _ => {
                        let f = inbox[s].remove(0);
                        merge(f.clone()).await.unwrap();
                        seen[s].push(f);
                    }
                }
            }
        }
    }
    // The final exchange: every store's file to every other, through the sync folder's rules.
    let files: Vec<Vec<u8>> = {
        let mut v = Vec::new();
        for c in &cores {
            v.push(record::export(c.store(), "final").await.unwrap());
        }
        v
    };
    let bodies: Vec<_> = files
        .iter()
        .map(|b| record::decode(b).unwrap().body)
        .collect();
    for c in &cores {
        c.store()
            .merge(&bodies.iter().collect::<Vec<_>>())
            .await
            .unwrap();
    }
    let end = now_in(TZ, date(2026, 3, 5), 23, 30);
    let mut views = Vec::new();
    for c in &cores {
        let mut events: Vec<String> = c
            .store()
            .export_body()
            .await
            .unwrap()
            .events
            .into_iter()
            .map(|e| e.gid)
            .collect();
        events.sort();
        let mut days = Vec::new();
        for d in 0..4 {
            let day = date(2026, 3, 2 + d).format("%Y-%m-%d").to_string();
            days.push(masked(&c.day(Some(&day), &end).await.unwrap()));
        }
        let progress = masked(&c.progress(&end).await.unwrap());
        let report = c.report(ReportKind::Now, &end).await.unwrap();
        let settings = c.settings().await.unwrap();
        views.push((events, days, progress, report.html, report.csv, settings));
    }
    for v in &views[1..] {
        prop_assert_eq!(&v.0, &views[0].0, "the same events");
        prop_assert_eq!(&v.1, &views[0].1, "the same days");
        prop_assert_eq!(&v.2, &views[0].2, "the same progress");
        prop_assert_eq!(&v.3, &views[0].3, "the same report");
        prop_assert_eq!(&v.4, &views[0].4, "the same report CSV");
        prop_assert_eq!(&v.5, &views[0].5, "the same settings");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn three_stores_converge_whatever_the_channel_does(ops in proptest::collection::vec(op(), 10..60)) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(run(ops))?;
    }
}
