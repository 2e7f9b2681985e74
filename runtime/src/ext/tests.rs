//! The declarations are the only list: these tests prove every declared op
//! reaches JavaScript, every declared builtin loads in a real run, and the
//! resolver (run and pack alike) accepts exactly the declared names.

use std::collections::HashSet;
use std::path::Path;

use kode_pack::resolve::{ResolveError, Resolved, Resolver};

use super::*;

#[test]
fn no_op_or_module_is_declared_twice() {
    let mut ops = HashSet::new();
    for op in all_ops() {
        assert!(
            op.rust_name.starts_with("op_"),
            "{} lacks the op_ prefix",
            op.rust_name
        );
        assert!(
            ops.insert(op.js_name()),
            "op {} declared twice",
            op.js_name()
        );
    }
    let mut scripts = HashSet::new();
    for ext in EXTENSIONS {
        for script in ext.bootstrap.iter().chain(ext.modules) {
            assert!(
                scripts.insert(script.specifier),
                "{} declared twice",
                script.specifier
            );
            assert!(
                script.specifier.starts_with("kode:") || script.specifier.starts_with("node:"),
                "{}",
                script.specifier
            );
        }
    }
    let areas: HashSet<_> = EXTENSIONS.iter().map(|ext| ext.name).collect();
    assert_eq!(areas.len(), EXTENSIONS.len(), "two areas share a name");
}

#[test]
fn every_declared_op_is_a_function_on_the_ops_object() {
    crate::platform::init_v8();
    let isolate = &mut v8::Isolate::new(Default::default());
    v8::scope!(let scope, isolate);
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);
    let ops = install_ops(scope);
    // Nothing is made before it is read.
    let names = ops
        .get_own_property_names(scope, Default::default())
        .expect("property names");
    assert_eq!(names.length(), 0, "ops has properties before any read");
    // Other names read as on a plain object, and stay absent.
    let object_prototype = v8::Object::new(scope).get_prototype(scope).unwrap();
    for (name, inherited) in [("toString", true), ("no_such_op", false), ("", false)] {
        let key = crate::v8_util::v8_str(scope, name);
        let value = ops.get(scope, key.into()).expect("ops property");
        let expected = match inherited {
            true => object_prototype
                .to_object(scope)
                .unwrap()
                .get(scope, key.into())
                .unwrap(),
            false => v8::undefined(scope).into(),
        };
        assert!(value.strict_equals(expected), "ops.{name:?}");
        assert_eq!(ops.has_own_property(scope, key.into()), Some(false));
    }
    for op in all_ops() {
        let key = crate::v8_util::v8_str(scope, op.js_name());
        let value = ops.get(scope, key.into()).expect("ops property");
        assert!(
            value.is_function(),
            "ops.{} is not a function",
            op.js_name()
        );
        // Made on the first read, then kept: the same function again.
        let again = ops.get(scope, key.into()).expect("ops property");
        assert!(again.strict_equals(value), "ops.{} changed", op.js_name());
        let function = v8::Local::<v8::Object>::try_from(value).unwrap();
        assert!(
            !function.is_constructor(),
            "ops.{} is a constructor",
            op.js_name()
        );
    }
    let names = ops
        .get_own_property_names(scope, Default::default())
        .expect("property names");
    assert_eq!(
        names.length() as usize,
        all_ops().count(),
        "ops has extra properties"
    );
}

#[test]
fn builtin_names_are_the_declared_public_modules() {
    let names = builtin_names();
    let declared: Vec<&str> = EXTENSIONS
        .iter()
        .flat_map(|ext| ext.modules)
        .map(|script| script.specifier)
        .filter(|specifier| !specifier.starts_with(INTERNAL))
        .collect();
    assert_eq!(names, declared.as_slice());
    // The areas today; a new public area adds its name here.
    let kode: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| name.starts_with("kode:"))
        .collect();
    assert_eq!(
        kode,
        [
            "kode:fs",
            "kode:path",
            "kode:crypto",
            "kode:encoding",
            "kode:net",
            "kode:subprocess"
        ]
    );
    // The Node layer: names Node itself has (SPEC §5's list), after Kode's.
    let node = &names[kode.len()..];
    assert!(node.contains(&"node:path"), "{node:?}");
    for name in node {
        let bare = name.strip_prefix("node:").expect("node: after kode:");
        assert!(
            NODE_BUILTINS.contains(&bare),
            "{name} is not a Node builtin"
        );
    }
    for name in names {
        assert!(module_source(name).is_some(), "{name} has no source");
    }
    assert!(module_source("kode:internal/inspect").is_some());
}

