//! Native ES modules (SPEC §2.2): `v8::Module`s, never rewritten to CommonJS.
//!
//! One map per isolate holds every module record, keyed by the normalised
//! absolute path (or `kode:NAME` for a builtin): a module evaluates once, and
//! V8 gives cycles, live bindings, evaluation order and top-level `await`.
//! What a record is made from depends on the file's format:
//! - an ES module compiles with `CompileModule` (with the bundle's code cache
//!   when it has a usable one), named by its path like CommonJS frames;
//! - a CommonJS file becomes a synthetic facade whose exports are `default`
//!   (`module.exports`) and the names found statically in its source, set by
//!   requiring the module when the facade evaluates (Node 22);
//! - a JSON file (only with `with { type: "json" }`) becomes a synthetic
//!   module whose `default` is the parsed value;
//! - a `kode:` builtin becomes a facade with `default` and its exports.
//!
//! The resolve callback loads modules as V8 links the graph; `import()`
//! loads and links at once and evaluates one microtask later (never while a
//! module of the graph is still running); the entry's evaluation promise is
//! the event loop's (top-level `await`). What lives in JavaScript (requiring
//! a CommonJS module, builtins, error decoration) is reached through the
//! hooks of `js/esm.js`, compiled on first use.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use kode_pack::resolve::Resolved;

use crate::compile::{compile_esm, CacheUse, NODE_GLOBAL_MODULE};
use crate::error::{codes, set_property, v8_str, KodeError};
use crate::modules::{CacheOffer, LoadedModule, ModuleKind};
use crate::state::state;

/// What a `TryCatch` caught: the exception and V8's message, or `None`
/// when execution was terminated (nothing may be thrown then).
macro_rules! caught {
    ($tc:ident) => {
        if $tc.has_terminated() {
            None
        } else {
            $tc.exception().map(|exception| (exception, $tc.message()))
        }
    };
}

/// The module map of one isolate (an isolate slot).
#[derive(Default)]
pub struct EsmMap {
    entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    by_hash: HashMap<i32, Vec<usize>>,
    /// The entry's path when the entry is an ES module (`import.meta.main`).
    main_key: Option<String>,
    /// The entry's evaluation promise: the run waits for it.
    main: Option<(v8::Global<v8::Module>, v8::Global<v8::Promise>)>,
    /// The bootstrap's `ops` and `internal` objects, for `js/esm.js`.
    internal: Option<(v8::Global<v8::Object>, v8::Global<v8::Object>)>,
    hooks: Option<Rc<Hooks>>,
    /// A module `op_load` read and found to be ESM, handed to the loader so
    /// that it is not read twice.
    pending: Option<(PathBuf, LoadedModule)>,
    /// The promises of `import()` calls still being evaluated, by id.
    imports: HashMap<u32, v8::Global<v8::PromiseResolver>>,
    next_import: u32,
    /// `kode pack --warm`: the ES modules compiled so far, by module name.
    warmed: Vec<(String, v8::Global<v8::Module>)>,
}

struct Entry {
    module: v8::Global<v8::Module>,
    key: String,
    kind: Kind,
}

enum Kind {
    Source,
    CommonJs {
        names: Vec<String>,
    },
    Json {
        source: String,
    },
    Builtin {
        exports: v8::Global<v8::Value>,
        names: Vec<String>,
    },
}

/// The JavaScript `js/esm.js` provides for ES modules.
struct Hooks {
    /// `(filename)` → `module.exports` of the CommonJS module (required once).
    require_cjs: v8::Global<v8::Function>,
    /// `(id)` → the exports of the builtin `kode:NAME`.
    load_builtin: v8::Global<v8::Function>,
    /// `(source, filename)` → the parsed value, or throws `EINVALID_JSON`.
    parse_json: v8::Global<v8::Function>,
    /// `(error, filename, line, column, sourceLine)`: gives a compile or link
    /// error its `file:line:col` and code frame, as CommonJS compile errors have.
    describe: v8::Global<v8::Function>,
    /// The object they come from (an application snapshot keeps it).
    object: v8::Global<v8::Object>,
}

type SharedMap = Rc<RefCell<EsmMap>>;

fn map(isolate: &v8::Isolate) -> SharedMap {
    isolate
        .get_slot::<SharedMap>()
        .expect("the module map is installed with the isolate")
        .clone()
}

mod snapshot;

