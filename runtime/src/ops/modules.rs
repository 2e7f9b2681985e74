//! Ops behind `require`: resolve a specifier, load a module's source, compile it.

use std::path::Path;

use kode_pack::resolve::Resolved;

use super::{arg_string, finish};
use crate::error::v8_str;
use crate::modules::ModuleKind;
use crate::state::state;

/// The CommonJS wrapper's parameters; `compile` builds functions with exactly these.
pub const WRAPPER_PARAMS: [&str; 5] = ["exports", "require", "module", "__filename", "__dirname"];

/// `resolve(specifier, fromDir, fromFile)` → `"kode:NAME"` or an absolute path.
pub fn op_resolve(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, rv: v8::ReturnValue<v8::Value>) {
    let result = (|| {
        let specifier = arg_string(scope, &args, 0)?;
        let from_dir = arg_string(scope, &args, 1)?;
        let from_file = arg_string(scope, &args, 2)?;
        let state = state(scope);
        let resolved = state.borrow().modules.resolve(&specifier, Path::new(&from_dir), &from_file)?;
        let id = match resolved {
            Resolved::Builtin(name) => name,
            Resolved::File(path) => path.to_string_lossy().into_owned(),
        };
        Ok(v8_str(scope, &id).into())
    })();
    finish(scope, rv, result);
}

/// `load(path)` → `[kind, source]` with kind `"js"` or `"json"`.
pub fn op_load(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, rv: v8::ReturnValue<v8::Value>) {
    let result = (|| {
        let path = arg_string(scope, &args, 0)?;
        let state = state(scope);
        let module = state.borrow().modules.load(Path::new(&path))?;
        let kind = match module.kind {
            ModuleKind::Js => "js",
            ModuleKind::Json => "json",
        };
        let kind = v8_str(scope, kind).into();
        let source = v8_str(scope, &module.source).into();
        Ok(v8::Array::new_with_elements(scope, &[kind, source]).into())
    })();
    finish(scope, rv, result);
}

/// `compile(source, filename)` → the module function, or, on a compile error,
/// `{ error, line, column, sourceLine }` so JS can report where it is.
pub fn op_compile(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let (source, filename) = match (arg_string(scope, &args, 0), arg_string(scope, &args, 1)) {
        (Ok(source), Ok(filename)) => (source, filename),
        (Err(err), _) | (_, Err(err)) => return err.throw(scope),
    };
    let source = strip_hashbang(source);
    v8::tc_scope!(let tc, scope);
    let code = v8_str(tc, &source);
    let name = v8_str(tc, &filename);
    let origin = v8::ScriptOrigin::new(tc, name.into(), 0, 0, false, -1, None, false, false, false, None);
    let mut compile_source = v8::script_compiler::Source::new(code, Some(&origin));
    let params = WRAPPER_PARAMS.map(|p| v8_str(tc, p));
    let function = v8::script_compiler::compile_function(
        tc,
        &mut compile_source,
        &params,
        &[],
        v8::script_compiler::CompileOptions::NoCompileOptions,
        v8::script_compiler::NoCacheReason::NoReason,
    );
    if let Some(function) = function {
        return rv.set(function.into());
    }
    if tc.has_terminated() || !tc.has_caught() {
        return;
    }
    let error = tc.exception().expect("caught");
    let info = v8::Object::new(tc);
    set(tc, info, "error", error);
    if let Some(message) = tc.message() {
        let line = message.get_line_number(tc).unwrap_or(0) as f64;
        let column = message.get_start_column() as f64 + 1.0;
        let source_line = message
            .get_source_line(tc)
            .map(|l| l.to_rust_string_lossy(tc))
            .unwrap_or_default();
        let line = v8::Number::new(tc, line).into();
        set(tc, info, "line", line);
        let column = v8::Number::new(tc, column).into();
        set(tc, info, "column", column);
        let source_line = v8_str(tc, &source_line).into();
        set(tc, info, "sourceLine", source_line);
    }
    tc.reset();
    rv.set(info.into());
}

fn set(scope: &mut v8::PinScope, object: v8::Local<v8::Object>, key: &str, value: v8::Local<v8::Value>) {
    let key = v8_str(scope, key);
    object.set(scope, key.into(), value);
}

/// `builtin(name)` → the function of the embedded script for `kode:NAME`.
pub fn op_builtin(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let name = match arg_string(scope, &args, 0) {
        Ok(name) => name,
        Err(err) => return err.throw(scope),
    };
    let Some(source) = crate::builtins::source(&name) else {
        return;
    };
    let code = v8_str(scope, source);
    let origin_name = v8_str(scope, &format!("kode:internal/{}.js", name.trim_start_matches("kode:")));
    let origin = v8::ScriptOrigin::new(scope, origin_name.into(), 0, 0, false, -1, None, false, false, false, None);
    // An exception here is a bug in Kode's own JS; it propagates to the caller.
    if let Some(value) = v8::Script::compile(scope, code, Some(&origin)).and_then(|script| script.run(scope)) {
        rv.set(value);
    }
}

/// `#!` is only legal at the very start of a script, and a function body is not one.
/// Turning it into a line comment keeps every line and column where it was.
pub fn strip_hashbang(source: String) -> String {
    if source.starts_with("#!") {
        let mut source = source;
        source.replace_range(0..2, "//");
        source
    } else {
        source
    }
}
