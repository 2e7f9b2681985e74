//! The export names of a CommonJS module found statically, as Node 22 finds
//! them (cjs-module-lexer) for `import { x } from "./c.cjs"`: recorded in a
//! bundle at pack time so a packed run needs no parse.
//!
//! Recognised, anywhere in the source (like Node's lexer, without regard to
//! scope, so UMD factories taking `exports` count too):
//! - `exports.x = …`, `exports["x"] = …`, `module.exports.x = …`,
//!   `module.exports["x"] = …`;
//! - `module.exports = { a, b: c, "d": e, … }`: shorthand properties and
//!   identifier or string keys, left to right, while each value is a single
//!   identifier-like token (`c`, `true`, `null`, `this`); a key whose value is
//!   a longer expression starting with an identifier (`f(x)`, `function …`)
//!   is the last one taken, and any other value (a number, a string, a
//!   computed key) ends the list before its key, as Node's lexer does;
//! - `Object.defineProperty(exports | module.exports, "x", { … })` with an
//!   optional leading `enumerable: true`, then `value: …`, or a getter
//!   `get() { return a.b; }` / `get: function () { return a["b"]; }` whose
//!   body only returns an identifier or a member chain;
//! - the `__esModule` flag set either way: `"__esModule"` is in the list and
//!   the runtime applies Node's rule.
//!
//! Re-exports are found too: `module.exports = require("x")`,
//! `module.exports = { ...require("x") }`, TypeScript's
//! `__exportStar(require("x"), exports)` / `__export(require("x"))` and
//! Babel's `var _x = require("x"); Object.keys(_x).forEach(function (key) {
//! … exports[key] = … })` (also through `_interopRequireWildcard`);
//! [`cjs_export_names_deep`] follows them, as Node does, through the
//! resolver into the CommonJS modules they name.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use swc_common::{FileName, SourceMap, Spanned};
use swc_ecma_ast::{
    ArrowFunctionBody, AssignExpr, AssignOp, AssignTarget, CallExpr, Callee, Expr, ExprOrSpread,
    Lit, MemberExpr, MemberProp, ObjectLit, Pat, Program, Prop, PropName, PropOrSpread,
    SimpleAssignTarget, Stmt, VarDeclarator,
};
use swc_ecma_parser::{EsSyntax, Parser, StringInput, Syntax};
use swc_ecma_visit::{Visit, VisitWith};

/// The names `source` (a CommonJS module) exports, sorted and deduplicated.
/// A source that does not parse exports no names.
pub fn cjs_export_names(source: &str) -> Vec<String> {
    cjs_exports(source).names
}

/// What a CommonJS module exports, found statically.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CjsExports {
    /// Its own export names, sorted and deduplicated.
    pub names: Vec<String>,
    /// Specifiers whose exports it re-exports, in source order, deduplicated.
    pub reexports: Vec<String>,
}

/// The export names and re-exports of `source`; nothing when it does not parse.
pub fn cjs_exports(source: &str) -> CjsExports {
    let source_map: Arc<SourceMap> = Default::default();
    let file = source_map.new_source_file(
        FileName::Custom("cjs.js".to_string()).into(),
        source.to_string(),
    );
    let syntax = Syntax::Es(EsSyntax {
        allow_return_outside_function: true,
        explicit_resource_management: true,
        ..Default::default()
    });
    let mut parser = Parser::new(syntax, StringInput::from(&*file), None);
    let Ok(script) = parser.parse_script() else {
        return CjsExports::default();
    };
    exports_in(&Program::Script(script), source, file.start_pos.0)
}

/// [`cjs_exports`] of an already parsed `program` whose `source` starts at
/// byte position `start` of its source map.
pub(crate) fn exports_in(program: &Program, source: &str, start: u32) -> CjsExports {
    let mut finder = Finder {
        source,
        start,
        names: Vec::new(),
        reexports: Vec::new(),
        required_bindings: HashMap::new(),
    };
    program.visit_with(&mut finder);
    let mut names = finder.names;
    names.sort();
    names.dedup();
    let mut seen = HashSet::new();
    let reexports = finder
        .reexports
        .into_iter()
        .filter(|specifier| seen.insert(specifier.clone()))
        .collect();
    CjsExports { names, reexports }
}