/// The native functions this file makes at run time (promise reactions of
/// dynamic imports, `import.meta.resolve`), by name: a heap snapshot with
/// one of them in it refers to them through the external-reference table.
pub fn callbacks() -> [(&'static str, v8::FunctionCallback); 4] {
    use v8::MapFnTo;
    [
        ("import_fulfilled", import_fulfilled.map_fn_to()),
        ("import_rejected", import_rejected.map_fn_to()),
        ("import_evaluate", import_evaluate.map_fn_to()),
        ("meta_resolve", meta_resolve.map_fn_to()),
    ]
}

/// Other native code a snapshot may refer to: a synthetic module (a
/// CommonJS, JSON or builtin module imported) keeps its evaluation steps.
pub fn pointers() -> [(&'static str, v8::ExternalReference); 1] {
    use v8::MapFnTo;
    let steps: v8::SyntheticModuleEvaluationSteps = synthetic_steps.map_fn_to();
    [(
        "synthetic_steps",
        v8::ExternalReference {
            pointer: steps as *mut std::ffi::c_void,
        },
    )]
}

/// The `modules` area's per-isolate state: the map and V8's module callbacks.
pub fn install(isolate: &mut v8::Isolate) {
    isolate.set_slot::<SharedMap>(Rc::default());
    isolate.set_host_import_module_dynamically_callback(dynamic_import);
    isolate.set_host_initialize_import_meta_object_callback(import_meta);
}

/// Keeps the bootstrap's `ops` and `internal` objects: the hooks come from
/// `js/esm.js`, compiled when a program first uses an ES module, so CommonJS
/// start-up does not pay for them.
pub fn keep_internal(
    scope: &mut v8::PinScope,
    ops: v8::Local<v8::Object>,
    internal: v8::Local<v8::Object>,
) {
    let kept = (
        v8::Global::new(scope, ops),
        v8::Global::new(scope, internal),
    );
    map(scope).borrow_mut().internal = Some(kept);
}

/// The bootstrap's `ops` and `internal` objects, kept by [`keep_internal`].
pub fn kept_internal<'s>(
    scope: &mut v8::PinScope<'s, '_>,
) -> Option<(v8::Local<'s, v8::Object>, v8::Local<'s, v8::Object>)> {
    let (ops, internal) = map(scope).borrow().internal.clone()?;
    Some((v8::Local::new(scope, ops), v8::Local::new(scope, internal)))
}

// Kind tags of a module map kept in a snapshot (`esm/snapshot.rs`).
const KEPT_SOURCE: u32 = 0;
const KEPT_COMMON_JS: u32 = 1;
const KEPT_JSON: u32 = 2;
const KEPT_BUILTIN: u32 = 3;

/// `kode pack --snapshot`: keeps the module map in the snapshot's context
/// data. Refuses a map V8 would freeze halfway: an `import()` or the entry
/// still being evaluated.
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
    let mut modules = Vec::new();
    for entry in &map.entries {
        let (kind, a, b) = match &entry.kind {
            Kind::Source => (KEPT_SOURCE, undefined, undefined),
            Kind::CommonJs { names } => {
                (KEPT_COMMON_JS, snapshot::strings(scope, names), undefined)
            }
            Kind::Json { source } => (KEPT_JSON, v8_str(scope, source).into(), undefined),
            Kind::Builtin { exports, names } => (
                KEPT_BUILTIN,
                v8::Local::new(scope, exports),
                snapshot::strings(scope, names),
            ),
        };
        modules.push(snapshot::Kept {
            key: entry.key.clone(),
            kind,
            a,
            b,
            module: v8::Local::new(scope, &entry.module),
        });
    }
    let kept = snapshot::KeptMap {
        main_key: map.main_key.clone(),
        hooks: map.hooks.as_ref().map(|h| v8::Local::new(scope, &h.object)),
        modules,
    };
    snapshot::keep(scope, context, kept)
}

/// Rebuilds the module map from a snapshot's context data; nothing when the
/// snapshot holds none (the bootstrap's). An error is a damaged snapshot.
pub fn restore_map(scope: &mut v8::PinScope) -> Result<(), String> {
    let Some(kept) = snapshot::restore(scope)? else {
        return Ok(());
    };
    let damaged = || "the snapshot's module map is damaged".to_string();
    if let Some(object) = kept.hooks {
        let hooks = hooks_from(scope, object).ok_or_else(damaged)?;
        map(scope).borrow_mut().hooks = Some(Rc::new(hooks));
    }
    map(scope).borrow_mut().main_key = kept.main_key;
    for module in kept.modules {
        let kind = match module.kind {
            KEPT_SOURCE => Kind::Source,
            KEPT_COMMON_JS => Kind::CommonJs {
                names: snapshot::rust_strings(scope, module.a),
            },
            KEPT_JSON => Kind::Json {
                source: module.a.to_rust_string_lossy(scope),
            },
            KEPT_BUILTIN => Kind::Builtin {
                exports: v8::Global::new(scope, module.a),
                names: snapshot::rust_strings(scope, module.b),
            },
            _ => return Err(damaged()),
        };
        insert(scope, module.module, module.key, kind);
    }
    Ok(())
}

/// Whether the map holds the module named `key` (a path).
pub fn has_key(isolate: &v8::Isolate, key: &str) -> bool {
    map(isolate).borrow().by_key.contains_key(key)
}

/// The bootstrap's `internal` object, for tests that drive Kode's internal
/// modules directly (nothing a program runs can reach them).
#[cfg(test)]
pub fn internal_object<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Object> {
    let (_, internal) = map(scope)
        .borrow()
        .internal
        .clone()
        .expect("the isolate is bootstrapped");
    v8::Local::new(scope, internal)
}

/// Runs `js/esm.js` and takes its hooks. `None` only if Kode's own
/// JavaScript is broken.
fn load_hooks<'s>(scope: &mut v8::PinScope<'s, '_>) -> Option<Hooks> {
    let (ops, internal) = map(scope).borrow().internal.clone()?;
    let factory = crate::compile::run_internal(scope, "kode:internal/esm.js", ESM_SOURCE)?;
    let factory = v8::Local::<v8::Function>::try_from(factory).ok()?;
    let undefined = v8::undefined(scope).into();
    let args = [
        v8::Local::new(scope, ops).into(),
        v8::Local::new(scope, internal).into(),
    ];
    let esm = factory.call(scope, undefined, &args)?;
    hooks_from(scope, v8::Local::<v8::Object>::try_from(esm).ok()?)
}

