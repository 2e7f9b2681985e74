//! Which of Node's globals a module under `node_modules` names (SPEC §5):
//! `process`, `Buffer`, `global`, `setImmediate`, `clearImmediate`, and
//! Node's timer functions (whose `Timeout` objects packages `unref()`). Only
//! free references count (swc's resolver marks them unresolved), so a
//! package that never names `process`, or only binds a local of that name,
//! gets nothing and pays nothing. The runtime hands the named ones to the
//! module: extra CommonJS wrapper parameters, or imports it appends to an
//! ES module (`kode_runtime::compile`).

use swc_common::SyntaxContext;
use swc_ecma_ast::Ident;
use swc_ecma_visit::{Visit, VisitWith};

use crate::kpk::ModuleKind;
use crate::parse::{self, Goal, Parsed};

/// A set of Node globals, one bit each in [`NodeGlobals::NAMES`] order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct NodeGlobals(u16);

impl NodeGlobals {
    /// The globals, in the order a CommonJS wrapper receives them.
    pub const NAMES: [&'static str; 9] = [
        "process",
        "Buffer",
        "global",
        "setImmediate",
        "clearImmediate",
        "setTimeout",
        "clearTimeout",
        "setInterval",
        "clearInterval",
    ];
    pub const NONE: NodeGlobals = NodeGlobals(0);

    /// From the bits a bundle stores; `None` when it has unknown bits.
    pub fn from_bits(bits: u16) -> Option<NodeGlobals> {
        (bits >> Self::NAMES.len() == 0).then_some(NodeGlobals(bits))
    }

    pub fn bits(self) -> u16 {
        self.0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The names in the set, in [`NodeGlobals::NAMES`] order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Self::NAMES
            .into_iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, name)| name)
    }

    fn insert(&mut self, name: &str) {
        if let Some(i) = Self::NAMES.iter().position(|n| *n == name) {
            self.0 |= 1 << i;
        }
    }
}

/// The Node globals `parsed` references freely.
pub fn free_globals(parsed: &Parsed) -> NodeGlobals {
    let mut finder = Finder {
        unresolved: SyntaxContext::empty().apply_mark(parsed.unresolved_mark),
        found: NodeGlobals::NONE,
    };
    parsed.program.visit_with(&mut finder);
    finder.found
}

/// The Node globals a module's source references freely, for a module
/// loaded from disk (a bundle records them at pack time). Sources that do
/// not even contain one of the names are not parsed; JSON has none, and a
/// source that does not parse has none (V8 reports its syntax error).
pub fn of_source(name: &str, source: &str, kind: ModuleKind) -> NodeGlobals {
    let goal = match kind {
        ModuleKind::Json => return NodeGlobals::NONE,
        ModuleKind::CommonJs => Goal::Script,
        ModuleKind::Esm => Goal::Module,
    };
    if !NodeGlobals::NAMES.iter().any(|n| source.contains(n)) {
        return NodeGlobals::NONE;
    }
    parse::with_globals(|| match parse::parse_as(name, source, goal) {
        Ok(parsed) => free_globals(&parsed),
        Err(_) => NodeGlobals::NONE,
    })
}

/// A fast, over-approximating [`of_source`] for modules run from disk (no
/// parse: a 9 MB package costs milliseconds, not the ~0.4 s of swc's): each
/// name that occurs as a whole word not preceded by `.` counts, in code,
/// strings and comments alike. An extra name is harmless - the module never
/// reads the binding it gets - unless the module declares that name with
/// `let`/`const`/`class` at its top level (or, as an ES module, declares it at
/// all): then compiling fails and the loader asks [`of_source`] instead.
pub fn scan(source: &str) -> NodeGlobals {
    let bytes = source.as_bytes();
    let mut found = NodeGlobals::NONE;
    for (i, name) in NodeGlobals::NAMES.iter().enumerate() {
        let mut from = 0;
        while let Some(at) = source[from..].find(name) {
            let start = from + at;
            let end = start + name.len();
            from = end;
            let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80;
            if end < bytes.len() && word(bytes[end]) || start > 0 && word(bytes[start - 1]) {
                continue;
            }
            let before = bytes[..start]
                .iter()
                .rev()
                .find(|b| !b.is_ascii_whitespace());
            if before == Some(&b'.') {
                continue;
            }
            found.0 |= 1 << i;
            break;
        }
    }
    found
}

