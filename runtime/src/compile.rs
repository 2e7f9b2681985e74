//! Compiling a module, CommonJS or ES: one function each used by `kode run`
//! (with a code cache when there is one) and by `kode pack` (to make that
//! cache), so the cache always matches what `run` compiles.

use kode_pack::node_globals::NodeGlobals;

use crate::error::v8_str;
use crate::modules::{CacheOffer, LoadedModule};

/// The CommonJS wrapper's parameters.
pub const WRAPPER_PARAMS: [&str; 5] = ["exports", "require", "module", "__filename", "__dirname"];

/// What happened to the code cache offered to `compile_module`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    NotOffered,
    Accepted,
    Rejected,
}

impl CacheUse {
    /// For traces: `hit`, `rejected` or `none`.
    pub fn describe(self) -> &'static str {
        match self {
            CacheUse::NotOffered => "none",
            CacheUse::Accepted => "hit",
            CacheUse::Rejected => "rejected",
        }
    }
}

/// `#!` is only legal at the very start of a script, and a function body is not one.
/// Turning it into a line comment keeps every line and column where it was.
pub fn strip_hashbang(source: &str) -> std::borrow::Cow<'_, str> {
    match source.strip_prefix("#!") {
        Some(rest) => format!("//{rest}").into(),
        None => source.into(),
    }
}

/// A script origin naming the file, as stack traces show it.
pub fn origin<'s>(scope: &mut v8::PinScope<'s, '_>, name: &str) -> v8::ScriptOrigin<'s> {
    origin_of(scope, name, false)
}

/// The origin of an ES module: named by its path, as CommonJS frames are.
fn module_origin<'s>(scope: &mut v8::PinScope<'s, '_>, name: &str) -> v8::ScriptOrigin<'s> {
    origin_of(scope, name, true)
}

fn origin_of<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    name: &str,
    is_module: bool,
) -> v8::ScriptOrigin<'s> {
    let name = v8_str(scope, name);
    v8::ScriptOrigin::new(
        scope,
        name.into(),
        0,
        0,
        false,
        -1,
        None,
        false,
        false,
        is_module,
        None,
    )
}

/// The specifier of the module whose `global` export is `globalThis`, for
/// ES modules under `node_modules` that name `global`.
pub const NODE_GLOBAL_MODULE: &str = "kode:internal/node/global";

/// An ES module's source with imports of the Node globals it names, appended
/// on a line of their own (imports are hoisted, so every original line and
/// column stays where it was).
fn with_node_imports(source: &str, globals: NodeGlobals) -> std::borrow::Cow<'_, str> {
    if globals.is_empty() {
        return source.into();
    }
    let mut out = format!("{source}\n");
    for name in globals.names() {
        out.push_str(&match name {
            "process" => "import process from \"node:process\";".to_string(),
            "Buffer" => "import { Buffer } from \"node:buffer\";".to_string(),
            "global" => format!("import {{ global }} from \"{NODE_GLOBAL_MODULE}\";"),
            timer => format!("import {{ {timer} }} from \"node:timers\";"),
        });
    }
    out.into()
}

/// Compiles an ES module (from its code cache when one is offered); `None`
/// means V8 threw (the exception is pending in `scope`). `kode run` and
/// `kode pack` both compile through here, so a cache made by one fits the other.
pub fn compile_esm<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: &str,
    filename: &str,
    cache: Option<&[u8]>,
    globals: NodeGlobals,
) -> Option<(v8::Local<'s, v8::Module>, CacheUse)> {
    use v8::script_compiler::NoCacheReason;
    let code = crate::snapshot_texts::module_string(scope, with_node_imports(source, globals));
    let origin = module_origin(scope, filename);
    let (mut compile_source, options) = source_with_cache(code, &origin, cache);
    let module = v8::script_compiler::compile_module2(
        scope,
        &mut compile_source,
        options,
        NoCacheReason::NoReason,
    )?;
    let used = cache_use(cache, &compile_source);
    Some((module, used))
}

/// The compile source for `code`, offering `cache` to V8 when there is one.
fn source_with_cache<'s>(
    code: v8::Local<'s, v8::String>,
    origin: &v8::ScriptOrigin<'s>,
    cache: Option<&[u8]>,
) -> (
    v8::script_compiler::Source,
    v8::script_compiler::CompileOptions,
) {
    use v8::script_compiler::{CachedData, CompileOptions, Source};
    match cache {
        Some(bytes) => (
            Source::new_with_cached_data(code, Some(origin), CachedData::new(bytes)),
            CompileOptions::ConsumeCodeCache,
        ),
        None => (
            Source::new(code, Some(origin)),
            CompileOptions::NoCompileOptions,
        ),
    }
}