/// The hooks of `esm`, the object `js/esm.js` returns.
fn hooks_from(scope: &mut v8::PinScope, esm: v8::Local<v8::Object>) -> Option<Hooks> {
    let mut hook = |name: &str| {
        let key = v8_str(scope, name);
        let value = esm.get(scope, key.into())?;
        let function = v8::Local::<v8::Function>::try_from(value).ok()?;
        Some(v8::Global::new(scope, function))
    };
    Some(Hooks {
        require_cjs: hook("requireCjs")?,
        load_builtin: hook("loadBuiltin")?,
        parse_json: hook("parseJson")?,
        describe: hook("describe")?,
        object: v8::Global::new(scope, esm),
    })
}

/// The specifier of `js/esm.js` (declared in `ext/modules`).
pub const ESM_JS: &str = "kode:internal/esm";

/// Its source: here, not looked up in the list of areas, which names this
/// module through the `modules` area's ops.
pub const ESM_SOURCE: &str = include_str!("../js/esm.js");

/// The hooks, loaded on first use; `None` with an exception thrown.
fn hooks(scope: &mut v8::PinScope) -> Option<Rc<Hooks>> {
    if let Some(hooks) = map(scope).borrow().hooks.clone() {
        return Some(hooks);
    }
    let loaded = {
        v8::tc_scope!(let tc, scope);
        match load_hooks(tc) {
            Some(hooks) => Ok(hooks),
            None => {
                // Terminated, or Kode's own script threw: that propagates.
                let thrown = tc.has_caught() || tc.has_terminated();
                if thrown {
                    tc.rethrow();
                }
                Err(thrown)
            }
        }
    };
    match loaded {
        Ok(hooks) => {
            let hooks = Rc::new(hooks);
            map(scope).borrow_mut().hooks = Some(hooks.clone());
            Some(hooks)
        }
        Err(true) => None,
        Err(false) => internal_error(scope, "js/esm.js did not give the ES module hooks"),
    }
}

/// Whether a loaded module runs as an ES module.
pub fn is_esm(module: &LoadedModule) -> bool {
    module.kind == ModuleKind::Esm
}

/// `op_load` found `path` to be an ES module: keep its source for the loader.
pub fn stash(isolate: &v8::Isolate, path: &Path, module: LoadedModule) {
    map(isolate).borrow_mut().pending = Some((path.to_path_buf(), module));
}

fn index_of(isolate: &v8::Isolate, module: v8::Local<v8::Module>) -> Option<usize> {
    let map = map(isolate);
    let map = map.borrow();
    let hash = module.get_identity_hash().get();
    map.by_hash
        .get(&hash)?
        .iter()
        .copied()
        .find(|&i| map.entries[i].module == module)
}

fn key_of(isolate: &v8::Isolate, module: v8::Local<v8::Module>) -> Option<String> {
    let index = index_of(isolate, module)?;
    Some(map(isolate).borrow().entries[index].key.clone())
}

fn insert(
    scope: &mut v8::PinScope,
    module: v8::Local<v8::Module>,
    key: String,
    kind: Kind,
) -> usize {
    let map = map(scope);
    let mut map = map.borrow_mut();
    let index = map.entries.len();
    map.by_key.insert(key.clone(), index);
    map.by_hash
        .entry(module.get_identity_hash().get())
        .or_default()
        .push(index);
    map.entries.push(Entry {
        module: v8::Global::new(scope, module),
        key,
        kind,
    });
    index
}

/// What the import attributes ask for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wanted {
    Module,
    Json,
}

/// Reads `with { ... }`: `[key, value, (offset,)] ...` with `stride` 3 in a
/// static import, 2 in `import()`.
fn wanted(
    scope: &mut v8::PinScope,
    attributes: v8::Local<v8::FixedArray>,
    stride: usize,
    specifier: &str,
) -> Result<Wanted, KodeError> {
    let mut wanted = Wanted::Module;
    let mut i = 0;
    while i + 1 < attributes.length() {
        let text = |scope: &mut v8::PinScope, index: usize| {
            attributes
                .get(scope, index)
                .and_then(|d| v8::Local::<v8::String>::try_from(d).ok())
                .map(|s| s.to_rust_string_lossy(scope))
                .unwrap_or_default()
        };
        let key = text(scope, i);
        let value = text(scope, i + 1);
        match (key.as_str(), value.as_str()) {
            ("type", "json") => wanted = Wanted::Json,
            ("type", other) => {
                return Err(attribute_error(format!(
                    "Import attribute \"type\" with value \"{other}\" is not supported (importing '{specifier}')"
                )))
            }
            (other, _) => {
                return Err(attribute_error(format!(
                    "Import attribute \"{other}\" is not supported (importing '{specifier}')"
                )))
            }
        }
        i += stride;
    }
    Ok(wanted)
}

fn attribute_error(message: String) -> KodeError {
    KodeError::type_error(codes::EIMPORT_ATTRIBUTE, message).operation("import")
}

/// The directory a referrer resolves from: its own, or the working
/// directory for `kode -e` and other unnamed code.
fn referrer_dir(referrer: &str) -> PathBuf {
    if referrer.starts_with('/') {
        Path::new(referrer)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("/"))
    } else {
        std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"))
    }
}

