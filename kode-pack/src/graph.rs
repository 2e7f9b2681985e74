//! The graph walk: from the entry, parse each module, collect its requires,
//! resolve them with the runtime's resolver, and repeat until closed. Every
//! problem in the whole graph is collected before the walk fails.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::{Path, PathBuf};

use crate::deps::{self, Dependency};
use crate::diagnostics::{codes, Diagnostic, Severity};
use crate::fs::{io_code, io_detail, EntryKind, Fs};
use crate::json;
use crate::kpk::{self, ModuleKind};
use crate::parse;
use crate::resolve::{normalize, ResolveError, Resolved, Resolver};

#[derive(Debug)]
pub struct GraphModule {
    pub path: PathBuf,
    /// Path relative to the root, `/`-separated.
    pub rel: String,
    pub kind: ModuleKind,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edge {
    Module(usize),
    Builtin(String),
    /// Unresolvable but tolerated (inside `try`, or a bare name): fails at run time.
    Missing,
}

#[derive(Debug)]
pub struct Graph {
    pub root: PathBuf,
    /// Sorted by `rel`.
    pub modules: Vec<GraphModule>,
    pub entry: usize,
    /// `(from, specifier) → edge`, sorted.
    pub edges: Vec<(usize, String, Edge)>,
    pub warnings: Vec<Diagnostic>,
}

pub struct WalkOptions {
    /// Absolute path of the entry module.
    pub entry: PathBuf,
    pub root: Option<PathBuf>,
    /// The `kode:` builtins a module may require (the runtime's list).
    pub builtins: &'static [&'static str],
}

/// The default root: the nearest ancestor of `dir` holding a `package.json`, else `dir`.
pub fn default_root(fs: &dyn Fs, dir: &Path) -> PathBuf {
    dir.ancestors()
        .find(|d| fs.kind(&d.join("package.json")) == Some(EntryKind::File))
        .unwrap_or(dir)
        .to_path_buf()
}

/// Walks the graph. `Err` holds every diagnostic (errors and warnings) when any is an error.
pub fn walk(
    fs: &dyn Fs,
    options: &WalkOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<Graph, Vec<Diagnostic>> {
    parse::with_globals(|| Walk::new(fs, options).run(progress))
}

struct Walk<'a> {
    fs: &'a dyn Fs,
    resolver: Resolver<'a>,
    root: PathBuf,
    entry: PathBuf,
    seen: HashMap<PathBuf, ()>,
    queue: VecDeque<PathBuf>,
    loaded: Vec<(PathBuf, ModuleKind, String)>,
    /// By requiring file: specifier → resolved path, builtin, or missing.
    edges: BTreeMap<(PathBuf, String), Target>,
    diagnostics: Vec<Diagnostic>,
}

enum Target {
    File(PathBuf),
    Builtin(String),
    Missing,
}

impl<'a> Walk<'a> {
    fn new(fs: &'a dyn Fs, options: &WalkOptions) -> Self {
        let entry = normalize(&options.entry);
        let entry_dir = entry.parent().unwrap_or(Path::new("/")).to_path_buf();
        let root = match &options.root {
            Some(root) => normalize(root),
            None => default_root(fs, &entry_dir),
        };
        Walk {
            fs,
            resolver: Resolver::new(fs, options.builtins),
            root,
            entry,
            seen: HashMap::new(),
            queue: VecDeque::new(),
            loaded: Vec::new(),
            edges: BTreeMap::new(),
            diagnostics: Vec::new(),
        }
    }

    fn run(mut self, progress: &mut dyn FnMut(usize)) -> Result<Graph, Vec<Diagnostic>> {
        self.enqueue(self.entry.clone(), None);
        while let Some(path) = self.queue.pop_front() {
            self.visit(&path);
            progress(self.loaded.len());
        }
        if self
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
        {
            return Err(self.diagnostics);
        }
        Ok(self.finish())
    }

    /// Queues `path` once. A module outside the root, or one whose path a
    /// bundle cannot hold, is an error at the require that reached it.
    fn enqueue(&mut self, path: PathBuf, from: Option<(&Path, &Dependency)>) {
        if self.seen.contains_key(&path) {
            return;
        }
        self.seen.insert(path.clone(), ());
        let problem = match path.strip_prefix(&self.root) {
            Err(_) => Some((
                codes::EOUTSIDE_ROOT,
                format!(
                    "{} is outside the pack root {}",
                    path.display(),
                    self.root.display()
                ),
                "pass --root with a directory that contains every module",
            )),
            Ok(rel) => bundle_path(rel).err().map(|reason| {
                let message = format!(
                    "{} cannot be stored in a bundle: {reason}",
                    path.display()
                );
                let help = "`kode run` refuses bundles holding such a path; rename the file (or pick another --root)";
                (codes::EBUNDLE_PATH, message, help)
            }),
        };
        let Some((code, message, help)) = problem else {
            self.queue.push_back(path);
            return;
        };
        let diagnostic = match from {
            Some((file, dep)) => Diagnostic::error(code, message, file).at(dep.location.clone()),
            None => Diagnostic::error(code, message, &path),
        };
        self.diagnostics.push(diagnostic.help(help));
    }

