//! Resolver tests for packages with `"exports"` (helpers live in `tests.rs`).

use serde_json::json;

use super::tests::{file, not_exported, not_found, package, resolve, PKG_JSON};
use super::*;
use crate::fs::MemFs;

#[test]
fn exports_string() {
    let fs = package(json!({ "main": "main.js", "exports": "./dist/index.js" }))
        .file("/app/node_modules/pkg/main.js", "")
        .file("/app/node_modules/pkg/dist/index.js", "");
    assert_eq!(
        resolve(&fs, "pkg", "/app"),
        file("/app/node_modules/pkg/dist/index.js")
    );
    assert_eq!(
        resolve(&fs, "pkg/main.js", "/app"),
        not_exported("pkg/main.js", PKG_JSON, "./main.js")
    );
}

#[test]
fn exports_dot_and_subpaths() {
    let fs = package(json!({ "exports": {
        ".": "./index.js",
        "./util": "./lib/util.js",
        "./package.json": "./package.json",
    }}))
    .file("/app/node_modules/pkg/index.js", "")
    .file("/app/node_modules/pkg/lib/util.js", "");
    assert_eq!(
        resolve(&fs, "pkg", "/app"),
        file("/app/node_modules/pkg/index.js")
    );
    assert_eq!(
        resolve(&fs, "pkg/util", "/app"),
        file("/app/node_modules/pkg/lib/util.js")
    );
    assert_eq!(resolve(&fs, "pkg/package.json", "/app"), file(PKG_JSON));
    assert_eq!(
        resolve(&fs, "pkg/lib/util.js", "/app"),
        not_exported("pkg/lib/util.js", PKG_JSON, "./lib/util.js")
    );
    assert_eq!(
        resolve(&fs, "pkg/", "/app"),
        not_exported("pkg/", PKG_JSON, "./")
    );
}

#[test]
fn exports_without_dot_hides_the_main_entry() {
    let fs = package(json!({ "main": "index.js", "exports": { "./a": "./a.js" } }))
        .file("/app/node_modules/pkg/index.js", "");
    assert_eq!(
        resolve(&fs, "pkg", "/app"),
        not_exported("pkg", PKG_JSON, ".")
    );
}

#[test]
fn exports_target_is_not_probed() {
    let fs = package(json!({ "exports": { "./a": "./a", "./d": "./dir" } }))
        .file("/app/node_modules/pkg/a.js", "")
        .file("/app/node_modules/pkg/dir/index.js", "");
    assert_eq!(resolve(&fs, "pkg/a", "/app"), not_found("pkg/a"));
    assert_eq!(resolve(&fs, "pkg/d", "/app"), not_found("pkg/d"));
}

#[test]
fn exports_conditions_pick_require_over_import() {
    let fs = package(json!({ "exports": { "import": "./esm.mjs", "require": "./cjs.js" } }))
        .file("/app/node_modules/pkg/esm.mjs", "")
        .file("/app/node_modules/pkg/cjs.js", "");
    assert_eq!(
        resolve(&fs, "pkg", "/app"),
        file("/app/node_modules/pkg/cjs.js")
    );
}

#[test]
fn exports_conditions_follow_object_order() {
    let default_first = package(json!({ "exports": { "default": "./d.js", "kode": "./k.js" } }))
        .file("/app/node_modules/pkg/d.js", "")
        .file("/app/node_modules/pkg/k.js", "");
    assert_eq!(
        resolve(&default_first, "pkg", "/app"),
        file("/app/node_modules/pkg/d.js")
    );
    let kode_first = package(
        json!({ "exports": { "kode": "./k.js", "require": "./r.js", "default": "./d.js" } }),
    )
    .file("/app/node_modules/pkg/k.js", "")
    .file("/app/node_modules/pkg/r.js", "");
    assert_eq!(
        resolve(&kode_first, "pkg", "/app"),
        file("/app/node_modules/pkg/k.js")
    );
}

/// Packages get Node's surface (SPEC §5), so their Node builds too: `node`
/// is active after `kode`, as in Deno and Bun (`deno`/`bun`, then `node`).
#[test]
fn exports_node_condition_is_active_after_kode() {
    let fs = package(
        json!({ "exports": { "browser": "./b.js", "node": "./n.js", "default": "./d.js" } }),
    )
    .file("/app/node_modules/pkg/n.js", "")
    .file("/app/node_modules/pkg/d.js", "");
    assert_eq!(
        resolve(&fs, "pkg", "/app"),
        file("/app/node_modules/pkg/n.js")
    );
    let kode_first = package(json!({ "exports": { "node": "./n.js", "kode": "./k.js" } }))
        .file("/app/node_modules/pkg/n.js", "")
        .file("/app/node_modules/pkg/k.js", "");
    // The first active key in the object's own order wins.
    assert_eq!(
        resolve(&kode_first, "pkg", "/app"),
        file("/app/node_modules/pkg/n.js")
    );
}

