//! Ops behind `require`: resolve a specifier, load a module's source, compile it.

use std::path::Path;

use kode_pack::resolve::Resolved;

use kode_pack::node_globals::NodeGlobals;

use crate::compile::{compile_module, trace_cache, CacheUse};
use crate::error::{set_property, v8_str, KodeError};
use crate::ext::args::op;
use crate::modules::{CacheOffer, ModuleKind};
use crate::state::state;

op! {
    /// `resolve(specifier, fromDir, fromFile)` → `"kode:NAME"` or an absolute path.
    fn op_resolve<'s>(scope, specifier: String, from_dir: String, from_file: String)
        -> Result<v8::Local<'s, v8::String>, KodeError>
    {
        let state = state(scope);
        let resolved =
            state
                .borrow()
                .modules
                .resolve(&specifier, Path::new(&from_dir), &from_file)?;
        let id = match resolved {
            Resolved::Builtin(name) => name,
            Resolved::File(path) => path.to_string_lossy().into_owned(),
        };
        Ok(v8_str(scope, &id))
    }
}

op! {
    /// `load(path)` → `["json", source]`, `["esm"]` for an ES module (loaded by
    /// `esm.rs`), or `["js", fn]` with the module compiled
    /// (from its code cache when the bundle has a usable one), or `["js", info]`
    /// where `info` is `{ error, line, column, sourceLine }` for a compile error.
    fn op_load<'s>(scope, path: String) -> Result<v8::Local<'s, v8::Array>, KodeError> {
        let (module, trace) = {
            let state = state(scope);
            let state = state.borrow();
            let module = state.modules.load(Path::new(&path))?;
            // A bundle can hold a source V8 cannot take as one string.
            if module.source.len() > crate::error::MAX_STRING_BYTES {
                return Err(crate::error::string_too_long().at("require", Path::new(&path)));
            }
            (module, state.trace_cache)
        };
        Ok(load(scope, &path, module, trace))
    }
}

fn load<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    path: &str,
    mut module: crate::modules::LoadedModule,
    trace: bool,
) -> v8::Local<'s, v8::Array> {
    crate::source_maps::register(scope, path, &mut module);
    if module.kind == ModuleKind::Json {
        let kind = v8_str(scope, "json").into();
        let source = v8_str(scope, &module.source).into();
        return v8::Array::new_with_elements(scope, &[kind, source]);
    }
    if crate::esm::is_esm(&module) {
        return esm_found(scope, path, module);
    }
    let cache = match &module.cache {
        CacheOffer::Stored(bytes) => Some(bytes.as_slice()),
        _ => None,
    };
    let mut globals = module.node_globals;
    let mut compiled = compile_or_describe(scope, &module.source, path, cache, globals);
    if !compiled.0.is_function() {
        // The scanned Node globals may clash with the module's own declarations.
        if let Some(exact) = crate::modules::exact_node_globals(&module, ModuleKind::CommonJs) {
            globals = exact;
            compiled = compile_or_describe(scope, &module.source, path, cache, globals);
        }
    }
    if module.detect && !compiled.0.is_function() {
        // Node 22's syntax detection: a `.js` file without a package.json
        // "type" that does not compile as CommonJS may be an ES module.
        let is_esm = {
            let state = state(scope);
            let state = state.borrow();
            state.modules.detect_esm(Path::new(path), &module)
        };
        if is_esm {
            let node_globals =
                crate::modules::disk_node_globals(&module.name, &module.source, ModuleKind::Esm);
            let module = crate::modules::LoadedModule {
                kind: ModuleKind::Esm,
                detect: false,
                node_globals,
                ..module
            };
            return esm_found(scope, path, module);
        }
    }
    if let Ok(function) = v8::Local::<v8::Function>::try_from(compiled.0) {
        if let Some(warming) = state(scope).borrow_mut().warming.as_mut() {
            warming.push((module.name.clone(), v8::Global::new(scope, function)));
        }
    }
    if trace {
        trace_cache(&module, compiled.1);
    }
    let kind = v8_str(scope, "js").into();
    if globals.is_empty() {
        return v8::Array::new_with_elements(scope, &[kind, compiled.0]);
    }
    // The Node globals the wrapper takes after its five parameters.
    let names = node_global_names(scope, globals);
    v8::Array::new_with_elements(scope, &[kind, compiled.0, names])
}