/// Resolves and loads `specifier` imported from `referrer`; `None` with an
/// exception thrown.
fn request<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    specifier: &str,
    referrer: &str,
    wanted: Wanted,
) -> Option<v8::Local<'s, v8::Module>> {
    let resolved = {
        let state = state(scope);
        let state = state.borrow();
        state
            .modules
            .resolve_import(specifier, &referrer_dir(referrer), referrer)
    };
    match resolved {
        Ok(Resolved::Builtin(name)) => builtin(scope, &name, wanted),
        Ok(Resolved::File(path)) => file(scope, &path, wanted),
        // The import `compile_esm` appends to a package's module that names `global`.
        Err(_) if specifier == NODE_GLOBAL_MODULE && referrer.contains("/node_modules/") => {
            builtin(scope, specifier, wanted)
        }
        Err(err) => {
            err.throw(scope);
            None
        }
    }
}

fn existing<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    key: &str,
) -> Option<(v8::Local<'s, v8::Module>, bool)> {
    let map = map(scope);
    let map = map.borrow();
    let entry = &map.entries[*map.by_key.get(key)?];
    let is_json = matches!(entry.kind, Kind::Json { .. });
    Some((v8::Local::new(scope, &entry.module), is_json))
}

fn builtin<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    name: &str,
    wanted: Wanted,
) -> Option<v8::Local<'s, v8::Module>> {
    if wanted == Wanted::Json {
        attribute_error(format!("Module \"{name}\" is not of type \"json\"")).throw(scope);
        return None;
    }
    if let Some((module, _)) = existing(scope, name) {
        return Some(module);
    }
    let hooks = hooks(scope)?;
    let load = v8::Local::new(scope, &hooks.load_builtin);
    let undefined = v8::undefined(scope).into();
    let id = v8_str(scope, name).into();
    let exports = load.call(scope, undefined, &[id])?;
    let mut names = Vec::new();
    if let Ok(object) = v8::Local::<v8::Object>::try_from(exports) {
        if let Some(keys) = object.get_own_property_names(scope, Default::default()) {
            for i in 0..keys.length() {
                if let Some(key) = keys.get_index(scope, i) {
                    names.push(key.to_rust_string_lossy(scope));
                }
            }
        }
    }
    let module = synthetic(scope, name, &names);
    let exports = v8::Global::new(scope, exports);
    insert(
        scope,
        module,
        name.to_string(),
        Kind::Builtin { exports, names },
    );
    Some(module)
}

fn file<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    path: &Path,
    wanted: Wanted,
) -> Option<v8::Local<'s, v8::Module>> {
    let key = path.to_string_lossy().into_owned();
    if let Some((module, is_json)) = existing(scope, &key) {
        return match (is_json, wanted) {
            (false, Wanted::Json) => {
                attribute_error(format!("Module \"{key}\" is not of type \"json\"")).throw(scope);
                None
            }
            (true, Wanted::Module) => {
                json_needs_attribute(&key).throw(scope);
                None
            }
            _ => Some(module),
        };
    }
    let pending = {
        let map = map(scope);
        let mut map = map.borrow_mut();
        match map.pending.take() {
            Some((p, module)) if p == path => Some(module),
            _ => None,
        }
    };
    let loaded = match pending {
        Some(module) => Ok(module),
        None => {
            let state = state(scope);
            let state = state.borrow();
            state.modules.load(path)
        }
    };
    let loaded = match loaded {
        Ok(loaded) if loaded.source.len() > crate::error::MAX_STRING_BYTES => {
            crate::error::string_too_long()
                .at("import", path)
                .throw(scope);
            return None;
        }
        Ok(loaded) => loaded,
        Err(err) => {
            err.throw(scope);
            return None;
        }
    };
    let mut loaded = loaded;
    if loaded.detect {
        // A `.js` file without a package.json "type": its syntax decides.
        let is_esm = {
            let state = state(scope);
            let state = state.borrow();
            state.modules.detect_esm(path, &loaded)
        };
        if is_esm {
            loaded.kind = ModuleKind::Esm;
        }
        loaded.detect = false;
    }
    match (loaded.kind, wanted) {
        (ModuleKind::Json, Wanted::Json) => {
            let module = synthetic(scope, &key, &[]);
            let source = loaded.source;
            insert(scope, module, key, Kind::Json { source });
            Some(module)
        }
        (ModuleKind::Json, Wanted::Module) => {
            json_needs_attribute(&key).throw(scope);
            None
        }
        (_, Wanted::Json) => {
            attribute_error(format!("Module \"{key}\" is not of type \"json\"")).throw(scope);
            None
        }
        (ModuleKind::Esm, Wanted::Module) => {
            crate::source_maps::register(scope, &key, &mut loaded);
            let module = compile(scope, &key, &loaded)?;
            insert(scope, module, key, Kind::Source);
            Some(module)
        }
        (_, Wanted::Module) => {
            let names = {
                let state = state(scope);
                let state = state.borrow();
                state.modules.cjs_export_names(path, &loaded)
            };
            let names: Vec<String> = names.into_iter().filter(|n| n != "default").collect();
            let module = synthetic(scope, &key, &names);
            insert(scope, module, key, Kind::CommonJs { names });
            Some(module)
        }
    }
}

fn json_needs_attribute(key: &str) -> KodeError {
    attribute_error(format!(
        "Module \"{key}\" needs an import attribute of \"type: json\""
    ))
}

