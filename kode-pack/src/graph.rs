//! The graph walk: from the entry, find each module's format, parse it,
//! collect its requires and imports, resolve each with the runtime's
//! resolver in the edge's mode, and repeat until closed. Every problem in the
//! whole graph is collected before the walk fails.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use crate::cjs_exports;
use crate::deps::{self, DepKind, Dependency};
use crate::diagnostics::{codes, Diagnostic, Severity};
use crate::format;
use crate::fs::{io_code, io_detail, EntryKind, Fs};
use crate::json;
use crate::kpk::{self, EdgeKind, ModuleKind};
use crate::node_globals::{self, NodeGlobals};
use crate::parse::{self, Goal};
use crate::resolve::{in_node_modules, normalize, ResolveError, Resolved, Resolver};
use crate::source_map::SourceMap;
use crate::transpile::{self, CompileError};

#[derive(Debug)]
pub struct GraphModule {
    pub path: PathBuf,
    /// Path relative to the root, `/`-separated.
    pub rel: String,
    /// CommonJS, JSON or ES module ([`format::module_format`]).
    pub kind: ModuleKind,
    pub source: String,
    /// CommonJS: the export names found statically (sorted); else empty.
    pub cjs_exports: Vec<String>,
    /// A transpiled module (TypeScript, JSX): `source` is the JavaScript it
    /// compiled to, this is its source map (JSON).
    pub source_map: Option<Vec<u8>>,
    /// A module under `node_modules`: the Node globals it names (SPEC §5).
    pub node_globals: NodeGlobals,
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
    /// `(from, specifier, kind) → edge`, sorted: a module may `require("x")`
    /// and `import("x")` with different results.
    pub edges: Vec<(usize, String, EdgeKind, Edge)>,
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
    loaded: Vec<Loaded>,
    /// By requiring file: specifier and kind → resolved path, builtin, or missing.
    edges: BTreeMap<(PathBuf, String, EdgeKind), Target>,
    /// `from → to` for every edge whose failure the program cannot catch
    /// (anything but a `require` inside `try`, or `require.resolve`).
    strong_edges: Vec<(PathBuf, PathBuf)>,
    /// Syntax errors (module, index into `diagnostics`), decided at the end:
    /// a module reached only through `try`-guarded requires gets a warning.
    syntax_errors: Vec<(PathBuf, usize)>,
    diagnostics: Vec<Diagnostic>,
}

struct Loaded {
    path: PathBuf,
    kind: ModuleKind,
    source: String,
    cjs_exports: Vec<String>,
    source_map: Option<Vec<u8>>,
    node_globals: NodeGlobals,
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
            strong_edges: Vec::new(),
            syntax_errors: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    fn run(mut self, progress: &mut dyn FnMut(usize)) -> Result<Graph, Vec<Diagnostic>> {
        self.enqueue(self.entry.clone(), None);
        while let Some(path) = self.queue.pop_front() {
            self.visit(&path);
            progress(self.loaded.len());
        }
        self.settle_syntax_errors();
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
        let name = path.to_string_lossy().into_owned();
        let declared = format::declared_format(&self.resolver, path);
        let (source, original) =
            match transpile::transpile_module(&self.resolver, path, &source, declared) {
                None => (source, None),
                Some(Ok(out)) => (out.code, Some((source, out.source_map))),
                Some(Err(CompileError::Syntax(err))) => {
                    let diagnostic =
                        Diagnostic::error(codes::ESYNTAX, err.message, path).at(err.location);
                    self.syntax_errors
                        .push((path.to_path_buf(), self.diagnostics.len()));
                    self.diagnostics.push(diagnostic);
                    return;
                }
                Some(Err(CompileError::TsConfig(err))) => {
                    let message = format!("{} cannot be used: {}", err.path.display(), err.message);
                    self.diagnostics
                        .push(Diagnostic::error(codes::ETSCONFIG, message, path));
                    return;
                }
            };
        let first_diagnostic = self.diagnostics.len();
        let (kind, parsed) = match declared {
            Some(ModuleKind::Json) => (ModuleKind::Json, None),
            Some(ModuleKind::CommonJs) => (
                ModuleKind::CommonJs,
                Some(parse::parse_as(&name, &source, Goal::Script)),
            ),
            Some(ModuleKind::Esm) => (
                ModuleKind::Esm,
                Some(parse::parse_as(&name, &source, Goal::Module)),
            ),
            // Syntax detection. A script that parses and does not redeclare
            // the wrapper's names is CommonJS: that parse is the module's.
            None => match parse::parse_as(&name, &source, Goal::Script) {
                Ok(script) if !parse::redeclares_wrapper(&script.program) => {
                    (ModuleKind::CommonJs, Some(Ok(script)))
                }
                script if parse::has_module_syntax(&source) => {
                    drop(script);
                    let module = parse::parse_as(&name, &source, Goal::Module);
                    (ModuleKind::Esm, Some(module))
                }
                script => (ModuleKind::CommonJs, Some(script)),
            },
        };
        let (cjs_exports, node_globals) = match parsed {
            None => {
                self.check_json(path, &source);
                (Vec::new(), NodeGlobals::NONE)
            }
            Some(parsed) => self.scan_js(path, &source, parsed),
        };
        // What the walk found in the JavaScript points into the TypeScript.
        if let Some((original, map)) = &original {
            if let Some(map) = SourceMap::parse(map) {
                for diagnostic in &mut self.diagnostics[first_diagnostic..] {
                    if let Some(location) = &diagnostic.location {
                        diagnostic.location =
                            transpile::original_location(&map, original, location)
                                .or(diagnostic.location.take());
                    }
                }
            }
        }
        let source_map = match original {
            Some((_, map)) => Some(map),
            None if kind == ModuleKind::Json => None,
            None => self.shipped_map(path, &source),
        };
        self.loaded.push(Loaded {
            path: path.to_path_buf(),
            kind,
            source,
            cjs_exports,
            source_map,
            node_globals,
        });
    }

