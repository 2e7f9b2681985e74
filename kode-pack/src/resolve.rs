//! Module resolution over a [`Fs`], POSIX paths only: CommonJS `require`
//! ([`Resolver::resolve`], Node's modules.md "All together") and ES `import`
//! ([`Resolver::resolve_import`], Node's esm.md "Resolution Algorithm"),
//! sharing `"exports"`/`"imports"` matching (`resolve/exports.rs`) with a
//! condition set per mode (`kode`, `require`|`import`, `default`).
//!
//! Deliberate choices:
//! - Result paths are normalised *lexically* ([`normalize`]); symlinks are
//!   not resolved (Node would realpath them). The module cache keys on these
//!   paths, so a file reached through two symlinked paths loads twice; in
//!   exchange resolution never depends on `readlink` and a bundle records the
//!   paths the user sees.
//! - `require` probes the extensions `.js`, `.json`, `.cjs`, then `.ts`,
//!   `.tsx`, `.cts`; directory indexes are `index.js`, `index.json`,
//!   `index.ts`, `index.tsx`. There are no native addons.
//! - A missing `x.js` (`.mjs`, `.cjs`, `.jsx`) is found as `x.ts` (`.mts`,
//!   `.cts`, `.tsx`): TypeScript's convention of naming the output file.
//! - `import` needs the exact file (no extension or index search), except
//!   from a TypeScript or JSX module ([`Resolver::resolve_import_from`]),
//!   which may leave out extensions and name directories as bundlers and
//!   TypeScript's `"moduleResolution": "bundler"` allow. A
//!   relative specifier is a URL path: `%XX` escapes are decoded and a
//!   `?query` or `#fragment` is dropped (Node keeps them in the module's URL,
//!   so `./a.js?x` is a second instance there; here it is the same module).
//! - `#name` specifiers use the nearest `package.json` `"imports"`; in
//!   `require`, a scope without `"imports"` falls back to a `node_modules`
//!   lookup (Node does the same). A package may name itself through its own
//!   `"exports"` (self-reference) in both modes.
//! - Bare specifiers from the application's own files (outside
//!   `node_modules`) try `tsconfig.json` `compilerOptions.paths` and
//!   `baseUrl` first ([`crate::tsconfig`]), as TypeScript does.
//! - The nearest `package.json` (the package scope: never above a
//!   `node_modules` directory) also gives `"type"` for [`module_format`](crate::format::module_format).

#[cfg(test)]
mod esm_tests;
mod exports;
#[cfg(test)]
mod exports_tests;
#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use serde_json::Value;

use crate::fs::{EntryKind, Fs};
use crate::tsconfig::{TsConfig, TsConfigError, TsConfigs};
use exports::{ExportsError, Found, IMPORT_CONDITIONS, REQUIRE_CONDITIONS};

/// What a specifier resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A `kode:*` builtin, by its full specifier, e.g. `"kode:fs"`.
    Builtin(String),
    /// A module file: a normalised absolute path.
    File(PathBuf),
}

/// Every variant surfaces in JavaScript with `code: "EMODULE_NOT_FOUND"`, its
/// `specifier` and, when a `package.json` is at fault, that file as `path`
/// (see [`ResolveError::package_json`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("Cannot find module '{specifier}'")]
    NotFound { specifier: String },
    /// Not found, with a note on why or what was probably meant (`import`
    /// of a path without its extension, of a directory, of a URL scheme).
    #[error("Cannot find module '{specifier}' ({note})")]
    NotFoundNote { specifier: String, note: String },
    #[error(
        "Unknown builtin module '{specifier}' (known: {})",
        same_scheme(specifier, known)
    )]
    UnknownBuiltin {
        specifier: String,
        /// The builtins the resolver was given.
        known: &'static [&'static str],
    },
    #[error(
        "Package subpath '{subpath}' is not defined by \"exports\" in {}",
        package_json.display()
    )]
    NotExported {
        specifier: String,
        package_json: PathBuf,
        subpath: String,
    },
    #[error("Package import specifier '{specifier}' is not defined in {}", match package_json {
        Some(path) => path.display().to_string(),
        None => "any package.json (no package.json encloses the importing module)".to_string(),
    })]
    ImportNotDefined {
        specifier: String,
        /// The nearest `package.json`, if there is one.
        package_json: Option<PathBuf>,
    },
    #[error("Invalid module specifier '{specifier}': {reason}")]
    InvalidSpecifier { specifier: String, reason: String },
    #[error("Invalid package config {}: {message}", path.display())]
    InvalidPackageJson {
        specifier: String,
        path: PathBuf,
        message: String,
    },
    #[error(
        "Invalid \"{field}\" target \"{target}\" defined in {} (must start with \"./\" and stay inside the package)",
        package_json.display()
    )]
    InvalidTarget {
        specifier: String,
        package_json: PathBuf,
        target: String,
        /// `"exports"` or `"imports"`.
        field: &'static str,
    },
}

