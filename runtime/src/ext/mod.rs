//! Every builtin area, declared once. An area ([`Extension`]) names its
//! JavaScript (bootstrap scripts run at start-up, modules compiled on first
//! `require`), its ops and its per-isolate state; everything else comes from
//! [`EXTENSIONS`]:
//! - the `ops` object the bootstrap scripts receive ([`install_ops`]),
//! - the bootstrap scripts, in list order ([`bootstrap_scripts`]),
//! - the source behind `require("kode:NAME")` ([`module_source`]),
//! - the `kode:` names the resolver accepts, in `kode run` and in
//!   `kode pack` ([`builtin_names`]).
//!
//! `docs/builtins.md` shows how to add an area.

mod args;
mod crypto;
mod encoding;
mod events;
mod extension;
mod fetch;
mod fs;
mod globals;
mod http;
mod inspect;
mod interrupt;
mod messaging;
mod modules;
mod net;
mod node;
mod path;
mod resources;
mod scopes;
mod stdio;
mod streams;
mod subprocess;
mod subtle;
mod text;
mod url;
mod wasm;
mod web;

use std::sync::OnceLock;

use crate::error::KodeError;
use args::op;
use extension::ops;
pub use extension::{Extension, Script};

/// The builtin areas. Bootstrap scripts run in this order.
pub const EXTENSIONS: &[&Extension] = &[
    &globals::EXTENSION,
    &inspect::EXTENSION,
    &text::EXTENSION,
    &modules::EXTENSION,
    &resources::EXTENSION,
    &scopes::EXTENSION,
    &fs::EXTENSION,
    &path::EXTENSION,
    &crypto::EXTENSION,
    &encoding::EXTENSION,
    &events::EXTENSION,
    &messaging::EXTENSION,
    &url::EXTENSION,
    &web::EXTENSION,
    &wasm::EXTENSION,
    &subtle::EXTENSION,
    &fetch::EXTENSION,
    &http::EXTENSION,
    &streams::EXTENSION,
    &stdio::EXTENSION,
    &net::EXTENSION,
    &subprocess::EXTENSION,
    &interrupt::EXTENSION,
    &node::EXTENSION,
    &BUILTINS,
];

/// The op that reads this list, `builtin(name)`: declared here, not in the
/// `modules` area, because no area may name the list that names it (the
/// import-cycle test in `layout_tests.rs`).
const BUILTINS: Extension = Extension {
    name: "builtins",
    bootstrap: &[],
    modules: &[],
    ops: ops![op_builtin, op_builtin_names],
    state: None,
};

op! {
    /// `builtin(name)` → the function of the embedded script for `kode:NAME`.
    fn op_builtin<'s>(scope, name: String) -> Result<Option<v8::Local<'s, v8::Value>>, KodeError> {
        let Some(source) = module_source(&name) else {
            return Ok(None);
        };
        let origin = builtin_origin(&name);
        // An exception here is a bug in Kode's own JS; it propagates to the caller.
        let Some((script, used)) = crate::compile::compile_internal(scope, &origin, source, builtin_cache(&name)) else {
            return Ok(None);
        };
        if crate::trace::enabled("builtins") {
            eprintln!("kode: builtin {name} (cache {})", used.describe());
        }
        Ok(script.run(scope))
    }
}

op! {
    /// `builtin_names()` → the public builtin specifiers, in declaration order
    /// (node:module's `builtinModules` takes the `node:` ones).
    fn op_builtin_names<'s>(scope) -> Result<v8::Local<'s, v8::Array>, KodeError> {
        let names: Vec<v8::Local<v8::Value>> = builtin_names()
            .iter()
            .map(|name| crate::v8_util::v8_str(scope, name).into())
            .collect();
        Ok(v8::Array::new_with_elements(scope, &names))
    }
}

/// The script name stack traces show for builtin `specifier`.
pub fn builtin_origin(specifier: &str) -> String {
    match specifier.strip_prefix("node:") {
        Some(node) => format!("kode:internal/node/{node}.js"),
        None => format!("kode:internal/{}.js", specifier.trim_start_matches("kode:")),
    }
}

/// The build-time code cache of a builtin, unless a development build
/// serves the Node layer from a directory (the cache is for the embedded source).
fn builtin_cache(specifier: &str) -> Option<&'static [u8]> {
    #[cfg(debug_assertions)]
    if node::dev_source(specifier).is_some() {
        return None;
    }
    crate::snapshot::builtin_cache(specifier)
}

/// Every lazily loaded module's specifier and embedded source, for the
/// build-time code caches.
pub fn module_scripts() -> impl Iterator<Item = &'static Script> {
    EXTENSIONS.iter().flat_map(|ext| ext.modules)
}

/// Specifiers of internal modules start with this; the resolver never accepts them.
const INTERNAL: &str = "kode:internal/";

/// Builds the `ops` object handed to the bootstrap scripts.
pub fn install_ops<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Object> {
    let ops = v8::Object::new(scope);
    for ext in EXTENSIONS {
        for op in ext.ops {
            let function = v8::Function::new_raw(scope, (op.callback)())
                .unwrap_or_else(|| panic!("cannot make op {} of area {}", op.rust_name, ext.name));
            let key = crate::v8_util::v8_str(scope, op.js_name());
            ops.set(scope, key.into(), function.into());
        }
    }
    ops
}

/// Every op's Rust name and callback, in declaration order: the bulk of
/// the bootstrap snapshot's external-reference table.
pub fn op_callbacks() -> impl Iterator<Item = (&'static str, v8::FunctionCallback)> {
    EXTENSIONS
        .iter()
        .flat_map(|ext| ext.ops)
        .map(|op| (op.rust_name, (op.callback)()))
}

/// Installs every area's per-isolate state.
pub fn install_state(isolate: &mut v8::Isolate) {
    for install in EXTENSIONS.iter().filter_map(|ext| ext.state) {
        install(isolate);
    }
}

/// The bootstrap scripts, in the order they run.
pub fn bootstrap_scripts() -> impl Iterator<Item = &'static Script> {
    EXTENSIONS.iter().flat_map(|ext| ext.bootstrap)
}

/// The source of a lazily loaded module, public (`kode:fs`) or internal.
pub fn module_source(specifier: &str) -> Option<&'static str> {
    #[cfg(debug_assertions)]
    if let Some(source) = node::dev_source(specifier) {
        return Some(source);
    }
    module_scripts()
        .find(|script| script.specifier == specifier)
        .map(|script| script.source)
}

/// The `kode:` specifiers programs may require, in declaration order: what
/// the resolver accepts, in `kode run` and `kode pack` alike.
pub fn builtin_names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        module_scripts()
            .map(|script| script.specifier)
            .filter(|specifier| !specifier.starts_with(INTERNAL))
            .collect()
    })
}

#[cfg(test)]
mod tests;