    fn visit(&mut self, path: &Path) {
        let source = match self.fs.read_to_string(path) {
            Ok(source) => source,
            Err(err) => {
                let (code, message) = match err.kind() {
                    std::io::ErrorKind::InvalidData => (
                        codes::EINVALID_ENCODING,
                        "cannot read module: it is not UTF-8 text".to_string(),
                    ),
                    _ => (
                        io_code(&err),
                        format!("cannot read module: {}", io_detail(&err)),
                    ),
                };
                self.diagnostics
                    .push(Diagnostic::error(code, message, path));
                return;
            }
        };
        let kind = ModuleKind::of_path(path);
        match kind {
            ModuleKind::Json => self.check_json(path, &source),
            ModuleKind::CommonJs | ModuleKind::Esm => self.scan_js(path, &source),
        }
        self.loaded.push((path.to_path_buf(), kind, source));
    }

    /// JSON modules must parse at run time: checked with the grammar `JSON.parse` uses.
    fn check_json(&mut self, path: &Path, source: &str) {
        let text = source.strip_prefix('\u{feff}').unwrap_or(source);
        if let Err(err) = json::validate(text) {
            let before = &text[..err.offset];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[line_start..]
                .find('\n')
                .map_or(text.len(), |i| line_start + i);
            let location = parse::Location {
                line: before.matches('\n').count() as u32 + 1,
                column: before[line_start..].chars().count() as u32 + 1,
                width: 1,
                source_line: text[line_start..line_end]
                    .trim_end_matches('\r')
                    .to_string(),
            };
            let message = format!("invalid JSON: {}", err.message);
            self.diagnostics
                .push(Diagnostic::error(codes::EINVALID_JSON, message, path).at(location));
        }
    }

    fn scan_js(&mut self, path: &Path, source: &str) {
        let parsed = match parse::parse(&path.to_string_lossy(), source) {
            Ok(parsed) => parsed,
            Err(err) => {
                self.diagnostics
                    .push(Diagnostic::error(codes::ESYNTAX, err.message, path).at(err.location));
                return;
            }
        };
        let dir = path.parent().unwrap_or(Path::new("/")).to_path_buf();
        for dep in deps::collect(&parsed) {
            let Some(specifier) = dep.specifier.clone() else {
                let message = "require() with a computed argument: only modules already in the bundle can be reached at run time";
                self.diagnostics.push(
                    Diagnostic::warning(codes::EDYNAMIC_REQUIRE, message, path)
                        .at(dep.location.clone()),
                );
                continue;
            };
            let key = (path.to_path_buf(), specifier.clone());
            if let Some(known) = self.edges.get(&key) {
                // An earlier identical require tolerated a failure only because it sat in `try`.
                if !matches!(known, Target::Missing) || dep.in_try {
                    continue;
                }
            }
            let target = self.resolve(path, &dir, &specifier, &dep);
            if let Target::File(file) = &target {
                self.enqueue(file.clone(), Some((path, &dep)));
            }
            self.edges.insert(key, target);
        }
    }

    fn resolve(&mut self, path: &Path, dir: &Path, specifier: &str, dep: &Dependency) -> Target {
        let err = match self.resolver.resolve(specifier, dir) {
            Ok(Resolved::File(file)) => return Target::File(file),
            Ok(Resolved::Builtin(name)) => return Target::Builtin(name),
            Err(err) => err,
        };
        let bare = !is_path_like(specifier) && !matches!(err, ResolveError::UnknownBuiltin { .. });
        let message = err.to_string();
        let diagnostic =
            Diagnostic::error(codes::EMODULE_NOT_FOUND, message, path).at(dep.location.clone());
        let diagnostic = if dep.in_try {
            let mut d = diagnostic
                .help("the require sits in a `try` block: at run time it throws EMODULE_NOT_FOUND");
            d.severity = Severity::Warning;
            d
        } else if bare {
            let mut d = diagnostic
                .help("not in any node_modules: at run time this require throws EMODULE_NOT_FOUND");
            d.severity = Severity::Warning;
            d
        } else {
            diagnostic
        };
        self.diagnostics.push(diagnostic);
        Target::Missing
    }