impl ResolveError {
    /// The stable JavaScript `code` (SPEC §5).
    pub fn code(&self) -> &'static str {
        crate::codes::EMODULE_NOT_FOUND
    }

    /// The specifier as it was passed to `require` or `import`.
    pub fn specifier(&self) -> &str {
        match self {
            ResolveError::NotFound { specifier }
            | ResolveError::NotFoundNote { specifier, .. }
            | ResolveError::UnknownBuiltin { specifier, .. }
            | ResolveError::NotExported { specifier, .. }
            | ResolveError::ImportNotDefined { specifier, .. }
            | ResolveError::InvalidSpecifier { specifier, .. }
            | ResolveError::InvalidPackageJson { specifier, .. }
            | ResolveError::InvalidTarget { specifier, .. } => specifier,
        }
    }

    /// The `package.json` whose contents made resolution fail, if one did.
    pub fn package_json(&self) -> Option<&Path> {
        match self {
            ResolveError::NotFound { .. }
            | ResolveError::NotFoundNote { .. }
            | ResolveError::UnknownBuiltin { .. }
            | ResolveError::InvalidSpecifier { .. } => None,
            ResolveError::NotExported { package_json, .. }
            | ResolveError::InvalidTarget { package_json, .. } => Some(package_json),
            ResolveError::ImportNotDefined { package_json, .. } => package_json.as_deref(),
            ResolveError::InvalidPackageJson { path, .. } => Some(path),
        }
    }
}

/// `require` or `import`: which conditions are active and how paths resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Require,
    Import,
}

impl Mode {
    fn conditions(self) -> &'static [&'static str] {
        match self {
            Mode::Require => REQUIRE_CONDITIONS,
            Mode::Import => IMPORT_CONDITIONS,
        }
    }
}

/// A package.json `"type"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageType {
    Module,
    CommonJs,
}

/// The fields of a `package.json` that resolution reads.
#[derive(Debug)]
struct PackageJson {
    /// `"name"` when it is a string.
    name: Option<String>,
    /// `"main"` when it is a non-empty string (Node ignores anything else).
    main: Option<String>,
    /// `"exports"` unless absent or `null`.
    exports: Option<Value>,
    /// `"imports"` unless absent or `null`.
    imports: Option<Value>,
    /// `"type"` when it is `"module"` or `"commonjs"` (anything else: none).
    package_type: Option<PackageType>,
}

/// Resolves specifiers against a file system. Parsed `package.json` files are
/// cached (also failures), so one resolver should live for one walk or run.
pub struct Resolver<'a> {
    fs: &'a dyn Fs,
    builtins: &'static [&'static str],
    packages: RefCell<HashMap<PathBuf, Result<Rc<PackageJson>, String>>>,
    /// Directory → the directory holding its package scope's package.json
    /// (`None`: no scope), filled by [`Resolver::package_scope`].
    scopes: RefCell<HashMap<PathBuf, Option<PathBuf>>>,
    tsconfigs: TsConfigs<'a>,
}

impl<'a> Resolver<'a> {
    /// `builtins` are the `kode:` specifiers to accept (`"kode:fs"`, ...):
    /// the runtime declares them (`kode_runtime::builtin_names`).
    pub fn new(fs: &'a dyn Fs, builtins: &'static [&'static str]) -> Self {
        Resolver {
            fs,
            builtins,
            packages: RefCell::new(HashMap::new()),
            scopes: RefCell::new(HashMap::new()),
            tsconfigs: TsConfigs::new(fs),
        }
    }

    /// The `tsconfig.json` that applies to a module in `dir`.
    pub fn tsconfig(&self, dir: &Path) -> Result<Rc<TsConfig>, TsConfigError> {
        self.tsconfigs.for_dir(dir)
    }

    /// `compilerOptions.paths`/`baseUrl` for a bare specifier from the
    /// application's own files; `None` when they do not apply or name
    /// nothing (normal resolution follows). A broken `tsconfig.json` is
    /// reported when a TypeScript module is compiled, not here.
    fn tsconfig_paths(&self, specifier: &str, from_dir: &Path) -> Option<PathBuf> {
        if from_dir
            .components()
            .any(|c| c.as_os_str() == "node_modules")
        {
            return None;
        }
        let config = self.tsconfigs.for_dir(from_dir).ok()?;
        config
            .candidates(specifier)
            .into_iter()
            .find_map(|candidate| self.load_path(&candidate, false, specifier).ok().flatten())
    }

    /// The file system this resolver reads.
    pub fn fs(&self) -> &'a dyn Fs {
        self.fs
    }

