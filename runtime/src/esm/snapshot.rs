//! The module map in an application snapshot (`kode pack --snapshot`): V8
//! keeps the modules, but the map from names to modules is Rust's, so it
//! travels as context data after `ops` and `internal`: a description array
//! `[main key, esm.js hooks object, then key, kind, a, b per module]`, then
//! each module in the same order.

use super::{insert, map, Hooks, Kind};
use crate::error::v8_str;

/// The first context data index after the bootstrap's two objects.
const MAP_INDEX: usize = 2;

const SOURCE: u32 = 0;
const COMMON_JS: u32 = 1;
const JSON: u32 = 2;
const BUILTIN: u32 = 3;

/// Adds the module map to `context`'s snapshot data. Refuses a map V8 would
/// freeze halfway: an `import()` or the entry still being evaluated.
pub fn keep_map(scope: &mut v8::PinScope, context: v8::Local<v8::Context>) -> Result<(), String> {
    let shared = map(scope);
    let map = shared.borrow();
    if !map.imports.is_empty() {
        return Err("it leaves an import() pending".to_string());
    }
    if let Some((_, promise)) = &map.main {
        if v8::Local::new(scope, promise).state() == v8::PromiseState::Pending {
            return Err("its top-level await is still pending".to_string());
        }
    }
    let undefined: v8::Local<v8::Value> = v8::undefined(scope).into();
    let mut description: Vec<v8::Local<v8::Value>> = vec![
        match &map.main_key {
            Some(key) => v8_str(scope, key).into(),
            None => undefined,
        },
        match &map.hooks {
            Some(hooks) => v8::Local::new(scope, &hooks.object).into(),
            None => undefined,
        },
    ];
    for entry in &map.entries {
        let (kind, a, b) = match &entry.kind {
            Kind::Source => (SOURCE, undefined, undefined),
            Kind::CommonJs { names } => (COMMON_JS, strings(scope, names), undefined),
            Kind::Json { source } => (JSON, v8_str(scope, source).into(), undefined),
            Kind::Builtin { exports, names } => (
                BUILTIN,
                v8::Local::new(scope, exports),
                strings(scope, names),
            ),
        };
        description.push(v8_str(scope, &entry.key).into());
        description.push(v8::Integer::new_from_unsigned(scope, kind).into());
        description.push(a);
        description.push(b);
    }
    let description = v8::Array::new_with_elements(scope, &description);
    let mut expected = MAP_INDEX;
    let mut indices_match = scope.add_context_data(context, description) == expected;
    for entry in &map.entries {
        expected += 1;
        let module = v8::Local::new(scope, &entry.module);
        indices_match &= scope.add_context_data(context, module) == expected;
    }
    match indices_match {
        true => Ok(()),
        false => Err("unexpected snapshot data indices".to_string()),
    }
}

/// Rebuilds the module map from a snapshot's context data; nothing when the
/// snapshot holds none (the bootstrap's). An error is a damaged snapshot.
pub fn restore_map(scope: &mut v8::PinScope) -> Result<(), String> {
    let Ok(description) = scope.get_context_data_from_snapshot_once::<v8::Array>(MAP_INDEX) else {
        return Ok(());
    };
    let damaged = || "the snapshot's module map is damaged".to_string();
    let main_key = description.get_index(scope, 0).ok_or_else(damaged)?;
    if main_key.is_string() {
        map(scope).borrow_mut().main_key = Some(main_key.to_rust_string_lossy(scope));
    }
    let hooks = description.get_index(scope, 1).ok_or_else(damaged)?;
    if let Ok(object) = v8::Local::<v8::Object>::try_from(hooks) {
        let hooks: Hooks = super::hooks_from(scope, object).ok_or_else(damaged)?;
        map(scope).borrow_mut().hooks = Some(std::rc::Rc::new(hooks));
    }
    let count = (description.length().saturating_sub(2)) / 4;
    for i in 0..count {
        let at = 2 + i * 4;
        let key = description.get_index(scope, at).ok_or_else(damaged)?;
        let key = key.to_rust_string_lossy(scope);
        let tag = description
            .get_index(scope, at + 1)
            .and_then(|t| t.uint32_value(scope));
        let a = description.get_index(scope, at + 2).ok_or_else(damaged)?;
        let b = description.get_index(scope, at + 3).ok_or_else(damaged)?;
        let kind = match tag {
            Some(SOURCE) => Kind::Source,
            Some(COMMON_JS) => Kind::CommonJs {
                names: rust_strings(scope, a),
            },
            Some(JSON) => Kind::Json {
                source: a.to_rust_string_lossy(scope),
            },
            Some(BUILTIN) => Kind::Builtin {
                exports: v8::Global::new(scope, a),
                names: rust_strings(scope, b),
            },
            _ => return Err(damaged()),
        };
        let module = scope
            .get_context_data_from_snapshot_once::<v8::Module>(MAP_INDEX + 1 + i as usize)
            .map_err(|_| damaged())?;
        insert(scope, module, key, kind);
    }
    Ok(())
}

fn strings<'s>(scope: &mut v8::PinScope<'s, '_>, names: &[String]) -> v8::Local<'s, v8::Value> {
    let names: Vec<v8::Local<v8::Value>> = names.iter().map(|n| v8_str(scope, n).into()).collect();
    v8::Array::new_with_elements(scope, &names).into()
}

fn rust_strings(scope: &mut v8::PinScope, array: v8::Local<v8::Value>) -> Vec<String> {
    let Ok(array) = v8::Local::<v8::Array>::try_from(array) else {
        return Vec::new();
    };
    (0..array.length())
        .filter_map(|i| array.get_index(scope, i))
        .map(|v| v.to_rust_string_lossy(scope))
        .collect()
}
