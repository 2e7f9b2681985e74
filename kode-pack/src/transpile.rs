//! TypeScript and JSX to the JavaScript V8 runs, plus its source map
//! (SPEC §2.3). Types are erased; `enum`, `namespace`, parameter properties,
//! decorators, `accessor`, `import x = require()` and `export =` are lowered;
//! JSX follows `tsconfig.json` or the file's pragmas. No type checking.
//!
//! The same function serves `kode run` (at load time) and `kode pack`, so a
//! bundle holds exactly what a run from disk compiles.

use std::path::Path;
use std::sync::{Arc, Mutex};

use swc_common::sync::Lrc;

use swc_common::comments::SingleThreadedComments;
use swc_common::errors::{DiagnosticBuilder, Emitter, Handler, HANDLER};
use swc_common::{FileName, Globals, Mark, SourceMap, Span, Spanned, GLOBALS};
use swc_ecma_ast::{EsVersion, Program};
use swc_ecma_codegen::text_writer::JsWriter;
use swc_ecma_codegen::Emitter as CodeEmitter;
use swc_ecma_parser::{EsSyntax, Parser, StringInput, Syntax, TsSyntax};
use swc_ecma_transforms_base::helpers::{inject_helpers, Helpers, HELPERS};
use swc_ecma_transforms_base::{fixer::fixer, hygiene::hygiene, resolver};
use swc_ecma_transforms_react as react;
use swc_ecma_transforms_typescript as ts;

use crate::parse::{locate, Goal, ParseError};

/// The source languages Kode transpiles, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// `.ts`, `.mts`, `.cts`
    TypeScript,
    /// `.tsx`
    Tsx,
    /// `.jsx`
    Jsx,
}

impl Lang {
    pub fn of(path: &Path) -> Option<Lang> {
        match path.extension()?.to_str()? {
            "ts" | "mts" | "cts" => Some(Lang::TypeScript),
            "tsx" => Some(Lang::Tsx),
            "jsx" => Some(Lang::Jsx),
            _ => None,
        }
    }

    /// What `kode inspect` calls the source language.
    pub fn name(self) -> &'static str {
        match self {
            Lang::TypeScript => "TypeScript",
            Lang::Tsx => "TSX",
            Lang::Jsx => "JSX",
        }
    }
}

/// `compilerOptions.jsx`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum JsxMode {
    /// `"react"`: `React.createElement` (or `jsxFactory`).
    #[default]
    Classic,
    /// `"react-jsx"`: calls into `<jsxImportSource>/jsx-runtime`.
    Automatic,
    /// `"react-jsxdev"`: the automatic runtime's development form.
    AutomaticDev,
    /// `"preserve"` / `"react-native"`: leaves JSX in the output, which no
    /// JavaScript engine runs.
    Preserve,
}

/// The `compilerOptions` that change what a module compiles to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsOptions {
    pub jsx: JsxMode,
    pub jsx_factory: Option<String>,
    pub jsx_fragment_factory: Option<String>,
    pub jsx_import_source: Option<String>,
    /// TypeScript's default for ES2022+ targets; `false` assigns class fields
    /// in the constructor instead of defining them.
    pub use_define_for_class_fields: bool,
    /// `experimentalDecorators`: TypeScript's legacy decorators instead of
    /// the standard ones.
    pub experimental_decorators: bool,
    pub emit_decorator_metadata: bool,
    /// Imports used only as types are kept (with their side effects) unless
    /// written `import type`.
    pub verbatim_module_syntax: bool,
}

impl Default for TsOptions {
    fn default() -> Self {
        TsOptions {
            jsx: JsxMode::default(),
            jsx_factory: None,
            jsx_fragment_factory: None,
            jsx_import_source: None,
            use_define_for_class_fields: true,
            experimental_decorators: false,
            emit_decorator_metadata: false,
            verbatim_module_syntax: false,
        }
    }
}