    /// `require(specifier)` from a module in `from_dir` (absolute).
    pub fn resolve(&self, specifier: &str, from_dir: &Path) -> Result<Resolved, ResolveError> {
        let not_found = || ResolveError::NotFound {
            specifier: specifier.to_string(),
        };
        let from_dir = normalize(from_dir);
        if let Some(builtin) = self.builtin(specifier, &from_dir) {
            return builtin;
        }
        if specifier.is_empty() {
            return Err(not_found());
        }
        let dir_only = is_dir_only(specifier);
        if is_path_like(specifier) {
            let base = normalize(&from_dir.join(specifier));
            return match self.load_path(&base, dir_only, specifier)? {
                Some(path) => Ok(Resolved::File(path)),
                None => Err(not_found()),
            };
        }
        if specifier.starts_with('#') {
            // Without an "imports" field Node falls back to node_modules.
            if let Some(resolved) = self.package_imports(specifier, &from_dir, Mode::Require)? {
                return Ok(resolved);
            }
        }
        if let Some(path) = self.tsconfig_paths(specifier, &from_dir) {
            return Ok(Resolved::File(path));
        }
        let found = self.require_package(specifier, &from_dir);
        self.explain_node_name(specifier, found)
    }

    /// `import(specifier)` (static or dynamic) from a module in `from_dir`
    /// (absolute): Node's ESM_RESOLVE. Paths and `file:` URLs must name a
    /// file exactly; a miss says what was probably meant.
    pub fn resolve_import(
        &self,
        specifier: &str,
        from_dir: &Path,
    ) -> Result<Resolved, ResolveError> {
        self.resolve_import_as(specifier, from_dir, false)
    }

    /// [`Resolver::resolve_import`] from the module `from_file`: a
    /// TypeScript or JSX importer may leave out extensions and import
    /// directories (their `index`), as TypeScript's bundler resolution does.
    pub fn resolve_import_from(
        &self,
        specifier: &str,
        from_file: &Path,
    ) -> Result<Resolved, ResolveError> {
        let from_dir = from_file.parent().unwrap_or(Path::new("/"));
        let lenient = crate::transpile::Lang::of(from_file).is_some();
        self.resolve_import_as(specifier, from_dir, lenient)
    }

    fn resolve_import_as(
        &self,
        specifier: &str,
        from_dir: &Path,
        lenient: bool,
    ) -> Result<Resolved, ResolveError> {
        let from_dir = normalize(from_dir);
        if let Some(builtin) = self.builtin(specifier, &from_dir) {
            return builtin;
        }
        if specifier.is_empty() {
            return Err(ResolveError::NotFound {
                specifier: specifier.to_string(),
            });
        }
        if specifier.starts_with("file:") {
            let path = file_url_path(specifier)?;
            return self.exact_file(specifier, &path);
        }
        if exports::has_url_scheme(specifier) {
            let scheme = &specifier[..specifier.find(':').unwrap_or(0) + 1];
            return Err(ResolveError::NotFoundNote {
                specifier: specifier.to_string(),
                note: format!(
                    "the URL scheme '{scheme}' is not supported: import file: URLs, kode: and node: builtins, paths or packages"
                ),
            });
        }
        if is_esm_relative(specifier) {
            let path = url_path(specifier)?;
            let path = normalize(&from_dir.join(path));
            if lenient {
                let dir_only = is_dir_only(specifier);
                if let Some(found) = self.load_path(&path, dir_only, specifier)? {
                    return Ok(Resolved::File(found));
                }
            }
            return self.exact_file(specifier, &path);
        }
        if specifier.starts_with('#') {
            return match self.package_imports(specifier, &from_dir, Mode::Import)? {
                Some(resolved) => Ok(resolved),
                None => unreachable!("import mode reports a missing \"imports\" field"),
            };
        }
        if let Some(path) = self.tsconfig_paths(specifier, &from_dir) {
            return Ok(Resolved::File(path));
        }
        let found = self.import_package(specifier, &from_dir);
        self.explain_node_name(specifier, found)
    }

    /// The nearest `package.json`'s `"type"` for a module in `dir`, if it
    /// has one (an unreadable or invalid `package.json` counts as none).
    pub fn package_type(&self, dir: &Path) -> Option<PackageType> {
        let (_, pkg) = self.package_scope(&normalize(dir), "").ok()??;
        pkg.package_type
    }

    /// `kode:NAME` and `node:NAME` from anywhere; a bare Node builtin name
    /// (`fs`) only from inside `node_modules`, where packages written for
    /// Node expect it (SPEC §5). `None`: not a builtin specifier.
    fn builtin(&self, specifier: &str, from_dir: &Path) -> Option<Result<Resolved, ResolveError>> {
        if !specifier.starts_with("kode:") && !specifier.starts_with("node:") {
            let node_name = self.node_name(specifier)?;
            return in_node_modules(from_dir).then(|| Ok(Resolved::Builtin(node_name.to_string())));
        }
        Some(if self.builtins.contains(&specifier) {
            Ok(Resolved::Builtin(specifier.to_string()))
        } else {
            Err(ResolveError::UnknownBuiltin {
                specifier: specifier.to_string(),
                known: self.builtins,
            })
        })
    }

