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

/// Builds the `ops` object handed to the bootstrap scripts. It has no
/// property of its own at first: a non-masking interceptor (asked only for
/// names the object and its prototypes lack) makes an op's function the
/// first time JavaScript reads its name and defines it as a plain data
/// property, which V8's inline caches then treat like any other. So the
/// bootstrap snapshot holds neither a function nor an accessor nor a name
/// string for an op the bootstrap never touched, and a run pays only for
/// the ops it uses.
pub fn install_ops<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Object> {
    let template = v8::ObjectTemplate::new(scope);
    template.set_named_property_handler(
        v8::NamedPropertyHandlerConfiguration::new()
            .getter(find_op)
            .flags(
                v8::PropertyHandlerFlags::NON_MASKING
                    | v8::PropertyHandlerFlags::ONLY_INTERCEPT_STRINGS,
            ),
    );
    template
        .new_instance(scope)
        .expect("an object from a plain template")
}

/// Every op, in declaration order.
fn all_ops() -> impl Iterator<Item = &'static Op> {
    EXTENSIONS.iter().flat_map(|ext| ext.ops)
}

/// The op JavaScript calls `name`.
fn op_named(name: &[u8]) -> Option<&'static Op> {
    static BY_NAME: OnceLock<rustc_hash::FxHashMap<&'static [u8], &'static Op>> = OnceLock::new();
    let by_name = BY_NAME.get_or_init(|| {
        // Sized once: `flat_map` gives no length, and growing rehashes.
        let mut map = rustc_hash::FxHashMap::default();
        map.reserve(all_ops().count());
        map.extend(all_ops().map(|op| (op.js_name().as_bytes(), op)));
        map
    });
    by_name.get(name).copied()
}

/// The interceptor behind `ops`: for an op's name, its function, kept on
/// the object as a data property; any other name falls through (undefined,
/// as on a plain object). Not a constructor: a constructible function
/// carries a prototype object and an initial map.
fn find_op(
    scope: &mut v8::PinScope,
    name: v8::Local<v8::Name>,
    args: v8::PropertyCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) -> v8::Intercepted {
    thread_local! {
        /// Set while an op is being defined: defining looks the name up
        /// first, which asks this interceptor again; that ask falls through.
        static DEFINING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if DEFINING.get() {
        return v8::Intercepted::kNo;
    }
    let Ok(name) = v8::Local::<v8::String>::try_from(name) else {
        return v8::Intercepted::kNo;
    };
    // Op names are short ASCII: a longer or wider name is no op's.
    let mut buffer = [0u8; 64];
    let length = name.length();
    if length > buffer.len() || !name.contains_only_onebyte() {
        return v8::Intercepted::kNo;
    }
    name.write_one_byte_v2(scope, 0, &mut buffer[..length], v8::WriteFlags::empty());
    let Some(op) = op_named(&buffer[..length]) else {
        return v8::Intercepted::kNo;
    };
    let Some(function) = v8::Function::builder_raw((op.callback)())
        .constructor_behavior(v8::ConstructorBehavior::Throw)
        .build(scope)
    else {
        return v8::Intercepted::kNo;
    };
    // Defined on the object, the interceptor is not asked again.
    DEFINING.set(true);
    let defined = args
        .holder()
        .create_data_property(scope, name.into(), function.into());
    DEFINING.set(false);
    if defined != Some(true) {
        return v8::Intercepted::kNo;
    }
    rv.set(function.into());
    v8::Intercepted::kYes
}

/// Every op's Rust name and callback, in declaration order, the `ops`
/// interceptor and the lazy globals' getter: the bulk of the bootstrap snapshot's external-reference
/// table.
pub fn op_references() -> impl Iterator<Item = (&'static str, v8::ExternalReference)> {
    use v8::MapFnTo;
    let lazy_global: v8::AccessorNameGetterCallback = globals::lazy_global.map_fn_to();
    let getters = [
        (
            "find_op",
            v8::ExternalReference {
                named_getter: find_op.map_fn_to(),
            },
        ),
        (
            "lazy_global",
            v8::ExternalReference {
                pointer: lazy_global as *mut std::ffi::c_void,
            },
        ),
    ];
    all_ops()
        .map(|op| {
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