/// The export names of the CommonJS module `path` (with `source`) as Node
/// gives them to `import`: its own names plus, recursively, those of every
/// CommonJS module it re-exports (resolved as `require` resolves them from
/// `path`'s directory; unresolvable or non-CommonJS targets add nothing, and
/// each file counts once). Sorted, deduplicated.
pub fn cjs_export_names_deep(
    resolver: &crate::resolve::Resolver,
    path: &Path,
    source: &str,
) -> Vec<String> {
    follow_reexports(resolver, path, cjs_exports(source))
}

/// The names of `exports` (found in `path`) plus those its re-exports lead to.
pub(crate) fn follow_reexports(
    resolver: &crate::resolve::Resolver,
    path: &Path,
    exports: CjsExports,
) -> Vec<String> {
    let mut names = BTreeSet::new();
    let mut seen = HashSet::from([path.to_path_buf()]);
    let mut pending: Vec<(PathBuf, CjsExports)> = vec![(path.to_path_buf(), exports)];
    while let Some((from, found)) = pending.pop() {
        names.extend(found.names);
        let dir = from.parent().unwrap_or(Path::new("/"));
        for specifier in found.reexports {
            let Ok(crate::resolve::Resolved::File(target)) = resolver.resolve(&specifier, dir)
            else {
                continue;
            };
            if !seen.insert(target.clone()) {
                continue;
            }
            let Ok(text) = resolver.fs().read_to_string(&target) else {
                continue;
            };
            if crate::format::format_with(resolver, &target, &text)
                != crate::kpk::ModuleKind::CommonJs
            {
                continue;
            }
            pending.push((target, cjs_exports(&text)));
        }
    }
    names.into_iter().collect()
}

struct Finder<'a> {
    source: &'a str,
    /// Byte position of the source's first character in swc's spans.
    start: u32,
    names: Vec<String>,
    reexports: Vec<String>,
    /// `var _x = require("x")` (or a helper around it): binding → specifier.
    required_bindings: HashMap<String, String>,
}

/// Whether a function body stores into `exports` under a computed key
/// (`exports[key] = …` or `Object.defineProperty(exports, key, …)`).
struct CopiesIntoExports(bool);

impl Visit for CopiesIntoExports {
    fn visit_assign_expr(&mut self, assign: &AssignExpr) {
        assign.visit_children_with(self);
        if let AssignTarget::Simple(SimpleAssignTarget::Member(member)) = &assign.left {
            if is_exports_object(&member.obj)
                && matches!(&member.prop, MemberProp::Computed(c) if matches!(&*c.expr, Expr::Ident(_)))
            {
                self.0 = true;
            }
        }
    }

    fn visit_call_expr(&mut self, call: &CallExpr) {
        call.visit_children_with(self);
        let Callee::Expr(callee) = &call.callee else {
            return;
        };
        let Expr::Member(MemberExpr { obj, prop, .. }) = &**callee else {
            return;
        };
        if is_ident(obj, "Object")
            && prop_name(prop).as_deref() == Some("defineProperty")
            && call.args.len() >= 2
            && is_exports_object(&call.args[0].expr)
            && matches!(&*call.args[1].expr, Expr::Ident(_))
        {
            self.0 = true;
        }
    }
}

/// `require("x")`, or one helper call around it (`_interopRequireWildcard(require("x"))`).
fn required_through_helper(expr: &Expr) -> Option<String> {
    if let Some(specifier) = required(expr) {
        return Some(specifier);
    }
    let Expr::Call(call) = expr else {
        return None;
    };
    match call.args.as_slice() {
        [arg, ..] if arg.spread.is_none() => required(&arg.expr),
        _ => None,
    }
}

/// `require("literal")` (or a template literal without substitutions).
fn required(expr: &Expr) -> Option<String> {
    let Expr::Call(call) = expr else {
        return None;
    };
    let Callee::Expr(callee) = &call.callee else {
        return None;
    };
    if !is_ident(callee, "require") {
        return None;
    }
    let [arg] = call.args.as_slice() else {
        return None;
    };
    if arg.spread.is_some() {
        return None;
    }
    match &*arg.expr {
        Expr::Lit(Lit::Str(s)) => Some(s.value.to_string_lossy().into_owned()),
        Expr::Tpl(tpl) if tpl.exprs.is_empty() => tpl
            .quasis
            .first()
            .and_then(|q| q.cooked.as_ref())
            .map(|c| c.to_string_lossy().into_owned()),
        _ => None,
    }
}