    /// `node:NAME` when `name` is a Node builtin Kode provides.
    fn node_name(&self, name: &str) -> Option<&'static str> {
        self.builtins
            .iter()
            .find(|builtin| builtin.strip_prefix("node:") == Some(name))
            .copied()
    }

    /// A bare Node builtin name that found no package, from the
    /// application's own code: say how to reach the builtin.
    fn explain_node_name(
        &self,
        specifier: &str,
        found: Result<Resolved, ResolveError>,
    ) -> Result<Resolved, ResolveError> {
        match found {
            Err(ResolveError::NotFound { specifier: s }) if self.node_name(specifier).is_some() => {
                Err(ResolveError::NotFoundNote {
                    note: format!(
                        "'{s}' is a Node builtin: packages in node_modules get it by that name, the application's own code names it 'node:{s}'"
                    ),
                    specifier: s,
                })
            }
            other => other,
        }
    }

    /// A bare `require`: the package itself (self-reference), else `node_modules`.
    fn require_package(&self, specifier: &str, from_dir: &Path) -> Result<Resolved, ResolveError> {
        if let Some(resolved) = self.self_reference(specifier, from_dir, Mode::Require)? {
            return Ok(resolved);
        }
        self.load_node_modules(specifier, from_dir, is_dir_only(specifier))
    }

    /// PACKAGE_RESOLVE: a bare `import`. The first `node_modules/NAME`
    /// directory (nearest first) decides: its `"exports"`, else its
    /// `"main"` (for the package itself) or the exact subpath file.
    fn import_package(&self, specifier: &str, from_dir: &Path) -> Result<Resolved, ResolveError> {
        let invalid = |reason: &str| ResolveError::InvalidSpecifier {
            specifier: specifier.to_string(),
            reason: reason.to_string(),
        };
        // Node's parsePackageName: a scope needs a name after it.
        let Some((name, rest)) = split_package_name(specifier)
            .filter(|(name, _)| !name.starts_with('@') || name.contains('/'))
        else {
            return Err(invalid("not a valid package name"));
        };
        if rest.ends_with('/') {
            return Err(invalid("a package subpath cannot end with '/'"));
        }
        if let Some(resolved) = self.self_reference(specifier, from_dir, Mode::Import)? {
            return Ok(resolved);
        }
        for modules in node_modules_paths(from_dir) {
            let package_dir = modules.join(name);
            if self.fs.kind(&package_dir) != Some(EntryKind::Dir) {
                continue;
            }
            let pkg = self.package_json(&package_dir.join("package.json"), specifier)?;
            if let Some(exports) = pkg.as_ref().and_then(|pkg| pkg.exports.as_ref()) {
                let subpath = format!(".{rest}");
                return self.load_exports(specifier, &package_dir, exports, &subpath, Mode::Import);
            }
            if rest.is_empty() {
                let main = pkg.as_ref().and_then(|pkg| pkg.main.as_deref());
                return self.legacy_main(specifier, &package_dir, main);
            }
            let path = url_path(&format!(".{rest}"))?;
            return self.exact_file(specifier, &normalize(&package_dir.join(path)));
        }
        Err(ResolveError::NotFound {
            specifier: specifier.to_string(),
        })
    }

    /// Node's legacyMainResolve for `import "pkg"` of a package without
    /// `"exports"`: `"main"` as written, with `.js`/`.json`, or its
    /// `index.js`/`index.json`; then the package's own `index.js`/`index.json`.
    fn legacy_main(
        &self,
        specifier: &str,
        package_dir: &Path,
        main: Option<&str>,
    ) -> Result<Resolved, ResolveError> {
        let mut candidates = Vec::new();
        if let Some(main) = main {
            let main = normalize(&package_dir.join(main));
            for suffix in ["", ".js", ".json", "/index.js", "/index.json"] {
                candidates.push(with_suffix(&main, suffix));
            }
        }
        candidates.push(package_dir.join("index.js"));
        candidates.push(package_dir.join("index.json"));
        match candidates
            .into_iter()
            .find(|path| self.fs.kind(path) == Some(EntryKind::File))
        {
            Some(path) => Ok(Resolved::File(path)),
            None => Err(ResolveError::NotFound {
                specifier: specifier.to_string(),
            }),
        }
    }

    /// An `import` of a path: it must be a file. A directory, or a path that
    /// `require` would have completed, gets a note naming what to write.
    fn exact_file(&self, specifier: &str, path: &Path) -> Result<Resolved, ResolveError> {
        let kind = self.fs.kind(path);
        // A URL path ending in `/` (or `.`, `..`) names a directory, never a file.
        let written = &specifier[..specifier.find(['?', '#']).unwrap_or(specifier.len())];
        if kind == Some(EntryKind::File) && !is_dir_only(written) {
            return Ok(Resolved::File(path.to_path_buf()));
        }
        if kind.is_none() {
            if let Some(ts) = self.typescript_twin(path) {
                return Ok(Resolved::File(ts));
            }
        }
        if kind == Some(EntryKind::File) {
            return Err(ResolveError::NotFound {
                specifier: specifier.to_string(),
            });
        }
        let is_dir = kind == Some(EntryKind::Dir);
        let guess = self
            .load_path(path, false, specifier)
            .ok()
            .flatten()
            .map(|found| suggestion(specifier, path, &found));
        let note = match (is_dir, guess) {
            (true, Some(guess)) => {
                format!("a directory cannot be imported: did you mean '{guess}'?")
            }
            (true, None) => "a directory cannot be imported".to_string(),
            (false, Some(guess)) => {
                format!("an import names the file exactly: did you mean '{guess}'?")
            }
            (false, None) => {
                return Err(ResolveError::NotFound {
                    specifier: specifier.to_string(),
                })
            }
        };
        Err(ResolveError::NotFoundNote {
            specifier: specifier.to_string(),
            note,
        })
    }

    /// PACKAGE_SELF_RESOLVE: `NAME` or `NAME/sub` from inside the package
    /// whose nearest `package.json` has that `"name"` and an `"exports"`.
    fn self_reference(
        &self,
        specifier: &str,
        from_dir: &Path,
        mode: Mode,
    ) -> Result<Option<Resolved>, ResolveError> {
        // An unreadable scope package.json just means no self-reference
        // (a plain `require` never read it before).
        let Ok(Some((package_dir, pkg))) = self.package_scope(from_dir, specifier) else {
            return Ok(None);
        };
        let (Some(name), Some(exports)) = (&pkg.name, &pkg.exports) else {
            return Ok(None);
        };
        let rest = match specifier.strip_prefix(name.as_str()) {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
            _ => return Ok(None),
        };
        let subpath = format!(".{rest}");
        self.load_exports(specifier, &package_dir, exports, &subpath, mode)
            .map(Some)
    }

    /// PACKAGE_IMPORTS_RESOLVE for `#name` through the nearest package.json.
    /// `Ok(None)` only in require mode when that package.json has no
    /// `"imports"` (or there is none): the caller falls back.
    fn package_imports(
        &self,
        specifier: &str,
        from_dir: &Path,
        mode: Mode,
    ) -> Result<Option<Resolved>, ResolveError> {
        let scope = self.package_scope(from_dir, specifier)?;
        let imports = scope
            .as_ref()
            .and_then(|(dir, pkg)| Some((dir, pkg.imports.as_ref()?)));
        let Some((package_dir, imports)) = imports else {
            return match mode {
                Mode::Require => Ok(None),
                Mode::Import => Err(ResolveError::ImportNotDefined {
                    specifier: specifier.to_string(),
                    package_json: scope.map(|(dir, _)| dir.join("package.json")),
                }),
            };
        };
        let package_json = package_dir.join("package.json");
        if specifier == "#" || specifier.starts_with("#/") || specifier.ends_with('/') {
            return Err(ResolveError::InvalidSpecifier {
                specifier: specifier.to_string(),
                reason: "is not a valid internal imports specifier name".to_string(),
            });
        }
        let found = exports::package_imports_resolve(imports, specifier, mode.conditions())
            .map_err(|err| match err {
                ExportsError::NotExported | ExportsError::InvalidSubpath => {
                    ResolveError::ImportNotDefined {
                        specifier: specifier.to_string(),
                        package_json: Some(package_json.clone()),
                    }
                }
                err => self.exports_error(err, specifier, &package_json, "imports"),
            })?;
        match found {
            Found::Path(target) => self.target_file(specifier, package_dir, &target).map(Some),
            Found::Bare(target) => {
                let resolved = match (self.builtin(&target, package_dir), mode) {
                    (Some(builtin), _) => builtin,
                    (None, Mode::Require) => self.require_package(&target, package_dir),
                    (None, Mode::Import) => self.import_package(&target, package_dir),
                };
                // Report the `#name` the program wrote, not the mapped name.
                resolved.map(Some).map_err(|err| match err {
                    ResolveError::NotFound { .. } => ResolveError::NotFoundNote {
                        specifier: specifier.to_string(),
                        note: format!("mapped to '{target}' by {}", package_json.display()),
                    },
                    err => err,
                })
            }
        }
    }

    /// The package scope of `dir`: the nearest directory, `dir` or above,
    /// holding a `package.json`, never looking past a `node_modules` directory.
    fn package_scope(
        &self,
        dir: &Path,
        specifier: &str,
    ) -> Result<Option<(PathBuf, Rc<PackageJson>)>, ResolveError> {
        let cached = self.scopes.borrow().get(dir).cloned();
        let scope = match cached {
            Some(scope) => scope,
            None => {
                let mut visited = Vec::new();
                let mut scope = None;
                for ancestor in dir.ancestors() {
                    if ancestor
                        .file_name()
                        .is_some_and(|name| name == "node_modules")
                    {
                        break;
                    }
                    if let Some(known) = self.scopes.borrow().get(ancestor) {
                        scope = known.clone();
                        break;
                    }
                    visited.push(ancestor.to_path_buf());
                    if self.fs.kind(&ancestor.join("package.json")) == Some(EntryKind::File) {
                        scope = Some(ancestor.to_path_buf());
                        break;
                    }
                }
                let mut scopes = self.scopes.borrow_mut();
                for visited in visited {
                    scopes.insert(visited, scope.clone());
                }
                scope
            }
        };
        let Some(scope) = scope else {
            return Ok(None);
        };
        let pkg = self.package_json(&scope.join("package.json"), specifier)?;
        Ok(pkg.map(|pkg| (scope, pkg)))
    }

    /// LOAD_NODE_MODULES: the first `node_modules` (nearest first) that has
    /// the package wins. A package with `"exports"` ends the search, right or
    /// wrong; without, a miss moves on to the parent directory.
    fn load_node_modules(
        &self,
        specifier: &str,
        from_dir: &Path,
        dir_only: bool,
    ) -> Result<Resolved, ResolveError> {
        let package = split_package_name(specifier);
        for modules in node_modules_paths(from_dir) {
            if self.fs.kind(&modules) != Some(EntryKind::Dir) {
                continue;
            }
            if let Some((name, rest)) = package {
                let package_dir = modules.join(name);
                let package_json = package_dir.join("package.json");
                if let Some(pkg) = self.package_json(&package_json, specifier)? {
                    if let Some(exports) = &pkg.exports {
                        let subpath = format!(".{rest}");
                        return self.load_exports(
                            specifier,
                            &package_dir,
                            exports,
                            &subpath,
                            Mode::Require,
                        );
                    }
                }
            }
            let base = normalize(&modules.join(specifier));
            if let Some(path) = self.load_path(&base, dir_only, specifier)? {
                return Ok(Resolved::File(path));
            }
        }
        Err(ResolveError::NotFound {
            specifier: specifier.to_string(),
        })
    }

    /// PACKAGE_EXPORTS_RESOLVE, then RESOLVE_ESM_MATCH: the target must be an
    /// existing file as written (no extension or index probing).
    fn load_exports(
        &self,
        specifier: &str,
        package_dir: &Path,
        exports: &Value,
        subpath: &str,
        mode: Mode,
    ) -> Result<Resolved, ResolveError> {
        let package_json = package_dir.join("package.json");
        let target = exports::package_exports_resolve(exports, subpath, mode.conditions())
            .map_err(|err| match err {
                // A `*` match escaping its pattern (e.g. `pkg/feat/../x`) is
                // reported as not exported: it names no exported subpath.
                ExportsError::NotExported | ExportsError::InvalidSubpath => {
                    ResolveError::NotExported {
                        specifier: specifier.to_string(),
                        package_json: package_json.clone(),
                        subpath: subpath.to_string(),
                    }
                }
                err => self.exports_error(err, specifier, &package_json, "exports"),
            })?;
        self.target_file(specifier, package_dir, &target)
    }

    fn exports_error(
        &self,
        err: ExportsError,
        specifier: &str,
        package_json: &Path,
        field: &'static str,
    ) -> ResolveError {
        match err {
            ExportsError::InvalidTarget(target) => ResolveError::InvalidTarget {
                specifier: specifier.to_string(),
                package_json: package_json.to_path_buf(),
                target,
                field,
            },
            ExportsError::InvalidConfig(message) => ResolveError::InvalidPackageJson {
                specifier: specifier.to_string(),
                path: package_json.to_path_buf(),
                message,
            },
            ExportsError::NotExported | ExportsError::InvalidSubpath => ResolveError::NotFound {
                specifier: specifier.to_string(),
            },
        }
    }

    /// A matched `./…` target: an existing file exactly as written.
    fn target_file(
        &self,
        specifier: &str,
        package_dir: &Path,
        target: &str,
    ) -> Result<Resolved, ResolveError> {
        // Node turns the target URL into a path with fileURLToPath: escapes
        // are decoded, and encoded separators are refused.
        let lower = target.to_ascii_lowercase();
        if !lower.contains("%2f") && !lower.contains("%5c") {
            let path = normalize(&package_dir.join(exports::percent_decode(target)));
            if self.fs.kind(&path) == Some(EntryKind::File) {
                return Ok(Resolved::File(path));
            }
        }
        Err(ResolveError::NotFound {
            specifier: specifier.to_string(),
        })
    }

    /// LOAD_AS_FILE then LOAD_AS_DIRECTORY on an already normalised path.
    fn load_path(
        &self,
        base: &Path,
        dir_only: bool,
        specifier: &str,
    ) -> Result<Option<PathBuf>, ResolveError> {
        if !dir_only {
            if let Some(path) = self.load_as_file(base) {
                return Ok(Some(path));
            }
        }
        if self.fs.kind(base) != Some(EntryKind::Dir) {
            return Ok(None);
        }
        self.load_as_directory(base, specifier)
    }

    fn load_as_file(&self, base: &Path) -> Option<PathBuf> {
        ["", ".js", ".json", ".cjs", ".ts", ".tsx", ".cts"]
            .iter()
            .map(|ext| with_suffix(base, ext))
            .find(|path| self.fs.kind(path) == Some(EntryKind::File))
            .or_else(|| self.typescript_twin(base))
    }

    /// `x.ts` for a missing `x.js` (`.mjs` → `.mts`, `.cjs` → `.cts`,
    /// `.jsx` → `.tsx`): TypeScript sources import the names of their output.
    fn typescript_twin(&self, path: &Path) -> Option<PathBuf> {
        let twins: &[&str] = match path.extension()?.to_str()? {
            "js" => &["ts", "tsx"],
            "mjs" => &["mts"],
            "cjs" => &["cts"],
            "jsx" => &["tsx"],
            _ => return None,
        };
        twins
            .iter()
            .map(|ext| path.with_extension(ext))
            .find(|twin| self.fs.kind(twin) == Some(EntryKind::File))
    }

    fn load_index(&self, dir: &Path) -> Option<PathBuf> {
        ["index.js", "index.json", "index.ts", "index.tsx"]
            .iter()
            .map(|name| dir.join(name))
            .find(|path| self.fs.kind(path) == Some(EntryKind::File))
    }

    /// `"main"` as a file, then as a directory, then the package's own index
    /// (Node's deprecated fallback). If `"main"` is set and even the index is
    /// missing, Node throws instead of searching further; so do we.
    fn load_as_directory(
        &self,
        dir: &Path,
        specifier: &str,
    ) -> Result<Option<PathBuf>, ResolveError> {
        let pkg = self.package_json(&dir.join("package.json"), specifier)?;
        let Some(main) = pkg.as_ref().and_then(|pkg| pkg.main.as_deref()) else {
            return Ok(self.load_index(dir));
        };
        let main = normalize(&dir.join(main));
        let found = self
            .load_as_file(&main)
            .or_else(|| self.load_index(&main))
            .or_else(|| self.load_index(dir));
        match found {
            Some(path) => Ok(Some(path)),
            None => Err(ResolveError::NotFound {
                specifier: specifier.to_string(),
            }),
        }
    }

    /// Parses `path` if it is a file; `Ok(None)` when there is none.
    fn package_json(
        &self,
        path: &Path,
        specifier: &str,
    ) -> Result<Option<Rc<PackageJson>>, ResolveError> {
        let cached = self.packages.borrow().get(path).cloned();
        if cached.is_none() && self.fs.kind(path) != Some(EntryKind::File) {
            return Ok(None);
        }
        let parsed = cached.unwrap_or_else(|| {
            let parsed = self.parse_package_json(path).map(Rc::new);
            self.packages
                .borrow_mut()
                .insert(path.to_path_buf(), parsed.clone());
            parsed
        });
        parsed
            .map(Some)
            .map_err(|message| ResolveError::InvalidPackageJson {
                specifier: specifier.to_string(),
                path: path.to_path_buf(),
                message,
            })
    }

    fn parse_package_json(&self, path: &Path) -> Result<PackageJson, String> {
        let text = self
            .fs
            .read_to_string(path)
            .map_err(|err| err.to_string())?;
        let value: Value = serde_json::from_str(&text).map_err(|err| err.to_string())?;
        let main = match value.get("main") {
            Some(Value::String(main)) if !main.is_empty() => Some(main.clone()),
            _ => None,
        };
        let field = |name: &str| value.get(name).filter(|v| !v.is_null()).cloned();
        let package_type = match value.get("type") {
            Some(Value::String(kind)) if kind == "module" => Some(PackageType::Module),
            Some(Value::String(kind)) if kind == "commonjs" => Some(PackageType::CommonJs),
            _ => None,
        };
        Ok(PackageJson {
            name: value.get("name").and_then(Value::as_str).map(String::from),
            main,
            exports: field("exports"),
            imports: field("imports"),
            package_type,
        })
    }
}

