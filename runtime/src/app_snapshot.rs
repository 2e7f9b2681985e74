//! `kode pack --snapshot` (SPEC §6): the application's dependencies loaded
//! once, at pack time, into a V8 heap snapshot made on top of the bootstrap
//! snapshot; `kode run` then starts from that heap and the entry's top level
//! finds them evaluated. Made in a child process of `kode pack` (V8 aborts
//! on what it cannot serialize: never in the process that writes the
//! bundle).
//!
//! What is snapshotted: the modules and builtins the entry requires before
//! it does anything else (its leading `require` statements; an ES entry's
//! static imports), loaded in that order, so nothing runs in another order
//! than without the snapshot; or, with `--snapshot=entry`, the whole entry,
//! which hands `Kode.snapshot.setMain` what start-up runs. Refused, naming
//! the module: output while loading, pending timers, ticks or host work,
//! open resources, reading the process's facts (`Kode.args`, `Kode.env`,
//! the working directory, `process.env`, `process.argv`...), globals V8
//! leaves out of snapshots, `Intl` and `FinalizationRegistry` registrations
//! (native handles V8 cannot serialize), a throw, a pending `import()` or top-level
//! await, and a dependency that imports the entry. Lazily loaded builtins
//! re-read their facts at start-up (`internal.onStart`).

use std::path::{Path, PathBuf};

use kode_pack::kpk::{Bundle, EdgeKind, ModuleKind, Target};

use crate::bundle::{BundleModules, CacheTrust};
use crate::isolate;
use crate::limits::Limits;
use crate::options::RunOptions;
use crate::state::{state, State};

/// What `kode pack --snapshot` loads, and what it lets that read.
#[derive(Clone, Copy, Debug, Default)]
pub struct How {
    /// The whole entry (`--snapshot=entry`), not its leading requires.
    pub entry: bool,
    /// Facts of the process read while loading are kept (`--freeze-facts`).
    pub freeze_facts: bool,
}

/// Makes the snapshot of `bundle` as it runs from `base` (module paths are
/// part of the heap). The error is one line for the pack to print.
pub fn make(bundle: Bundle, base: &Path, how: How) -> Result<Made, String> {
    // Fixed seeds make two packs of the same input byte-identical. Safe in
    // this process only: it makes no code cache (the seeds would not match
    // a run's), and every run rehashes the heap and seeds its own random
    // numbers (a test checks that nothing random is frozen).
    v8::V8::set_flags_from_string(crate::platform::SNAPSHOT_MAKER_FLAGS);
    crate::platform::init_v8();
    let bootstrap = crate::snapshot::in_use().ok_or("this kode has no bootstrap snapshot")?;
    let dependencies = match how.entry {
        true => vec![normalize(
            &base.join(&bundle.modules[bundle.entry as usize].path),
        )],
        false => dependencies(&bundle, base),
    };
    if dependencies.is_empty() {
        // Nothing to load ahead: no snapshot (the caller stores none).
        return Ok(Made {
            heap: Vec::new(),
            texts: Default::default(),
        });
    }
    // A slot for the text of each module the heap may hold (`snapshot_texts`).
    let slots = bundle.modules.len();
    let modules = BundleModules::new(bundle, base, CacheTrust::Trusted);
    let entry = modules.entry_path();
    let mut state = State::new(Box::new(modules), Limits::default());
    state.tasks.refuse();
    state.snapshot_output = Some(0);
    let refs = Some(crate::references::table_with(crate::snapshot_texts::start(
        slots,
    )));
    let mut creator =
        v8::Isolate::snapshot_creator_from_existing_snapshot(bootstrap.into(), refs, None);
    let shared = isolate::prepare(&mut creator, state);
    if let Err(message) = load(&mut creator, entry, &dependencies, how) {
        // V8 wants a snapshot maker ended by create_blob; this process ends
        // next (it is pack's child), so the isolate is simply left.
        std::mem::forget(creator);
        return Err(message);
    }
    drop(shared);
    let heap = isolate::finish_snapshot(creator)?.to_vec();
    Ok(Made {
        heap,
        texts: crate::snapshot_texts::finish(),
    })
}

/// A snapshot: the heap and the module texts it refers to.
pub struct Made {
    pub heap: Vec<u8>,
    pub texts: kode_pack::kpk::SnapshotTexts,
}

/// Bootstraps the snapshot maker's context, loads the dependencies into it
/// and makes it the snapshot's default context.
fn load(
    creator: &mut v8::OwnedIsolate,
    entry: PathBuf,
    dependencies: &[String],
    how: How,
) -> Result<(), String> {
    let options = RunOptions::pack_time(&entry);
    v8::scope!(let scope, creator);
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);
    let hooks = isolate::bootstrap(scope, &options)?;
    let (ops, internal) = crate::esm::kept_internal(scope).ok_or("no bootstrap objects")?;
    let entry = normalize(&entry);
    for id in dependencies {
        preload(scope, &hooks, internal, id, &entry, how)?;
    }
    // The facts builtins read for the pack's process stay out of the heap.
    let forget = isolate::internal_function(scope, internal, "forgetFacts")?;
    let undefined = v8::undefined(scope).into();
    forget
        .call(scope, undefined, &[])
        .ok_or("forgetting the pack's facts threw")?;
    crate::snapshot::keep_objects(scope, context, ops, internal)?;
    let last = dependencies.last().map_or("", String::as_str);
    crate::esm::keep_map(scope, context)
        .map_err(|why| format!("{last}: cannot be snapshotted: {why}"))
}

fn normalize(path: &Path) -> String {
    kode_pack::resolve::normalize(path)
        .to_string_lossy()
        .into_owned()
}

