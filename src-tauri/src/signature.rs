//! What a command's TypeScript signature is made of: the command's [`CommandSig`] and the
//! [`TypeCollector`] that gathers the declaration of every type it reaches. Below both the
//! `commands!` list (which yields each command's signature) and `bindings.rs` (which writes
//! them out as the UI's `bindings.ts`).

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

impl Default for TypeCollector {
    fn default() -> Self {
        Self::new()
    }
}

impl TypeCollector {
    pub fn new() -> Self {
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

    /// Every declaration gathered, ordered by type name.
    pub fn declarations(&self) -> impl Iterator<Item = &String> {
        self.decls.values()
    }
}