/// Lexical normalisation of an absolute path: removes `.`, resolves `..`
/// (never above `/`), collapses separators. No filesystem access, so
/// symlinks are kept as written. A relative path keeps its leading `..`s.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => out.push(component.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir) | Some(Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            Component::Normal(name) => out.push(name),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// ESM's test for a path specifier: `/…`, `./…`, `../…`, `.` and `..`.
fn is_esm_relative(specifier: &str) -> bool {
    matches!(specifier, "." | "..")
        || specifier.starts_with('/')
        || specifier.starts_with("./")
        || specifier.starts_with("../")
}

/// The file path a relative URL (an import specifier, a package subpath)
/// names: `?query` and `#fragment` dropped, `%XX` decoded; an encoded `/` or
/// `\` is refused, as Node's fileURLToPath does.
fn url_path(specifier: &str) -> Result<String, ResolveError> {
    let end = specifier.find(['?', '#']).unwrap_or(specifier.len());
    let path = &specifier[..end];
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") {
        return Err(ResolveError::InvalidSpecifier {
            specifier: specifier.to_string(),
            reason: "must not include encoded '/' or '\\' characters".to_string(),
        });
    }
    Ok(exports::percent_decode(path))
}

/// The absolute path of a `file:` URL: `file:///abs`, `file://localhost/abs`
/// or `file:/abs`, decoded and normalised.
fn file_url_path(url: &str) -> Result<PathBuf, ResolveError> {
    let rest = &url["file:".len()..];
    let rest = match rest.strip_prefix("//") {
        Some(after) => {
            let host_end = after.find(['/', '?', '#']).unwrap_or(after.len());
            let host = &after[..host_end];
            if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
                return Err(ResolveError::InvalidSpecifier {
                    specifier: url.to_string(),
                    reason: format!("a file: URL host must be empty or 'localhost', not '{host}'"),
                });
            }
            &after[host_end..]
        }
        None => rest,
    };
    let path = url_path(rest).map_err(|_| ResolveError::InvalidSpecifier {
        specifier: url.to_string(),
        reason: "a file: URL path must not include encoded '/' or '\\' characters".to_string(),
    })?;
    Ok(normalize(&Path::new("/").join(path)))
}

