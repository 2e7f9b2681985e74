//! CommonJS resolution of `require(specifier)` (SPEC §2): Node's `require`
//! algorithm (modules.md, "All together") over a [`Fs`], POSIX paths only.
//!
//! Deliberate choices:
//! - Result paths are normalised *lexically* ([`normalize`]); symlinks are
//!   not resolved (Node would realpath them). The module cache keys on these
//!   paths, so a file reached through two symlinked paths loads twice; in
//!   exchange resolution never depends on `readlink` and a bundle records the
//!   paths the user sees.
//! - File extensions probed are `.js`, `.json`, `.cjs`; directory indexes are
//!   `index.js`, `index.json`. There are no native addons.
//! - Package self-reference and `"imports"` (`#name`) are not supported: a
//!   `#name` specifier is looked up like any bare name.

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
use exports::ExportsError;

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
    #[error("Unknown builtin module '{specifier}' (known: {})", known.join(", "))]
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
    #[error("Invalid package config {}: {message}", path.display())]
    InvalidPackageJson {
        specifier: String,
        path: PathBuf,
        message: String,
    },
    #[error(
        "Invalid \"exports\" target \"{target}\" defined in {} (must start with \"./\" and stay inside the package)",
        package_json.display()
    )]
    InvalidTarget {
        specifier: String,
        package_json: PathBuf,
        target: String,
    },
}

impl ResolveError {
    /// The stable JavaScript `code` (SPEC §5).
    pub fn code(&self) -> &'static str {
        crate::codes::EMODULE_NOT_FOUND
    }

    /// The specifier as it was passed to `require`.
    pub fn specifier(&self) -> &str {
        match self {
            ResolveError::NotFound { specifier }
            | ResolveError::UnknownBuiltin { specifier, .. }
            | ResolveError::NotExported { specifier, .. }
            | ResolveError::InvalidPackageJson { specifier, .. }
            | ResolveError::InvalidTarget { specifier, .. } => specifier,
        }
    }

    /// The `package.json` whose contents made resolution fail, if one did.
    pub fn package_json(&self) -> Option<&Path> {
        match self {
            ResolveError::NotFound { .. } | ResolveError::UnknownBuiltin { .. } => None,
            ResolveError::NotExported { package_json, .. }
            | ResolveError::InvalidTarget { package_json, .. } => Some(package_json),
            ResolveError::InvalidPackageJson { path, .. } => Some(path),
        }
    }
}

/// The fields of a `package.json` that resolution reads.
#[derive(Debug)]
struct PackageJson {
    /// `"main"` when it is a non-empty string (Node ignores anything else).
    main: Option<String>,
    /// `"exports"` unless absent or `null`.
    exports: Option<Value>,
}

/// Resolves specifiers against a file system. Parsed `package.json` files are
/// cached (also failures), so one resolver should live for one walk or run.
pub struct Resolver<'a> {
    fs: &'a dyn Fs,
    builtins: &'static [&'static str],
    packages: RefCell<HashMap<PathBuf, Result<Rc<PackageJson>, String>>>,
}

impl<'a> Resolver<'a> {
    /// `builtins` are the `kode:` specifiers to accept (`"kode:fs"`, ...):
    /// the runtime declares them (`kode_runtime::builtin_names`).
    pub fn new(fs: &'a dyn Fs, builtins: &'static [&'static str]) -> Self {
        Resolver {
            fs,
            builtins,
            packages: RefCell::new(HashMap::new()),
        }
    }

    /// `from_dir` is the absolute directory of the requiring module.
    pub fn resolve(&self, specifier: &str, from_dir: &Path) -> Result<Resolved, ResolveError> {
        let not_found = || ResolveError::NotFound {
            specifier: specifier.to_string(),
        };
        if specifier.starts_with("kode:") {
            return if self.builtins.contains(&specifier) {
                Ok(Resolved::Builtin(specifier.to_string()))
            } else {
                Err(ResolveError::UnknownBuiltin {
                    specifier: specifier.to_string(),
                    known: self.builtins,
                })
            };
        }
        // Node's own builtins are deliberately not provided (SPEC §2).
        if specifier.is_empty() || specifier.starts_with("node:") {
            return Err(not_found());
        }
        let from_dir = normalize(from_dir);
        let dir_only = is_dir_only(specifier);
        if is_path_like(specifier) {
            let base = normalize(&from_dir.join(specifier));
            return match self.load_path(&base, dir_only, specifier)? {
                Some(path) => Ok(Resolved::File(path)),
                None => Err(not_found()),
            };
        }
        self.load_node_modules(specifier, &from_dir, dir_only)
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
                        return self.load_exports(specifier, &package_dir, exports, &subpath);
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
    ) -> Result<Resolved, ResolveError> {
        let package_json = package_dir.join("package.json");
        let target =
            exports::package_exports_resolve(exports, subpath).map_err(|err| match err {
                // A `*` match escaping its pattern (e.g. `pkg/feat/../x`) is
                // reported as not exported: it names no exported subpath.
                ExportsError::NotExported | ExportsError::InvalidSubpath => {
                    ResolveError::NotExported {
                        specifier: specifier.to_string(),
                        package_json: package_json.clone(),
                        subpath: subpath.to_string(),
                    }
                }
                ExportsError::InvalidTarget(target) => ResolveError::InvalidTarget {
                    specifier: specifier.to_string(),
                    package_json: package_json.clone(),
                    target,
                },
                ExportsError::InvalidConfig(message) => ResolveError::InvalidPackageJson {
                    specifier: specifier.to_string(),
                    path: package_json.clone(),
                    message,
                },
            })?;
        // Node turns the target URL into a path with fileURLToPath: escapes
        // are decoded, and encoded separators are refused.
        let lower = target.to_ascii_lowercase();
        if !lower.contains("%2f") && !lower.contains("%5c") {
            let path = normalize(&package_dir.join(exports::percent_decode(&target)));
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
        ["", ".js", ".json", ".cjs"]
            .iter()
            .map(|ext| with_suffix(base, ext))
            .find(|path| self.fs.kind(path) == Some(EntryKind::File))
    }

    fn load_index(&self, dir: &Path) -> Option<PathBuf> {
        ["index.js", "index.json"]
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
        if self.fs.kind(path) != Some(EntryKind::File) {
            return Ok(None);
        }
        let cached = self.packages.borrow().get(path).cloned();
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
        let exports = value.get("exports").filter(|v| !v.is_null()).cloned();
        Ok(PackageJson { main, exports })
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

/// Node's test for a path specifier: `/…`, `.`, `..`, `./…`, `../…`, and
/// (Node quirk, kept) anything starting with `..`.
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
