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
mod fs;
mod globals;
mod inspect;
mod modules;
mod path;
mod resources;
mod scopes;
mod text;

use std::sync::OnceLock;

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
];

/// One builtin area.
pub struct Extension {
    /// The area's name, for tests and messages.
    pub name: &'static str,
    /// Scripts run once at start-up, each `(function (ops, internal, info) {...})`.
    pub bootstrap: &'static [Script],
    /// Modules compiled on first `require`, each
    /// `(function (ops, internal) { ...; return exports; })`. A specifier under
    /// `kode:internal/` is loadable only by Kode's own JavaScript.
    pub modules: &'static [Script],
    /// The area's ops, made with [`ops!`](crate::ext::ops).
    pub ops: &'static [Op],
    /// Installs the area's per-isolate state (an isolate slot), if it has any.
    pub state: Option<fn(&mut v8::Isolate)>,
}

/// JavaScript embedded in the binary.
pub struct Script {
    /// `kode:fs`, `kode:internal/inspect`, or a bootstrap script's name as
    /// stack traces show it (`kode:internal/core.js`).
    pub specifier: &'static str,
    pub source: &'static str,
}

/// A native function on the `ops` object.
pub struct Op {
    /// The Rust name, `op_<name>`; JavaScript calls it as `ops.<name>`.
    pub rust_name: &'static str,
    pub callback: fn() -> v8::FunctionCallback,
}

impl Op {
    /// The property name on the `ops` object.
    pub fn js_name(&self) -> &'static str {
        self.rust_name.strip_prefix("op_").unwrap_or(self.rust_name)
    }
}

/// `ops![op_a, op_b]`: the [`Op`] list of an area, from op functions in scope.
macro_rules! ops {
    ($($op:ident),* $(,)?) => {
        &[$($crate::ext::Op {
            rust_name: stringify!($op),
            callback: || <_ as v8::MapFnTo<v8::FunctionCallback>>::map_fn_to($op),
        }),*]
    };
}
pub(crate) use ops;

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
    EXTENSIONS
        .iter()
        .flat_map(|ext| ext.modules)
        .find(|script| script.specifier == specifier)
        .map(|script| script.source)
}

/// The `kode:` specifiers programs may require, in declaration order: what
/// the resolver accepts, in `kode run` and `kode pack` alike.
pub fn builtin_names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        EXTENSIONS
            .iter()
            .flat_map(|ext| ext.modules)
            .map(|script| script.specifier)
            .filter(|specifier| !specifier.starts_with(INTERNAL))
            .collect()
    })
}

#[cfg(test)]
mod tests;