/// What the entry requires before it does anything else (an ES entry: what
/// it imports), by run-time name (builtins by specifier), in order, each
/// once: loading them first changes nothing (`kode_pack::leading`).
fn dependencies(bundle: &Bundle, base: &Path) -> Vec<String> {
    let entry = &bundle.modules[bundle.entry as usize];
    let (specifiers, kind) = match entry.kind {
        ModuleKind::Esm => (
            kode_pack::leading::static_imports(&entry.source),
            EdgeKind::Import,
        ),
        _ => (
            kode_pack::leading::leading_requires(&entry.source),
            EdgeKind::Require,
        ),
    };
    let mut ids: Vec<String> = Vec::new();
    for specifier in specifiers {
        let edge = bundle
            .resolutions
            .iter()
            .find(|r| r.from == bundle.entry && r.kind == kind && r.specifier == specifier);
        let id = match edge.map(|edge| &edge.target) {
            Some(Target::Module(i)) => {
                let path = &bundle.modules[*i as usize].path;
                normalize(&base.join(path))
            }
            Some(Target::Builtin(name)) => name.clone(),
            Some(Target::Missing) | None => break,
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// The real `SharedArrayBuffer` constructor: V8 leaves the global out of a
/// context while it builds a snapshot, but the function is the native
/// context's and the same object at run time.
fn shared_array_buffer<'s>(
    scope: &mut v8::PinScope<'s, '_>,
) -> Result<v8::Local<'s, v8::Value>, String> {
    let buffer = v8::SharedArrayBuffer::new(scope, 0).ok_or("cannot make a SharedArrayBuffer")?;
    let key = crate::v8_util::v8_str(scope, "constructor");
    buffer
        .get(scope, key.into())
        .filter(|c| c.is_function())
        .ok_or_else(|| "no SharedArrayBuffer constructor".to_string())
}

/// Loads dependency `id`, then refuses what the snapshot cannot hold.
fn preload(
    scope: &mut v8::PinScope,
    hooks: &isolate::Hooks,
    internal: v8::Local<v8::Object>,
    id: &str,
    entry: &str,
    how: How,
) -> Result<(), String> {
    let preload = isolate::internal_function(scope, internal, "preload")?;
    let arg = crate::v8_util::v8_str(scope, id).into();
    let shared = shared_array_buffer(scope)?;
    let whole = v8::Boolean::new(scope, how.entry).into();
    let (facts_read, hidden, native, main) = {
        v8::tc_scope!(let tc, scope);
        let undefined = v8::undefined(tc).into();
        let Some(read) = preload.call(tc, undefined, &[arg, shared, whole]) else {
            let error = match tc.exception() {
                Some(e) => e.to_rust_string_lossy(tc),
                None => "execution stopped".to_string(),
            };
            // Where it threw, unless inside Kode's own JavaScript.
            let at = tc.message().and_then(|m| {
                let name = m.get_script_resource_name(tc)?.to_rust_string_lossy(tc);
                let line = m.get_line_number(tc)?;
                (!name.starts_with("kode:")).then(|| format!(" (at {name}:{line})"))
            });
            let at = at.unwrap_or_default();
            return Err(format!("{id}: loading it threw {error}{at}"));
        };
        let read = read.to_object(tc).ok_or("preload returned no object")?;
        let field = |tc: &mut v8::PinScope, name: &str| {
            let key = crate::v8_util::v8_str(tc, name);
            read.get(tc, key.into())
                .map(|v| v.to_rust_string_lossy(tc))
                .unwrap_or_default()
        };
        (
            field(tc, "facts"),
            field(tc, "hidden"),
            field(tc, "native"),
            field(tc, "main"),
        )
    };
    // A tick would run before the entry's top level instead of after it.
    if state(scope).borrow().node.ticks_pending {
        return Err(format!(
            "{id}: cannot be snapshotted: it leaves a process.nextTick callback pending"
        ));
    }
    isolate::checkpoint(scope, hooks)
        .map_err(|_| format!("{id}: a promise it made was rejected"))?;
    let state = state(scope);
    let state = state.borrow();
    let why = if state.snapshot_output != Some(0) {
        Some("it writes output while loading (that output would be lost)".to_string())
    } else if state.timers.len() > 0 {
        Some("it leaves a timer pending".to_string())
    } else if !state.tasks.is_idle() || state.tasks.refused_starts() > 0 {
        Some("it starts host work (I/O) while loading".to_string())
    } else if crate::resources::open_count(scope) > 0 {
        Some("it leaves a resource open".to_string())
    } else if !native.is_empty() {
        Some(format!(
            "it uses {native} while loading, whose objects hold native handles V8 cannot snapshot"
        ))
    } else if !hidden.is_empty() {
        Some(format!(
            "it uses {hidden} while loading, which V8 leaves out of snapshots"
        ))
    } else if !facts_read.is_empty() && how.freeze_facts {
        // The pack's child: stderr goes to the pack's warnings.
        eprintln!(
            "{id}: reads {facts_read} while loading: what it made of an empty environment and no arguments is kept at run time"
        );
        None
    } else if !facts_read.is_empty() {
        Some(format!(
            "it reads {facts_read} while loading (the pack's would be frozen; see --freeze-facts)"
        ))
    } else if !how.entry && crate::esm::has_key(scope, entry) {
        Some("it imports the entry (a cycle through the entry)".to_string())
    } else if how.entry && main != "true" {
        Some("it did not call Kode.snapshot.setMain(main) (--snapshot=entry)".to_string())
    } else {
        None
    };
    match why {
        Some(why) => Err(format!("{id}: cannot be snapshotted: {why}")),
        None => Ok(()),
    }
}