/// TypeScript's helpers: `__exportStar`, `__export`, also as
/// `tslib.__exportStar` or `(0, tslib_1.__exportStar)`.
fn is_export_star_helper(callee: &Expr) -> bool {
    let named = |name: &str| name == "__exportStar" || name == "__export";
    match callee {
        Expr::Ident(id) => named(&id.sym),
        Expr::Member(member) => prop_name(&member.prop).is_some_and(|name| named(&name)),
        Expr::Seq(seq) => seq
            .exprs
            .last()
            .is_some_and(|last| is_export_star_helper(last)),
        Expr::Paren(paren) => is_export_star_helper(&paren.expr),
        _ => false,
    }
}

fn is_ident(expr: &Expr, name: &str) -> bool {
    matches!(expr, Expr::Ident(id) if id.sym == *name)
}

/// A property name as written: `.x` or `["x"]`.
fn prop_name(prop: &MemberProp) -> Option<String> {
    match prop {
        MemberProp::Ident(id) => Some(id.sym.to_string()),
        MemberProp::Computed(computed) => string_literal(&computed.expr),
        MemberProp::PrivateName(_) => None,
    }
}

fn string_literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(Lit::Str(s)) => Some(s.value.to_string_lossy().into_owned()),
        _ => None,
    }
}

/// `module.exports` (also `module["exports"]`).
fn is_module_exports(expr: &Expr) -> bool {
    match expr {
        Expr::Member(member) => {
            is_ident(&member.obj, "module")
                && prop_name(&member.prop).is_some_and(|name| name == "exports")
        }
        _ => false,
    }
}

/// `exports` or `module.exports`.
fn is_exports_object(expr: &Expr) -> bool {
    is_ident(expr, "exports") || is_module_exports(expr)
}

impl Finder<'_> {
    /// Babel's `Object.keys(_x).forEach(function (key) { … exports[key] … })`
    /// over a binding of `require("x")`.
    fn babel_reexport(&mut self, call: &CallExpr) {
        let Callee::Expr(callee) = &call.callee else {
            return;
        };
        let Expr::Member(for_each) = &**callee else {
            return;
        };
        if prop_name(&for_each.prop).as_deref() != Some("forEach") {
            return;
        }
        let Expr::Call(keys) = &*for_each.obj else {
            return;
        };
        let Callee::Expr(keys_callee) = &keys.callee else {
            return;
        };
        let Expr::Member(keys_member) = &**keys_callee else {
            return;
        };
        if !is_ident(&keys_member.obj, "Object")
            || prop_name(&keys_member.prop).as_deref() != Some("keys")
        {
            return;
        }
        let Some(Expr::Ident(source)) = keys.args.first().map(|arg| &*arg.expr) else {
            return;
        };
        let Some(specifier) = self.required_bindings.get(&*source.sym).cloned() else {
            return;
        };
        let Some(callback) = call.args.first() else {
            return;
        };
        let mut copies = CopiesIntoExports(false);
        callback.expr.visit_with(&mut copies);
        if copies.0 {
            self.reexports.push(specifier);
        }
    }

    /// Whether the expression's source text starts with an identifier
    /// character (Node's lexer reads a value only that far).
    fn starts_with_identifier(&self, expr: &Expr) -> bool {
        let at = expr.span().lo.0.saturating_sub(self.start) as usize;
        self.source
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| {
                c.is_alphabetic() || c == '_' || c == '$' || c == '\\' || !c.is_ascii()
            })
    }

    /// `module.exports = { … }`.
    fn object_literal(&mut self, object: &ObjectLit) {
        for prop in &object.props {
            let (name, value) = match prop {
                PropOrSpread::Spread(spread) => {
                    // `...ident` and `...require("x")` (a re-export) go on.
                    if let Some(specifier) = required(&spread.expr) {
                        self.reexports.push(specifier);
                        continue;
                    }
                    if matches!(&*spread.expr, Expr::Ident(_)) {
                        continue;
                    }
                    return;
                }
                PropOrSpread::Prop(prop) => match &**prop {
                    Prop::Shorthand(id) => {
                        self.names.push(id.sym.to_string());
                        continue;
                    }
                    Prop::KeyValue(kv) => {
                        let name = match &kv.key {
                            PropName::Ident(id) => id.sym.to_string(),
                            PropName::Str(s) => s.value.to_string_lossy().into_owned(),
                            _ => return,
                        };
                        (name, &kv.value)
                    }
                    Prop::Method(method) => {
                        if let PropName::Ident(id) = &method.key {
                            self.names.push(id.sym.to_string());
                        }
                        return;
                    }
                    _ => return,
                },
            };
            let single_token = matches!(
                &**value,
                Expr::Ident(_) | Expr::This(_) | Expr::Lit(Lit::Bool(_) | Lit::Null(_))
            );
            if single_token {
                self.names.push(name);
            } else {
                if self.starts_with_identifier(value) {
                    self.names.push(name);
                }
                return;
            }
        }
    }

    /// `Object.defineProperty(exports, "x", descriptor)`.
    fn define_property(&mut self, call: &CallExpr) {
        let Callee::Expr(callee) = &call.callee else {
            return;
        };
        let Expr::Member(MemberExpr { obj, prop, .. }) = &**callee else {
            return;
        };
        if !is_ident(obj, "Object") || prop_name(prop).as_deref() != Some("defineProperty") {
            return;
        }
        let [target, name, descriptor, ..] = call.args.as_slice() else {
            return;
        };
        let plain = |arg: &ExprOrSpread| arg.spread.is_none();
        if !(plain(target) && plain(name) && plain(descriptor) && is_exports_object(&target.expr)) {
            return;
        }
        let Some(name) = string_literal(&name.expr) else {
            return;
        };
        let Expr::Object(descriptor) = &*descriptor.expr else {
            return;
        };
        if safe_descriptor(descriptor) {
            self.names.push(name);
        }
    }
}

