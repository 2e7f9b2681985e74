//! Where module sources come from: the disk (plain `.js` runs) or a bundle
//! (`bundle.rs`).
//! The CommonJS semantics themselves live in `js/01_modules.js`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use kode_pack::fs::RealFs;
use kode_pack::node_globals::{self, NodeGlobals};
use kode_pack::resolve::{ResolveError, Resolved, Resolver};
use kode_pack::source_map::MapSource;

use crate::error::{codes, string_too_long, KodeError, MAX_STRING_BYTES};

pub use kode_pack::kpk::ModuleKind;

pub struct LoadedModule {
    pub kind: ModuleKind,
    pub source: String,
    /// How the module is named in traces (its path inside a bundle).
    pub name: String,
    pub cache: CacheOffer,
    /// A `.js` file with no package.json `"type"`: it is CommonJS unless it
    /// fails to compile as CommonJS and has `import`/`export` syntax (Node
    /// 22's detection, done only then so CommonJS never pays for it).
    pub detect: bool,
    /// The map from `source` back to the original (a transpiled module's, or
    /// the one a built package names), registered with
    /// [`crate::source_maps`] when the module compiles.
    pub source_map: Option<MapSource>,
    /// The Node globals a module under `node_modules` names (SPEC §5): extra
    /// wrapper parameters, or imports appended to an ES module.
    pub node_globals: NodeGlobals,
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
    /// Resolves `specifier` imported (statically or with `import()`) from the
    /// module `from_file` in `from_dir`: Node's ESM resolution.
    fn resolve_import(
        &self,
        specifier: &str,
        from_dir: &Path,
        from_file: &str,
    ) -> Result<Resolved, KodeError>;
    fn load(&self, path: &Path) -> Result<LoadedModule, KodeError>;
    /// The names a CommonJS module exports, found statically in its source
    /// (the named exports of its facade when ES modules import it).
    fn cjs_export_names(&self, path: &Path, module: &LoadedModule) -> Vec<String>;
    /// Whether `module` (loaded with `detect`) is an ES module after all.
    fn detect_esm(&self, path: &Path, module: &LoadedModule) -> bool;
}

static REAL_FS: RealFs = RealFs;

pub struct DiskModules {
    resolver: Resolver<'static>,
    /// The format a directory's files get from package.json `"type"` (None:
    /// no `"type"`), so a graph of many modules walks up to the package
    /// scope once per directory.
    dir_formats: RefCell<HashMap<PathBuf, Option<ModuleKind>>>,
}

impl DiskModules {
    /// `builtins`: the `kode:` names the resolver accepts.
    pub fn new(builtins: &'static [&'static str]) -> Self {
        DiskModules {
            resolver: Resolver::new(&REAL_FS, builtins),
            dir_formats: RefCell::default(),
        }
    }

    /// A file's format from its extension and the nearest package.json
    /// `"type"`, and whether its syntax may still make it an ES module.
    fn format(&self, path: &Path) -> (ModuleKind, bool) {
        let declared = match path.extension().and_then(|e| e.to_str()) {
            // The extension alone decides.
            Some("mjs" | "mts" | "cjs" | "cts" | "json") => {
                kode_pack::format::declared_format(&self.resolver, path)
            }
            _ => {
                let dir = path.parent().unwrap_or(Path::new("/"));
                let cached = self.dir_formats.borrow().get(dir).copied();
                cached.unwrap_or_else(|| {
                    let kind = kode_pack::format::declared_format(&self.resolver, path);
                    self.dir_formats
                        .borrow_mut()
                        .insert(dir.to_path_buf(), kind);
                    kind
                })
            }
        };
        match declared {
            Some(kind) => (kind, false),
            None => (ModuleKind::CommonJs, true),
        }
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

    fn resolve_import(
        &self,
        specifier: &str,
        from_dir: &Path,
        from_file: &str,
    ) -> Result<Resolved, KodeError> {
        self.resolver
            .resolve_import_from(specifier, &from_dir.join(file_name(from_file)))
            .map_err(|err| import_failed(&err, &err.to_string(), from_file))
    }

    fn cjs_export_names(&self, path: &Path, module: &LoadedModule) -> Vec<String> {
        kode_pack::cjs_exports::cjs_export_names_deep(&self.resolver, path, &module.source)
    }

    fn detect_esm(&self, path: &Path, module: &LoadedModule) -> bool {
        kode_pack::format::format_with(&self.resolver, path, &module.source) == ModuleKind::Esm
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
        let (kind, detect) = self.format(path);
        let declared = (!detect).then_some(kind);
        let (source, source_map) =
            match kode_pack::transpile::transpile_module(&self.resolver, path, &source, declared) {
                None => {
                    let dir = path.parent().unwrap_or(Path::new("/"));
                    let map = match kind {
                        ModuleKind::Json => None,
                        _ => kode_pack::source_map::referenced_map(&source, dir),
                    };
                    (source, map)
                }
                Some(Ok(out)) => (out.code, Some(MapSource::Bytes(out.source_map))),
                Some(Err(err)) => return Err(compile_failed(err, path)),
            };
        let name = path.to_string_lossy().into_owned();
        let node_globals = disk_node_globals(&name, &source, kind);
        Ok(LoadedModule {
            kind,
            source,
            name,
            cache: CacheOffer::NotApplicable,
            detect,
            source_map,
            node_globals,
        })
    }
}

/// The Node globals of a module read from disk: only files under
/// `node_modules` get them (a bundle recorded them at pack time).
pub fn disk_node_globals(name: &str, source: &str, kind: ModuleKind) -> NodeGlobals {
    match name.contains("/node_modules/") {
        true => node_globals::of_source(name, source, kind),
        false => NodeGlobals::NONE,
    }
}

/// A TypeScript or JSX module that does not compile: a `SyntaxError` at
/// the original `file:line:col` with its code frame, as V8's own syntax
/// errors are shown, or `ETSCONFIG` for a configuration that cannot be used.
fn compile_failed(err: kode_pack::transpile::CompileError, path: &Path) -> KodeError {
    use kode_pack::transpile::CompileError;
    match err {
        CompileError::Syntax(err) => KodeError::syntax_error(codes::ESYNTAX, err.message)
            .path(path)
            .frame(path, err.location),
        CompileError::TsConfig(err) => KodeError::new(
            codes::ETSCONFIG,
            format!("{} cannot be used: {}", err.path.display(), err.message),
        )
        .path(&err.path),
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

/// A [`ResolveError`] of an import: as [`resolve_failed`], with
/// `operation: "import"`.
pub fn import_failed(err: &ResolveError, message: &str, from_file: &str) -> KodeError {
    let error = KodeError::new(
        codes::EMODULE_NOT_FOUND,
        format!("{message} (imported from {from_file})"),
    )
    .operation("import")
    .field("specifier", err.specifier())
    .field("from", from_file);
    match err.package_json() {
        Some(package_json) => error.path(package_json),
        None => error,
    }
}

/// The last component of a module name (a path, or `[eval]`).
fn file_name(from_file: &str) -> &str {
    from_file.rsplit('/').next().unwrap_or(from_file)
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
