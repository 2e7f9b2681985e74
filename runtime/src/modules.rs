//! Where module sources come from: the disk (plain `.js` runs) or a bundle
//! (`bundle.rs`).
//! The CommonJS semantics themselves live in `js/01_modules.js`.

use std::path::Path;

use kode_pack::fs::RealFs;
use kode_pack::resolve::{ResolveError, Resolved, Resolver};

use crate::error::{codes, string_too_long, KodeError, MAX_STRING_BYTES};

pub use kode_pack::kpk::ModuleKind;

pub struct LoadedModule {
    pub kind: ModuleKind,
    pub source: String,
    /// How the module is named in traces (its path inside a bundle).
    pub name: String,
    pub cache: CacheOffer,
}

/// The code cache a module source can offer the compiler.
pub enum CacheOffer {
    /// Modules from disk have no cache.
    NotApplicable,
    /// A bundle module packed without one.
    Missing,
    /// There is one but it cannot be used; why.
    Unusable(String),
    /// Passed the version, flag and source checks; V8 still validates it.
    Stored(Vec<u8>),
}

pub trait ModuleSource {
    /// Resolves `specifier` required from the module `from_file` in `from_dir`.
    fn resolve(
        &self,
        specifier: &str,
        from_dir: &Path,
        from_file: &str,
    ) -> Result<Resolved, KodeError>;
    fn load(&self, path: &Path) -> Result<LoadedModule, KodeError>;
}

static REAL_FS: RealFs = RealFs;

pub struct DiskModules {
    resolver: Resolver<'static>,
}

impl DiskModules {
    pub fn new() -> Self {
        DiskModules {
            resolver: Resolver::new(&REAL_FS, crate::ext::builtin_names()),
        }
    }
}

impl Default for DiskModules {
    fn default() -> Self {
        Self::new()
    }
}

impl ModuleSource for DiskModules {
    fn resolve(
        &self,
        specifier: &str,
        from_dir: &Path,
        from_file: &str,
    ) -> Result<Resolved, KodeError> {
        self.resolver
            .resolve(specifier, from_dir)
            .map_err(|err| resolve_failed(&err, &err.to_string(), from_file))
    }

    fn load(&self, path: &Path) -> Result<LoadedModule, KodeError> {
        let source = read_source(path)?;
        let source = String::from_utf8(source).map_err(|_| {
            KodeError::new(
                codes::EINVALID_ENCODING,
                format!("{} is not valid UTF-8 text", path.display()),
            )
            .operation("require")
            .path(path)
        })?;
        Ok(LoadedModule {
            kind: ModuleKind::of_path(path),
            source,
            name: path.to_string_lossy().into_owned(),
            cache: CacheOffer::NotApplicable,
        })
    }
}

/// A module's bytes, refusing (`ESTRING_TOO_LONG`, with the path) a source
/// longer than a V8 string can hold instead of letting it become `""`.
fn read_source(path: &Path) -> Result<Vec<u8>, KodeError> {
    use std::io::Read;
    let on_err = |e: std::io::Error| KodeError::from_io(&e, "require", path);
    let too_long = || string_too_long().at("require", path);
    let limit = MAX_STRING_BYTES as u64;
    let file = std::fs::File::open(path).map_err(on_err)?;
    let size = file.metadata().map_err(on_err)?.len();
    if size > limit {
        return Err(too_long());
    }
    let mut source = Vec::with_capacity(size as usize);
    file.take(limit + 1)
        .read_to_end(&mut source)
        .map_err(on_err)?;
    if source.len() as u64 > limit {
        return Err(too_long());
    }
    Ok(source)
}

/// A [`ResolveError`] as the JS error `require` throws: `EMODULE_NOT_FOUND`
/// with `specifier` and `from`, and the faulty `package.json` as `path` when
/// there is one. `message` is the error's text (callers may add to it).
pub fn resolve_failed(err: &ResolveError, message: &str, from_file: &str) -> KodeError {
    let error = not_found(message, err.specifier(), from_file);
    match err.package_json() {
        Some(package_json) => error.path(package_json),
        None => error,
    }
}

pub fn not_found(message: &str, specifier: &str, from_file: &str) -> KodeError {
    KodeError::new(
        codes::EMODULE_NOT_FOUND,
        format!("{message} (required from {from_file})"),
    )
    .operation("require")
    .field("specifier", specifier)
    .field("from", from_file)
}