    fn finish(self) -> Graph {
        let rel = |path: &Path| -> String {
            let rel = path.strip_prefix(&self.root).expect("checked by enqueue");
            bundle_path(rel).expect("checked by enqueue")
        };
        let mut modules: Vec<GraphModule> = self
            .loaded
            .into_iter()
            .map(|(path, kind, source)| GraphModule {
                rel: rel(&path),
                path,
                kind,
                source,
            })
            .collect();
        modules.sort_by(|a, b| a.rel.cmp(&b.rel));
        let index: HashMap<&Path, usize> = modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.path.as_path(), i))
            .collect();
        let mut edges: Vec<(usize, String, Edge)> = self
            .edges
            .into_iter()
            .map(|((from, specifier), target)| {
                let edge = match target {
                    Target::File(file) => Edge::Module(index[file.as_path()]),
                    Target::Builtin(name) => Edge::Builtin(name),
                    Target::Missing => Edge::Missing,
                };
                (index[from.as_path()], specifier, edge)
            })
            .collect();
        edges.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        let entry = index[self.entry.as_path()];
        Graph {
            root: self.root,
            modules,
            entry,
            edges,
            warnings: self.diagnostics,
        }
    }
}

/// A module's path inside the bundle, from its path relative to the root:
/// `/`-separated UTF-8 that the bundle reader accepts, or why not.
fn bundle_path(rel: &Path) -> Result<String, &'static str> {
    let mut segments = Vec::new();
    for component in rel.components() {
        let segment = component.as_os_str().to_str();
        segments.push(segment.ok_or("the file name is not UTF-8 (bundle paths are UTF-8 text)")?);
    }
    let path = segments.join("/");
    match kpk::module_path_problem(&path) {
        Some(problem) => Err(problem),
        None => Ok(path),
    }
}

