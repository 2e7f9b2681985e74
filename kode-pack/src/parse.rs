//! Parsing a module with swc, latest syntax: CommonJS as a script (the body
//! runs inside a function, so a top-level `return` is legal), an ES module as
//! a module (strict, top-level `await`). Also Node 22's syntax detection for
//! `.js` files of no declared type ([`has_module_syntax`]).

use std::rc::Rc;
use std::sync::Arc;

use swc_common::errors::HANDLER;
use swc_common::{FileName, Mark, SourceFile, SourceMap, Span, Spanned, GLOBALS};
use swc_ecma_ast::{Decl, Pat, Program, Stmt};
use swc_ecma_parser::error::SyntaxError;
use swc_ecma_parser::{EsSyntax, Parser, StringInput, Syntax};
use swc_ecma_visit::VisitMutWith;

/// A parsed module, with the marks needed to tell the module's own `require`
/// (an unresolved identifier) from a local binding that shadows it.
pub struct Parsed {
    /// A `Program::Script` for CommonJS, a `Program::Module` for an ES module.
    pub program: Program,
    pub unresolved_mark: Mark,
    pub file: Rc<SourceFile>,
    pub source_map: Arc<SourceMap>,
}

/// A position in a source file: 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub line: u32,
    pub column: u32,
    /// Characters the span covers on its first line (at least 1).
    pub width: u32,
    pub source_line: String,
}

#[derive(Debug)]
pub struct ParseError {
    pub message: String,
    pub location: Location,
}

/// How a source is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// CommonJS: a sloppy script whose body is a function body.
    Script,
    /// An ES module.
    Module,
}

/// Parses `source` as CommonJS; must run inside `swc_common::GLOBALS.set(..)`
/// (see `with_globals`).
pub fn parse(name: &str, source: &str) -> Result<Parsed, ParseError> {
    parse_as(name, source, Goal::Script)
}

/// Parses `source` as `goal`; must run inside `swc_common::GLOBALS.set(..)`.
pub fn parse_as(name: &str, source: &str, goal: Goal) -> Result<Parsed, ParseError> {
    let source_map: Arc<SourceMap> = Default::default();
    let file = source_map.new_source_file(
        FileName::Custom(name.to_string()).into(),
        source.to_string(),
    );
    let program = match raw_parse(&file, goal) {
        Ok(program) => program,
        Err(err) => {
            let location = locate(&source_map, &file, err.span());
            let message = if goal == Goal::Script
                && (matches!(err.kind(), SyntaxError::TopLevelAwaitInScript)
                    || follows_await(&location))
            {
                TOP_LEVEL_AWAIT.to_string()
            } else {
                err.kind().msg().into_owned()
            };
            return Err(ParseError { message, location });
        }
    };
    let unresolved_mark = Mark::new();
    let top_level_mark = Mark::new();
    let mut program = program;
    program.visit_mut_with(&mut swc_ecma_transforms_base::resolver(
        unresolved_mark,
        top_level_mark,
        false,
    ));
    Ok(Parsed {
        program,
        unresolved_mark,
        file,
        source_map,
    })
}

/// One swc parse, failing on the first error (swc reports some errors, e.g.
/// duplicate bindings, without failing the parse).
fn raw_parse(file: &SourceFile, goal: Goal) -> Result<Program, swc_ecma_parser::error::Error> {
    raw_parse_all(file, goal).map_err(|mut errors| errors.swap_remove(0))
}

/// One swc parse; on failure every error, the first in the source first.
fn raw_parse_all(
    file: &SourceFile,
    goal: Goal,
) -> Result<Program, Vec<swc_ecma_parser::error::Error>> {
    let syntax = Syntax::Es(EsSyntax {
        allow_return_outside_function: goal == Goal::Script,
        explicit_resource_management: true,
        decorators: false,
        import_attributes: true,
        ..Default::default()
    });
    let mut parser = Parser::new(syntax, StringInput::from(file), None);
    let program = match goal {
        Goal::Script => parser.parse_script().map(Program::Script),
        Goal::Module => parser.parse_module().map(Program::Module),
    };
    let mut errors = parser.take_errors();
    let program = match program {
        Ok(program) if errors.is_empty() => return Ok(program),
        Ok(program) => Some(program),
        Err(err) => {
            errors.push(err);
            None
        }
    };
    drop(program);
    errors.sort_by_key(|err| err.span().lo);
    Err(errors)
}

