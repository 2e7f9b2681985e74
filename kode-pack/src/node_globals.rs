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