/// What V8 did with the cache offered for `source`.
fn cache_use(cache: Option<&[u8]>, source: &v8::script_compiler::Source) -> CacheUse {
    match (cache, source.get_cached_data()) {
        (None, _) => CacheUse::NotOffered,
        (Some(_), Some(data)) if data.rejected() => CacheUse::Rejected,
        (Some(_), _) => CacheUse::Accepted,
    }
}

/// Compiles and runs one of Kode's own scripts, returning its completion
/// value; `None` with the exception pending in `scope`.
pub fn run_internal<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    name: &str,
    source: &'static str,
) -> Option<v8::Local<'s, v8::Value>> {
    let (script, _) = compile_internal(scope, name, source, None)?;
    script.run(scope)
}

/// Compiles one of Kode's own scripts, with its build-time code cache if
/// it has one (see `snapshot::builtin_cache`).
pub fn compile_internal<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    name: &str,
    source: &'static str,
    cache: Option<&[u8]>,
) -> Option<(v8::Local<'s, v8::Script>, CacheUse)> {
    use v8::script_compiler::NoCacheReason;
    // Kode's own JavaScript is ASCII (a test checks): V8 reads it in place
    // as one-byte text, with no copy and no UTF-8 decoding at each start.
    let code = if source.is_ascii() {
        v8::String::new_external_onebyte_static(scope, source.as_bytes())?
    } else {
        v8_str(scope, source)
    };
    let origin = origin(scope, name);
    let (mut compile_source, mut options) = source_with_cache(code, &origin, cache);
    // A script marked `//# allFunctionsCalledOnLoad` is compiled whole, so
    // the bootstrap snapshot carries the bytecode of functions every run
    // calls (loading the main module) instead of each run compiling them.
    if cache.is_none() {
        options |= v8::script_compiler::CompileOptions::FollowCompileHintsMagicComment;
    }
    let script =
        v8::script_compiler::compile(scope, &mut compile_source, options, NoCacheReason::NoReason)?;
    Some((script, cache_use(cache, &compile_source)))
}

/// Compiles `source` as the body of the module wrapper function, whose
/// parameters are [`WRAPPER_PARAMS`] and then the Node globals the module
/// names (`globals`, SPEC §5). `None` means V8 threw (the exception is
/// pending in `scope`).
pub fn compile_module<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: &str,
    filename: &str,
    cache: Option<&[u8]>,
    globals: NodeGlobals,
) -> Option<(v8::Local<'s, v8::Function>, CacheUse)> {
    use v8::script_compiler::NoCacheReason;
    let code = crate::snapshot_texts::module_string(scope, strip_hashbang(source));
    let origin = origin(scope, filename);
    let (mut compile_source, options) = source_with_cache(code, &origin, cache);
    let params: Vec<_> = WRAPPER_PARAMS
        .into_iter()
        .chain(globals.names())
        .map(|p| v8_str(scope, p))
        .collect();
    let function = v8::script_compiler::compile_function(
        scope,
        &mut compile_source,
        &params,
        &[],
        options,
        NoCacheReason::NoReason,
    )?;
    let used = cache_use(cache, &compile_source);
    Some((function, used))
}

/// The V8 version the caches are made for.
pub fn v8_version() -> &'static str {
    v8::V8::get_version()
}

/// What, beside the V8 version, a code cache is only valid with: a stable
/// hash of the V8 flags and of the bootstrap snapshot's fingerprint (V8
/// rejects caches made under another snapshot). Stored in bundles as
/// `flags_hash`.
pub fn flags_hash() -> u64 {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(crate::platform::V8_FLAGS.as_bytes());
    if let Some(fingerprint) = crate::snapshot::bootstrap_fingerprint() {
        hasher.update(fingerprint.to_le_bytes());
    }
    let digest = hasher.finalize();
    u64::from_le_bytes(digest[..8].try_into().expect("8 bytes"))
}

/// `KODE_TRACE=cache`: what became of a module's code cache, on stderr.
pub fn trace_cache(module: &LoadedModule, used: CacheUse) {
    let line = match (&module.cache, used) {
        (CacheOffer::NotApplicable, _) => return,
        (CacheOffer::Missing, _) => format!("miss {} (no code cache stored)", module.name),
        (CacheOffer::Unusable(reason), _) => format!("unused {} ({reason})", module.name),
        (CacheOffer::Stored(_), CacheUse::Accepted) => format!("hit {}", module.name),
        (CacheOffer::Stored(_), _) => format!("rejected {} (V8 rejected the cache)", module.name),
    };
    eprintln!("kode: cache {line}");
}