/// Compiles an ES module; a syntax error is thrown with its code frame.
fn compile<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    filename: &str,
    loaded: &LoadedModule,
) -> Option<v8::Local<'s, v8::Module>> {
    let cache = match &loaded.cache {
        CacheOffer::Stored(bytes) => Some(bytes.as_slice()),
        _ => None,
    };
    let (trace, warming) = {
        let state = state(scope);
        let state = state.borrow();
        (state.trace_cache, state.warming.is_some())
    };
    let compiled = {
        v8::tc_scope!(let tc, scope);
        match compile_esm(tc, &loaded.source, filename, cache, loaded.node_globals) {
            Some(compiled) => Ok(compiled),
            None => {
                // The scanned Node globals may clash with the module's own declarations.
                match crate::modules::exact_node_globals(loaded, ModuleKind::Esm) {
                    Some(exact) => {
                        tc.reset();
                        compile_esm(tc, &loaded.source, filename, cache, exact)
                            .ok_or_else(|| caught!(tc))
                    }
                    None => Err(caught!(tc)),
                }
            }
        }
    };
    let (module, used) = match compiled {
        Ok(compiled) => compiled,
        Err(caught) => {
            if trace {
                crate::compile::trace_cache(loaded, CacheUse::NotOffered);
            }
            let exception = described(scope, caught);
            return throw(scope, exception);
        }
    };
    if trace {
        crate::compile::trace_cache(loaded, used);
    }
    if warming {
        let global = v8::Global::new(scope, module);
        map(scope)
            .borrow_mut()
            .warmed
            .push((loaded.name.clone(), global));
    }
    Some(module)
}

/// `kode pack --warm`: a code cache of each ES module the warm run
/// compiled, by module name, taken after it ran (so with the functions it
/// compiled lazily).
pub fn warmed_caches(scope: &mut v8::PinScope) -> Vec<(String, Vec<u8>)> {
    let warmed = std::mem::take(&mut map(scope).borrow_mut().warmed);
    warmed
        .into_iter()
        .filter_map(|(name, module)| {
            let module = v8::Local::new(scope, module);
            let script = module.get_unbound_module_script(scope);
            Some((name, script.create_code_cache()?.to_vec()))
        })
        .collect()
}

/// Gives a caught exception the location of V8's message (compile and link
/// errors have no stack frames) and returns it, for the caller to throw.
fn described<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    caught: Option<(v8::Local<'s, v8::Value>, Option<v8::Local<'s, v8::Message>>)>,
) -> Option<v8::Local<'s, v8::Value>> {
    let (exception, message) = caught?;
    if let Some(message) = message {
        let filename = message
            .get_script_resource_name(scope)
            .map(|n| n.to_rust_string_lossy(scope))
            .unwrap_or_default();
        let line = message.get_line_number(scope).unwrap_or(0) as f64;
        let column = message.get_start_column() as f64 + 1.0;
        let source_line = message
            .get_source_line(scope)
            .map(|l| l.to_rust_string_lossy(scope));
        // In a transpiled module, V8's place is in the JavaScript it runs.
        let (filename, line, column, source_line) = match crate::source_maps::original_place(
            scope,
            &filename,
            line as u32,
            column as u32,
        ) {
            Some((file, line, column, text)) => (file, line as f64, column as f64, text),
            None => (filename, line, column, source_line),
        };
        let Some(hooks) = hooks(scope) else {
            // Loading them threw (terminated): that exception stands.
            return None;
        };
        let describe = v8::Local::new(scope, &hooks.describe);
        let undefined = v8::undefined(scope).into();
        let args = [
            exception,
            v8_str(scope, &filename).into(),
            v8::Number::new(scope, line).into(),
            v8::Number::new(scope, column).into(),
            match &source_line {
                Some(text) => v8_str(scope, text).into(),
                None => v8::undefined(scope).into(),
            },
        ];
        // The hook does not throw on ordinary errors; if it does, the original stands.
        v8::tc_scope!(let tc, scope);
        let _ = describe.call(tc, undefined, &args);
    }
    Some(exception)
}

/// A broken invariant of the module map, thrown (V8 needs an exception
/// whenever a module callback fails); always `None`.
fn internal_error<T>(scope: &mut v8::PinScope, what: &str) -> Option<T> {
    let message = v8_str(scope, &format!("kode internal error: {what}"));
    let error = v8::Exception::error(scope, message);
    scope.throw_exception(error);
    None
}

/// Throws what [`described`] returned; always `None`.
fn throw<T>(scope: &mut v8::PinScope, exception: Option<v8::Local<v8::Value>>) -> Option<T> {
    if let Some(exception) = exception {
        scope.throw_exception(exception);
    }
    None
}

fn synthetic<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    name: &str,
    names: &[String],
) -> v8::Local<'s, v8::Module> {
    let mut exports = vec![v8_str(scope, "default")];
    let mut seen = std::collections::HashSet::new();
    for name in names {
        if name != "default" && seen.insert(name.as_str()) {
            exports.push(v8_str(scope, name));
        }
    }
    let name = v8_str(scope, name);
    v8::Module::create_synthetic_module(scope, name, &exports, synthetic_steps)
}

