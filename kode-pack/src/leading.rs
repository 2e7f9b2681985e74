//! What an entry loads before anything else it does (a CommonJS module's
//! leading requires, an ES module's static imports): what `kode pack
//! --snapshot` may load ahead of the entry without changing what runs
//! (nothing of the entry has run yet when they load).

use swc_ecma_ast::{
    CallExpr, Callee, Decl, Expr, ExprOrSpread, Lit, MemberProp, ModuleItem, Program, Stmt,
};

use crate::deps::{self, DepKind};
use crate::parse::{parse, parse_as, with_globals, Goal};

/// The modules an ES module requests, in the order it requests them (its
/// `import` and `export ... from` declarations; not `import()`): all of them
/// evaluate before its body does, in that order, so loading them first
/// changes nothing. Empty if it does not parse.
pub fn static_imports(source: &str) -> Vec<String> {
    with_globals(|| {
        let Ok(parsed) = parse_as("entry.mjs", source, Goal::Module) else {
            return Vec::new();
        };
        let mut specifiers: Vec<String> = Vec::new();
        for dependency in deps::collect(&parsed) {
            if let (DepKind::Import, Some(specifier)) = (dependency.kind, dependency.specifier) {
                if !specifiers.contains(&specifier) {
                    specifiers.push(specifier);
                }
            }
        }
        specifiers
    })
}

/// The specifiers of `source`'s leading requires, in order: its top-level
/// statements up to the first one that does something else. Allowed before
/// and between them: directives, function declarations (hoisted, inert),
/// `Object.defineProperty(exports, ...)` (what TypeScript's CommonJS output
/// starts with), and declarations whose every initializer is
/// `require("literal")`, optionally wrapped in one helper call
/// (`_interop_require_default(require("x"))`). Empty if it does not parse.
pub fn leading_requires(source: &str) -> Vec<String> {
    with_globals(|| {
        let Ok(parsed) = parse("entry.js", source) else {
            return Vec::new();
        };
        let statements: Vec<&Stmt> = match &parsed.program {
            Program::Script(script) => script.body.iter().collect(),
            Program::Module(module) => module
                .body
                .iter()
                .filter_map(|item| match item {
                    ModuleItem::Stmt(stmt) => Some(stmt),
                    ModuleItem::ModuleDecl(_) => None,
                })
                .collect(),
        };
        let mut specifiers = Vec::new();
        for stmt in statements {
            match stmt {
                Stmt::Expr(e) if is_directive(&e.expr) || defines_on_exports(&e.expr) => {}
                Stmt::Expr(e) => match required(&e.expr) {
                    Some(specifier) => specifiers.push(specifier),
                    None => break,
                },
                Stmt::Decl(Decl::Fn(_)) => {}
                Stmt::Decl(Decl::Var(var)) => {
                    let inits: Option<Vec<String>> = var
                        .decls
                        .iter()
                        .map(|d| d.init.as_deref().and_then(required))
                        .collect();
                    match inits {
                        Some(found) => specifiers.extend(found),
                        None => break,
                    }
                }
                Stmt::Empty(_) => {}
                _ => break,
            }
        }
        specifiers
    })
}

fn is_directive(expr: &Expr) -> bool {
    matches!(expr, Expr::Lit(Lit::Str(_)))
}

/// `Object.defineProperty(exports, ...)`.
fn defines_on_exports(expr: &Expr) -> bool {
    let Expr::Call(call) = expr else { return false };
    let Callee::Expr(callee) = &call.callee else {
        return false;
    };
    let Expr::Member(member) = &**callee else {
        return false;
    };
    let on_object = matches!(&*member.obj, Expr::Ident(i) if &*i.sym == "Object");
    let define = matches!(&member.prop, MemberProp::Ident(p) if &*p.sym == "defineProperty");
    let on_exports = matches!(call.args.first(), Some(ExprOrSpread { spread: None, expr }) if matches!(&**expr, Expr::Ident(i) if &*i.sym == "exports"));
    on_object && define && on_exports
}

/// `require("x")`, or `helper(require("x"))`: the specifier.
fn required(expr: &Expr) -> Option<String> {
    let call = as_call(expr)?;
    if let Some(specifier) = require_call(call) {
        return Some(specifier);
    }
    match call.args.as_slice() {
        [ExprOrSpread { spread: None, expr }] => require_call(as_call(expr)?),
        _ => None,
    }
}

fn as_call(expr: &Expr) -> Option<&CallExpr> {
    match expr {
        Expr::Call(call) => Some(call),
        Expr::Paren(paren) => as_call(&paren.expr),
        _ => None,
    }
}

fn require_call(call: &CallExpr) -> Option<String> {
    let Callee::Expr(callee) = &call.callee else {
        return None;
    };
    if !matches!(&**callee, Expr::Ident(i) if &*i.sym == "require") {
        return None;
    }
    match call.args.as_slice() {
        [ExprOrSpread { spread: None, expr }] => match &**expr {
            Expr::Lit(Lit::Str(s)) => s.value.as_str().map(str::to_string),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{leading_requires, static_imports};

    #[test]
    fn static_imports_in_order_without_dynamic_ones() {
        let source = r#"import a from "./a.js";
console.log("body");
export { x } from "./x.js";
import "./a.js";
export * from "node:fs";
const later = import("./dynamic.js");
import { b } from "b";
"#;
        assert_eq!(static_imports(source), ["./a.js", "./x.js", "node:fs", "b"]);
        assert!(static_imports("this is not javascript (").is_empty());
    }

    #[test]
    fn stops_at_the_first_statement_that_does_something_else() {
        let source = r#""use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const a = require("./a"), b = require("b");
function helper() {}
const c = _interop_require_default(require("./c.js"));
require("./d");
globalThis.x = 1;
const e = require("./e");
"#;
        assert_eq!(leading_requires(source), ["./a", "b", "./c.js", "./d"]);
    }

    #[test]
    fn nothing_before_an_assignment_or_a_computed_require() {
        assert!(leading_requires("globalThis.g = 1; require('./m');").is_empty());
        assert!(leading_requires("const m = require(name); require('./a');").is_empty());
        assert!(leading_requires("let x; const a = require('./a');").is_empty());
        assert!(leading_requires("this is not javascript").is_empty());
    }
}
