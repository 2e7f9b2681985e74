//! Modules served from a `.kpk` bundle: no module source is read from disk.
//! Static requires and imports are table lookups (by edge kind: a dual
//! package resolves differently for each); a computed `require(expr)` resolves
//! with the ordinary resolver over the bundle's own files.

use std::cell::{Ref, RefCell};
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use kode_pack::fs::{EntryKind, Fs};
use kode_pack::kpk::{Bundle, EdgeKind, Target};
use kode_pack::resolve::{normalize, ResolveError, Resolved, Resolver};

use crate::compile;
use crate::error::KodeError;
use crate::modules::{
    import_failed, not_found, resolve_failed, CacheOffer, LoadedModule, ModuleSource,
};
use crate::snapshot_texts::AppHeap;

pub struct BundleModules {
    /// In a cell: its module bodies may still be compressed
    /// ([`Bundle::pending_bodies`]) and are decoded on first need.
    bundle: RefCell<Bundle>,
    /// Module paths are the bundle's relative paths joined onto `base`.
    paths: Vec<PathBuf>,
    by_path: HashMap<PathBuf, usize>,
    /// `(from, specifier, require or import)` → index into `resolutions`.
    edges: HashMap<(usize, String, EdgeKind), usize>,
    /// Why no code cache in this bundle can be used here, if so.
    cache_unusable: Option<String>,
    /// The directory the bundle runs from.
    base: PathBuf,
    /// The check of its snapshot's module texts, running on another thread
    /// ([`BundleModules::check_texts_on`]).
    texts_check: Option<TextsCheck>,
}

/// The verdict on a snapshot's module texts (usually a thread's, joined):
/// the reason the bundle must not run, one line for stderr, if any.
pub type TextsCheck = Box<dyn FnOnce() -> Result<(), String> + Send>;

/// Whether a bundle's code caches may reach V8 at all. A code cache is
/// executable input that V8 barely checks, so only an authenticated one is
/// offered (docs/trust.md): the caller decides, from where the bundle came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheTrust {
    /// An executable's own payload, a bundle sealed with the local key, one
    /// just made in this process, or `--trust-cache`.
    Trusted,
    /// Why not; every module then compiles from its source.
    Untrusted(String),
}

impl BundleModules {
    /// `base` is the directory holding the bundle (or the executable).
    pub fn new(bundle: Bundle, base: &Path, trust: CacheTrust) -> Self {
        let paths: Vec<PathBuf> = bundle
            .modules
            .iter()
            .map(|m| normalize(&base.join(&m.path)))
            .collect();
        let by_path = paths
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i))
            .collect();
        let edges = bundle
            .resolutions
            .iter()
            .enumerate()
            .map(|(i, r)| ((r.from as usize, r.specifier.clone(), r.kind), i))
            .collect();
        let cache_unusable = match trust {
            CacheTrust::Untrusted(why) => Some(why),
            CacheTrust::Trusted => cache_check(&bundle.v8_version, bundle.flags_hash),
        };
        BundleModules {
            bundle: RefCell::new(bundle),
            paths,
            by_path,
            edges,
            cache_unusable,
            base: normalize(base),
            texts_check: None,
        }
    }

    /// The module texts of its snapshot are being verified by `check`
    /// (`kpk::read_static_deferred`): the run waits for it before any
    /// JavaScript runs, and ends with its reason if they are damaged.
    pub fn check_texts_on(mut self, check: TextsCheck) -> Self {
        self.texts_check = Some(check);
        self
    }

    pub fn take_texts_check(&mut self) -> Option<TextsCheck> {
        self.texts_check.take()
    }

    /// The bundle's application heap snapshot (`kode pack --snapshot`), if
    /// it has one that may be used here: only where its code caches may
    /// (same trust, same Kode build) and from the directory it was made
    /// for. `KODE_TRACE=cache` says which.
    pub fn take_snapshot(&mut self) -> Option<AppHeap> {
        let snapshot = self.bundle.get_mut().snapshot.take()?;
        let texts = snapshot.texts.len();
        let why = match &self.cache_unusable {
            Some(why) => Some(why.clone()),
            None if Path::new(&snapshot.base) != self.base => Some(format!(
                "made for modules under {}, these are under {}",
                snapshot.base,
                self.base.display()
            )),
            None => None,
        };
        if crate::trace::enabled("cache") {
            match &why {
                Some(why) => eprintln!("kode: snapshot unused ({why})"),
                None => eprintln!(
                    "kode: snapshot used ({} bytes, {texts} bytes of module text)",
                    snapshot.blob.len()
                ),
            }
        }
        match why {
            Some(_) => None,
            None => Some(AppHeap {
                blob: snapshot.blob,
                references: crate::snapshot_texts::references(snapshot.texts),
            }),
        }
    }

    pub fn entry_path(&self) -> PathBuf {
        self.paths[self.bundle.borrow().entry as usize].clone()
    }

    fn lookup_table(
        &self,
        from_file: &str,
        specifier: &str,
        kind: EdgeKind,
    ) -> Option<Result<Resolved, ()>> {
        let from = *self.by_path.get(Path::new(from_file))?;
        let edge = *self.edges.get(&(from, specifier.to_string(), kind))?;
        Some(match &self.bundle.borrow().resolutions[edge].target {
            Target::Module(i) => Ok(Resolved::File(self.path_of(*i as usize))),
            Target::Builtin(name) => Ok(Resolved::Builtin(name.clone())),
            Target::Missing => Err(()),
        })
    }

    /// The bundle with its module bodies: decoded here on first need when
    /// the reader left them compressed (a heap holding the whole entry
    /// usually needs none). A bundle whose bodies do not decode fails every
    /// load with `EBUNDLE_CORRUPT`.
    fn with_bodies(&self) -> Result<Ref<'_, Bundle>, KodeError> {
        if self.bundle.borrow().pending_bodies.is_some() {
            let loaded = self.bundle.borrow_mut().load_bodies();
            loaded
                .map_err(|err| KodeError::new(err.code(), format!("cannot load bundle: {err}")))?;
            if crate::trace::enabled("cache") {
                eprintln!("kode: module bodies decoded");
            }
        }
        Ok(self.bundle.borrow())
    }

    fn path_of(&self, index: usize) -> PathBuf {
        self.paths[index].clone()
    }
}