    /// The source map a JavaScript module names (`//# sourceMappingURL=`),
    /// embedded so that a bundle maps the package's frames as a run from
    /// disk does; a map that is missing, too large or not a map is left out.
    fn shipped_map(&self, path: &Path, source: &str) -> Option<Vec<u8>> {
        let dir = path.parent().unwrap_or(Path::new("/"));
        let bytes = match crate::source_map::referenced_map(source, dir)? {
            crate::source_map::MapSource::File(map) => {
                let text = self.fs.read_to_string(&map).ok()?;
                (text.len() as u64 <= crate::source_map::MAX_MAP_BYTES)
                    .then(|| text.into_bytes())?
            }
            other => other.bytes()?,
        };
        SourceMap::parse(&bytes).map(|_| bytes)
    }

    /// A syntax error fails the pack unless every way to the module passes
    /// through a `require` inside `try` (which catches the `SyntaxError` at
    /// run time): reachable from the entry over strong edges means an error.
    fn settle_syntax_errors(&mut self) {
        if self.syntax_errors.is_empty() {
            return;
        }
        let mut next: HashMap<&Path, Vec<&Path>> = HashMap::new();
        for (from, to) in &self.strong_edges {
            next.entry(from.as_path()).or_default().push(to.as_path());
        }
        let mut strong: HashSet<&Path> = HashSet::from([self.entry.as_path()]);
        let mut stack = vec![self.entry.as_path()];
        while let Some(path) = stack.pop() {
            for &to in next.get(path).into_iter().flatten() {
                if strong.insert(to) {
                    stack.push(to);
                }
            }
        }
        let strong: HashSet<PathBuf> = strong.into_iter().map(Path::to_path_buf).collect();
        for (path, at) in std::mem::take(&mut self.syntax_errors) {
            if !strong.contains(&path) {
                let diagnostic = &mut self.diagnostics[at];
                diagnostic.severity = Severity::Warning;
                diagnostic.help = Some(
                    "reached only through a `require` inside `try`: at run time that require throws this SyntaxError".to_string(),
                );
            }
        }
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

    /// Parses a CommonJS or ES module, follows its dependencies and returns
    /// its CommonJS export names (none for an ES module or a syntax error)
    /// and, under `node_modules`, the Node globals it names.
    fn scan_js(
        &mut self,
        path: &Path,
        source: &str,
        parsed: Result<parse::Parsed, parse::ParseError>,
    ) -> (Vec<String>, NodeGlobals) {
        let parsed = match parsed {
            Ok(parsed) => parsed,
            Err(err) => {
                let diagnostic =
                    Diagnostic::error(codes::ESYNTAX, err.message, path).at(err.location);
                self.syntax_errors
                    .push((path.to_path_buf(), self.diagnostics.len()));
                self.diagnostics.push(diagnostic);
                return (Vec::new(), NodeGlobals::NONE);
            }
        };
        let dir = path.parent().unwrap_or(Path::new("/")).to_path_buf();
        for dep in deps::collect(&parsed) {
            let Some(specifier) = dep.specifier.clone() else {
                let call = match dep.kind {
                    DepKind::DynamicImport => "import()",
                    _ => "require()",
                };
                let message = format!("{call} with a computed argument: only modules already in the bundle can be reached at run time");
                self.diagnostics.push(
                    Diagnostic::warning(codes::EDYNAMIC_REQUIRE, message, path)
                        .at(dep.location.clone()),
                );
                continue;
            };
            let key = (path.to_path_buf(), specifier.clone(), dep.kind.edge());
            let strong =
                !(dep.kind == DepKind::Resolve || dep.kind == DepKind::Require && dep.in_try);
            if let Some(known) = self.edges.get(&key) {
                if let (Target::File(file), true) = (known, strong) {
                    self.strong_edges.push((path.to_path_buf(), file.clone()));
                }
                // An earlier identical require tolerated a failure only because it sat in `try`.
                if !matches!(known, Target::Missing) || dep.in_try {
                    continue;
                }
            }
            let target = self.resolve(path, &dir, &specifier, &dep);
            if let Target::File(file) = &target {
                if strong {
                    self.strong_edges.push((path.to_path_buf(), file.clone()));
                }
                self.enqueue(file.clone(), Some((path, &dep)));
            }
            self.edges.insert(key, target);
        }
        let node_globals = match in_node_modules(&dir) {
            true => node_globals::free_globals(&parsed),
            false => NodeGlobals::NONE,
        };
        let exports = match parsed.program {
            swc_ecma_ast::Program::Script(_) => {
                let start = parsed.file.start_pos.0;
                let found = cjs_exports::exports_in(&parsed.program, source, start);
                cjs_exports::follow_reexports(&self.resolver, path, found)
            }
            swc_ecma_ast::Program::Module(_) => Vec::new(),
        };
        (exports, node_globals)
    }

    fn resolve(&mut self, path: &Path, dir: &Path, specifier: &str, dep: &Dependency) -> Target {
        let resolved = match dep.kind.edge() {
            EdgeKind::Require => self.resolver.resolve(specifier, dir),
            EdgeKind::Import => self.resolver.resolve_import_from(specifier, path),
        };
        let err = match resolved {
            Ok(Resolved::File(file)) => return Target::File(file),
            Ok(Resolved::Builtin(name)) => return Target::Builtin(name),
            Err(err) => err,
        };
        let bare = !is_path_like(specifier)
            && !specifier.starts_with("file:")
            && !matches!(err, ResolveError::UnknownBuiltin { .. });
        let in_node_modules = in_node_modules(path);
        let (what, fails) = match dep.kind {
            DepKind::Import => ("import", "fails with"),
            DepKind::DynamicImport => ("import()", "rejects with"),
            DepKind::Require | DepKind::Resolve => ("require", "throws"),
        };
        let message = err.to_string();
        let diagnostic =
            Diagnostic::error(codes::EMODULE_NOT_FOUND, message, path).at(dep.location.clone());
        let tolerated = if dep.in_try && dep.kind != DepKind::Import {
            Some(format!(
                "the {what} sits in a `try` block: at run time it {fails} EMODULE_NOT_FOUND"
            ))
        } else if dep.kind == DepKind::DynamicImport {
            Some(format!(
                "a dynamic import: at run time it {fails} EMODULE_NOT_FOUND"
            ))
        } else if bare {
            Some(format!(
                "not in any node_modules: at run time this {what} {fails} EMODULE_NOT_FOUND"
            ))
        } else if in_node_modules {
            Some(format!(
                "inside node_modules: at run time this {what} {fails} EMODULE_NOT_FOUND"
            ))
        } else {
            None
        };
        let diagnostic = match tolerated {
            Some(help) => {
                let mut d = diagnostic.help(help);
                d.severity = Severity::Warning;
                d
            }
            None => diagnostic,
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
            .map(|loaded| GraphModule {
                rel: rel(&loaded.path),
                path: loaded.path,
                kind: loaded.kind,
                source: loaded.source,
                cjs_exports: loaded.cjs_exports,
                source_map: loaded.source_map,
                node_globals: loaded.node_globals,
            })
            .collect();
        modules.sort_by(|a, b| a.rel.cmp(&b.rel));
        let index: HashMap<&Path, usize> = modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.path.as_path(), i))
            .collect();
        let mut edges: Vec<(usize, String, EdgeKind, Edge)> = self
            .edges
            .into_iter()
            .map(|((from, specifier, kind), target)| {
                let edge = match target {
                    Target::File(file) => Edge::Module(index[file.as_path()]),
                    Target::Builtin(name) => Edge::Builtin(name),
                    Target::Missing => Edge::Missing,
                };
                (index[from.as_path()], specifier, kind, edge)
            })
            .collect();
        edges.sort_by(|a, b| (a.0, &a.1, a.2).cmp(&(b.0, &b.1, b.2)));
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
    use EdgeKind::{Import as I, Require as R};

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
                (1, "./b".into(), R, Edge::Module(2)),
                (1, "kode:fs".into(), R, Edge::Builtin("kode:fs".into())),
                (2, "../data.json".into(), R, Edge::Module(0)),
                (2, "./a".into(), R, Edge::Module(1)),
                (3, "./a".into(), R, Edge::Module(1)),
                (3, "./b".into(), R, Edge::Module(2)),
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
                (0, "./opt".into(), R, Edge::Missing),
                (0, "fs".into(), R, Edge::Missing)
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

    fn kinds(graph: &Graph) -> Vec<(&str, ModuleKind)> {
        graph
            .modules
            .iter()
            .map(|m| (m.rel.as_str(), m.kind))
            .collect()
    }

    #[test]
    fn es_modules_formats_and_import_edges() {
        let fs = MemFs::new()
            .file("/app/package.json", r#"{ "name": "app" }"#)
            .file(
                "/app/main.mjs",
                "import { a } from './lib/a.js';\nexport * from './c.cjs';\nimport data from './d.json' with { type: 'json' };\nimport fs from 'kode:fs';\nawait import('./late.js');\n",
            )
            .file("/app/lib/a.js", "export const a = 1;\nimport './side.js';\n")
            .file("/app/lib/side.js", "globalThis.x = 1;\n")
            .file("/app/c.cjs", "exports.one = 1; module.exports.two = 2;\n")
            .file("/app/d.json", "{}")
            .file("/app/late.js", "module.exports = { late: true };\n");
        let graph = walk_mem(&fs, "/app/main.mjs").ok().unwrap();
        assert_eq!(
            kinds(&graph),
            [
                ("c.cjs", ModuleKind::CommonJs),
                ("d.json", ModuleKind::Json),
                ("late.js", ModuleKind::CommonJs),
                ("lib/a.js", ModuleKind::Esm),
                ("lib/side.js", ModuleKind::CommonJs),
                ("main.mjs", ModuleKind::Esm),
            ]
        );
        let exports: Vec<_> = graph
            .modules
            .iter()
            .map(|m| m.cjs_exports.clone())
            .collect();
        assert_eq!(
            exports,
            [
                vec!["one".to_string(), "two".to_string()],
                vec![],
                vec!["late".to_string()],
                vec![],
                vec![],
                vec![],
            ]
        );
        assert_eq!(
            graph.edges,
            vec![
                (3, "./side.js".into(), I, Edge::Module(4)),
                (5, "./c.cjs".into(), I, Edge::Module(0)),
                (5, "./d.json".into(), I, Edge::Module(1)),
                (5, "./late.js".into(), I, Edge::Module(2)),
                (5, "./lib/a.js".into(), I, Edge::Module(3)),
                (5, "kode:fs".into(), I, Edge::Builtin("kode:fs".into())),
            ]
        );
        assert!(graph.warnings.is_empty(), "{:?}", graph.warnings);
    }

    #[test]
    fn require_and_import_of_one_specifier_are_two_edges() {
        let fs = MemFs::new()
            .file(
                "/app/main.js",
                "const c = require('dual');\nimport('dual').then(() => {});\nrequire('./x');\n",
            )
            .file(
                "/app/node_modules/dual/package.json",
                r#"{ "exports": { "import": "./m.mjs", "require": "./c.cjs" } }"#,
            )
            .file("/app/node_modules/dual/m.mjs", "export default 1;")
            .file("/app/node_modules/dual/c.cjs", "module.exports = 1;")
            .file("/app/x.js", "");
        let graph = walk_mem(&fs, "/app/main.js").ok().unwrap();
        let rels: Vec<_> = graph.modules.iter().map(|m| m.rel.as_str()).collect();
        assert_eq!(
            rels,
            [
                "main.js",
                "node_modules/dual/c.cjs",
                "node_modules/dual/m.mjs",
                "x.js"
            ]
        );
        assert_eq!(graph.modules[0].kind, ModuleKind::CommonJs);
        assert_eq!(
            graph.edges,
            vec![
                (0, "./x".into(), R, Edge::Module(3)),
                (0, "dual".into(), R, Edge::Module(1)),
                (0, "dual".into(), I, Edge::Module(2)),
            ]
        );
    }

    #[test]
    fn import_failures_and_computed_imports() {
        let fs = MemFs::new()
            .file(
                "/app/main.mjs",
                "import './missing.js';\nimport './noext';\nimport('./later.js');\nimport(name);\nimport 'bare-missing';\n",
            )
            .file("/app/noext.js", "");
        let diagnostics = walk_mem(&fs, "/app/main.mjs").err().unwrap();
        let found: Vec<_> = diagnostics
            .iter()
            .map(|d| (d.severity, d.code, d.location.as_ref().unwrap().line))
            .collect();
        assert_eq!(
            found,
            [
                (Severity::Error, codes::EMODULE_NOT_FOUND, 1),
                (Severity::Error, codes::EMODULE_NOT_FOUND, 2),
                (Severity::Warning, codes::EMODULE_NOT_FOUND, 3),
                (Severity::Warning, codes::EDYNAMIC_REQUIRE, 4),
                (Severity::Warning, codes::EMODULE_NOT_FOUND, 5),
            ]
        );
        assert_eq!(
            diagnostics[1].message,
            "Cannot find module './noext' (an import names the file exactly: did you mean './noext.js'?)"
        );
        assert!(diagnostics[3]
            .message
            .starts_with("import() with a computed argument"));
        // Inside node_modules a missing relative import is a warning.
        let fs = MemFs::new()
            .file("/app/main.mjs", "import 'dep';")
            .file(
                "/app/node_modules/dep/package.json",
                r#"{ "type": "module" }"#,
            )
            .file("/app/node_modules/dep/index.js", "import './gone.js';");
        let graph = walk_mem(&fs, "/app/main.mjs").ok().unwrap();
        assert_eq!(graph.warnings.len(), 1);
        assert_eq!(graph.warnings[0].code, codes::EMODULE_NOT_FOUND);
    }

    #[test]
    fn syntax_errors_behind_a_guarded_require_are_warnings() {
        let fs = MemFs::new()
            .file(
                "/app/main.js",
                "try { require('./opt'); } catch {}\nrequire.resolve('./resolved-only');\n",
            )
            .file("/app/opt.js", "require('./opt-dep');")
            .file("/app/opt-dep.js", "let = ;")
            .file("/app/resolved-only.js", "let = ;");
        let graph = walk_mem(&fs, "/app/main.js").ok().unwrap();
        let warned: Vec<_> = graph
            .warnings
            .iter()
            .map(|d| (d.severity, d.code, d.file.clone()))
            .collect();
        assert_eq!(
            warned,
            [
                (
                    Severity::Warning,
                    codes::ESYNTAX,
                    PathBuf::from("/app/resolved-only.js")
                ),
                (
                    Severity::Warning,
                    codes::ESYNTAX,
                    PathBuf::from("/app/opt-dep.js")
                ),
            ]
        );
        // The module still ships: requiring it throws its SyntaxError at run time.
        assert_eq!(graph.modules.len(), 4);

        // Reached also without `try`: the pack fails.
        let fs = fs
            .file(
                "/app/main.js",
                "try { require('./opt'); } catch {}\nrequire('./other');\n",
            )
            .file("/app/other.js", "import('./opt-dep.js');");
        let diagnostics = walk_mem(&fs, "/app/main.js").err().unwrap();
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            (diagnostics[0].severity, diagnostics[0].code),
            (Severity::Error, codes::ESYNTAX)
        );

        // The entry itself, or a module reached by a plain import, fails.
        let fs = MemFs::new().file("/app/main.js", "let = ;");
        assert!(walk_mem(&fs, "/app/main.js").is_err());
    }

    #[test]
    fn top_level_await_in_commonjs_keeps_its_message() {
        let fs = MemFs::new()
            .file("/app/package.json", r#"{ "type": "commonjs" }"#)
            .file("/app/main.js", "const x = await load();\n");
        let diagnostics = walk_mem(&fs, "/app/main.js").err().unwrap();
        assert!(diagnostics[0].message.contains("top-level `await`"));
        // Without a "type", the same file is an ES module (Node 22 detection).
        let fs = MemFs::new().file("/app/main.js", "const x = await load();\n");
        let graph = walk_mem(&fs, "/app/main.js").ok().unwrap();
        assert_eq!(graph.modules[0].kind, ModuleKind::Esm);
    }
}
