//! The FHIR bundle against a real record on a SQLite file, with a controlled clock: its amounts
//! and times are the log's, and every bundle passes a FHIR R4 validator that rejects a broken one.
//!
//! The validator is the command in `MAGDAY_FHIR_VALIDATE` (`tests/fhir/install.sh` installs it and
//! prints it), run with a directory of `*.json` bundles as its last argument. Under CI (`CI` set)
//! the test fails without it; on a developer's quick loop without either it checks the structure
//! in Rust only.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use super::{UCUM, UNNAMED};
use crate::api::{Core, DataExportInput, DataFormat};
use crate::checkin::{CheckInInput, Rating};
use crate::checklist::Tap;
use crate::day::Now;
use crate::export::ExportRange;
use crate::food::day::LogFoodInput;
use crate::protocol::{Symptom, Template};
use crate::testkit::{date, file_core_with_input, now_in_berlin, protocol_input};

const PRODUCT: &str = "Calm Glycinate";

/// `h:m` on `d` November 2026 in Berlin.
fn at(d: u32, h: u32, m: u32) -> Now {
    now_in_berlin(date(2026, 11, d), h, m)
}

fn plan(mg: f64) -> crate::protocol::ProtocolInput {
    let mut i = protocol_input(
        Template::Nerve,
        "glycinate",
        mg,
        &["08:00", "20:00"],
        date(2026, 11, 23),
    );
    if let Some(s) = i.supplement.as_mut() {
        s.product = PRODUCT.into();
    }
    i
}

async fn tap(core: &Core, t: Tap, now: &Now) {
    core.tap(None, &t, now).await.unwrap();
}

/// Three days of a record: 23 Nov dose 1 taken at 08:10, dose 2 skipped, food and a rating;
/// 24 Nov a new version (150 mg a dose), dose 1 recorded afterwards as taken at 08:30, dose 2
/// missed; 25 Nov (today, 12:00) dose 1 taken at 09:00, dose 2 still to come (left out).
async fn record(dir: &Path) -> Core {
    let core = file_core_with_input(dir, &plan(100.0)).await;
    tap(&core, Tap::TakeDose { slot: 1, at: None }, &at(23, 8, 10)).await;
    tap(&core, Tap::SkipDose { slot: 2 }, &at(23, 12, 0)).await;
    let spinach = LogFoodInput {
        day: None,
        food_id: 11457,
        grams: 30.0,
        label: String::new(),
    };
    core.log_food(&spinach, &at(23, 13, 0)).await.unwrap();
    let check_in = CheckInInput {
        day: None,
        ratings: vec![Rating {
            symptom: Symptom::Stomach,
            value: 2,
        }],
        urgent: vec![],
        note: String::new(),
    };
    core.check_in(&check_in, &at(23, 21, 0)).await.unwrap();
    core.save_protocol(&plan(150.0), false, &at(24, 7, 0))
        .await
        .unwrap();
    let late = Tap::TakeDose {
        slot: 1,
        at: Some("08:30".into()),
    };
    tap(&core, late, &at(24, 21, 30)).await;
    tap(&core, Tap::TakeDose { slot: 1, at: None }, &at(25, 9, 0)).await;
    core
}

async fn export(core: &Core, person: Option<&str>) -> Value {
    let input = DataExportInput {
        format: DataFormat::Fhir,
        range: ExportRange::Course,
        person: person.map(str::to_string),
        private: false,
    };
    let text = core.render_export(&input, &at(25, 12, 0)).await.unwrap();
    serde_json::from_str(&text).unwrap()
}

fn resources<'a>(b: &'a Value, kind: &str) -> Vec<&'a Value> {
    b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

fn is_ucum_mg(q: &Value) -> bool {
    q["system"] == UCUM && q["code"] == "mg" && q["unit"] == "mg" && q["value"].is_f64()
}

