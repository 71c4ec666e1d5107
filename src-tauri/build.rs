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
        .app_manifest(tauri_build::AppManifest::new().commands(Box::leak(names.into_boxed_slice())));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {e:#}");
    }
}