struct Finder {
    unresolved: SyntaxContext,
    found: NodeGlobals,
}

impl Visit for Finder {
    // Property names (`x.process`) and object keys are `IdentName`s, not
    // `Ident`s, so only real references (and assignments) land here.
    fn visit_ident(&mut self, ident: &Ident) {
        if ident.ctxt == self.unresolved {
            self.found.insert(&ident.sym);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cjs(source: &str) -> Vec<&'static str> {
        of_source("t.js", source, ModuleKind::CommonJs)
            .names()
            .collect()
    }

    fn esm(source: &str) -> Vec<&'static str> {
        of_source("t.mjs", source, ModuleKind::Esm)
            .names()
            .collect()
    }

    #[test]
    fn free_references_count() {
        assert_eq!(cjs("process.env.X; new Buffer(1)"), ["process", "Buffer"]);
        assert_eq!(cjs("typeof global !== 'undefined'"), ["global"]);
        assert_eq!(
            cjs("setImmediate(f); clearImmediate(t)"),
            ["setImmediate", "clearImmediate"]
        );
        assert_eq!(
            cjs("clearInterval(setInterval(f)); setTimeout(f).unref()"),
            ["setTimeout", "setInterval", "clearInterval"]
        );
        assert_eq!(esm("export const p = process.platform"), ["process"]);
        // Assigning to an undeclared name is a free reference too.
        assert_eq!(cjs("global = 1"), ["global"]);
    }

    #[test]
    fn bindings_properties_and_text_do_not() {
        assert!(cjs("var process = {}; process.env").is_empty());
        assert!(cjs("function f(Buffer) { return Buffer }").is_empty());
        assert!(cjs("x.process; ({ global: 1 }); 'setImmediate'; // Buffer").is_empty());
        assert!(esm("import process from 'node:process'; process.exit()").is_empty());
        assert!(cjs("class global {}").is_empty());
        // A local binding in one function does not hide a free use in another.
        assert_eq!(
            cjs("function a(process) { return process } process.cwd()"),
            ["process"]
        );
    }

    #[test]
    fn the_scan_finds_at_least_what_the_analysis_finds() {
        let sources = [
            "process.env.X; new Buffer(1)",
            "typeof global !== 'undefined'",
            "function a(process) { return process } process.cwd()",
            "clearInterval(setInterval(f)); setTimeout(f).unref()",
            "x.process; obj . Buffer; ArrayBuffer; isBuffer; globalThis; $process",
        ];
        for source in sources {
            let exact = of_source("t.js", source, ModuleKind::CommonJs);
            let scanned = scan(source);
            assert_eq!(scanned.bits() & exact.bits(), exact.bits(), "{source}");
        }
        // Properties and longer words do not count; strings and locals do.
        let names = |s: &str| scan(s).names().collect::<Vec<_>>();
        assert!(
            names("x.process; obj . Buffer; ArrayBuffer; isBuffer; globalThis; $process")
                .is_empty()
        );
        assert_eq!(
            names("var s = 'process'; function f(global) {}"),
            ["process", "global"]
        );
    }

    #[test]
    fn json_and_broken_sources_have_none() {
        let json = of_source("p.json", r#"{"process": 1}"#, ModuleKind::Json);
        assert!(json.is_empty());
        assert!(cjs("process.exit( +").is_empty());
    }

    #[test]
    fn bits_round_trip_and_unknown_bits_are_refused() {
        let all = of_source(
            "t.js",
            "process; Buffer; global; setImmediate; clearImmediate",
            ModuleKind::CommonJs,
        );
        assert_eq!(all.bits(), 0b11111);
        assert_eq!(NodeGlobals::from_bits(all.bits()), Some(all));
        assert_eq!(
            NodeGlobals::from_bits(0x1ff).map(|g| g.names().count()),
            Some(9)
        );
        assert_eq!(NodeGlobals::from_bits(0x200), None);
    }
}