/// Node 22's syntax detection, for a `.js` file whose package.json declares
/// no `"type"`: true when the source fails to compile as CommonJS because of
/// ES module syntax (an `import`/`export` declaration, `import.meta`), or
/// fails as CommonJS and compiles as a module (top-level `await`), or
/// declares `require`, `module`, `exports`, `__filename` or `__dirname` with
/// `let`/`const`/`class` at top level (a redeclaration of the wrapper's
/// parameters) and compiles as a module. `import()` alone is CommonJS.
pub fn has_module_syntax(source: &str) -> bool {
    let detect = || {
        let source_map: Arc<SourceMap> = Default::default();
        let file = source_map.new_source_file(
            FileName::Custom("detect.js".to_string()).into(),
            source.to_string(),
        );
        match raw_parse_all(&file, Goal::Script) {
            Ok(Program::Script(script)) => {
                redeclares_wrapper_in(&script.body) && raw_parse(&file, Goal::Module).is_ok()
            }
            Ok(Program::Module(_)) => unreachable!("parsed as a script"),
            Err(errors) => {
                matches!(
                    errors[0].kind(),
                    SyntaxError::ImportExportInScript | SyntaxError::ImportMetaInScript
                ) || raw_parse(&file, Goal::Module).is_ok()
            }
        }
    };
    if GLOBALS.is_set() {
        detect()
    } else {
        with_globals(detect)
    }
}

/// Whether a parsed script declares one of the CommonJS wrapper's parameter
/// names with `let`/`const`/`class` at top level (see [`has_module_syntax`]).
pub fn redeclares_wrapper(program: &Program) -> bool {
    match program {
        Program::Script(script) => redeclares_wrapper_in(&script.body),
        Program::Module(_) => false,
    }
}

/// A top-level `let`/`const`/`class` binding one of the CommonJS wrapper's
/// parameter names: V8 refuses it inside the wrapper function.
fn redeclares_wrapper_in(body: &[Stmt]) -> bool {
    const WRAPPER: [&str; 5] = ["require", "module", "exports", "__filename", "__dirname"];
    let is_wrapper = |name: &str| WRAPPER.contains(&name);
    body.iter().any(|stmt| match stmt {
        Stmt::Decl(Decl::Class(class)) => is_wrapper(&class.ident.sym),
        Stmt::Decl(Decl::Var(var)) if var.kind != swc_ecma_ast::VarDeclKind::Var => {
            var.decls.iter().any(|decl| {
                let mut names = Vec::new();
                binding_names(&decl.name, &mut names);
                names.iter().any(|name| is_wrapper(name))
            })
        }
        _ => false,
    })
}

fn binding_names(pat: &Pat, out: &mut Vec<String>) {
    match pat {
        Pat::Ident(id) => out.push(id.sym.to_string()),
        Pat::Array(array) => array
            .elems
            .iter()
            .flatten()
            .for_each(|p| binding_names(p, out)),
        Pat::Object(object) => {
            for prop in &object.props {
                match prop {
                    swc_ecma_ast::ObjectPatProp::KeyValue(kv) => binding_names(&kv.value, out),
                    swc_ecma_ast::ObjectPatProp::Assign(assign) => {
                        out.push(assign.key.sym.to_string())
                    }
                    swc_ecma_ast::ObjectPatProp::Rest(rest) => binding_names(&rest.arg, out),
                }
            }
        }
        Pat::Rest(rest) => binding_names(&rest.arg, out),
        Pat::Assign(assign) => binding_names(&assign.left, out),
        Pat::Expr(_) | Pat::Invalid(_) => {}
    }
}

const TOP_LEVEL_AWAIT: &str =
    "top-level `await` is not allowed in a CommonJS module; wrap the code in an async function";