/// `["esm"]`: the module is an ES module; its source waits for the ES loader.
fn esm_found<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    path: &str,
    module: crate::modules::LoadedModule,
) -> v8::Local<'s, v8::Array> {
    crate::esm::stash(scope, Path::new(path), module);
    let kind = v8_str(scope, "esm").into();
    v8::Array::new_with_elements(scope, &[kind])
}

op! {
    /// `compile(source, filename, node)` → the module function or
    /// compile-error info (`kode -e`); with `node` (node:module's
    /// `_compile`, called by packages) `[function or info, globals]`, the
    /// wrapper taking the Node globals the source names.
    fn op_compile<'s>(scope, source: String, filename: String, node: bool)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        if !node {
            return Ok(compile_or_describe(scope, &source, &filename, None, NodeGlobals::NONE).0);
        }
        let mut globals = kode_pack::node_globals::scan(&source);
        let mut compiled = compile_or_describe(scope, &source, &filename, None, globals);
        if !compiled.0.is_function() && !globals.is_empty() {
            let exact = kode_pack::node_globals::of_source(&filename, &source, ModuleKind::CommonJs);
            if exact != globals {
                globals = exact;
                compiled = compile_or_describe(scope, &source, &filename, None, globals);
            }
        }
        let names = node_global_names(scope, globals);
        Ok(v8::Array::new_with_elements(scope, &[compiled.0, names]).into())
    }
}

/// The Node globals a wrapper takes after its five parameters, by name, in
/// its order (`pushNodeGlobals` in 01_modules.js hands them over).
fn node_global_names<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    globals: NodeGlobals,
) -> v8::Local<'s, v8::Value> {
    let names: Vec<v8::Local<v8::Value>> = globals
        .names()
        .map(|name| v8_str(scope, name).into())
        .collect();
    v8::Array::new_with_elements(scope, &names).into()
}

/// The compiled function, or `{ error, line, column, sourceLine }` so JS can
/// report where the syntax error is.
fn compile_or_describe<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: &str,
    filename: &str,
    cache: Option<&[u8]>,
    globals: NodeGlobals,
) -> (v8::Local<'s, v8::Value>, CacheUse) {
    v8::tc_scope!(let tc, scope);
    if let Some((function, used)) = compile_module(tc, source, filename, cache, globals) {
        return (function.into(), used);
    }
    let error = tc.exception().unwrap_or_else(|| v8::undefined(tc).into());
    let info = v8::Object::new(tc);
    set_property(tc, info, "error", error);
    if let Some(message) = tc.message() {
        let line = message.get_line_number(tc).unwrap_or(0) as f64;
        let column = message.get_start_column() as f64 + 1.0;
        let source_line = message
            .get_source_line(tc)
            .map(|l| l.to_rust_string_lossy(tc))
            .unwrap_or_default();
        let line = v8::Number::new(tc, line).into();
        set_property(tc, info, "line", line);
        let column = v8::Number::new(tc, column).into();
        set_property(tc, info, "column", column);
        let source_line = v8_str(tc, &source_line).into();
        set_property(tc, info, "sourceLine", source_line);
    }
    tc.reset();
    (info.into(), CacheUse::NotOffered)
}

op! {
    /// `esm_main(path)`: loads, links and evaluates the entry; its evaluation
    /// promise is what the event loop waits for.
    fn op_esm_main<'s>(scope, path: v8::Local<'s, v8::Value>)
        -> Result<Option<v8::Local<'s, v8::Value>>, KodeError>
    {
        let path = path.to_rust_string_lossy(scope);
        Ok(crate::esm::esm_main(scope, path))
    }
}

op! {
    /// `esm_require(path)`: `require()` of an ES module, its namespace once the
    /// graph has evaluated, which must happen synchronously (no top-level `await`).
    fn op_esm_require<'s>(scope, path: v8::Local<'s, v8::Value>)
        -> Result<Option<v8::Local<'s, v8::Value>>, KodeError>
    {
        let path = path.to_rust_string_lossy(scope);
        crate::esm::esm_require(scope, path)
    }
}
