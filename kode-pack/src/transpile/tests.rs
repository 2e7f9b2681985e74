use super::*;
use crate::source_map::SourceMap as Map;

fn ts(source: &str) -> Transpiled {
    transpile(
        "t.ts",
        source,
        Lang::TypeScript,
        Some(Goal::Module),
        &TsOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{} at {:?}", e.message, e.location))
}

#[test]
fn types_are_erased() {
    let out = ts("const x: number = 1;\nfunction f<T>(a: T): T { return a as T; }\ninterface I { a: string }\ntype U = I | null;\nexport const y = f(x) satisfies number;\n");
    assert!(!out.code.contains("interface"), "{}", out.code);
    assert!(!out.code.contains(": number"), "{}", out.code);
    assert!(out.code.contains("export const y = f(x)"), "{}", out.code);
}

#[test]
fn enums_namespaces_and_parameter_properties_are_lowered() {
    let out = ts("enum E { A, B = 5 }\nnamespace N { export const v = 1; }\nclass P { constructor(private a: number, public readonly b = 2) {} }\nexport { E, N, P };\n");
    assert!(out.code.contains("E[E[\"A\"] = 0] = \"A\""), "{}", out.code);
    assert!(out.code.contains("this.a = a"), "{}", out.code);
    assert!(!out.code.contains("namespace"), "{}", out.code);
}

#[test]
fn type_only_imports_leave_no_import() {
    let out = ts("import type { A } from './a.js';\nimport { B } from './b.js';\nimport { C } from './c.js';\nexport const x: A | B = C;\n");
    assert!(!out.code.contains("./a.js"), "{}", out.code);
    assert!(
        !out.code.contains("./b.js"),
        "used only as a type: {}",
        out.code
    );
    assert!(out.code.contains("./c.js"), "{}", out.code);
}

#[test]
fn verbatim_module_syntax_keeps_value_imports() {
    let options = TsOptions {
        verbatim_module_syntax: true,
        ..TsOptions::default()
    };
    let out = transpile(
        "t.ts",
        "import { B } from './b.js';\nexport const x: B = 1;\n",
        Lang::TypeScript,
        Some(Goal::Module),
        &options,
    )
    .unwrap_or_else(|e| panic!("{}", e.message));
    assert!(out.code.contains("./b.js"), "{}", out.code);
}

#[test]
fn import_equals_is_commonjs_in_a_script() {
    let out = transpile(
        "t.cts",
        "import fs = require('./x');\nexport = fs;\n",
        Lang::TypeScript,
        Some(Goal::Script),
        &TsOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{}", e.message));
    assert!(
        out.code.contains("require(\"./x\")") || out.code.contains("require('./x')"),
        "{}",
        out.code
    );
    assert!(out.code.contains("module.exports = fs"), "{}", out.code);
}

#[test]
fn standard_decorators_and_accessors_are_lowered() {
    let out = ts("function log(v: any, c: ClassMethodDecoratorContext) { return v; }\nexport class A { @log m() {} accessor n = 1; }\n");
    assert!(!out.code.contains("@log"), "{}", out.code);
    assert!(!out.code.contains("accessor n"), "{}", out.code);
}

#[test]
fn class_fields_follow_use_define_for_class_fields() {
    let assign = TsOptions {
        use_define_for_class_fields: false,
        ..TsOptions::default()
    };
    let run = |source: &str| {
        transpile(
            "t.ts",
            source,
            Lang::TypeScript,
            Some(Goal::Module),
            &assign,
        )
        .expect("compiles")
        .code
    };
    let out = run("export class A { x = 1; y: number; static s = 2; #p = 3; }\n");
    assert!(out.contains("this.x = 1"), "{out}");
    assert!(
        !out.contains(" y"),
        "a field without initializer is not created: {out}"
    );
    assert!(
        out.contains("static{") && out.contains("this.s = 2"),
        "{out}"
    );
    assert!(
        out.contains("#p = 3"),
        "private fields keep define semantics: {out}"
    );
    let out = run("class B {}\nexport class C extends B { x = 1; constructor() { console.log(0); super(); console.log(1); } }\n");
    let (super_at, init_at) = (
        out.find("super()").unwrap(),
        out.find("this.x = 1").unwrap(),
    );
    assert!(
        super_at < init_at && init_at < out.find("console.log(1)").unwrap(),
        "{out}"
    );
    let out = run("class B {}\nexport class D extends B { x = 1; }\n");
    assert!(
        out.contains("super(...args)") && out.contains("this.x = 1"),
        "{out}"
    );
    let out = run("export class E { constructor(private a: number) {} x = this.a + 1; }\n");
    let (a_at, x_at) = (
        out.find("this.a = a").unwrap(),
        out.find("this.x = this.a + 1").unwrap(),
    );
    assert!(a_at < x_at, "parameter properties first: {out}");
}

#[test]
fn declared_fields_are_not_emitted() {
    let out = ts("export class A { x = 1; declare y: number; }\n");
    assert!(
        out.code.contains("x = 1;") && !out.code.contains("this.x"),
        "{}",
        out.code
    );
    assert!(!out.code.contains("y"), "{}", out.code);
}

#[test]
fn jsx_classic_automatic_and_pragmas() {
    let jsx = |source: &str, options: &TsOptions| {
        transpile("t.tsx", source, Lang::Tsx, Some(Goal::Module), options)
            .unwrap_or_else(|e| panic!("{}", e.message))
            .code
    };
    let classic = jsx(
        "export const a = <b x=\"1\">hi</b>;\n",
        &TsOptions::default(),
    );
    assert!(classic.contains("React.createElement(\"b\""), "{classic}");
    let automatic = TsOptions {
        jsx: JsxMode::Automatic,
        jsx_import_source: Some("preact".into()),
        ..TsOptions::default()
    };
    let out = jsx("export const a = <b>hi</b>;\n", &automatic);
    assert!(out.contains("preact/jsx-runtime"), "{out}");
    let out = jsx(
        "/** @jsx h */\nexport const a = <b>hi</b>;\n",
        &TsOptions::default(),
    );
    assert!(out.contains("h(\"b\""), "{out}");
    let out = jsx(
        "/** @jsxImportSource solid-js */\nexport const a = <b>hi</b>;\n",
        &automatic,
    );
    assert!(out.contains("solid-js/jsx-runtime"), "{out}");
}

#[test]
fn jsx_preserve_is_an_error() {
    let options = TsOptions {
        jsx: JsxMode::Preserve,
        ..TsOptions::default()
    };
    let err = transpile(
        "t.jsx",
        "export const a = <b/>;\n",
        Lang::Jsx,
        Some(Goal::Module),
        &options,
    )
    .expect_err("preserve cannot run");
    assert!(err.message.contains("preserve"), "{}", err.message);
}

#[test]
fn syntax_errors_point_at_the_typescript() {
    let err = transpile(
        "t.ts",
        "type A = string;\nconst x: A = ;\n",
        Lang::TypeScript,
        Some(Goal::Module),
        &TsOptions::default(),
    )
    .expect_err("a syntax error");
    assert_eq!((err.location.line, err.location.column), (2, 14));
    assert_eq!(err.location.source_line, "const x: A = ;");
}

#[test]
fn the_map_leads_back_to_the_typescript_line() {
    let source = "interface A {\n  a: string;\n}\ntype B = A;\n\nexport function f(): never {\n  throw new Error('x');\n}\n";
    let out = ts(source);
    let (line, text) = out
        .code
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("throw"))
        .unwrap();
    let column = text.find("new").unwrap() as u32 + 1;
    let map = Map::parse(&out.source_map).expect("a valid map");
    let original = map.original(line as u32 + 1, column).expect("mapped");
    assert_eq!((original.line, original.column), (7, 9));
    assert_eq!(original.source.as_deref(), Some("t.ts"));
    let out = transpile(
        "/abs/dir/t.ts",
        "export {};",
        Lang::TypeScript,
        None,
        &TsOptions::default(),
    )
    .ok()
    .unwrap();
    assert!(
        !String::from_utf8_lossy(&out.source_map).contains("/abs"),
        "a map names the file alone"
    );
}