/// `kode run` and `kode pack` both hand `builtin_names()` to the resolver
/// (`modules.rs`, `bundle.rs`, kode-run's `pack.rs`): it accepts each
/// declared name and nothing else under `kode:`, internal modules included.
#[test]
fn the_resolver_accepts_exactly_the_declared_names() {
    let fs = kode_pack::fs::MemFs::new();
    let resolver = Resolver::new(&fs, builtin_names());
    for name in builtin_names() {
        assert_eq!(
            resolver.resolve(name, Path::new("/")),
            Ok(Resolved::Builtin(name.to_string()))
        );
    }
    for name in [
        "kode:internal/inspect",
        "kode:internal/core.js",
        "kode:nope",
    ] {
        assert!(matches!(
            resolver.resolve(name, Path::new("/")),
            Err(ResolveError::UnknownBuiltin { .. })
        ));
    }
}

fn run_eval(code: String) -> i32 {
    crate::run(crate::RunOptions {
        main: crate::Main::Eval(code),
        args: Vec::new(),
        executable: "kode".into(),
        script: "[eval]".into(),
        limits: Default::default(),
    })
}

/// Each public builtin, required in a real run, evaluates to a non-empty
/// exports object; an internal module cannot be required.
#[test]
fn every_declared_builtin_loads_in_a_real_run() {
    let names = serde_json::to_string(builtin_names()).unwrap();
    let code = format!(
        r#"
        for (const name of {names}) {{
          const exports = require(name);
          // Node's modules may be functions (node:events is EventEmitter).
          const shaped = typeof exports === "function" || (typeof exports === "object" && exports !== null);
          if (!shaped || Object.keys(exports).length === 0) Kode.exit(10);
          if (require(name) !== exports) Kode.exit(11);
        }}
        try {{ require("kode:internal/inspect"); Kode.exit(12); }}
        catch (e) {{ if (e.code !== "EMODULE_NOT_FOUND") Kode.exit(13); }}
        "#
    );
    assert_eq!(run_eval(code), 0);
    // The check can fail: a name that is not declared does not load.
    assert_eq!(run_eval(r#"require("kode:nope")"#.into()), 1);
}

/// `compile::run_internal` hands ASCII sources to V8 as external one-byte
/// strings (no copy, no UTF-8 decoding at start-up); a non-ASCII character
/// would silently fall back to the slow path. Use `\uXXXX` in strings.
#[test]
fn embedded_javascript_is_ascii() {
    let scripts = EXTENSIONS
        .iter()
        .flat_map(|ext| ext.bootstrap.iter().chain(ext.modules))
        .map(|script| (script.specifier, script.source))
        .chain([("kode:internal/esm", crate::esm::ESM_SOURCE)]);
    for (name, source) in scripts {
        if let Some((line, text)) = source.lines().enumerate().find(|(_, l)| !l.is_ascii()) {
            panic!("{name}:{} is not ASCII: {text}", line + 1);
        }
    }
}

/// Node 22's builtin module names that SPEC §5 lists (the ones Kode may provide).
const NODE_BUILTINS: &[&str] = &[
    "assert",
    "assert/strict",
    "async_hooks",
    "buffer",
    "child_process",
    "crypto",
    "events",
    "fs",
    "fs/promises",
    "http",
    "https",
    "module",
    "net",
    "os",
    "path",
    "path/posix",
    "perf_hooks",
    "process",
    "querystring",
    "readline",
    "readline/promises",
    "stream",
    "stream/promises",
    "stream/web",
    "string_decoder",
    "timers",
    "timers/promises",
    "tty",
    "url",
    "util",
    "util/types",
    "worker_threads",
    "zlib",
    "console",
    "constants",
    "path/win32",
    "cluster",
    "dgram",
    "diagnostics_channel",
    "dns",
    "dns/promises",
    "domain",
    "http2",
    "inspector",
    "repl",
    "sys",
    "tls",
    "trace_events",
    "v8",
    "vm",
    "wasi",
];
