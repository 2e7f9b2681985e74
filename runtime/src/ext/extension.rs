//! What an area declares: its [`Extension`], [`Script`]s and [`Op`]s. A leaf,
//! so the areas can name these types without naming the list that names them.

/// One builtin area.
pub struct Extension {
    /// The area's name: it labels the declaration, and the tests check
    /// that no two areas share one (no run-time code reads it).
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    /// Scripts run once into the bootstrap snapshot (at build time), each
    /// `(function (ops, internal) {...})`; nothing process-dependent at
    /// their top level (that goes in `internal.start`, see `snapshot.rs`).
    pub bootstrap: &'static [Script],
    /// Modules compiled on first `require`, each
    /// `(function (ops, internal) { ...; return exports; })`. A specifier under
    /// `kode:internal/` is loadable only by Kode's own JavaScript.
    pub modules: &'static [Script],
    /// The area's ops, made with [`ops!`](crate::ext::extension::ops).
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
        &[$($crate::ext::extension::Op {
            rust_name: stringify!($op),
            callback: || <_ as v8::MapFnTo<v8::FunctionCallback>>::map_fn_to($op),
        }),*]
    };
}
pub(crate) use ops;