/// `{ [enumerable: true,] value: … }` or `{ [enumerable: true,] get … }`
/// with a getter that only returns an identifier or member chain.
fn safe_descriptor(descriptor: &ObjectLit) -> bool {
    let mut props = descriptor.props.iter().peekable();
    let key_is = |prop: &Prop, name: &str| match prop {
        Prop::KeyValue(kv) => matches!(&kv.key, PropName::Ident(id) if id.sym == *name),
        Prop::Method(method) => matches!(&method.key, PropName::Ident(id) if id.sym == *name),
        Prop::Getter(getter) => matches!(&getter.key, PropName::Ident(id) if id.sym == *name),
        _ => false,
    };
    let as_prop = |p: &PropOrSpread| match p {
        PropOrSpread::Prop(prop) => Some(&**prop).cloned(),
        PropOrSpread::Spread(_) => None,
    };
    if let Some(first) = props.peek().and_then(|p| as_prop(p)) {
        if key_is(&first, "enumerable") {
            let Prop::KeyValue(kv) = &first else {
                return false;
            };
            if !matches!(&*kv.value, Expr::Lit(Lit::Bool(b)) if b.value) {
                return false;
            }
            props.next();
        }
    }
    let Some(prop) = props.next().and_then(as_prop) else {
        return false;
    };
    match &prop {
        Prop::KeyValue(kv) if key_is(&prop, "value") => {
            let _ = kv;
            true
        }
        Prop::KeyValue(kv) if key_is(&prop, "get") => match &*kv.value {
            Expr::Fn(function) => {
                function.function.params.is_empty()
                    && function
                        .function
                        .body
                        .as_ref()
                        .is_some_and(|body| returns_member_chain(&body.stmts))
            }
            Expr::Arrow(arrow) => {
                arrow.params.is_empty()
                    && match &*arrow.body {
                        ArrowFunctionBody::FunctionBody(body) => returns_member_chain(&body.stmts),
                        ArrowFunctionBody::Expr(_) => false,
                    }
            }
            _ => false,
        },
        Prop::Method(method) if key_is(&prop, "get") => {
            method.function.params.is_empty()
                && method
                    .function
                    .body
                    .as_ref()
                    .is_some_and(|body| returns_member_chain(&body.stmts))
        }
        _ => false,
    }
}

/// A body that is exactly `return a;`, `return a.b.c;` or `return a["b"];`.
fn returns_member_chain(stmts: &[Stmt]) -> bool {
    let [Stmt::Return(ret)] = stmts else {
        return false;
    };
    let Some(arg) = &ret.arg else {
        return false;
    };
    fn chain(expr: &Expr) -> bool {
        match expr {
            Expr::Ident(_) => true,
            Expr::Member(member) => {
                chain(&member.obj)
                    && match &member.prop {
                        MemberProp::Ident(_) => true,
                        MemberProp::Computed(computed) => string_literal(&computed.expr).is_some(),
                        MemberProp::PrivateName(_) => false,
                    }
            }
            _ => false,
        }
    }
    chain(arg)
}