/// Evaluation of a synthetic module: sets its exports.
fn synthetic_steps<'s>(
    context: v8::Local<'s, v8::Context>,
    module: v8::Local<'s, v8::Module>,
) -> Option<v8::Local<'s, v8::Value>> {
    v8::callback_scope!(unsafe scope, context);
    let Some(index) = index_of(scope, module) else {
        return internal_error(scope, "a synthetic module missing from the module map");
    };
    enum What {
        CommonJs(String, Vec<String>),
        Json(String, String),
        Builtin(v8::Global<v8::Value>, Vec<String>),
    }
    let what = {
        let map = map(scope);
        let map = map.borrow();
        let entry = &map.entries[index];
        match &entry.kind {
            Kind::Source => {
                drop(map);
                return internal_error(scope, "a source module evaluated as synthetic");
            }
            Kind::CommonJs { names } => What::CommonJs(entry.key.clone(), names.clone()),
            Kind::Json { source } => What::Json(entry.key.clone(), source.clone()),
            Kind::Builtin { exports, names } => What::Builtin(exports.clone(), names.clone()),
        }
    };
    let hooks = hooks(scope)?;
    let undefined: v8::Local<v8::Value> = v8::undefined(scope).into();
    let (value, names) = match what {
        What::CommonJs(path, names) => {
            let require = v8::Local::new(scope, &hooks.require_cjs);
            let path = v8_str(scope, &path).into();
            (require.call(scope, undefined, &[path])?, names)
        }
        What::Json(path, source) => {
            let parse = v8::Local::new(scope, &hooks.parse_json);
            let args = [v8_str(scope, &source).into(), v8_str(scope, &path).into()];
            (parse.call(scope, undefined, &args)?, Vec::new())
        }
        What::Builtin(exports, names) => (v8::Local::new(scope, &exports), names),
    };
    let default = v8_str(scope, "default");
    module.set_synthetic_module_export(scope, default, value)?;
    let object = v8::Local::<v8::Object>::try_from(value).ok();
    let mut seen = std::collections::HashSet::new();
    for name in names.iter().filter(|n| *n != "default") {
        if !seen.insert(name.as_str()) {
            continue;
        }
        let key = v8_str(scope, name);
        // As Node: a name that is not an own property (or whose getter
        // throws) is exported as `undefined`.
        let export = match object {
            Some(object) => {
                v8::tc_scope!(let tc, scope);
                let own = object.has_own_property(tc, key.into()).unwrap_or(false);
                let value = if own {
                    object.get(tc, key.into())
                } else {
                    None
                };
                tc.reset();
                value.unwrap_or(undefined)
            }
            None => undefined,
        };
        module.set_synthetic_module_export(scope, key, export)?;
    }
    let resolver = v8::PromiseResolver::new(scope)?;
    resolver.resolve(scope, undefined)?;
    Some(resolver.get_promise(scope).into())
}

fn resolve_callback<'s>(
    context: v8::Local<'s, v8::Context>,
    specifier: v8::Local<'s, v8::String>,
    attributes: v8::Local<'s, v8::FixedArray>,
    referrer: v8::Local<'s, v8::Module>,
) -> Option<v8::Local<'s, v8::Module>> {
    v8::callback_scope!(unsafe scope, context);
    let specifier = specifier.to_rust_string_lossy(scope);
    let Some(referrer) = key_of(scope, referrer) else {
        return internal_error(scope, "an importing module missing from the module map");
    };
    match wanted(scope, attributes, 3, &specifier) {
        Ok(wanted) => request(scope, &specifier, &referrer, wanted),
        Err(err) => {
            err.throw(scope);
            None
        }
    }
}

/// Links `module`'s graph; `None` with the (described) exception thrown.
fn instantiate(scope: &mut v8::PinScope, module: v8::Local<v8::Module>) -> Option<()> {
    if module.get_status() != v8::ModuleStatus::Uninstantiated {
        return Some(());
    }
    let caught = {
        v8::tc_scope!(let tc, scope);
        if module.instantiate_module(tc, resolve_callback).is_some() {
            return Some(());
        }
        caught!(tc)
    };
    let exception = described(scope, caught);
    throw(scope, exception)
}

/// `esm_main(path)`: loads, links and evaluates the entry; its evaluation
/// promise is what the event loop waits for. `None` when V8 threw.
pub fn esm_main<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    path: String,
) -> Option<v8::Local<'s, v8::Value>> {
    map(scope).borrow_mut().main_key = Some(path.clone());
    let module = file(scope, Path::new(&path), Wanted::Module)?;
    instantiate(scope, module)?;
    let result = module.evaluate(scope)?;
    if let Ok(promise) = v8::Local::<v8::Promise>::try_from(result) {
        let entry = (
            v8::Global::new(scope, module),
            v8::Global::new(scope, promise),
        );
        map(scope).borrow_mut().main = Some(entry);
    }
    Some(result)
}

