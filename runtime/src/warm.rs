//! `kode pack --warm`: evaluate the bundle's module graph once, at pack time,
//! and take each module's code cache afterwards, so the functions start-up
//! compiles lazily are in the cache too. Host I/O is refused (tasks never
//! start), output is dropped, timers never fire, and errors are ignored: a
//! module that did not run keeps its cold cache. Also the cold caches
//! themselves ([`create_code_caches`]), made in an isolate like a run's.

use std::collections::HashMap;
use std::path::Path;

use kode_pack::kpk::Bundle;
use kode_pack::node_globals::NodeGlobals;

use crate::bundle::{BundleModules, CacheTrust};
use crate::compile;
use crate::isolate;
use crate::limits::Limits;
use crate::modules::ModuleKind;
use crate::options::RunOptions;
use crate::state::State;

/// Code caches by module path, for the modules the warm run compiled.
pub fn warm_code_caches(bundle: Bundle, base: &Path) -> HashMap<String, Vec<u8>> {
    let base = base.to_path_buf();
    std::thread::Builder::new()
        .stack_size(crate::platform::THREAD_STACK)
        .spawn(move || warm(bundle, &base))
        .expect("spawn the warm-up thread")
        .join()
        .unwrap_or_default()
}

fn warm(bundle: Bundle, base: &Path) -> HashMap<String, Vec<u8>> {
    crate::platform::init_v8();
    // The caches were made by this process a moment ago.
    let modules = BundleModules::new(bundle, base, CacheTrust::Trusted);
    let entry = modules.entry_path();
    let mut state = State::new(Box::new(modules), Limits::default());
    state.warming = Some(Vec::new());
    state.tasks.refuse();
    let (mut isolate, state) = isolate::new_isolate(state);
    let options = RunOptions::pack_time(&entry);
    v8::scope!(let scope, &mut isolate);
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);
    let Ok(hooks) = isolate::bootstrap(scope, &options) else {
        return HashMap::new();
    };
    // Whatever the program does, the modules it compiled so far are worth caching.
    if isolate::call(scope, &hooks, &hooks.run_main, &[]).is_ok() {
        let _ = isolate::checkpoint(scope, &hooks);
    }
    let compiled = state.borrow_mut().warming.take().unwrap_or_default();
    let mut caches: HashMap<String, Vec<u8>> = compiled
        .into_iter()
        .filter_map(|(name, function)| {
            let function = v8::Local::new(scope, function);
            Some((name, function.create_code_cache()?.to_vec()))
        })
        .collect();
    caches.extend(crate::esm::warmed_caches(scope));
    caches
}

/// What [`create_code_caches`] compiles: a module as `run` will.
pub struct CacheInput<'a> {
    pub kind: ModuleKind,
    pub filename: &'a str,
    pub source: &'a str,
    pub node_globals: NodeGlobals,
}

/// Makes a V8 code cache for each module (CommonJS or ES module; JSON has
/// none), in a throwaway isolate with the same flags `kode run` uses and
/// compiled exactly as `run` compiles it. `None` where V8 cannot compile the
/// module (pack reports syntax errors before this) or declines to serialize.
pub fn create_code_caches(modules: &[CacheInput]) -> Vec<Option<Vec<u8>>> {
    crate::platform::init_v8();
    // From the bootstrap snapshot, as runs are: V8 checks that a cache comes
    // from an isolate with the same snapshot.
    let mut isolate = v8::Isolate::new(crate::references::create_params());
    v8::scope!(let scope, &mut isolate);
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);
    modules
        .iter()
        .map(|m| {
            v8::tc_scope!(let tc, scope);
            let (source, filename, globals) = (m.source, m.filename, m.node_globals);
            let data = match m.kind {
                ModuleKind::CommonJs => {
                    compile::compile_module(tc, source, filename, None, globals)?
                        .0
                        .create_code_cache()?
                }
                ModuleKind::Esm => compile::compile_esm(tc, source, filename, None, globals)?
                    .0
                    .get_unbound_module_script(tc)
                    .create_code_cache()?,
                ModuleKind::Json => return None,
            };
            Some(data.to_vec())
        })
        .collect()
}
