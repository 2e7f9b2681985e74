//! Ops behind `require`: resolve a specifier, load a module's source, compile it.

use std::path::Path;

use kode_pack::resolve::Resolved;

use super::{arg_string, finish};
use crate::compile::{compile_module, CacheUse};
use crate::error::{set_property, v8_str};
use crate::modules::{CacheOffer, ModuleKind};
use crate::state::state;

/// `resolve(specifier, fromDir, fromFile)` → `"kode:NAME"` or an absolute path.
pub fn op_resolve(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    rv: v8::ReturnValue<v8::Value>,
) {
    let result = (|| {
        let specifier = arg_string(scope, &args, 0)?;
        let from_dir = arg_string(scope, &args, 1)?;
        let from_file = arg_string(scope, &args, 2)?;
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
        Ok(v8_str(scope, &id).into())
    })();
    finish(scope, rv, result);
}

/// `load(path)` → `["json", source]`, `["esm"]` for an ES module (loaded by
/// `esm.rs`), or `["js", fn]` with the module compiled
/// (from its code cache when the bundle has a usable one), or `["js", info]`
/// where `info` is `{ error, line, column, sourceLine }` for a compile error.
pub fn op_load(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let loaded = arg_string(scope, &args, 0).and_then(|path| {
        let state = state(scope);
        let state = state.borrow();
        let module = state.modules.load(Path::new(&path))?;
        // A bundle can hold a source V8 cannot take as one string.
        if module.source.len() > crate::error::MAX_STRING_BYTES {
            return Err(crate::error::string_too_long().at("require", Path::new(&path)));
        }
        Ok((path, module, state.trace_cache))
    });
    let (path, module, trace) = match loaded {
        Ok(loaded) => loaded,
        Err(err) => return err.throw(scope),
    };
    if module.kind == ModuleKind::Json {
        let kind = v8_str(scope, "json").into();
        let source = v8_str(scope, &module.source).into();
        return rv.set(v8::Array::new_with_elements(scope, &[kind, source]).into());
    }
    if crate::esm::is_esm(&module) {
        return esm_found(scope, rv, &path, module);
    }
    let cache = match &module.cache {
        CacheOffer::Stored(bytes) => Some(bytes.as_slice()),
        _ => None,
    };
    let compiled = compile_or_describe(scope, &module.source, &path, cache);
    if module.detect && !compiled.0.is_function() {
        // Node 22's syntax detection: a `.js` file without a package.json
        // "type" that does not compile as CommonJS may be an ES module.
        let is_esm = {
            let state = state(scope);
            let state = state.borrow();
            state.modules.detect_esm(Path::new(&path), &module)
        };
        if is_esm {
            let module = crate::modules::LoadedModule {
                kind: ModuleKind::Esm,
                detect: false,
                ..module
            };
            return esm_found(scope, rv, &path, module);
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
    rv.set(v8::Array::new_with_elements(scope, &[kind, compiled.0]).into());
}

/// `["esm"]`: the module is an ES module; its source waits for the ES loader.
fn esm_found(
    scope: &mut v8::PinScope,
    mut rv: v8::ReturnValue<v8::Value>,
    path: &str,
    module: crate::modules::LoadedModule,
) {
    crate::esm::stash(scope, Path::new(path), module);
    let kind = v8_str(scope, "esm").into();
    rv.set(v8::Array::new_with_elements(scope, &[kind]).into());
}

pub(crate) fn trace_cache(module: &crate::modules::LoadedModule, used: CacheUse) {
    let line = match (&module.cache, used) {
        (CacheOffer::NotApplicable, _) => return,
        (CacheOffer::Missing, _) => format!("miss {} (no code cache stored)", module.name),
        (CacheOffer::Unusable(reason), _) => format!("unused {} ({reason})", module.name),
        (CacheOffer::Stored(_), CacheUse::Accepted) => format!("hit {}", module.name),
        (CacheOffer::Stored(_), _) => format!("rejected {} (V8 rejected the cache)", module.name),
    };
    eprintln!("kode: cache {line}");
}

/// `compile(source, filename)` → the module function or compile-error info (used by `kode -e`).
pub fn op_compile(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let (source, filename) = match (arg_string(scope, &args, 0), arg_string(scope, &args, 1)) {
        (Ok(source), Ok(filename)) => (source, filename),
        (Err(err), _) | (_, Err(err)) => return err.throw(scope),
    };
    let (value, _) = compile_or_describe(scope, &source, &filename, None);
    rv.set(value);
}

/// The compiled function, or `{ error, line, column, sourceLine }` so JS can
/// report where the syntax error is.
fn compile_or_describe<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: &str,
    filename: &str,
    cache: Option<&[u8]>,
) -> (v8::Local<'s, v8::Value>, CacheUse) {
    v8::tc_scope!(let tc, scope);
    if let Some((function, used)) = compile_module(tc, source, filename, cache) {
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

/// `builtin(name)` → the function of the embedded script for `kode:NAME`.
pub fn op_builtin(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let name = match arg_string(scope, &args, 0) {
        Ok(name) => name,
        Err(err) => return err.throw(scope),
    };
    let Some(source) = crate::ext::module_source(&name) else {
        return;
    };
    let origin = format!("kode:internal/{}.js", name.trim_start_matches("kode:"));
    // An exception here is a bug in Kode's own JS; it propagates to the caller.
    if let Some(value) = crate::compile::run_internal(scope, &origin, source) {
        rv.set(value);
    }
}
