//! Collects the dependencies of a parsed module: `require("x")`,
//! `require(\`x\`)`, `require.resolve("x")` (CommonJS only: an ES module has
//! no `require` of its own), static `import`/`export … from`, and
//! `import("x")` in both formats; computed `require(…)`/`import(…)` are
//! reported without a specifier. A `require` that is a local binding
//! (shadowing the module's own) is not a dependency.

use swc_common::{Span, SyntaxContext};
use swc_ecma_ast::{
    ArrowExpr, CallExpr, Callee, ExportAll, Expr, Function, ImportDecl, Lit, MemberProp,
    NamedExport, Program, Str, TryStmt,
};
use swc_ecma_visit::{Visit, VisitWith};

use crate::kpk::EdgeKind;
use crate::parse::{locate, Location, Parsed};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DepKind {
    /// `require(…)`.
    Require,
    /// `require.resolve(…)`: resolved, not loaded.
    Resolve,
    /// A static `import … from`, `import "x"` or `export … from`.
    Import,
    /// `import(…)`.
    DynamicImport,
}

impl DepKind {
    /// The resolver mode the dependency is resolved with.
    pub fn edge(self) -> EdgeKind {
        match self {
            DepKind::Require | DepKind::Resolve => EdgeKind::Require,
            DepKind::Import | DepKind::DynamicImport => EdgeKind::Import,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    pub kind: DepKind,
    /// `None` for `require(expression)` and `import(expression)`.
    pub specifier: Option<String>,
    /// Inside a `try` block of the same function: a failure can be handled.
    pub in_try: bool,
    pub location: Location,
}

pub fn collect(parsed: &Parsed) -> Vec<Dependency> {
    let mut collector = Collector {
        unresolved: SyntaxContext::empty().apply_mark(parsed.unresolved_mark),
        // In an ES module an unbound `require` is a global lookup, not the module's own.
        own_require: matches!(parsed.program, Program::Script(_)),
        in_try: 0,
        found: Vec::new(),
    };
    parsed.program.visit_with(&mut collector);
    collector
        .found
        .into_iter()
        .map(|(kind, specifier, in_try, span)| Dependency {
            kind,
            specifier,
            in_try,
            location: locate(&parsed.source_map, &parsed.file, span),
        })
        .collect()
}

struct Collector {
    unresolved: SyntaxContext,
    /// CommonJS: the unbound `require` is the module's own.
    own_require: bool,
    /// Depth of `try` blocks in the current function.
    in_try: usize,
    found: Vec<(DepKind, Option<String>, bool, Span)>,
}

impl Collector {
    fn is_require(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Ident(id) if id.sym == *"require" && id.ctxt == self.unresolved)
    }

    fn kind_of(&self, callee: &Callee) -> Option<DepKind> {
        let callee = match callee {
            Callee::Import(_) => return Some(DepKind::DynamicImport),
            Callee::Expr(callee) if self.own_require => callee,
            _ => return None,
        };
        match &**callee {
            expr if self.is_require(expr) => Some(DepKind::Require),
            Expr::Member(member) if self.is_require(&member.obj) => match &member.prop {
                MemberProp::Ident(prop) if prop.sym == *"resolve" => Some(DepKind::Resolve),
                _ => None,
            },
            _ => None,
        }
    }

    fn static_import(&mut self, src: &Str) {
        let specifier = src.value.to_string_lossy().into_owned();
        self.found
            .push((DepKind::Import, Some(specifier), false, src.span));
    }

    /// A function body runs when called, maybe outside the `try` it was written in.
    fn in_function(&mut self, visit: impl FnOnce(&mut Self)) {
        let saved = std::mem::replace(&mut self.in_try, 0);
        visit(self);
        self.in_try = saved;
    }
}

fn literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(Lit::Str(s)) => Some(s.value.to_string_lossy().into_owned()),
        Expr::Tpl(tpl) if tpl.exprs.is_empty() => {
            let quasi = tpl.quasis.first()?;
            Some(quasi.cooked.as_ref()?.to_string_lossy().into_owned())
        }
        Expr::Paren(paren) => literal(&paren.expr),
        _ => None,
    }
}