fn is_path_like(specifier: &str) -> bool {
    specifier.starts_with("./")
        || specifier.starts_with("../")
        || specifier.starts_with('/')
        || specifier == "."
        || specifier == ".."
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::MemFs;

    fn walk_mem(fs: &MemFs, entry: &str) -> Result<Graph, Vec<Diagnostic>> {
        walk(
            fs,
            &WalkOptions {
                entry: PathBuf::from(entry),
                root: None,
                builtins: crate::TEST_BUILTINS,
            },
            &mut |_| {},
        )
    }

    #[test]
    fn cycles_close_and_order_is_by_path() {
        let fs = MemFs::new()
            .file("/app/package.json", "{}")
            .file("/app/src/main.js", "require('./b'); require('./a');")
            .file("/app/src/a.js", "require('./b'); require('kode:fs');")
            .file("/app/src/b.js", "require('./a'); require('../data.json');")
            .file("/app/data.json", "[1]");
        let graph = walk_mem(&fs, "/app/src/main.js").ok().unwrap();
        assert_eq!(graph.root, PathBuf::from("/app"));
        let rels: Vec<_> = graph.modules.iter().map(|m| m.rel.as_str()).collect();
        assert_eq!(rels, ["data.json", "src/a.js", "src/b.js", "src/main.js"]);
        assert_eq!(graph.entry, 3);
        assert_eq!(
            graph.edges,
            vec![
                (1, "./b".into(), Edge::Module(2)),
                (1, "kode:fs".into(), Edge::Builtin("kode:fs".into())),
                (2, "../data.json".into(), Edge::Module(0)),
                (2, "./a".into(), Edge::Module(1)),
                (3, "./a".into(), Edge::Module(1)),
                (3, "./b".into(), Edge::Module(2)),
            ]
        );
    }

    #[test]
    fn every_error_is_collected() {
        let fs = MemFs::new()
            .file(
                "/app/main.js",
                "require('./missing'); require('./bad'); require('./bad.json');",
            )
            .file("/app/bad.js", "let = ;")
            .file("/app/bad.json", "{ nope }");
        let diagnostics = walk_mem(&fs, "/app/main.js").err().unwrap();
        let codes: Vec<_> = diagnostics.iter().map(|d| (d.severity, d.code)).collect();
        assert_eq!(
            codes,
            vec![
                (Severity::Error, codes::EMODULE_NOT_FOUND),
                (Severity::Error, codes::ESYNTAX),
                (Severity::Error, codes::EINVALID_JSON),
            ]
        );
    }

    #[test]
    fn tolerated_failures_are_warnings_and_missing_edges() {
        let fs = MemFs::new().file(
            "/app/main.js",
            "try { require('./opt'); } catch {}\nrequire('fs');\nrequire(name);\n",
        );
        let graph = walk_mem(&fs, "/app/main.js").ok().unwrap();
        assert_eq!(
            graph.edges,
            vec![
                (0, "./opt".into(), Edge::Missing),
                (0, "fs".into(), Edge::Missing)
            ]
        );
        let codes: Vec<_> = graph.warnings.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                codes::EMODULE_NOT_FOUND,
                codes::EMODULE_NOT_FOUND,
                codes::EDYNAMIC_REQUIRE
            ]
        );
    }

    #[test]
    fn json_is_checked_as_json_parse_checks_it() {
        let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
        let fs = MemFs::new()
            .file(
                "/app/main.js",
                "require('./lone.json'); require('./huge.json'); require('./deep.json'); require('./bom.json');",
            )
            // serde_json refuses all three; JSON.parse accepts them.
            .file("/app/lone.json", r#"{ "s": "\ud800", "t": ["\udc00x"] }"#)
            .file("/app/huge.json", "[1e400, -1e400]")
            .file("/app/deep.json", deep)
            .file("/app/bom.json", "\u{feff}{}");
        let graph = walk_mem(&fs, "/app/main.js").ok().unwrap();
        assert_eq!(graph.modules.len(), 5);

        let fs = MemFs::new()
            .file("/app/main.js", "require('./bad.json');")
            .file("/app/bad.json", "{\n  \"a\": 1,\n  \"b\": [1, 2,]\n}\n");
        let diagnostics = walk_mem(&fs, "/app/main.js").err().unwrap();
        let location = diagnostics[0].location.as_ref().unwrap();
        assert_eq!(
            (
                diagnostics[0].message.as_str(),
                location.line,
                location.column
            ),
            ("invalid JSON: trailing comma before ']'", 3, 14)
        );
        assert_eq!(location.source_line, "  \"b\": [1, 2,]");
    }

    #[test]
    fn module_paths_follow_the_bundle_reader_rules() {
        // A backslash is an ordinary POSIX file-name character: it packs.
        let fs = MemFs::new()
            .file("/app/main.js", r"require('./we\\ird.js');")
            .file(r"/app/we\ird.js", "");
        let graph = walk_mem(&fs, "/app/main.js").ok().unwrap();
        let rels: Vec<_> = graph.modules.iter().map(|m| m.rel.as_str()).collect();
        assert_eq!(rels, ["main.js", r"we\ird.js"]);
        assert!(rels
            .iter()
            .all(|rel| kpk::module_path_problem(rel).is_none()));

        // A file name that is not UTF-8 has no bundle path.
        use std::os::unix::ffi::OsStrExt;
        let dir = Path::new("/app").join(std::ffi::OsStr::from_bytes(b"\xff\xfe"));
        let fs = MemFs::new()
            .file("/app/main.js", "require('./lib.js');")
            .file("/app/lib.js", "")
            .file(dir.join("main.js"), "require('../lib.js');");
        let entry = dir.join("main.js");
        let diagnostics = walk(
            &fs,
            &WalkOptions {
                entry: entry.clone(),
                root: Some("/app".into()),
                builtins: crate::TEST_BUILTINS,
            },
            &mut |_| {},
        )
        .err()
        .unwrap();
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, codes::EBUNDLE_PATH);
        assert_eq!(diagnostics[0].file, entry);
        assert!(diagnostics[0]
            .message
            .ends_with("the file name is not UTF-8 (bundle paths are UTF-8 text)"));

        // A root that is the entry itself would give it an empty path.
        let diagnostics = walk(
            &fs,
            &WalkOptions {
                entry: "/app/main.js".into(),
                root: Some("/app/main.js".into()),
                builtins: crate::TEST_BUILTINS,
            },
            &mut |_| {},
        )
        .err()
        .unwrap();
        assert_eq!(diagnostics[0].code, codes::EBUNDLE_PATH);
        assert_eq!(
            diagnostics[0].message,
            "/app/main.js cannot be stored in a bundle: the path is empty"
        );
    }

    #[test]
    fn a_module_outside_the_root_is_an_error() {
        let fs = MemFs::new()
            .file("/app/pkg/package.json", "{}")
            .file("/app/pkg/main.js", "require('../shared.js');")
            .file("/app/shared.js", "");
        let diagnostics = walk_mem(&fs, "/app/pkg/main.js").err().unwrap();
        assert_eq!(diagnostics[0].code, codes::EOUTSIDE_ROOT);
        let graph = walk(
            &fs,
            &WalkOptions {
                entry: "/app/pkg/main.js".into(),
                root: Some("/app".into()),
                builtins: crate::TEST_BUILTINS,
            },
            &mut |_| {},
        );
        assert_eq!(graph.ok().unwrap().modules.len(), 2);
    }
}