/// A transpiled module: the JavaScript and a source map (JSON) from its
/// lines and columns back to the original file's.
#[derive(Debug, Clone)]
pub struct Transpiled {
    pub code: String,
    pub source_map: Vec<u8>,
}

/// Transpiles `source` (named `name` in errors and in the map). `goal` is the
/// module's format when extension or package.json declare it (else its
/// `import`/`export` syntax decides): `import x = require()` and `export =`
/// become CommonJS in a script and `createRequire` in a module.
pub fn transpile(
    name: &str,
    source: &str,
    lang: Lang,
    goal: Option<Goal>,
    options: &TsOptions,
) -> Result<Transpiled, ParseError> {
    let diagnostics = Diagnostics::default();
    let handler = Handler::with_emitter(true, false, Box::new(diagnostics.clone()));
    GLOBALS.set(&Globals::new(), || {
        HANDLER.set(&handler, || {
            HELPERS.set(&Helpers::new(false), || {
                transpile_inner(name, source, lang, goal, options, &diagnostics)
            })
        })
    })
}

fn transpile_inner(
    name: &str,
    source: &str,
    lang: Lang,
    goal: Option<Goal>,
    options: &TsOptions,
    diagnostics: &Diagnostics,
) -> Result<Transpiled, ParseError> {
    let cm: Lrc<SourceMap> = Default::default();
    let file = cm.new_source_file(
        FileName::Custom(name.to_string()).into(),
        source.to_string(),
    );
    let comments = SingleThreadedComments::default();
    let syntax = match lang {
        Lang::TypeScript | Lang::Tsx => Syntax::Typescript(TsSyntax {
            tsx: lang == Lang::Tsx,
            decorators: true,
            ..Default::default()
        }),
        Lang::Jsx => Syntax::Es(EsSyntax {
            jsx: true,
            decorators: true,
            explicit_resource_management: true,
            import_attributes: true,
            allow_return_outside_function: goal == Some(Goal::Script),
            ..Default::default()
        }),
    };
    let mut parser = Parser::new(syntax, StringInput::from(&*file), Some(&comments));
    let parsed = parser.parse_program();
    let mut errors = parser.take_errors();
    let mut program = match parsed {
        Ok(program) if errors.is_empty() => program,
        Ok(_) => {
            errors.sort_by_key(|err| err.span().lo);
            let err = errors.swap_remove(0);
            return Err(error_at(
                &cm,
                &file,
                err.span(),
                err.kind().msg().into_owned(),
            ));
        }
        Err(err) => {
            return Err(error_at(
                &cm,
                &file,
                err.span(),
                err.kind().msg().into_owned(),
            ));
        }
    };
    if options.jsx == JsxMode::Preserve && lang != Lang::TypeScript {
        return Err(error_at(
            &cm,
            &file,
            program_span(&program),
            "tsconfig.json \"jsx\": \"preserve\" leaves JSX in the output, which cannot run: \
             use \"react-jsx\" or \"react\""
                .to_string(),
        ));
    }

    let goal = goal.unwrap_or_else(|| match &program {
        Program::Module(module) if module.body.iter().any(is_es_module_syntax) => Goal::Module,
        _ => Goal::Script,
    });
    let unresolved_mark = Mark::new();
    let top_level_mark = Mark::new();
    let is_ts = lang != Lang::Jsx;
    program.mutate(resolver(unresolved_mark, top_level_mark, is_ts));
    if options.experimental_decorators {
        program.mutate(swc_ecma_transforms_proposal::decorators(
            swc_ecma_transforms_proposal::decorators::Config {
                legacy: true,
                emit_metadata: options.emit_decorator_metadata,
                use_define_for_class_fields: options.use_define_for_class_fields,
            },
        ));
    }
    if is_ts {
        let config = ts::Config {
            verbatim_module_syntax: options.verbatim_module_syntax,
            native_class_properties: options.use_define_for_class_fields,
            // An ES module whose imports and exports were all types keeps
            // an `export {}`, so that its JavaScript is still one (the
            // format of a `.ts` file without a declared type is decided on
            // its JavaScript, as for `.js`).
            no_empty_export: goal == Goal::Script,
            import_export_assign_config: match goal {
                Goal::Script => ts::TsImportExportAssignConfig::Classic,
                Goal::Module => ts::TsImportExportAssignConfig::NodeNext,
            },
            ..Default::default()
        };
        let tsx_config = ts::TsxConfig {
            pragma: options.jsx_factory.clone().map(Into::into),
            pragma_frag: options.jsx_fragment_factory.clone().map(Into::into),
        };
        program.mutate(ts::tsx(
            cm.clone(),
            config,
            tsx_config,
            &comments,
            unresolved_mark,
            top_level_mark,
        ));
    }
    if is_ts && !options.use_define_for_class_fields {
        use swc_ecma_visit::VisitMutWith;
        program.visit_mut_with(&mut assign_fields::AssignFields);
    }
    if !options.experimental_decorators {
        program.mutate(swc_ecma_transforms_proposal::decorator_2022_03::decorator_2022_03());
    }
    if lang != Lang::TypeScript {
        program.mutate(react::react(
            cm.clone(),
            Some(&comments),
            jsx_options(options),
            top_level_mark,
            unresolved_mark,
        ));
    }
    program.mutate(inject_helpers(unresolved_mark));
    program.mutate(hygiene());
    program.mutate(fixer(Some(&comments)));

    if let Some((span, message)) = diagnostics.first() {
        return Err(error_at(&cm, &file, span, message));
    }
    emit(&cm, &program, name)
}