impl Visit for Collector {
    fn visit_call_expr(&mut self, call: &CallExpr) {
        call.visit_children_with(self);
        let Some(kind) = self.kind_of(&call.callee) else {
            return;
        };
        let in_try = self.in_try > 0;
        let (specifier, span) = match call.args.first() {
            Some(arg) if arg.spread.is_none() => match literal(&arg.expr) {
                Some(specifier) => (Some(specifier), swc_common::Spanned::span(&*arg.expr)),
                None => (None, call.span),
            },
            _ => (None, call.span),
        };
        self.found.push((kind, specifier, in_try, span));
    }

    fn visit_import_decl(&mut self, import: &ImportDecl) {
        if !import.type_only {
            self.static_import(&import.src);
        }
    }

    fn visit_export_all(&mut self, export: &ExportAll) {
        if !export.type_only {
            self.static_import(&export.src);
        }
    }

    fn visit_named_export(&mut self, export: &NamedExport) {
        if let (Some(src), false) = (&export.src, export.type_only) {
            self.static_import(src);
        }
    }

    fn visit_try_stmt(&mut self, stmt: &TryStmt) {
        self.in_try += 1;
        stmt.block.visit_with(self);
        self.in_try -= 1;
        stmt.handler.visit_with(self);
        stmt.finalizer.visit_with(self);
    }

    fn visit_function(&mut self, function: &Function) {
        self.in_function(|this| function.visit_children_with(this));
    }

    fn visit_arrow_expr(&mut self, arrow: &ArrowExpr) {
        self.in_function(|this| arrow.visit_children_with(this));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse, with_globals};

    /// `(kind, specifier, in_try, line, column)` of every dependency found.
    fn deps(source: &str) -> Vec<(DepKind, Option<String>, bool, u32, u32)> {
        with_globals(|| {
            let parsed = parse("t.js", source).expect("parses");
            collect(&parsed)
                .into_iter()
                .map(|d| {
                    (
                        d.kind,
                        d.specifier,
                        d.in_try,
                        d.location.line,
                        d.location.column,
                    )
                })
                .collect()
        })
    }

    use DepKind::{DynamicImport, Import, Require, Resolve};

    fn module_deps(source: &str) -> Vec<(DepKind, Option<String>, bool, u32, u32)> {
        with_globals(|| {
            let parsed = crate::parse::parse_as("t.mjs", source, crate::parse::Goal::Module)
                .expect("parses");
            collect(&parsed)
                .into_iter()
                .map(|d| {
                    (
                        d.kind,
                        d.specifier,
                        d.in_try,
                        d.location.line,
                        d.location.column,
                    )
                })
                .collect()
        })
    }

    fn s(text: &str) -> Option<String> {
        Some(text.to_string())
    }

    #[test]
    fn literal_and_template_requires() {
        let found = deps("const a = require('./a');\nconst b = require(`./b`);\nrequire(\"c\");\n");
        assert_eq!(
            found,
            vec![
                (Require, s("./a"), false, 1, 19),
                (Require, s("./b"), false, 2, 19),
                (Require, s("c"), false, 3, 9),
            ]
        );
    }

    #[test]
    fn resolve_and_dynamic() {
        let found = deps(
            "require.resolve('./r');\nrequire(name);\nrequire(`./x/${n}`);\nrequire('./p' + q);\n",
        );
        assert_eq!(
            found,
            vec![
                (Resolve, s("./r"), false, 1, 17),
                (Require, None, false, 2, 1),
                (Require, None, false, 3, 1),
                (Require, None, false, 4, 1),
            ]
        );
    }