/// `esm_require(path)`: `require()` of an ES module, its namespace once the
/// graph has evaluated, which must happen synchronously (no top-level
/// `await`). `Ok(None)` when V8 threw.
pub fn esm_require<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    path: String,
) -> Result<Option<v8::Local<'s, v8::Value>>, KodeError> {
    let Some(module) = file(scope, Path::new(&path), Wanted::Module) else {
        return Ok(None);
    };
    if instantiate(scope, module).is_none() {
        return Ok(None);
    }
    let status = module.get_status();
    if status == v8::ModuleStatus::Evaluating {
        let message =
            format!("Cannot require() ES module {path} in a cycle (it is still being evaluated)");
        return Err(KodeError::new(codes::EREQUIRE_CYCLE_MODULE, message)
            .operation("require")
            .path(Path::new(&path)));
    }
    let async_error = || {
        KodeError::new(
            codes::EREQUIRE_ASYNC_MODULE,
            format!("require() cannot be used on an ES module graph with top-level await ({path}); use import() instead"),
        )
        .operation("require")
        .path(Path::new(&path))
    };
    if status != v8::ModuleStatus::Evaluated && module.is_graph_async() {
        return Err(async_error());
    }
    let Some(result) = module.evaluate(scope) else {
        return Ok(None);
    };
    let Ok(promise) = v8::Local::<v8::Promise>::try_from(result) else {
        return Ok(Some(module.get_module_namespace()));
    };
    match promise.state() {
        v8::PromiseState::Fulfilled => Ok(Some(module.get_module_namespace())),
        v8::PromiseState::Rejected => {
            // The error is thrown here, so the promise is not an unhandled rejection.
            promise.mark_as_handled();
            state(scope)
                .borrow_mut()
                .rejections
                .retain(|(p, _)| p != &promise);
            let error = promise.result(scope);
            scope.throw_exception(error);
            Ok(None)
        }
        v8::PromiseState::Pending => Err(async_error()),
    }
}

/// The microtask after `import()`: evaluate the linked module and settle
/// the import's promise with its namespace (or the evaluation's error).
/// `data` is `[module index, import id]`.
fn import_evaluate(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let Ok(data) = v8::Local::<v8::Array>::try_from(args.data()) else {
        return;
    };
    let (Some(index), Some(id)) = (data.get_index(scope, 0), data.get_index(scope, 1)) else {
        return;
    };
    let index = index.uint32_value(scope).unwrap_or(u32::MAX) as usize;
    let module = {
        let map = map(scope);
        let map = map.borrow();
        match map.entries.get(index) {
            Some(entry) => v8::Local::new(scope, &entry.module),
            None => return,
        }
    };
    let evaluated = {
        v8::tc_scope!(let tc, scope);
        // Linked by import(); linking again is a no-op unless that was undone.
        let linked = module.get_status() != v8::ModuleStatus::Uninstantiated
            || module.instantiate_module(tc, resolve_callback).is_some();
        match linked.then(|| module.evaluate(tc)).flatten() {
            Some(result) => Ok(result),
            None if tc.has_terminated() => {
                tc.rethrow();
                return;
            }
            None => Err(caught!(tc)),
        }
    };
    let result = match evaluated {
        Ok(result) => result,
        Err(caught) => {
            if let Some(error) = described(scope, caught) {
                settle_import(scope, id, Err(error));
            }
            return;
        }
    };
    let namespace = module.get_module_namespace();
    let Ok(promise) = v8::Local::<v8::Promise>::try_from(result) else {
        return settle_import(scope, id, Ok(namespace));
    };
    let fulfilled_data = v8::Array::new_with_elements(scope, &[id, namespace]);
    let fulfilled = v8::Function::builder(import_fulfilled)
        .data(fulfilled_data.into())
        .build(scope);
    let rejected = v8::Function::builder(import_rejected).data(id).build(scope);
    if let (Some(fulfilled), Some(rejected)) = (fulfilled, rejected) {
        // V8's own then: a program that replaced Promise.prototype.then cannot interfere.
        promise.then2(scope, fulfilled, rejected);
    }
}

fn import_fulfilled(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let Ok(data) = v8::Local::<v8::Array>::try_from(args.data()) else {
        return;
    };
    if let (Some(id), Some(namespace)) = (data.get_index(scope, 0), data.get_index(scope, 1)) {
        settle_import(scope, id, Ok(namespace));
    }
}

fn import_rejected(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    settle_import(scope, args.data(), Err(args.get(0)));
}

/// Settles the promise `import()` returned (once; the id is then forgotten).
fn settle_import(
    scope: &mut v8::PinScope,
    id: v8::Local<v8::Value>,
    result: Result<v8::Local<v8::Value>, v8::Local<v8::Value>>,
) {
    let id = id.uint32_value(scope).unwrap_or(u32::MAX);
    let Some(resolver) = map(scope).borrow_mut().imports.remove(&id) else {
        return;
    };
    let resolver = v8::Local::new(scope, resolver);
    match result {
        Ok(value) => resolver.resolve(scope, value),
        Err(error) => resolver.reject(scope, error),
    };
}

