//! TypeScript bindings for every command, generated from the Rust types (ts-rs) and the
//! `commands!` list, so the UI's types are never retyped by hand. `tests/bindings.rs` fails when
//! the checked-in `ui/src/lib/bindings.ts` differs from what this generates.

use std::collections::BTreeMap;

use ts_rs::{Config, TypeVisitor, TS};

/// One command's TypeScript signature.
pub struct CommandSig {
    pub name: &'static str,
    pub doc: &'static str,
    /// The input type's name, when the command takes one.
    pub input: Option<String>,
    pub output: String,
}

/// Collects the declarations of every type a command reaches.
pub struct TypeCollector {
    cfg: Config,
    decls: BTreeMap<String, String>,
}

impl TypeVisitor for TypeCollector {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_some() {
            let ident = T::ident(&self.cfg);
            if self.decls.contains_key(&ident) {
                return;
            }
            let mut decl = String::new();
            if let Some(docs) = T::docs() {
                decl.push_str(&docs);
            }
            decl.push_str("export ");
            decl.push_str(&T::decl(&self.cfg));
            self.decls.insert(ident, decl);
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

impl TypeCollector {
    fn new() -> Self {
        TypeCollector {
            // i64 and u64 cross IPC as JSON numbers.
            cfg: Config::new().with_large_int("number"),
            decls: BTreeMap::new(),
        }
    }

    /// Register `T` (and everything it uses); returns its TypeScript name.
    pub fn add<T: TS + 'static>(&mut self) -> String {
        self.visit::<T>();
        T::name(&self.cfg)
    }
}

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
    for decl in collector.decls.values() {
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