    #[test]
    fn shadowed_require_is_ignored() {
        let source = "\
function f(require) { return require('./param'); }
function g() { const require = () => 1; return require('./local'); }
{ let require = 1; }
const h = () => { function require() {} require('./hoisted'); };
require('./real');
";
        assert_eq!(deps(source), vec![(Require, s("./real"), false, 5, 9)]);
    }

    #[test]
    fn try_blocks_but_not_their_handlers_or_nested_functions() {
        let source = "\
try { require('./in-try'); } catch (e) { require('./in-catch'); } finally { require('./in-finally'); }
try { (() => require('./in-arrow'))(); } catch {}
try { try { require('./nested'); } finally {} } catch {}
";
        assert_eq!(
            deps(source),
            vec![
                (Require, s("./in-try"), true, 1, 15),
                (Require, s("./in-catch"), false, 1, 50),
                (Require, s("./in-finally"), false, 1, 85),
                (Require, s("./in-arrow"), false, 2, 22),
                (Require, s("./nested"), true, 3, 21),
            ]
        );
    }

    #[test]
    fn require_as_a_value_or_member_is_not_a_call() {
        assert_eq!(
            deps("const r = require; r('./x'); obj.require('./y'); require.cache;"),
            vec![]
        );
    }

    #[test]
    fn nested_calls_are_found() {
        let found = deps("module.exports = wrap(require('./inner'), require('./other').x);\n");
        assert_eq!(
            found,
            vec![
                (Require, s("./inner"), false, 1, 31),
                (Require, s("./other"), false, 1, 51)
            ]
        );
    }

    #[test]
    fn static_imports_and_reexports() {
        let source = "\
import a from './a.js';
import * as b from \"./b.js\";
import './side.js';
import data from './d.json' with { type: 'json' };
export { x } from './x.js';
export * from './star.js';
export * as ns from './ns.js';
export const local = 1;
export { local as again };
";
        assert_eq!(
            module_deps(source),
            vec![
                (Import, s("./a.js"), false, 1, 15),
                (Import, s("./b.js"), false, 2, 20),
                (Import, s("./side.js"), false, 3, 8),
                (Import, s("./d.json"), false, 4, 18),
                (Import, s("./x.js"), false, 5, 19),
                (Import, s("./star.js"), false, 6, 15),
                (Import, s("./ns.js"), false, 7, 21),
            ]
        );
    }

    #[test]
    fn dynamic_imports_in_both_formats() {
        let source = "\
import('./lit.js');
const m = await import(`./tpl.js`);
try { await import('./guarded.js'); } catch {}
import(name);
import(`./x/${n}.js`);
";
        let expected = vec![
            (DynamicImport, s("./lit.js"), false, 1, 8),
            (DynamicImport, s("./tpl.js"), false, 2, 24),
            (DynamicImport, s("./guarded.js"), true, 3, 20),
            (DynamicImport, None, false, 4, 1),
            (DynamicImport, None, false, 5, 1),
        ];
        assert_eq!(module_deps(source), expected);
        // CommonJS: the same calls (no top-level await in a script).
        let cjs = source.replace("await ", "");
        let found: Vec<_> = deps(&cjs).into_iter().map(|d| (d.0, d.1, d.2)).collect();
        let expected: Vec<_> = expected.into_iter().map(|d| (d.0, d.1, d.2)).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn an_es_module_has_no_own_require() {
        let source = "\
import { createRequire } from 'kode:module';
const require = createRequire(import.meta.url);
require('./local.js');
";
        assert_eq!(
            module_deps(source),
            vec![(Import, s("kode:module"), false, 1, 31)]
        );
        assert_eq!(module_deps("require('./global.js');"), vec![]);
    }

    #[test]
    fn edge_kinds() {
        assert_eq!(Require.edge(), EdgeKind::Require);
        assert_eq!(Resolve.edge(), EdgeKind::Require);
        assert_eq!(Import.edge(), EdgeKind::Import);
        assert_eq!(DynamicImport.edge(), EdgeKind::Import);
    }
}