/// What any bundle must be: a collection of urn:uuid entries, every subject the typed person's
/// Patient or (with none) a display-only reference, nothing naming anyone else.
fn check_structure(b: &Value, person: Option<&str>) {
    assert_eq!(b["resourceType"], "Bundle");
    assert_eq!(b["type"], "collection");
    assert_eq!(b["timestamp"], "2026-11-25T12:00:00+01:00");
    let entries = b["entry"].as_array().unwrap();
    let urls: BTreeSet<&str> = entries
        .iter()
        .map(|e| e["fullUrl"].as_str().unwrap())
        .collect();
    assert_eq!(urls.len(), entries.len(), "fullUrls are unique");
    assert!(urls
        .iter()
        .all(|u| u.starts_with("urn:uuid:") && u.len() == 45));
    let patients = resources(b, "Patient");
    let subject = match person {
        Some(name) => {
            assert_eq!(patients.len(), 1);
            assert_eq!(patients[0]["name"][0]["text"], name);
            assert_eq!(patients[0].as_object().unwrap().len(), 2, "a name, no more");
            serde_json::json!({ "reference": entries[0]["fullUrl"] })
        }
        None => {
            assert!(patients.is_empty());
            assert!(!b.to_string().contains("Patient"));
            serde_json::json!({ "display": UNNAMED })
        }
    };
    for e in entries
        .iter()
        .filter(|e| e["resource"]["resourceType"] != "Patient")
    {
        assert_eq!(e["resource"]["subject"], subject, "{e}");
    }
}

/// Amounts and times are the log's.
fn check_against_log(b: &Value) {
    let medication = format!("Magnesium glycinate / bisglycinate ({PRODUCT})");
    let statements = resources(b, "MedicationStatement");
    assert_eq!(statements.len(), 2, "one per version");
    for (s, mg) in statements.iter().zip([100.0, 150.0]) {
        assert_eq!(s["medicationCodeableConcept"]["text"], medication);
        let dosage = s["dosage"].as_array().unwrap();
        let times: Vec<&Value> = dosage
            .iter()
            .map(|x| &x["timing"]["repeat"]["timeOfDay"][0])
            .collect();
        assert_eq!(times, ["08:00:00", "20:00:00"]);
        for x in dosage {
            let q = &x["doseAndRate"][0]["doseQuantity"];
            assert!(is_ucum_mg(q) && q["value"] == mg, "{q}");
        }
        assert!(s["note"][0]["text"]
            .as_str()
            .unwrap()
            .contains("This course: 23 Nov 2026 – 25 Nov 2026"));
    }
    assert_eq!(statements[0]["effectivePeriod"]["end"], "2026-11-23");
    assert_eq!(statements[1]["effectivePeriod"]["start"], "2026-11-24");
    assert_eq!(statements[1]["status"], "active");
    let given: Vec<(&str, &str, f64, Option<&str>)> = resources(b, "MedicationAdministration")
        .iter()
        .map(|a| {
            assert!(is_ucum_mg(&a["dosage"]["dose"]));
            assert_eq!(a["medicationCodeableConcept"]["text"], medication);
            (
                a["status"].as_str().unwrap(),
                a["effectiveDateTime"].as_str().unwrap(),
                a["dosage"]["dose"]["value"].as_f64().unwrap(),
                a["statusReason"][0]["text"].as_str(),
            )
        })
        .collect();
    let (skipped, missed) = (Some("Skipped on purpose"), Some("Missed"));
    let want = [
        ("completed", "2026-11-23T08:10:00+01:00", 100.0, None),
        ("not-done", "2026-11-23T20:00:00+01:00", 100.0, skipped),
        ("completed", "2026-11-24T08:30:00+01:00", 150.0, None),
        ("not-done", "2026-11-24T20:00:00+01:00", 150.0, missed),
        ("completed", "2026-11-25T09:00:00+01:00", 150.0, None),
    ];
    assert_eq!(given.len(), want.len(), "{given:?}");
    for (g, w) in given.iter().zip(want) {
        assert_eq!((g.0, g.1, g.2), (w.0, w.1, w.2));
        assert_eq!(g.3.map(|r| r.starts_with(w.3.unwrap())), w.3.map(|_| true));
    }
    let obs = resources(b, "Observation");
    assert_eq!(obs.len(), 2, "{obs:?}");
    assert_eq!(obs[0]["code"]["text"], "Dietary magnesium intake");
    assert!(is_ucum_mg(&obs[0]["valueQuantity"]));
    assert!(obs[0]["valueQuantity"]["value"].as_f64().unwrap() > 0.0);
    assert_eq!(obs[1]["code"]["text"], Symptom::Stomach.label());
    assert_eq!(obs[1]["valueInteger"], 2);
    assert!(obs.iter().all(|o| o["effectiveDateTime"] == "2026-11-23"));
}