/// An `import`/`export` that makes a file an ES module (TypeScript's
/// `import x = require()` and `export =` do not).
fn is_es_module_syntax(item: &swc_ecma_ast::ModuleItem) -> bool {
    use swc_ecma_ast::{ModuleDecl, ModuleItem};
    match item {
        ModuleItem::ModuleDecl(ModuleDecl::TsImportEquals(decl)) => decl.is_export,
        ModuleItem::ModuleDecl(
            ModuleDecl::TsExportAssignment(_) | ModuleDecl::TsNamespaceExport(_),
        ) => false,
        ModuleItem::ModuleDecl(_) => true,
        ModuleItem::Stmt(_) => false,
    }
}

fn jsx_options(options: &TsOptions) -> react::Options {
    let automatic = matches!(options.jsx, JsxMode::Automatic | JsxMode::AutomaticDev);
    react::Options {
        runtime: Some(if automatic {
            react::Runtime::Automatic
        } else {
            react::Runtime::Classic
        }),
        import_source: options.jsx_import_source.as_deref().map(Into::into),
        pragma: options.jsx_factory.clone().map(Into::into),
        pragma_frag: options.jsx_fragment_factory.clone().map(Into::into),
        development: Some(options.jsx == JsxMode::AutomaticDev),
        ..Default::default()
    }
}

/// Prints the program with a source map back to `name`.
fn emit(cm: &Lrc<SourceMap>, program: &Program, name: &str) -> Result<Transpiled, ParseError> {
    let mut code = Vec::new();
    let mut mappings = Vec::new();
    {
        let writer = JsWriter::new(cm.clone(), "\n", &mut code, Some(&mut mappings));
        let mut emitter = CodeEmitter {
            cfg: swc_ecma_codegen::Config::default().with_target(EsVersion::latest()),
            cm: cm.clone(),
            comments: None,
            wr: writer,
        };
        swc_ecma_codegen::Node::emit_with(program, &mut emitter)
            .expect("writing to a Vec cannot fail");
    }
    // The map names the file alone: a bundle must not depend on where it
    // was packed, and the script it belongs to is known from where it is.
    let file_name = name.rsplit('/').next().unwrap_or(name);
    let map = cm.build_source_map(&mappings, None, MapConfig { name: file_name });
    let mut source_map = Vec::new();
    map.to_writer(&mut source_map)
        .expect("writing to a Vec cannot fail");
    let code = String::from_utf8(code).expect("swc prints UTF-8");
    Ok(Transpiled { code, source_map })
}

