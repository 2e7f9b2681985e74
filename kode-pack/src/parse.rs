//! Parsing a CommonJS module with swc: a script (the module body runs inside
//! a function, so a top-level `return` is legal) with the latest syntax.

use std::rc::Rc;
use std::sync::Arc;

use swc_common::errors::HANDLER;
use swc_common::{FileName, Mark, SourceFile, SourceMap, Span, Spanned, GLOBALS};
use swc_ecma_ast::{Program, Script};
use swc_ecma_parser::error::SyntaxError;
use swc_ecma_parser::{EsSyntax, Parser, StringInput, Syntax};
use swc_ecma_visit::VisitMutWith;

/// A parsed module, with the marks needed to tell the module's own `require`
/// (an unresolved identifier) from a local binding that shadows it.
pub struct Parsed {
    pub script: Script,
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

pub struct ParseError {
    pub message: String,
    pub location: Location,
}

/// Parses `source`; must run inside `swc_common::GLOBALS.set(..)` (see `with_globals`).
pub fn parse(name: &str, source: &str) -> Result<Parsed, ParseError> {
    let source_map: Arc<SourceMap> = Default::default();
    let file = source_map.new_source_file(
        FileName::Custom(name.to_string()).into(),
        source.to_string(),
    );
    let syntax = Syntax::Es(EsSyntax {
        allow_return_outside_function: true,
        explicit_resource_management: true,
        decorators: false,
        ..Default::default()
    });
    let mut parser = Parser::new(syntax, StringInput::from(&*file), None);
    // swc reports some errors (e.g. duplicate bindings) without failing the parse.
    let (script, first_error) = match parser.parse_script() {
        Err(err) => (None, Some(err)),
        Ok(script) => (Some(script), parser.take_errors().into_iter().next()),
    };
    if let Some(err) = first_error {
        let location = locate(&source_map, &file, err.span());
        let message = if matches!(err.kind(), SyntaxError::TopLevelAwaitInScript)
            || follows_await(&location)
        {
            TOP_LEVEL_AWAIT.to_string()
        } else {
            err.kind().msg().into_owned()
        };
        return Err(ParseError { message, location });
    }
    let script = script.expect("no error means a script");
    let unresolved_mark = Mark::new();
    let top_level_mark = Mark::new();
    let mut program = Program::Script(script);
    program.visit_mut_with(&mut swc_ecma_transforms_base::resolver(
        unresolved_mark,
        top_level_mark,
        false,
    ));
    let script = match program {
        Program::Script(script) => script,
        Program::Module(_) => unreachable!("parsed as a script"),
    };
    Ok(Parsed {
        script,
        unresolved_mark,
        file,
        source_map,
    })
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
    fn esm_syntax_is_rejected() {
        let err = error("import x from './x';\n");
        assert_eq!(err.location.line, 1);
    }
}
