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
use extension::Op;
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

/// Builds the `ops` object handed to the bootstrap scripts. Each op is a
/// lazy data property: its function is made the first time JavaScript
/// reads it, and V8 then keeps it as a plain value. A run deserializes one
/// small accessor per op instead of a function, its shared info and its
/// template (~500 objects in every context), and pays only for the ops it
/// uses.
pub fn install_ops<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Object> {
    let ops = v8::Object::new(scope);
    for (index, (area, op)) in all_ops().iter().enumerate() {
        let key = crate::v8_util::v8_str(scope, op.js_name());
        let index = v8::Integer::new(scope, index as i32);
        let installed = ops.set_lazy_data_property_with_data(
            scope,
            key.into(),
            make_op,
            index.into(),
            v8::PropertyAttribute::NONE,
            v8::SideEffectType::HasNoSideEffect,
            v8::SideEffectType::HasSideEffect,
        );
        if installed != Some(true) {
            panic!("cannot install op {} of area {area}", op.rust_name);
        }
    }
    ops
}

/// Every op with its area's name, in declaration order: an op's index
/// here is its lazy property's data.
fn all_ops() -> &'static [(&'static str, &'static Op)] {
    static OPS: OnceLock<Vec<(&'static str, &'static Op)>> = OnceLock::new();
    OPS.get_or_init(|| {
        EXTENSIONS
            .iter()
            .flat_map(|ext| ext.ops.iter().map(|op| (ext.name, op)))
            .collect()
    })
}

/// The getter behind every `ops` property: the op's function. Not a
/// constructor: a constructible function carries a prototype object and an
/// initial map.
fn make_op(
    scope: &mut v8::PinScope,
    _name: v8::Local<v8::Name>,
    args: v8::PropertyCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let op = v8::Local::<v8::Integer>::try_from(args.data())
        .ok()
        .and_then(|index| all_ops().get(usize::try_from(index.value()).ok()?));
    let Some((_, op)) = op else {
        // Only install_ops makes these properties, with an index as data.
        return;
    };
    if let Some(function) = v8::Function::builder_raw((op.callback)())
        .constructor_behavior(v8::ConstructorBehavior::Throw)
        .build(scope)
    {
        rv.set(function.into());
    }
}

/// Every op's Rust name and callback, in declaration order, and the lazy
/// properties' getters: the bulk of the bootstrap snapshot's external-reference
/// table.
pub fn op_references() -> impl Iterator<Item = (&'static str, v8::ExternalReference)> {
    use v8::MapFnTo;
    let getters: [(&str, v8::AccessorNameGetterCallback); 2] = [
        ("make_op", make_op.map_fn_to()),
        ("lazy_global", globals::lazy_global.map_fn_to()),
    ];
    let getters = getters.map(|(name, getter)| {
        let pointer = getter as *mut std::ffi::c_void;
        (name, v8::ExternalReference { pointer })
    });
    all_ops()
        .iter()
        .map(|(_, op)| {
            let function = (op.callback)();
            (op.rust_name, v8::ExternalReference { function })
        })
        .chain(getters)
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
