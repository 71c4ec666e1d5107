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
    out.push_str("/** Every command of the app, typed. */\nexport type Commands = {\n");
    for sig in &sigs {
        for line in sig.doc.lines() {
            out.push_str(&format!("  /**{line} */\n"));
        }
        let input = match &sig.input {
            Some(input) => format!("input: {input}"),
            None => String::new(),
        };
        out.push_str(&format!(
            "  {}: ({input}) => Promise<{}>;\n",
            camel(sig.name),
            sig.output
        ));
    }
    out.push_str("};\n\n");
    // At run time each command is its name, called as the camelCase key with `{ input }` when
    // it takes one: one list of names instead of a function each (0.25 KB less in the UI).
    let names: Vec<&str> = sigs.iter().map(|s| s.name).collect();
    out.push_str(&format!(
        "/** The commands' names, as the shell knows them. */\n\
         export const COMMAND_NAMES = \"{}\".split(\" \");\n\n",
        names.join(" ")
    ));
    out.push_str(
        "/** The commands, each calling `call` with its name and, when it takes one, `{ input }`: */\n\
         /** `commandsWith(invoke).getDay(input)` calls `get_day` with `{ input }`. */\n\
         export const commandsWith = (call: (name: string, args: Record<string, unknown>) => Promise<unknown>) =>\n  \
         Object.fromEntries(\n    \
         COMMAND_NAMES.map((name) => [\n      \
         name.replace(/_(.)/g, (_, c: string) => c.toUpperCase()),\n      \
         (input?: unknown) => call(name, input === undefined ? {} : { input }),\n    \
         ]),\n  \
         ) as Commands;\n\n\
         /** Every command of the app. */\n\
         export const commands = commandsWith(invoke);\n",
    );
    out
}