/// What to suggest for `specifier` (which named `base`) when `found` is the
/// file `require` would have taken: the specifier with the missing part added.
fn suggestion(specifier: &str, base: &Path, found: &Path) -> String {
    let written = &specifier[..specifier.find(['?', '#']).unwrap_or(specifier.len())];
    match found
        .to_str()
        .zip(base.to_str())
        .and_then(|(found, base)| found.strip_prefix(base))
    {
        Some(added) => format!("{}{added}", written.trim_end_matches('/')),
        None => found.display().to_string(),
    }
}

/// Node's test for a path specifier: `/…`, `.`, `..`, `./…`, `../…`, and
/// (Node quirk, kept) anything starting with `..`.
/// The known builtins of `specifier`'s scheme (`kode:` or `node:`), for a message.
fn same_scheme(specifier: &str, known: &[&str]) -> String {
    let scheme = &specifier[..specifier.find(':').map_or(0, |i| i + 1)];
    let names: Vec<&str> = known
        .iter()
        .copied()
        .filter(|k| k.starts_with(scheme))
        .collect();
    names.join(", ")
}

/// Whether a module in `dir` belongs to a package under `node_modules`.
pub fn in_node_modules(dir: &Path) -> bool {
    dir.components().any(|c| c.as_os_str() == "node_modules")
}