fn dynamic_import<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    _options: v8::Local<'s, v8::Data>,
    resource_name: v8::Local<'s, v8::Value>,
    specifier: v8::Local<'s, v8::String>,
    attributes: v8::Local<'s, v8::FixedArray>,
) -> Option<v8::Local<'s, v8::Promise>> {
    let referrer = resource_name.to_rust_string_lossy(scope);
    let specifier = specifier.to_rust_string_lossy(scope);
    let loaded = {
        v8::tc_scope!(let tc, scope);
        let module = match wanted(tc, attributes, 2, &specifier) {
            Ok(wanted) => request(tc, &specifier, &referrer, wanted),
            Err(err) => {
                err.throw(tc);
                None
            }
        };
        match module.and_then(|m| instantiate(tc, m).map(|()| m)) {
            Some(module) => Ok(module),
            None if tc.has_terminated() => {
                tc.rethrow();
                return None;
            }
            None => Err(tc.exception().unwrap_or_else(|| v8::undefined(tc).into())),
        }
    };
    let resolver = v8::PromiseResolver::new(scope)?;
    let module = match loaded {
        Ok(module) => module,
        Err(error) => {
            resolver.reject(scope, error)?;
            return Some(resolver.get_promise(scope));
        }
    };
    let Some(index) = index_of(scope, module) else {
        return internal_error(scope, "an imported module missing from the module map");
    };
    // Evaluated one microtask later: never inside a module that is still
    // running (a module may import itself, or a module of its own graph).
    let id = {
        let map = map(scope);
        let mut map = map.borrow_mut();
        let id = map.next_import;
        map.next_import = id.wrapping_add(1);
        map.imports.insert(id, v8::Global::new(scope, resolver));
        id
    };
    let index = v8::Number::new(scope, index as f64).into();
    let id = v8::Number::new(scope, id as f64).into();
    let data = v8::Array::new_with_elements(scope, &[index, id]);
    let step = v8::Function::builder(import_evaluate)
        .data(data.into())
        .build(scope)?;
    scope.enqueue_microtask(step);
    Some(resolver.get_promise(scope))
}

extern "C" fn import_meta(
    context: v8::Local<v8::Context>,
    module: v8::Local<v8::Module>,
    meta: v8::Local<v8::Object>,
) {
    v8::callback_scope!(unsafe scope, context);
    let Some(key) = key_of(scope, module) else {
        return;
    };
    let main = map(scope).borrow().main_key.as_deref() == Some(key.as_str());
    let dirname = Path::new(&key)
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|| "/".to_string());
    let url = v8_str(scope, &file_url(&key)).into();
    set_property(scope, meta, "url", url);
    let filename = v8_str(scope, &key);
    set_property(scope, meta, "filename", filename.into());
    let dirname = v8_str(scope, &dirname).into();
    set_property(scope, meta, "dirname", dirname);
    let main = v8::Boolean::new(scope, main).into();
    set_property(scope, meta, "main", main);
    if let Some(resolve) = v8::Function::builder(meta_resolve)
        .data(filename.into())
        .length(1)
        .build(scope)
    {
        let name = v8_str(scope, "resolve");
        resolve.set_name(name);
        set_property(scope, meta, "resolve", resolve.into());
    }
}

/// `import.meta.resolve(specifier)`: a `file:` URL, or `kode:NAME`.
fn meta_resolve(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let referrer = args.data().to_rust_string_lossy(scope);
    let specifier = args.get(0);
    if !specifier.is_string() {
        return KodeError::type_error(
            codes::EINVALID_ARG,
            "The \"specifier\" argument must be a string",
        )
        .operation("import.meta.resolve")
        .throw(scope);
    }
    let specifier = specifier.to_rust_string_lossy(scope);
    let resolved = {
        let state = state(scope);
        let state = state.borrow();
        state
            .modules
            .resolve_import(&specifier, &referrer_dir(&referrer), &referrer)
    };
    match resolved {
        Ok(Resolved::Builtin(name)) => rv.set(v8_str(scope, &name).into()),
        Ok(Resolved::File(path)) => {
            rv.set(v8_str(scope, &file_url(&path.to_string_lossy())).into())
        }
        Err(err) => err.throw(scope),
    }
}

/// `file://` and the path, percent-encoded as Node's `pathToFileURL` does.
pub fn file_url(path: &str) -> String {
    let mut url = String::with_capacity(path.len() + 7);
    url.push_str("file://");
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => url.push(byte as char),
            b'/' | b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*'
            | b'+' | b',' | b';' | b'=' | b':' | b'@' => url.push(byte as char),
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

/// After the loop has nothing left to do: `Some(13)` when the entry's
/// top-level `await` never settled (Node's exit code), with Node's warning.
pub fn unsettled_main(scope: &mut v8::PinScope) -> Option<i32> {
    let (module, promise) = {
        let map = map(scope);
        let map = map.borrow();
        let (module, promise) = map.main.as_ref()?;
        (
            v8::Local::new(scope, module),
            v8::Local::new(scope, promise),
        )
    };
    if promise.state() != v8::PromiseState::Pending {
        return None;
    }
    let mut text = String::from("Warning: Detected unsettled top-level await");
    if let Some((stalled, message)) = module.get_stalled_top_level_await_message(scope).first() {
        let name = key_of(scope, *stalled).unwrap_or_default();
        let line = message.get_line_number(scope).unwrap_or(0);
        let column = message.get_start_column() + 1;
        text.push_str(&format!(" at {name}:{line}:{column}"));
        if let Some(source) = message.get_source_line(scope) {
            let source = source.to_rust_string_lossy(scope);
            let pad: String = source
                .chars()
                .take(column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            text.push_str(&format!("\n{source}\n{pad}^"));
        }
    }
    let _ = crate::output::write_line(crate::output::Stream::Stderr, &text);
    Some(13)
}

#[cfg(test)]
mod tests {
    use super::file_url;

    #[test]
    fn file_urls_encode_like_node() {
        assert_eq!(file_url("/a/b.mjs"), "file:///a/b.mjs");
        assert_eq!(file_url("/a b/#c?.mjs"), "file:///a%20b/%23c%3F.mjs");
        assert_eq!(file_url("/é%.js"), "file:///%C3%A9%25.js");
    }
}
