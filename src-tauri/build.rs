// The app's build script (the root Cargo.toml points here). It tells tauri-build where the
// capabilities live (they sit under src-tauri/ while the package is at the root) and which
// commands the app has, so the capability can grant exactly those and nothing else.
fn main() {
    println!("cargo:rerun-if-changed=src-tauri/commands.list");
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let list = std::fs::read_to_string("src-tauri/commands.list").unwrap_or_default();
    let names: Vec<&'static str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| &*Box::leak(l.to_string().into_boxed_str()))
        .collect();
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(
            tauri_build::AppManifest::new().commands(Box::leak(names.into_boxed_slice())),
        );
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {e:#}");
    }
    // Android: reminders are scheduled one-off alarms; without the exact-alarm permission the
    // system may deliver them late (plugins-workspace #3550). POST_NOTIFICATIONS comes from the
    // notification plugin. This edits the generated Android project when building for it.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("android") {
        let permissions = r#"<uses-permission android:name="android.permission.SCHEDULE_EXACT_ALARM" />
    <uses-permission android:name="android.permission.POST_NOTIFICATIONS" />"#;
        if let Err(e) = tauri_utils::build::update_android_manifest(
            "MAGDAY REMINDERS",
            "manifest",
            permissions.to_string(),
        ) {
            panic!("could not add the reminder permissions to the Android manifest: {e:#}");
        }
    }
}