/// In a script `await` is an identifier, so `await load()` fails right after
/// it ("Expected a semicolon"): the error sits just after a bare `await`.
fn follows_await(location: &Location) -> bool {
    let before: String = location
        .source_line
        .chars()
        .take(location.column as usize - 1)
        .collect();
    let before = before.trim_end();
    before.strip_suffix("await").is_some_and(|rest| {
        !rest.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$' || c == '.')
    })
}

/// Runs `f` with the swc globals that marks and the resolver need.
pub fn with_globals<T>(f: impl FnOnce() -> T) -> T {
    GLOBALS.set(&Default::default(), || HANDLER.set(&silent_handler(), f))
}

fn silent_handler() -> swc_common::errors::Handler {
    swc_common::errors::Handler::with_emitter_writer(Box::new(std::io::sink()), None)
}

pub fn locate(source_map: &SourceMap, file: &SourceFile, span: Span) -> Location {
    let loc = source_map.lookup_char_pos(span.lo);
    let line_index = loc.line.saturating_sub(1);
    let source_line = file
        .get_line(line_index)
        .map(|l| l.trim_end_matches(['\r', '\n']).to_string())
        .unwrap_or_default();
    let end = source_map.lookup_char_pos(span.hi.max(span.lo));
    let width = if end.line == loc.line {
        (end.col.0.saturating_sub(loc.col.0)).max(1)
    } else {
        source_line.chars().count().saturating_sub(loc.col.0).max(1)
    };
    Location {
        line: loc.line as u32,
        column: loc.col.0 as u32 + 1,
        width: width as u32,
        source_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(source: &str) -> ParseError {
        with_globals(|| parse("t.js", source).err().expect("a syntax error"))
    }

    #[test]
    fn commonjs_bodies_parse() {
        let ok = "#!/usr/bin/env kode\nclass A { #x = 1; static y = 2; get x() { return this.#x } }\nif (a?.b ?? c) return;\n";
        assert!(with_globals(|| parse("t.js", ok).is_ok()));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let err = error("let a = 1;\nlet b = ;\n");
        assert_eq!((err.location.line, err.location.column), (2, 9));
        assert_eq!(err.location.source_line, "let b = ;");
    }

    #[test]
    fn top_level_await_is_explained() {
        let err = error("const x = await load();\n");
        assert!(err.message.contains("top-level `await`"), "{}", err.message);
        assert_eq!(err.location.line, 1);
    }

    #[test]
    fn modules_parse_with_top_level_await() {
        let source = "import x from './x.js';\nexport const y = await x;\nexport * from 'z';\n";
        assert!(with_globals(
            || parse_as("t.mjs", source, Goal::Module).is_ok()
        ));
        let err = with_globals(|| {
            parse_as("t.mjs", "return 1;\n", Goal::Module)
                .err()
                .unwrap()
        });
        assert_eq!(err.location.line, 1);
    }

    #[test]
    fn syntax_detection_follows_node_22() {
        for esm in [
            "import x from './x.js';",
            "import './side-effect.js';",
            "export const a = 1;",
            "export default 1;",
            "export { a as b } from './a.js';",
            "console.log(import.meta.url);",
            "const data = await fetch('x');",
            "for await (const x of y) {}",
            "const require = 1; export {};",
            "const require = 1;",
            "let { module } = x;",
            "class exports {}",
            // The first error is the import: a later error is the module's own.
            "import x from 'y'; let = ;",
        ] {
            assert!(has_module_syntax(esm), "should be ESM: {esm}");
        }
        for cjs in [
            "",
            "module.exports = 1;",
            "import('./x.js').then(() => {});",
            "const x = require('./x'); return;",
            "var require = 1;",
            "function exports() {}",
            "await(1);",
            "const importMeta = 'import.meta';",
            "// import x from 'y'\n",
            "let = ; import x from 'y';",
            "with (a) {} const x = await y;",
            "async function f() { await g(); }",
        ] {
            assert!(!has_module_syntax(cjs), "should be CommonJS: {cjs}");
        }
    }

    #[test]
    fn esm_syntax_is_rejected() {
        let err = error("import x from './x';\n");
        assert_eq!(err.location.line, 1);
    }
}