fn is_path_like(specifier: &str) -> bool {
    matches!(
        specifier.as_bytes(),
        [b'/', ..] | [b'.'] | [b'.', b'.' | b'/', ..]
    )
}

/// Node skips the file step when the specifier names a directory: a
/// trailing `/`, or a last segment of `.` or `..`.
fn is_dir_only(specifier: &str) -> bool {
    let last = specifier.rsplit('/').next().unwrap_or(specifier);
    specifier.ends_with('/') || last == "." || last == ".."
}

/// Splits `pkg/sub` or `@scope/pkg/sub` into the package name and the rest
/// (`""` or `/sub…`), as Node's EXPORTS_PATTERN
/// `^((?:@[^/\\%]+/)?[^./\\%][^/\\%]*)(/.*)?$` does; None if no match.
fn split_package_name(specifier: &str) -> Option<(&str, &str)> {
    if let Some((scope, rest)) = specifier.strip_prefix('@').and_then(|s| s.split_once('/')) {
        if !scope.is_empty() && !scope.contains(['\\', '%']) {
            if let Some((name, rest)) = split_unscoped(rest) {
                let name_len = 1 + scope.len() + 1 + name.len();
                return Some((&specifier[..name_len], rest));
            }
        }
    }
    split_unscoped(specifier)
}

fn split_unscoped(specifier: &str) -> Option<(&str, &str)> {
    let (name, rest) = specifier.split_at(specifier.find('/').unwrap_or(specifier.len()));
    let valid = !name.is_empty() && !name.starts_with('.') && !name.contains(['\\', '%']);
    valid.then_some((name, rest))
}

/// NODE_MODULES_PATHS: `D/node_modules` for `dir` and each parent, nearest
/// first, skipping directories that are themselves named `node_modules`.
fn node_modules_paths(dir: &Path) -> Vec<PathBuf> {
    dir.ancestors()
        .filter(|d| d.file_name().is_none_or(|name| name != "node_modules"))
        .map(|d| d.join("node_modules"))
        .collect()
}

/// `base` with `suffix` appended to its last component (`a/b` -> `a/b.js`).
fn with_suffix(base: &Path, suffix: &str) -> PathBuf {
    let mut path = OsString::from(base.as_os_str());
    path.push(suffix);
    PathBuf::from(path)
}
