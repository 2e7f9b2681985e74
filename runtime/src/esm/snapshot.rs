//! How the module map travels in an application snapshot (`kode pack
//! --snapshot`): V8 keeps the modules, but the map from names to modules is
//! Rust's, so it goes into context data after `ops` and `internal`: a
//! description array `[main key, esm.js hooks object, then key, kind, a, b
//! per module]`, then each module in the same order. This file is the
//! encoding only; `esm.rs` says what the kinds and fields mean.

use crate::error::v8_str;

/// The first context data index after the bootstrap's two objects.
const MAP_INDEX: usize = 2;

/// One module of the map: its key, kind tag, two kind-specific values.
pub struct Kept<'s> {
    pub key: String,
    pub kind: u32,
    pub a: v8::Local<'s, v8::Value>,
    pub b: v8::Local<'s, v8::Value>,
    pub module: v8::Local<'s, v8::Module>,
}

/// The whole map as kept.
pub struct KeptMap<'s> {
    pub main_key: Option<String>,
    pub hooks: Option<v8::Local<'s, v8::Object>>,
    pub modules: Vec<Kept<'s>>,
}

/// Adds `map` to `context`'s snapshot data.
pub fn keep(
    scope: &mut v8::PinScope,
    context: v8::Local<v8::Context>,
    map: KeptMap,
) -> Result<(), String> {
    let undefined: v8::Local<v8::Value> = v8::undefined(scope).into();
    let mut description: Vec<v8::Local<v8::Value>> = vec![
        match &map.main_key {
            Some(key) => v8_str(scope, key).into(),
            None => undefined,
        },
        map.hooks.map_or(undefined, Into::into),
    ];
    for kept in &map.modules {
        description.push(v8_str(scope, &kept.key).into());
        description.push(v8::Integer::new_from_unsigned(scope, kept.kind).into());
        description.push(kept.a);
        description.push(kept.b);
    }
    let description = v8::Array::new_with_elements(scope, &description);
    let mut expected = MAP_INDEX;
    let mut indices_match = scope.add_context_data(context, description) == expected;
    for kept in &map.modules {
        expected += 1;
        indices_match &= scope.add_context_data(context, kept.module) == expected;
    }
    match indices_match {
        true => Ok(()),
        false => Err("unexpected snapshot data indices".to_string()),
    }
}

/// The map a snapshot's context data holds; `None` when it holds none (the
/// bootstrap's). An error is a damaged snapshot.
pub fn restore<'s>(scope: &mut v8::PinScope<'s, '_>) -> Result<Option<KeptMap<'s>>, String> {
    let Ok(description) = scope.get_context_data_from_snapshot_once::<v8::Array>(MAP_INDEX) else {
        return Ok(None);
    };
    let damaged = || "the snapshot's module map is damaged".to_string();
    let main_key = description.get_index(scope, 0).ok_or_else(damaged)?;
    let main_key = main_key
        .is_string()
        .then(|| main_key.to_rust_string_lossy(scope));
    let hooks = description.get_index(scope, 1).ok_or_else(damaged)?;
    let hooks = v8::Local::<v8::Object>::try_from(hooks).ok();
    let count = description.length().saturating_sub(2) / 4;
    let mut modules = Vec::new();
    for i in 0..count {
        let at = 2 + i * 4;
        let key = description.get_index(scope, at).ok_or_else(damaged)?;
        let key = key.to_rust_string_lossy(scope);
        let kind = description
            .get_index(scope, at + 1)
            .and_then(|t| t.uint32_value(scope))
            .ok_or_else(damaged)?;
        let a = description.get_index(scope, at + 2).ok_or_else(damaged)?;
        let b = description.get_index(scope, at + 3).ok_or_else(damaged)?;
        let module = scope
            .get_context_data_from_snapshot_once::<v8::Module>(MAP_INDEX + 1 + i as usize)
            .map_err(|_| damaged())?;
        modules.push(Kept {
            key,
            kind,
            a,
            b,
            module,
        });
    }
    Ok(Some(KeptMap {
        main_key,
        hooks,
        modules,
    }))
}

/// `names` as a JavaScript array.
pub fn strings<'s>(scope: &mut v8::PinScope<'s, '_>, names: &[String]) -> v8::Local<'s, v8::Value> {
    let names: Vec<v8::Local<v8::Value>> = names.iter().map(|n| v8_str(scope, n).into()).collect();
    v8::Array::new_with_elements(scope, &names).into()
}

/// The strings of `array` (none if it is not an array).
pub fn rust_strings(scope: &mut v8::PinScope, array: v8::Local<v8::Value>) -> Vec<String> {
    let Ok(array) = v8::Local::<v8::Array>::try_from(array) else {
        return Vec::new();
    };
    (0..array.length())
        .filter_map(|i| array.get_index(scope, i))
        .map(|v| v.to_rust_string_lossy(scope))
        .collect()
}
