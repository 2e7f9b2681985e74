//! The module graph of `runtime/src` has no import cycle, but the allowed
//! ones. A module is a file (`ext/fs/ops.rs` is `ext::fs::ops`, `lib.rs` is
//! `crate`); it depends on every module a `crate::`, `$crate::`, `self::`,
//! `super::` or child-module path in its code names (comments and strings
//! do not count), resolved to the longest module prefix.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Cycles that remain, as the sorted modules of each strongly connected
/// component, with why. Empty: `runtime/src` has none.
const ALLOWED: &[(&[&str], &str)] = &[];

type Graph = BTreeMap<String, BTreeSet<String>>;

#[test]
fn runtime_src_has_no_import_cycle_but_the_allowed_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_dir(&root, &root, &mut files);
    let graph = graph(&files);
    // The parser still sees edges (so an empty graph cannot pass).
    assert!(graph["ext::fs::ops"].contains("state"), "{graph:#?}");
    assert!(graph["ext::fs"].contains("ext::fs::ops"), "{graph:#?}");
    let cycles = cycles(&graph);
    let allowed: Vec<Vec<String>> = ALLOWED
        .iter()
        .map(|(modules, _)| modules.iter().map(|m| m.to_string()).collect())
        .collect();
    let unexpected: Vec<_> = cycles.iter().filter(|c| !allowed.contains(c)).collect();
    assert!(
        unexpected.is_empty(),
        "import cycles in runtime/src: {unexpected:#?}\nedges: {:#?}",
        unexpected
            .iter()
            .flat_map(|cycle| cycle.iter().map(|m| (m, &graph[m])))
            .collect::<Vec<_>>()
    );
    let gone: Vec<_> = allowed.iter().filter(|a| !cycles.contains(a)).collect();
    assert!(
        gone.is_empty(),
        "allowed cycles that no longer exist: {gone:?}"
    );
}

#[test]
fn a_new_cycle_is_found() {
    let files = [
        ("lib.rs", "mod a; mod b; pub use a::A;"),
        (
            "a.rs",
            "use crate::b::{self, B};\n// crate::c is a comment\n",
        ),
        ("b/mod.rs", "mod c;\nfn f() { c::g() }"),
        (
            "b/c.rs",
            "pub fn g() { let s = \"crate::b\"; super::super::a::h(); }",
        ),
        ("d.rs", "#[cfg(test)]\nmod tests {\n    use super::*;\n}"),
    ];
    let files: Vec<_> = files
        .iter()
        .map(|(path, source)| (path.to_string(), source.to_string()))
        .collect();
    let graph = graph(&files);
    assert_eq!(graph["crate"], ["a".to_string()].into());
    assert!(
        graph["d"].is_empty(),
        "super in an inline module is the file"
    );
    assert_eq!(
        cycles(&graph),
        [vec!["a".to_string(), "b".into(), "b::c".into()]]
    );
}

