//! TypeScript bindings for every command, generated from the Rust types (ts-rs) and the
//! `commands!` list, so the UI's types are never retyped by hand. `tests/bindings.rs` fails when
//! the checked-in `ui/src/lib/bindings.ts` differs from what this generates.

use crate::signature::TypeCollector;

fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The whole bindings file.
pub fn typescript() -> String {
    let mut collector = TypeCollector::new();
    let sigs = crate::commands::signatures(&mut collector);
    let error = collector.add::<magday_core::ApiError>();
    let mut out = String::from(
        "// Generated from the Rust types by `src-tauri/src/bindings.rs`: do not edit.\n\
         // Regenerate with `MAGDAY_WRITE_BINDINGS=1 cargo test --test bindings`.\n\n\
         import { invoke } from \"@tauri-apps/api/core\";\n\n",
    );
    for decl in collector.declarations() {
        out.push_str(decl);
        out.push_str("\n\n");
    }
    out.push_str(&format!(
        "/** A failed command: its promise rejects with this. */\nexport type CommandError = {error};\n\n"
    ));
    out.push_str("/** Every command of the app, typed. */\nexport const commands = {\n");
    for sig in &sigs {
        for line in sig.doc.lines() {
            out.push_str(&format!("  /**{line} */\n"));
        }
        match &sig.input {
            Some(input) => out.push_str(&format!(
                "  {}: (input: {input}) => invoke<{}>(\"{}\", {{ input }}),\n",
                camel(sig.name),
                sig.output,
                sig.name
            )),
            None => out.push_str(&format!(
                "  {}: () => invoke<{}>(\"{}\"),\n",
                camel(sig.name),
                sig.output,
                sig.name
            )),
        }
    }
    out.push_str("};\n");
    out
}