/// The validator command, when one is named; under CI one must be.
fn validator() -> Option<Vec<String>> {
    let cmd = std::env::var("MAGDAY_FHIR_VALIDATE").unwrap_or_default();
    let words: Vec<String> = cmd.split_whitespace().map(str::to_string).collect();
    if words.is_empty() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but MAGDAY_FHIR_VALIDATE is not: the FHIR bundles must be validated \
             (bash tests/fhir/install.sh prints the command)"
        );
        return None;
    }
    Some(words)
}

fn validate(cmd: &[String], dir: &Path) -> Output {
    let out = Command::new(&cmd[0])
        .args(&cmd[1..])
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run the FHIR validator {cmd:?}: {e}"));
    eprintln!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn write(dir: &Path, name: &str, b: &Value) {
    std::fs::create_dir_all(dir).unwrap();
    let text = serde_json::to_string_pretty(b).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

/// Two ways to break a bundle R4 refuses: a MedicationAdministration without its required
/// `status`, and one with R5's `medication` in place of R4's `medicationCodeableConcept`.
fn broken(good: &Value) -> [Value; 2] {
    let index = good["entry"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["resource"]["resourceType"] == "MedicationAdministration")
        .unwrap();
    let mut no_status = good.clone();
    let res = no_status["entry"][index]["resource"]
        .as_object_mut()
        .unwrap();
    res.remove("status").unwrap();
    let mut r5 = good.clone();
    let res = r5["entry"][index]["resource"].as_object_mut().unwrap();
    let concept = res.remove("medicationCodeableConcept").unwrap();
    res.insert(
        "medication".into(),
        serde_json::json!({ "concept": concept }),
    );
    [no_status, r5]
}

#[tokio::test]
async fn bundles_match_the_log_and_pass_the_r4_validator() {
    let cmd = validator();
    let dir = tempfile::tempdir().unwrap();
    let core = record(dir.path()).await;
    let unnamed = export(&core, None).await;
    let named = export(&core, Some("Ada Example")).await;
    check_structure(&unnamed, None);
    check_structure(&named, Some("Ada Example"));
    check_against_log(&unnamed);
    check_against_log(&named);
    assert_eq!(
        unnamed,
        export(&core, None).await,
        "the same record, the same bundle"
    );
    let (good, bad) = (dir.path().join("good"), dir.path().join("broken"));
    write(&good, "unnamed.json", &unnamed);
    write(&good, "named.json", &named);
    let [no_status, r5] = broken(&unnamed);
    write(&bad, "no-status.json", &no_status);
    write(&bad, "r5-medication.json", &r5);
    let Some(cmd) = cmd else { return };
    let out = validate(&cmd, &good);
    assert!(
        out.status.success(),
        "the exported bundles are not valid R4"
    );
    let out = validate(&cmd, &bad);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the broken bundles were accepted"
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("INVALID") && said.contains("no-status.json"),
        "{said}"
    );
    assert!(
        said.contains("status") && said.contains("r5-medication.json"),
        "{said}"
    );
}