#[test]
fn exports_no_active_condition_is_not_exported() {
    let fs = package(json!({ "exports": { "import": "./esm.mjs", "browser": "./b.js" } }));
    assert_eq!(
        resolve(&fs, "pkg", "/app"),
        not_exported("pkg", PKG_JSON, ".")
    );
}

#[test]
fn exports_nested_conditions() {
    let fs = package(json!({ "exports": { ".": {
        "browser": { "require": "./node.js" },
        "kode": { "import": "./k.mjs", "require": "./k.cjs" },
        "default": "./d.js",
    }}}))
    .file("/app/node_modules/pkg/k.cjs", "");
    assert_eq!(
        resolve(&fs, "pkg", "/app"),
        file("/app/node_modules/pkg/k.cjs")
    );
}

#[test]
fn exports_nested_conditions_without_match_continue() {
    // The inner object yields `undefined`, so the outer loop goes on to "default".
    let fs =
        package(json!({ "exports": { "require": { "import": "./i.mjs" }, "default": "./d.js" } }))
            .file("/app/node_modules/pkg/d.js", "");
    assert_eq!(
        resolve(&fs, "pkg", "/app"),
        file("/app/node_modules/pkg/d.js")
    );
}

#[test]
fn exports_active_condition_null_stops() {
    let fs = package(json!({ "exports": { "require": null, "default": "./d.js" } }))
        .file("/app/node_modules/pkg/d.js", "");
    assert_eq!(
        resolve(&fs, "pkg", "/app"),
        not_exported("pkg", PKG_JSON, ".")
    );
}

#[test]
fn exports_arrays_take_first_valid_target() {
    let fs = package(json!({ "exports": {
        ".": ["not-relative.js", { "import": "./i.mjs" }, "./b.js", "./c.js"],
        "./missing": ["./gone.js", "./c.js"],
    }}))
    .file("/app/node_modules/pkg/b.js", "")
    .file("/app/node_modules/pkg/c.js", "");
    assert_eq!(
        resolve(&fs, "pkg", "/app"),
        file("/app/node_modules/pkg/b.js")
    );
    // The first valid target is the answer even if the file is missing.
    assert_eq!(
        resolve(&fs, "pkg/missing", "/app"),
        not_found("pkg/missing")
    );
}

#[test]
fn exports_patterns() {
    let fs = package(json!({ "exports": {
        "./features/*": "./src/features/*.js",
        "./*.json": "./data/*.json",
    }}))
    .file("/app/node_modules/pkg/src/features/a.js", "")
    .file("/app/node_modules/pkg/src/features/x/y.js", "")
    .file("/app/node_modules/pkg/data/conf.json", "");
    let pkg = "/app/node_modules/pkg";
    assert_eq!(
        resolve(&fs, "pkg/features/a", "/app"),
        file(&format!("{pkg}/src/features/a.js"))
    );
    assert_eq!(
        resolve(&fs, "pkg/features/x/y", "/app"),
        file(&format!("{pkg}/src/features/x/y.js"))
    );
    assert_eq!(
        resolve(&fs, "pkg/conf.json", "/app"),
        file(&format!("{pkg}/data/conf.json"))
    );
    assert_eq!(
        resolve(&fs, "pkg/features/", "/app"),
        not_exported("pkg/features/", PKG_JSON, "./features/")
    );
    assert_eq!(
        resolve(&fs, "pkg/features/b", "/app"),
        not_found("pkg/features/b")
    );
}

#[test]
fn exports_pattern_longest_prefix_wins() {
    // Same answer whatever the key order.
    for exports in [
        json!({ "./f/*": "./general/*.js", "./f/internal/*": "./internal/*.js" }),
        json!({ "./f/internal/*": "./internal/*.js", "./f/*": "./general/*.js" }),
    ] {
        let fs = package(json!({ "exports": exports }))
            .file("/app/node_modules/pkg/internal/x.js", "")
            .file("/app/node_modules/pkg/general/internal/x.js", "")
            .file("/app/node_modules/pkg/general/y.js", "");
        assert_eq!(
            resolve(&fs, "pkg/f/internal/x", "/app"),
            file("/app/node_modules/pkg/internal/x.js")
        );
        assert_eq!(
            resolve(&fs, "pkg/f/y", "/app"),
            file("/app/node_modules/pkg/general/y.js")
        );
    }
}

#[test]
fn exports_exact_key_beats_pattern() {
    let fs = package(json!({ "exports": { "./f/*": "./p/*.js", "./f/a": "./exact.js" } }))
        .file("/app/node_modules/pkg/exact.js", "")
        .file("/app/node_modules/pkg/p/a.js", "");
    assert_eq!(
        resolve(&fs, "pkg/f/a", "/app"),
        file("/app/node_modules/pkg/exact.js")
    );
}