struct MapConfig<'a> {
    name: &'a str,
}

impl swc_common::source_map::SourceMapGenConfig for MapConfig<'_> {
    fn file_name_to_source(&self, _: &FileName) -> String {
        self.name.to_string()
    }

    fn inline_sources_content(&self, _: &FileName) -> bool {
        false
    }
}

fn program_span(program: &Program) -> Span {
    let span = program.span();
    Span::new(span.lo, span.lo)
}

fn error_at(
    cm: &SourceMap,
    file: &swc_common::SourceFile,
    span: Span,
    message: String,
) -> ParseError {
    ParseError {
        message,
        location: locate(cm, file, span),
    }
}

/// Errors the transforms report through swc's handler (an `export =` in an
/// ES module, a namespace with a non-declarative body...).
#[derive(Clone, Default)]
struct Diagnostics(Arc<Mutex<Vec<(Span, String)>>>);

impl Diagnostics {
    fn first(&self) -> Option<(Span, String)> {
        let list = self.0.lock().unwrap_or_else(|e| e.into_inner());
        list.iter().min_by_key(|(span, _)| span.lo).cloned()
    }
}

impl Emitter for Diagnostics {
    fn emit(&mut self, db: &mut DiagnosticBuilder<'_>) {
        if !db.is_error() {
            return;
        }
        let span = db.span.primary_span().unwrap_or_default();
        let message = db.message();
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((span, message));
    }
}

mod assign_fields;
mod cache;
#[cfg(test)]
mod tests;

/// Why a TypeScript or JSX module could not be compiled.
#[derive(Debug)]
pub enum CompileError {
    /// A syntax error (or an error of a transform), in the original source.
    Syntax(ParseError),
    /// The module's `tsconfig.json` cannot be used.
    TsConfig(crate::tsconfig::TsConfigError),
}

/// Transpiles the module at `path` if its extension asks for it (`None`
/// for JavaScript and JSON), with the options of its `tsconfig.json`.
/// `declared` is its format as far as extension and package.json tell.
pub fn transpile_module(
    resolver: &crate::resolve::Resolver,
    path: &Path,
    source: &str,
    declared: Option<crate::kpk::ModuleKind>,
) -> Option<Result<Transpiled, CompileError>> {
    let lang = Lang::of(path)?;
    let dir = path.parent().unwrap_or(Path::new("/"));
    let config = match resolver.tsconfig(dir) {
        Ok(config) => config,
        Err(err) => return Some(Err(CompileError::TsConfig(err))),
    };
    let goal = declared.map(|kind| match kind {
        crate::kpk::ModuleKind::Esm => Goal::Module,
        _ => Goal::Script,
    });
    let name = path.to_string_lossy();
    let Some(cache) = cache::global() else {
        return Some(
            transpile(&name, source, lang, goal, &config.options).map_err(CompileError::Syntax),
        );
    };
    let file_name = path.file_name().map_or(&[][..], |n| n.as_encoded_bytes());
    let settings = format!("{lang:?} {goal:?} {:?}", config.options);
    let key = cache::Cache::key(&[file_name, settings.as_bytes(), source.as_bytes()]);
    if let Some(hit) = cache.get(&key) {
        return Some(Ok(hit));
    }
    let out = transpile(&name, source, lang, goal, &config.options);
    if let Ok(out) = &out {
        cache.put(&key, out);
    }
    Some(out.map_err(CompileError::Syntax))
}

/// A location in transpiled code moved back to the original source, with
/// the original line for a code frame; `None` when the map has no answer.
pub fn original_location(
    map: &crate::source_map::SourceMap,
    original: &str,
    location: &crate::parse::Location,
) -> Option<crate::parse::Location> {
    let found = map.original(location.line, location.column)?;
    let source_line = original
        .lines()
        .nth(found.line as usize - 1)?
        .trim_end_matches('\r')
        .to_string();
    Some(crate::parse::Location {
        line: found.line,
        column: found.column,
        width: location.width,
        source_line,
    })
}