fn read_dir(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_dir(root, &path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            files.push((relative, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// `ext/fs/mod.rs` → `["ext", "fs"]`, `lib.rs` → `[]`.
fn module_path(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_string)
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn name(path: &[String]) -> String {
    if path.is_empty() {
        "crate".to_string()
    } else {
        path.join("::")
    }
}

fn graph(files: &[(String, String)]) -> Graph {
    let modules: BTreeSet<Vec<String>> = files.iter().map(|(f, _)| module_path(f)).collect();
    let mut graph = Graph::new();
    for (file, source) in files {
        let this = module_path(file);
        let code = strip(source);
        let inline = inline_modules(&code);
        let children: BTreeSet<String> = declared_children(&code);
        let mut targets = BTreeSet::new();
        for (at, path) in paths(&code) {
            let segments: Vec<&str> = path.split("::").collect();
            let depth = inline
                .iter()
                .filter(|(a, b)| (*a..*b).contains(&at))
                .count();
            let Some(full) = absolute(&this, &segments, depth, &children) else {
                continue;
            };
            let target = (0..=full.len())
                .rev()
                .map(|n| full[..n].to_vec())
                .find(|prefix| modules.contains(prefix))
                .expect("the crate root is a module");
            if target != this {
                targets.insert(name(&target));
            }
        }
        graph.insert(name(&this), targets);
    }
    graph
}

/// The path from the crate root that `segments` names inside module `this`,
/// at `depth` inline modules deep; `None` for paths outside the crate.
fn absolute(
    this: &[String],
    segments: &[&str],
    depth: usize,
    children: &BTreeSet<String>,
) -> Option<Vec<String>> {
    let (mut base, rest) = match segments[0] {
        "crate" | "$crate" => (Vec::new(), &segments[1..]),
        "self" => (this.to_vec(), &segments[1..]),
        "super" => {
            let supers = segments.iter().take_while(|s| **s == "super").count();
            let mut base = this.to_vec();
            // The first supers leave inline modules, which are part of the file.
            for _ in 0..supers.saturating_sub(depth) {
                base.pop();
            }
            (base, &segments[supers..])
        }
        child if depth == 0 && children.contains(child) => (this.to_vec(), segments),
        _ => return None,
    };
    base.extend(
        rest.iter()
            .filter(|s| !matches!(**s, "self" | "*"))
            .map(|s| s.to_string()),
    );
    Some(base)
}

/// The code without comments, string and character literals.
fn strip(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == 'r' && matches!(next, Some('"' | '#')) && !ident_before(&chars, i) {
            // r"..." or r#"..."#
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            let mut j = i + 1 + hashes;
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            while j < chars.len() {
                if chars[j] == '"' && chars[j + 1..].iter().take(hashes).all(|c| *c == '#') {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && next == Some('\\') {
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && is_ident(chars[i - 1])
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// `mod name;` declarations: the file's child modules.
fn declared_children(code: &str) -> BTreeSet<String> {
    let words: Vec<&str> = code
        .split(|c: char| !is_ident(c) && c != ';')
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .filter(|pair| pair[0] == "mod" && pair[1].ends_with(';'))
        .map(|pair| pair[1].trim_end_matches(';').to_string())
        .collect()
}

/// The byte ranges of `mod name { ... }` bodies.
fn inline_modules(code: &str) -> Vec<(usize, usize)> {
    let bytes = code.as_bytes();
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(found) = code[from..].find("mod ") {
        let start = from + found;
        from = start + 4;
        if start > 0 && is_ident(bytes[start - 1] as char) {
            continue;
        }
        let rest = &code[from..];
        let name_len = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        let after = rest[name_len..].trim_start();
        if name_len == 0 || !after.starts_with('{') {
            continue;
        }
        let open = from + name_len + (rest[name_len..].len() - after.len());
        let mut depth = 0;
        for (offset, byte) in bytes[open..].iter().enumerate() {
            match byte {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        ranges.push((open, open + offset));
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    ranges
}

/// Every path in the code, with `use` trees expanded, and where it is.
fn paths(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut rest_of_code = String::with_capacity(code.len());
    let mut from = 0;
    // `use` declarations first: their trees become flat paths.
    while let Some(at) = code[from..].find("use ") {
        let start = from + at;
        let word_start = start == 0 || !is_ident(code.as_bytes()[start - 1] as char);
        let Some(end) = code[start..].find(';').map(|e| start + e) else {
            break;
        };
        if !word_start {
            rest_of_code.push_str(&code[from..start + 4]);
            from = start + 4;
            continue;
        }
        rest_of_code.push_str(&code[from..start]);
        rest_of_code.push_str(&" ".repeat(end + 1 - start));
        let mut expanded = Vec::new();
        expand(&code[start + 4..end], "", &mut expanded);
        found.extend(expanded.into_iter().map(|path| (start, path)));
        from = end + 1;
    }
    rest_of_code.push_str(&code[from..]);
    // Then paths in expressions and types: `a::b::c` chains.
    let bytes = rest_of_code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts_chain = is_ident(bytes[i] as char)
            && (i == 0 || !is_ident(bytes[i - 1] as char))
            && !(i >= 2 && &bytes[i - 2..i] == b"::");
        if !starts_chain {
            i += 1;
            continue;
        }
        let mut end = i;
        loop {
            while end < bytes.len() && is_ident(bytes[end] as char) {
                end += 1;
            }
            if bytes[end..].starts_with(b"::")
                && bytes.get(end + 2).is_some_and(|b| is_ident(*b as char))
            {
                end += 2;
            } else {
                break;
            }
        }
        let chain = &rest_of_code[i..end];
        if chain.contains("::") {
            found.push((i, chain.to_string()));
        }
        i = end.max(i + 1);
    }
    found
}

/// `a::{b, c::{d as e}}` → `a::b`, `a::c::d`.
fn expand(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    let join = |head: &str| match (prefix.is_empty(), head.is_empty()) {
        (true, _) => head.to_string(),
        (_, true) => prefix.to_string(),
        _ => format!("{prefix}::{head}"),
    };
    match tree.find('{') {
        Some(open) => {
            let head = tree[..open].trim().trim_end_matches("::").trim();
            let close = tree.rfind('}').unwrap_or(tree.len());
            let prefix = join(&head.split_whitespace().collect::<String>());
            let inner = &tree[open + 1..close];
            let mut depth = 0;
            let mut part_start = 0;
            for (at, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&inner[part_start..at], &prefix, out);
                        part_start = at + 1;
                    }
                    _ => {}
                }
            }
            expand(&inner[part_start..], &prefix, out);
        }
        None => {
            let path = tree.split(" as ").next().unwrap_or("");
            let path: String = path.split_whitespace().collect();
            if !path.is_empty() {
                out.push(join(&path));
            }
        }
    }
}

/// The strongly connected components with more than one module (Tarjan),
/// each sorted, in sorted order.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Walk<'g> {
        fn visit(&mut self, v: &'g str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            for w in self.graph.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    self.low.insert(v, self.low[v].min(self.low[w]));
                } else if self.stack.contains(&w) {
                    self.low.insert(v, self.low[v].min(self.index[w]));
                }
            }
            if self.low[v] == self.index[v] {
                let at = self.stack.iter().rposition(|m| *m == v).unwrap();
                let mut component: Vec<String> =
                    self.stack.drain(at..).map(str::to_string).collect();
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.found.sort();
    walk.found
}