#[test]
fn exports_null_target_is_not_exported() {
    let fs = package(json!({ "exports": {
        "./f/*": "./src/*.js",
        "./f/private/*": null,
        "./hidden": null,
    }}))
    .file("/app/node_modules/pkg/src/a.js", "")
    .file("/app/node_modules/pkg/src/private/b.js", "");
    assert_eq!(
        resolve(&fs, "pkg/f/a", "/app"),
        file("/app/node_modules/pkg/src/a.js")
    );
    assert_eq!(
        resolve(&fs, "pkg/f/private/b", "/app"),
        not_exported("pkg/f/private/b", PKG_JSON, "./f/private/b")
    );
    assert_eq!(
        resolve(&fs, "pkg/hidden", "/app"),
        not_exported("pkg/hidden", PKG_JSON, "./hidden")
    );
}

#[test]
fn exports_pattern_match_cannot_escape() {
    let fs = package(json!({ "exports": { "./f/*": "./src/*.js" } }))
        .file("/app/node_modules/pkg/secret.js", "");
    assert_eq!(
        resolve(&fs, "pkg/f/../../secret", "/app"),
        not_exported("pkg/f/../../secret", PKG_JSON, "./f/../../secret")
    );
}

#[test]
fn exports_invalid_targets() {
    let fs = package(json!({ "exports": {
        "./bare": "dist/x.js",
        "./up": "../x.js",
        "./escape": "./a/../../x.js",
        "./nm": "./node_modules/dep/x.js",
        "./abs": "/etc/passwd",
    }}));
    for (subpath, target) in [
        ("bare", "dist/x.js"),
        ("up", "../x.js"),
        ("escape", "./a/../../x.js"),
        ("nm", "./node_modules/dep/x.js"),
        ("abs", "/etc/passwd"),
    ] {
        let specifier = format!("pkg/{subpath}");
        assert_eq!(
            resolve(&fs, &specifier, "/app"),
            Err(ResolveError::InvalidTarget {
                specifier,
                package_json: PKG_JSON.into(),
                target: target.into(),
                field: "exports",
            })
        );
    }
}

#[test]
fn exports_mixed_keys_is_invalid_package_json() {
    let fs = package(json!({ "exports": { ".": "./a.js", "require": "./b.js" } }));
    assert_eq!(
        resolve(&fs, "pkg", "/app"),
        Err(ResolveError::InvalidPackageJson {
            specifier: "pkg".into(),
            path: PKG_JSON.into(),
            message: "\"exports\" cannot contain some keys starting with '.' and some not".into(),
        })
    );
}

#[test]
fn exports_stop_the_search() {
    let fs = MemFs::new()
        .file(
            "/app/src/node_modules/pkg/package.json",
            r#"{"exports": "./gone.js"}"#,
        )
        .file("/app/node_modules/pkg/index.js", "");
    assert_eq!(resolve(&fs, "pkg", "/app/src"), not_found("pkg"));
}

#[test]
fn exports_null_falls_back_to_main() {
    let fs =
        package(json!({ "exports": null, "main": "m.js" })).file("/app/node_modules/pkg/m.js", "");
    assert_eq!(
        resolve(&fs, "pkg", "/app"),
        file("/app/node_modules/pkg/m.js")
    );
}

#[test]
fn exports_scoped_package() {
    let fs = MemFs::new()
        .file(
            "/app/node_modules/@s/pkg/package.json",
            r#"{"exports": {".": "./i.js", "./sub/*": "./lib/*.js"}}"#,
        )
        .file("/app/node_modules/@s/pkg/i.js", "")
        .file("/app/node_modules/@s/pkg/lib/x.js", "");
    assert_eq!(
        resolve(&fs, "@s/pkg", "/app/a"),
        file("/app/node_modules/@s/pkg/i.js")
    );
    assert_eq!(
        resolve(&fs, "@s/pkg/sub/x", "/app/a"),
        file("/app/node_modules/@s/pkg/lib/x.js")
    );
    assert_eq!(
        resolve(&fs, "@s/pkg/lib/x.js", "/app/a"),
        not_exported(
            "@s/pkg/lib/x.js",
            "/app/node_modules/@s/pkg/package.json",
            "./lib/x.js"
        )
    );
}

#[test]
fn exports_percent_escapes_are_decoded() {
    let fs = package(json!({ "exports": { "./a": "./a%20b.js", "./s": "./x%2fy.js" } }))
        .file("/app/node_modules/pkg/a b.js", "")
        .file("/app/node_modules/pkg/x/y.js", "");
    assert_eq!(
        resolve(&fs, "pkg/a", "/app"),
        file("/app/node_modules/pkg/a b.js")
    );
    assert_eq!(resolve(&fs, "pkg/s", "/app"), not_found("pkg/s"));
}