impl Visit for Finder<'_> {
    fn visit_assign_expr(&mut self, assign: &AssignExpr) {
        assign.visit_children_with(self);
        if assign.op != AssignOp::Assign {
            return;
        }
        let AssignTarget::Simple(SimpleAssignTarget::Member(member)) = &assign.left else {
            return;
        };
        if is_exports_object(&member.obj) {
            if let Some(name) = prop_name(&member.prop) {
                self.names.push(name);
            }
        } else if is_module_exports(&Expr::Member(member.clone())) {
            if let Expr::Object(object) = &*assign.right {
                self.object_literal(object);
            } else if let Some(specifier) = required(&assign.right) {
                self.reexports.push(specifier);
            }
        }
    }

    fn visit_var_declarator(&mut self, declarator: &VarDeclarator) {
        declarator.visit_children_with(self);
        if let (Pat::Ident(id), Some(init)) = (&declarator.name, &declarator.init) {
            if let Some(specifier) = required_through_helper(init) {
                self.required_bindings.insert(id.sym.to_string(), specifier);
            }
        }
    }

    fn visit_call_expr(&mut self, call: &CallExpr) {
        call.visit_children_with(self);
        self.define_property(call);
        self.babel_reexport(call);
        if let Callee::Expr(callee) = &call.callee {
            if is_export_star_helper(callee) {
                if let Some(specifier) = call.args.first().and_then(|arg| required(&arg.expr)) {
                    self.reexports.push(specifier);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(source: &str) -> Vec<&'static str> {
        cjs_export_names(source)
            .into_iter()
            .map(|name| &*Box::leak(name.into_boxed_str()))
            .collect()
    }

    #[test]
    fn exports_dot_and_bracket_assignments() {
        assert_eq!(
            names("exports.b = 1; exports['a'] = 2; exports[\"with space\"] = 3; exports.b = 4;"),
            ["a", "b", "with space"]
        );
        // Compound assignments, reads and computed keys are not exports.
        assert_eq!(
            names("exports.x += 1; use(exports.y); exports[k] = 1; exports.z;"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn module_exports_dot_assignments() {
        assert_eq!(
            names("module.exports.one = 1; module.exports['two'] = 2; other.exports.three = 3;"),
            ["one", "two"]
        );
    }

    #[test]
    fn found_anywhere_and_in_chains() {
        let source = "\
(function (root, factory) { factory(exports); })(this, function (exports) {
  exports.umd = 1;
});
if (x) { exports.inIf = exports.chained = 2; }
";
        assert_eq!(names(source), ["chained", "inIf", "umd"]);
    }

    #[test]
    fn module_exports_object_literal() {
        assert_eq!(
            names("module.exports = { a, b: c, 'd': e, f: true, g: null, ...rest, ...require('x'), h };"),
            ["a", "b", "d", "f", "g", "h"]
        );
        // A longer value starting with an identifier is the last key taken;
        // any other value ends the list before its key.
        assert_eq!(names("module.exports = { a, b: fn(1), c };"), ["a", "b"]);
        assert_eq!(names("module.exports = { a: function () {}, c };"), ["a"]);
        assert_eq!(names("module.exports = { a, b: 1, c };"), ["a"]);
        assert_eq!(names("module.exports = { a, 'b': 'x', c };"), ["a"]);
        assert_eq!(names("module.exports = { a, [k]: v, c };"), ["a"]);
        assert_eq!(names("module.exports = { m() {}, c };"), ["m"]);
        // Not an object literal: nothing is known.
        assert_eq!(names("module.exports = make();"), Vec::<&str>::new());
    }

    #[test]
    fn define_property() {
        let source = "\
Object.defineProperty(exports, 'v', { value: 1 });
Object.defineProperty(exports, 'e', { enumerable: true, value: 2 });
Object.defineProperty(module.exports, 'm', { value: 3 });
Object.defineProperty(exports, 'g1', { enumerable: true, get: function () { return dep.g1; } });
Object.defineProperty(exports, 'g2', { enumerable: true, get() { return dep['g2']; } });
Object.defineProperty(exports, 'g3', { get: () => { return g3; } });
";
        assert_eq!(names(source), ["e", "g1", "g2", "g3", "m", "v"]);
        // Getters that do more than return a binding are not trusted.
        let unsafe_getters = "\
Object.defineProperty(exports, 'a', { get: function () { return compute(); } });
Object.defineProperty(exports, 'b', { get() { log(); return x; } });
Object.defineProperty(exports, 'c', { enumerable: false, value: 1 });
Object.defineProperty(exports, 'd', { get: () => x });
Object.defineProperty(other, 'e', { value: 1 });
Object.defineProperty(exports, name, { value: 1 });
";
        assert_eq!(names(unsafe_getters), Vec::<&str>::new());
    }

    #[test]
    fn es_module_flag() {
        assert_eq!(
            names("Object.defineProperty(exports, '__esModule', { value: true }); exports.default = 1;"),
            ["__esModule", "default"]
        );
        assert_eq!(
            names("exports.__esModule = true; exports.x = 1;"),
            ["__esModule", "x"]
        );
    }

    #[test]
    fn unparsable_sources_export_nothing() {
        assert_eq!(names("exports.a = ;"), Vec::<&str>::new());
        assert_eq!(names(""), Vec::<&str>::new());
    }

    #[test]
    fn reexports_are_found() {
        let source = "\
module.exports = require('./whole');
module.exports = { a, ...require('./spread'), b };
__exportStar(require('./star'), exports);
tslib_1.__exportStar(require(`./tslib`), exports);
(0, tslib_1.__exportStar)(require('./seq'), exports);
__export(require('./old-ts'));
__exportStar(require('./star'), exports);
module.exports = require(name);
other(require('./not-a-reexport'));
";
        let found = cjs_exports(source);
        assert_eq!(found.names, ["a", "b"]);
        assert_eq!(
            found.reexports,
            ["./whole", "./spread", "./star", "./tslib", "./seq", "./old-ts"]
        );
    }

    #[test]
    fn deep_names_follow_commonjs_reexports() {
        use crate::fs::{Fs, MemFs};
        use crate::resolve::Resolver;
        let fs = MemFs::new()
            .file(
                "/app/index.js",
                "__exportStar(require('./a'), exports); __exportStar(require('dep'), exports); exports.own = 1; module.exports = { ...require('./missing') };",
            )
            .file("/app/a.js", "exports.fromA = 1; __exportStar(require('./b'), exports);")
            .file("/app/b.js", "exports.fromB = 1; module.exports = require('./a');")
            .file("/app/node_modules/dep/package.json", r#"{ "main": "main.js" }"#)
            .file("/app/node_modules/dep/main.js", "exports.fromDep = 1;")
            .file("/app/esm/package.json", r#"{ "type": "module" }"#)
            .file("/app/esm/index.js", "exports.notCommonJs = 1;")
            .file("/app/uses-esm.js", "module.exports = require('./esm/index.js'); exports.x = 1;");
        let resolver = Resolver::new(&fs, &[]);
        let deep = |path: &str| {
            let source = fs.read_to_string(Path::new(path)).unwrap();
            cjs_export_names_deep(&resolver, Path::new(path), &source)
        };
        // Cycles end; an unresolvable re-export adds nothing.
        assert_eq!(deep("/app/index.js"), ["fromA", "fromB", "fromDep", "own"]);
        // A re-exported ES module adds nothing (it is not CommonJS).
        assert_eq!(deep("/app/uses-esm.js"), ["x"]);
    }

    #[test]
    fn babel_reexports() {
        let source = r#"
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
var _a = require("./a");
Object.keys(_a).forEach(function (key) {
  if (key === "default" || key === "__esModule") return;
  if (key in exports && exports[key] === _a[key]) return;
  Object.defineProperty(exports, key, {
    enumerable: true,
    get: function () {
      return _a[key];
    }
  });
});
var _b = _interopRequireWildcard(require("./b"));
Object.keys(_b).forEach(function (key) {
  exports[key] = _b[key];
});
var _c = require("./c");
Object.keys(_c).forEach(function (key) {
  console.log(key);
});
Object.keys(notRequired).forEach(function (key) {
  exports[key] = notRequired[key];
});
"#;
        let found = cjs_exports(source);
        assert_eq!(found.names, ["__esModule"]);
        assert_eq!(found.reexports, ["./a", "./b"]);
    }
}