/// The stored V8 version and flag hash must be this runtime's, or V8 would
/// reject (or worse, misread) the caches.
pub fn cache_check(v8_version: &str, flags_hash: u64) -> Option<String> {
    let running = compile::v8_version();
    if v8_version != running {
        Some(format!("made by V8 {v8_version}, this is V8 {running}"))
    } else if flags_hash != compile::flags_hash() {
        Some("made by another kode build: its V8 flags or bootstrap snapshot differ".to_string())
    } else {
        None
    }
}

impl ModuleSource for BundleModules {
    fn resolve(
        &self,
        specifier: &str,
        from_dir: &Path,
        from_file: &str,
    ) -> Result<Resolved, KodeError> {
        match self.lookup_table(from_file, specifier, EdgeKind::Require) {
            Some(Ok(resolved)) => return Ok(resolved),
            Some(Err(())) => {
                // The resolver on the bundle's view says why (a Node name, an unknown builtin).
                let view = BundleFs(self);
                let err = match Resolver::new(&view, crate::ext::builtin_names())
                    .resolve(specifier, from_dir)
                {
                    Err(err) => err,
                    Ok(_) => ResolveError::NotFound {
                        specifier: specifier.to_string(),
                    },
                };
                let message = format!("{err} (it did not resolve when the bundle was packed)");
                return Err(resolve_failed(&err, &message, from_file));
            }
            None => {}
        }
        let view = BundleFs(self);
        match Resolver::new(&view, crate::ext::builtin_names()).resolve(specifier, from_dir) {
            Ok(resolved) => Ok(resolved),
            Err(err) => {
                let message =
                    format!("{err}; a bundle holds only the modules found when it was packed");
                Err(resolve_failed(&err, &message, from_file))
            }
        }
    }

    fn resolve_import(
        &self,
        specifier: &str,
        from_dir: &Path,
        from_file: &str,
    ) -> Result<Resolved, KodeError> {
        match self.lookup_table(from_file, specifier, EdgeKind::Import) {
            Some(Ok(resolved)) => return Ok(resolved),
            Some(Err(())) => {
                let view = BundleFs(self);
                let resolver = Resolver::new(&view, crate::ext::builtin_names());
                let err = match resolver.resolve_import(specifier, from_dir) {
                    Err(err) => err,
                    Ok(_) => ResolveError::NotFound {
                        specifier: specifier.to_string(),
                    },
                };
                let message = format!("{err} (it did not resolve when the bundle was packed)");
                return Err(import_failed(&err, &message, from_file));
            }
            None => {}
        }
        let view = BundleFs(self);
        match Resolver::new(&view, crate::ext::builtin_names()).resolve_import(specifier, from_dir)
        {
            Ok(resolved) => Ok(resolved),
            Err(err) => {
                let message =
                    format!("{err}; a bundle holds only the modules found when it was packed");
                Err(import_failed(&err, &message, from_file))
            }
        }
    }

    fn cjs_export_names(&self, path: &Path, _module: &LoadedModule) -> Vec<String> {
        // Found at pack time: a packed run parses nothing.
        match self.by_path.get(path) {
            Some(&index) => self.bundle.borrow().modules[index].cjs_exports.clone(),
            None => Vec::new(),
        }
    }

    fn detect_esm(&self, _path: &Path, _module: &LoadedModule) -> bool {
        // A bundle stores each module's format as pack decided it.
        false
    }

    fn load(&self, path: &Path) -> Result<LoadedModule, KodeError> {
        let Some(&index) = self.by_path.get(path) else {
            let shown = path.to_string_lossy();
            return Err(not_found(
                &format!("Cannot find module '{shown}' in the bundle"),
                &shown,
                &shown,
            ));
        };
        let bundle = self.with_bodies()?;
        let module = &bundle.modules[index];
        let cache = match (&module.code_cache, &self.cache_unusable) {
            (None, _) => CacheOffer::Missing,
            (Some(_), Some(reason)) => CacheOffer::Unusable(reason.clone()),
            // The reader verified the module's hash against its source.
            (Some(bytes), None) => CacheOffer::Stored(bytes.clone()),
        };
        Ok(LoadedModule {
            kind: module.kind,
            source: module.source.clone(),
            name: module.path.clone(),
            cache,
            detect: false,
            source_map: module
                .source_map
                .clone()
                .map(kode_pack::source_map::MapSource::Bytes),
            node_globals: module.node_globals,
        })
    }
}

/// The bundle's files as a read-only file system, for the resolver.
struct BundleFs<'a>(&'a BundleModules);

impl Fs for BundleFs<'_> {
    fn kind(&self, path: &Path) -> Option<EntryKind> {
        if self.0.by_path.contains_key(path) {
            return Some(EntryKind::File);
        }
        let is_dir = self
            .0
            .by_path
            .keys()
            .any(|p| p.starts_with(path) && p != path);
        is_dir.then_some(EntryKind::Dir)
    }

    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        match self.0.by_path.get(path) {
            Some(&i) => match self.0.with_bodies() {
                Ok(bundle) => Ok(bundle.modules[i].source.clone()),
                Err(err) => Err(io::Error::other(err.message)),
            },
            None => Err(io::ErrorKind::NotFound.into()),
        }
    }
}
