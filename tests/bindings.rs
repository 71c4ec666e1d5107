//! The UI's TypeScript types are generated from the Rust ones. This fails when the checked-in
//! `ui/src/lib/bindings.ts` differs from what the Rust types generate now.
//! Regenerate with: `MAGDAY_WRITE_BINDINGS=1 cargo test --test bindings`.

use std::path::PathBuf;

fn bindings_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings.ts")
}

#[test]
fn typescript_bindings_match_the_rust_types() {
    let generated = magday_lib::bindings::typescript();
    let path = bindings_path();
    if std::env::var_os("MAGDAY_WRITE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).expect("write bindings");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    if checked_in != generated {
        let first = checked_in
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| checked_in.lines().count().min(generated.lines().count()));
        panic!(
            "ui/src/lib/bindings.ts is out of date (first difference at line {}): run \
             `MAGDAY_WRITE_BINDINGS=1 cargo test --test bindings` and commit the result.\n\
             checked in: {:?}\n generated: {:?}",
            first + 1,
            checked_in.lines().nth(first),
            generated.lines().nth(first)
        );
    }
}

#[test]
fn every_command_is_in_the_bindings_the_build_list_and_the_capability() {
    let names = magday_lib::commands::COMMAND_NAMES;
    let ts = magday_lib::bindings::typescript();
    // The UI calls each command by its name in this list (and types it by its camelCase key).
    let listed_in_ts = ts
        .lines()
        .find_map(|l| l.strip_prefix("export const COMMAND_NAMES = \""))
        .and_then(|l| l.strip_suffix("\".split(\" \");"))
        .expect("COMMAND_NAMES in the bindings");
    assert_eq!(
        listed_in_ts.split(' ').collect::<Vec<_>>(),
        names,
        "the bindings' COMMAND_NAMES must list every command, in order"
    );
    // src-tauri/commands.list feeds tauri-build's app manifest: it must list exactly the commands.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let list =
        std::fs::read_to_string(root.join("src-tauri/commands.list")).expect("commands.list");
    let listed: Vec<&str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        listed, names,
        "src-tauri/commands.list must match the commands! list"
    );
    // The main window's capability grants each command, listening to the app's events (the
    // record changed: screens reload) and nothing else.
    let cap: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("src-tauri/capabilities/main.json"))
            .expect("capability"),
    )
    .expect("capability json");
    let granted: Vec<String> = cap["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("a plain permission").to_string())
        .collect();
    let wanted: Vec<String> = names
        .iter()
        .map(|n| format!("allow-{}", n.replace('_', "-")))
        .chain([
            "core:event:allow-listen".into(),
            "core:event:allow-unlisten".into(),
        ])
        .collect();
    assert_eq!(
        granted, wanted,
        "the capability must grant exactly the app's own commands and event listening"
    );
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    let files: Vec<_> = std::fs::read_dir(root.join("src-tauri/capabilities"))
        .expect("dir")
        .collect();
    assert_eq!(files.len(), 1, "one capability file, for the main window");
}
