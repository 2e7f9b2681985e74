//! `import` resolution (Node's ESM_RESOLVE), `"imports"` and self-reference
//! in both modes, on the in-memory file system.

use serde_json::json;

use super::tests::{file, not_exported, not_found, resolve, Res};
use super::*;
use crate::fs::MemFs;
use crate::TEST_BUILTINS;

fn import(fs: &MemFs, specifier: &str, from_dir: &str) -> Res {
    Resolver::new(fs, TEST_BUILTINS).resolve_import(specifier, Path::new(from_dir))
}

fn note(specifier: &str, note: &str) -> Res {
    Err(ResolveError::NotFoundNote {
        specifier: specifier.into(),
        note: note.into(),
    })
}

fn invalid(specifier: &str, reason: &str) -> Res {
    Err(ResolveError::InvalidSpecifier {
        specifier: specifier.into(),
        reason: reason.into(),
    })
}

// ---- paths and URLs ---------------------------------------------------------

#[test]
fn import_paths_name_the_file_exactly() {
    let fs = MemFs::new()
        .file("/app/a.js", "")
        .file("/app/b.mjs", "")
        .file("/app/lib/x.cjs", "")
        .file("/abs/c.js", "");
    assert_eq!(import(&fs, "./a.js", "/app"), file("/app/a.js"));
    assert_eq!(import(&fs, "./b.mjs", "/app"), file("/app/b.mjs"));
    assert_eq!(import(&fs, "../a.js", "/app/lib"), file("/app/a.js"));
    assert_eq!(import(&fs, "./lib/../a.js", "/app"), file("/app/a.js"));
    assert_eq!(import(&fs, "/abs/c.js", "/app"), file("/abs/c.js"));
    assert_eq!(import(&fs, "./x.cjs", "/app/lib"), file("/app/lib/x.cjs"));
    assert_eq!(import(&fs, "./nope.js", "/app"), not_found("./nope.js"));
    // A trailing slash names a directory: a file of that name does not match.
    assert_eq!(import(&fs, "./a.js/", "/app"), not_found("./a.js/"));
    assert_eq!(
        import(&fs, "file:///app/a.js/", "/"),
        not_found("file:///app/a.js/")
    );
}

#[test]
fn missing_extension_or_directory_suggests_the_file() {
    let fs = MemFs::new()
        .file("/app/a.js", "")
        .file("/app/data.json", "")
        .file("/app/dir/index.js", "")
        .file("/app/empty/readme.md", "")
        .file("/app/main/package.json", r#"{ "main": "lib/entry.js" }"#)
        .file("/app/main/lib/entry.js", "");
    assert_eq!(
        import(&fs, "./a", "/app"),
        note(
            "./a",
            "an import names the file exactly: did you mean './a.js'?"
        )
    );
    assert_eq!(
        import(&fs, "./data", "/app"),
        note(
            "./data",
            "an import names the file exactly: did you mean './data.json'?"
        )
    );
    assert_eq!(
        import(&fs, "./dir", "/app"),
        note(
            "./dir",
            "a directory cannot be imported: did you mean './dir/index.js'?"
        )
    );
    assert_eq!(
        import(&fs, "./dir/", "/app"),
        note(
            "./dir/",
            "a directory cannot be imported: did you mean './dir/index.js'?"
        )
    );
    assert_eq!(
        import(&fs, "./main", "/app"),
        note(
            "./main",
            "a directory cannot be imported: did you mean './main/lib/entry.js'?"
        )
    );
    assert_eq!(
        import(&fs, "./empty", "/app"),
        note("./empty", "a directory cannot be imported")
    );
    assert_eq!(
        import(&fs, ".", "/app/dir"),
        note(
            ".",
            "a directory cannot be imported: did you mean './index.js'?"
        )
    );
    // The message carries the note.
    let err = import(&fs, "./a", "/app").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Cannot find module './a' (an import names the file exactly: did you mean './a.js'?)"
    );
    assert_eq!(err.code(), crate::codes::EMODULE_NOT_FOUND);
}

#[test]
fn relative_specifiers_are_urls() {
    let fs = MemFs::new()
        .file("/app/a b.js", "")
        .file("/app/a.js", "")
        .file("/app/100%.js", "");
    assert_eq!(import(&fs, "./a%20b.js", "/app"), file("/app/a b.js"));
    assert_eq!(import(&fs, "./a b.js", "/app"), file("/app/a b.js"));
    assert_eq!(import(&fs, "./a.js?v=1", "/app"), file("/app/a.js"));
    assert_eq!(import(&fs, "./a.js#frag", "/app"), file("/app/a.js"));
    assert_eq!(import(&fs, "./100%.js", "/app"), file("/app/100%.js"));
    assert_eq!(
        import(&fs, "./x%2Fy.js", "/app"),
        invalid(
            "./x%2Fy.js",
            "must not include encoded '/' or '\\' characters"
        )
    );
}

#[test]
fn file_urls() {
    let fs = MemFs::new().file("/app/a b.js", "").file("/app/a.js", "");
    assert_eq!(import(&fs, "file:///app/a.js", "/x"), file("/app/a.js"));
    assert_eq!(
        import(&fs, "file:///app/a%20b.js", "/x"),
        file("/app/a b.js")
    );
    assert_eq!(
        import(&fs, "file://localhost/app/a.js", "/x"),
        file("/app/a.js")
    );
    assert_eq!(import(&fs, "file:/app/a.js", "/x"), file("/app/a.js"));
    assert_eq!(
        import(&fs, "file:///app/x/../a.js?q", "/x"),
        file("/app/a.js")
    );
    assert_eq!(
        import(&fs, "file:///app/a", "/x"),
        note(
            "file:///app/a",
            "an import names the file exactly: did you mean 'file:///app/a.js'?"
        )
    );
    assert_eq!(
        import(&fs, "file://host/app/a.js", "/x"),
        invalid(
            "file://host/app/a.js",
            "a file: URL host must be empty or 'localhost', not 'host'"
        )
    );
    assert_eq!(
        import(&fs, "file:///app%2fa.js", "/x"),
        invalid(
            "file:///app%2fa.js",
            "a file: URL path must not include encoded '/' or '\\' characters"
        )
    );
}

#[test]
fn builtins_and_other_schemes() {
    let fs = MemFs::new();
    assert_eq!(
        import(&fs, "kode:fs", "/app"),
        Ok(Resolved::Builtin("kode:fs".into()))
    );
    assert!(matches!(
        import(&fs, "kode:nope", "/app"),
        Err(ResolveError::UnknownBuiltin { .. })
    ));
    assert_eq!(
        import(&fs, "node:fs", "/app"),
        Ok(Resolved::Builtin("node:fs".into()))
    );
    assert_eq!(
        import(&fs, "https://x.dev/a.js", "/app"),
        note(
            "https://x.dev/a.js",
            "the URL scheme 'https:' is not supported: import file: URLs, kode: and node: builtins, paths or packages"
        )
    );
    assert_eq!(import(&fs, "", "/app"), not_found(""));
}

// ---- packages -------------------------------------------------------------

#[test]
fn exports_use_the_import_condition() {
    let fs = MemFs::new()
        .file(
            "/app/node_modules/dual/package.json",
            json!({ "exports": {
                ".": { "require": "./main.cjs", "import": "./main.mjs" },
                "./kode": { "browser": "./node.js", "kode": "./kode.js", "import": "./never.js" },
                "./feat/*": { "import": "./esm/*.js", "default": "./cjs/*.js" },
                "./cjs-only": { "require": "./c.js" },
                "./hidden/*": null
            }})
            .to_string(),
        )
        .file("/app/node_modules/dual/main.cjs", "")
        .file("/app/node_modules/dual/main.mjs", "")
        .file("/app/node_modules/dual/kode.js", "")
        .file("/app/node_modules/dual/esm/x.js", "")
        .file("/app/node_modules/dual/cjs/x.js", "")
        .file("/app/node_modules/dual/c.js", "");
    const DIR: &str = "/app/node_modules/dual";
    assert_eq!(
        import(&fs, "dual", "/app"),
        file(&format!("{DIR}/main.mjs"))
    );
    assert_eq!(
        resolve(&fs, "dual", "/app"),
        file(&format!("{DIR}/main.cjs"))
    );
    assert_eq!(
        import(&fs, "dual/kode", "/app"),
        file(&format!("{DIR}/kode.js"))
    );
    assert_eq!(
        import(&fs, "dual/feat/x", "/app/src"),
        file(&format!("{DIR}/esm/x.js"))
    );
    assert_eq!(
        resolve(&fs, "dual/feat/x", "/app"),
        file(&format!("{DIR}/cjs/x.js"))
    );
    let pkg = format!("{DIR}/package.json");
    assert_eq!(
        import(&fs, "dual/cjs-only", "/app"),
        not_exported("dual/cjs-only", &pkg, "./cjs-only")
    );
    assert_eq!(
        import(&fs, "dual/hidden/x", "/app"),
        not_exported("dual/hidden/x", &pkg, "./hidden/x")
    );
}

#[test]
fn packages_without_exports_use_main_or_exact_subpaths() {
    let fs = MemFs::new()
        .file(
            "/app/node_modules/m/package.json",
            r#"{ "main": "lib/m.js" }"#,
        )
        .file("/app/node_modules/m/lib/m.js", "")
        .file("/app/node_modules/m/lib/util.js", "")
        .file(
            "/app/node_modules/noext/package.json",
            r#"{ "main": "lib/m" }"#,
        )
        .file("/app/node_modules/noext/lib/m.js", "")
        .file("/app/node_modules/idx/index.js", "")
        .file(
            "/app/node_modules/@s/p/package.json",
            r#"{ "main": "./missing.js" }"#,
        )
        .file("/app/node_modules/@s/p/index.js", "");
    assert_eq!(
        import(&fs, "m", "/app"),
        file("/app/node_modules/m/lib/m.js")
    );
    // Node's legacy main resolution completes "main" (deprecated, still done).
    assert_eq!(
        import(&fs, "noext", "/app"),
        file("/app/node_modules/noext/lib/m.js")
    );
    assert_eq!(
        import(&fs, "idx", "/app/a/b"),
        file("/app/node_modules/idx/index.js")
    );
    assert_eq!(
        import(&fs, "@s/p", "/app"),
        file("/app/node_modules/@s/p/index.js")
    );
    // Subpaths are exact files.
    assert_eq!(
        import(&fs, "m/lib/util.js", "/app"),
        file("/app/node_modules/m/lib/util.js")
    );
    assert_eq!(
        import(&fs, "m/lib/util", "/app"),
        note(
            "m/lib/util",
            "an import names the file exactly: did you mean 'm/lib/util.js'?"
        )
    );
    assert_eq!(import(&fs, "nope", "/app"), not_found("nope"));
    assert_eq!(
        import(&fs, "m/", "/app"),
        invalid("m/", "a package subpath cannot end with '/'")
    );
    assert_eq!(
        import(&fs, "@s", "/app"),
        invalid("@s", "not a valid package name")
    );
    assert_eq!(
        import(&fs, "a%b", "/app"),
        invalid("a%b", "not a valid package name")
    );
}

#[test]
fn the_nearest_package_directory_decides() {
    // Node's ESM resolver stops at the first node_modules/NAME directory,
    // even when the file is only further up (require moves on).
    let fs = MemFs::new()
        .file("/app/node_modules/p/x.js", "")
        .file("/app/sub/node_modules/p/readme.md", "");
    assert_eq!(import(&fs, "p/x.js", "/app/sub"), not_found("p/x.js"));
    assert_eq!(
        resolve(&fs, "p/x.js", "/app/sub"),
        file("/app/node_modules/p/x.js")
    );
}

// ---- "imports" --------------------------------------------------------------

fn imports_fs() -> MemFs {
    MemFs::new()
        .file(
            "/app/package.json",
            json!({ "name": "app", "imports": {
                "#dep": { "import": "./dep.mjs", "require": "./dep.cjs" },
                "#internal/*": "./src/internal/*.js",
                "#internal/secret/*": null,
                "#ext": "ext/sub.js",
                "#ext-pattern/*": "ext/*.js",
                "#kode": { "kode": "./kode.js", "default": "./other.js" },
                "#bad": "../outside.js",
                "#url": "kode:fs",
                "#gone": "./gone.js"
            }})
            .to_string(),
        )
        .file("/app/dep.mjs", "")
        .file("/app/dep.cjs", "")
        .file("/app/kode.js", "")
        .file("/app/src/internal/a.js", "")
        .file("/app/src/internal/secret/k.js", "")
        .file(
            "/app/node_modules/ext/package.json",
            r#"{ "exports": { "./sub.js": "./s.js", "./*.js": "./p/*.js" } }"#,
        )
        .file("/app/node_modules/ext/s.js", "")
        .file("/app/node_modules/ext/p/q.js", "")
}

#[test]
fn imports_in_both_modes() {
    let fs = imports_fs();
    assert_eq!(import(&fs, "#dep", "/app/src"), file("/app/dep.mjs"));
    assert_eq!(resolve(&fs, "#dep", "/app/src"), file("/app/dep.cjs"));
    assert_eq!(
        import(&fs, "#internal/a", "/app"),
        file("/app/src/internal/a.js")
    );
    assert_eq!(
        resolve(&fs, "#internal/a", "/app"),
        file("/app/src/internal/a.js")
    );
    assert_eq!(import(&fs, "#kode", "/app"), file("/app/kode.js"));
    // A target may name a package, resolved from the package's directory.
    assert_eq!(
        import(&fs, "#ext", "/app/src"),
        file("/app/node_modules/ext/s.js")
    );
    assert_eq!(
        resolve(&fs, "#ext", "/app/src"),
        file("/app/node_modules/ext/s.js")
    );
    assert_eq!(
        import(&fs, "#ext-pattern/q", "/app"),
        file("/app/node_modules/ext/p/q.js")
    );
}

#[test]
fn imports_failures() {
    let fs = imports_fs();
    let pkg = PathBuf::from("/app/package.json");
    let not_defined = |specifier: &str| {
        Err(ResolveError::ImportNotDefined {
            specifier: specifier.into(),
            package_json: Some(pkg.clone()),
        })
    };
    for run in [import, resolve] {
        assert_eq!(run(&fs, "#nope", "/app"), not_defined("#nope"));
        // A null target excludes, also under a broader pattern.
        assert_eq!(
            run(&fs, "#internal/secret/k", "/app"),
            not_defined("#internal/secret/k")
        );
        assert_eq!(
            run(&fs, "#bad", "/app"),
            Err(ResolveError::InvalidTarget {
                specifier: "#bad".into(),
                package_json: pkg.clone(),
                target: "../outside.js".into(),
                field: "imports",
            })
        );
        // URLs are invalid targets, as in Node.
        assert!(matches!(
            run(&fs, "#url", "/app"),
            Err(ResolveError::InvalidTarget { .. })
        ));
        assert_eq!(run(&fs, "#gone", "/app"), not_found("#gone"));
        assert_eq!(
            run(&fs, "#", "/app"),
            invalid("#", "is not a valid internal imports specifier name")
        );
        assert_eq!(
            run(&fs, "#/x", "/app"),
            invalid("#/x", "is not a valid internal imports specifier name")
        );
    }
    assert_eq!(
        import(&fs, "#ext-pattern/none", "/app")
            .unwrap_err()
            .to_string(),
        "Cannot find module '#ext-pattern/none' (mapped to 'ext/none.js' by /app/package.json)"
    );
}

#[test]
fn imports_come_from_the_nearest_package_json_only() {
    let fs = imports_fs()
        .file("/app/nested/package.json", "{}")
        .file("/app/node_modules/dep/index.js", "")
        .file("/app/node_modules/#dep/index.js", "");
    // The nearest package.json has no "imports": import fails...
    assert_eq!(
        import(&fs, "#dep", "/app/nested"),
        Err(ResolveError::ImportNotDefined {
            specifier: "#dep".into(),
            package_json: Some("/app/nested/package.json".into()),
        })
    );
    // ... and require falls back to node_modules, as Node's does.
    assert_eq!(
        resolve(&fs, "#dep", "/app/nested"),
        file("/app/node_modules/#dep/index.js")
    );
    // No package.json at all.
    let fs = MemFs::new().file("/a.js", "");
    let err = import(&fs, "#x", "/").unwrap_err();
    assert_eq!(
        err,
        ResolveError::ImportNotDefined {
            specifier: "#x".into(),
            package_json: None
        }
    );
    assert_eq!(err.package_json(), None);
}

// ---- self-reference ---------------------------------------------------------

fn self_fs() -> MemFs {
    MemFs::new()
        .file(
            "/work/pkg/package.json",
            json!({ "name": "@me/pkg", "exports": {
                ".": { "import": "./index.mjs", "default": "./index.cjs" },
                "./util": "./lib/util.js"
            }})
            .to_string(),
        )
        .file("/work/pkg/index.mjs", "")
        .file("/work/pkg/index.cjs", "")
        .file("/work/pkg/lib/util.js", "")
        .file("/work/pkg/node_modules/@me/pkg/index.js", "")
        .file("/work/noexports/package.json", r#"{ "name": "noexports" }"#)
        .file("/work/noexports/node_modules/noexports/index.js", "")
}

#[test]
fn a_package_imports_itself_through_its_exports() {
    let fs = self_fs();
    assert_eq!(
        import(&fs, "@me/pkg", "/work/pkg/lib"),
        file("/work/pkg/index.mjs")
    );
    assert_eq!(
        resolve(&fs, "@me/pkg", "/work/pkg/lib"),
        file("/work/pkg/index.cjs")
    );
    assert_eq!(
        import(&fs, "@me/pkg/util", "/work/pkg"),
        file("/work/pkg/lib/util.js")
    );
    assert_eq!(
        resolve(&fs, "@me/pkg/util", "/work/pkg"),
        file("/work/pkg/lib/util.js")
    );
    let pkg = "/work/pkg/package.json";
    assert_eq!(
        resolve(&fs, "@me/pkg/lib/util.js", "/work/pkg"),
        not_exported("@me/pkg/lib/util.js", pkg, "./lib/util.js")
    );
    assert_eq!(
        import(&fs, "@me/pkg/lib/util.js", "/work/pkg"),
        not_exported("@me/pkg/lib/util.js", pkg, "./lib/util.js")
    );
    // Only the exact name or NAME/…: a longer name is another package.
    assert_eq!(import(&fs, "@me/pkgx", "/work/pkg"), not_found("@me/pkgx"));
    // Without "exports" there is no self-reference: node_modules decides.
    assert_eq!(
        resolve(&fs, "noexports", "/work/noexports"),
        file("/work/noexports/node_modules/noexports/index.js")
    );
    assert_eq!(
        import(&fs, "noexports", "/work/noexports"),
        file("/work/noexports/node_modules/noexports/index.js")
    );
}

#[test]
fn self_reference_stops_at_node_modules() {
    // A module inside node_modules/x has that package's package.json as its
    // scope, never the application's above the node_modules directory.
    let fs = MemFs::new()
        .file(
            "/app/package.json",
            json!({ "name": "dep", "exports": "./app.js" }).to_string(),
        )
        .file("/app/app.js", "")
        .file("/app/node_modules/other/lib/a.js", "")
        .file("/app/node_modules/dep/index.js", "");
    assert_eq!(import(&fs, "dep", "/app/src"), file("/app/app.js"));
    assert_eq!(
        import(&fs, "dep", "/app/node_modules/other/lib"),
        file("/app/node_modules/dep/index.js")
    );
    assert_eq!(
        resolve(&fs, "dep", "/app/node_modules/other/lib"),
        file("/app/node_modules/dep/index.js")
    );
}

#[test]
fn package_type() {
    let fs = MemFs::new()
        .file("/app/package.json", r#"{ "type": "module" }"#)
        .file("/app/c/package.json", r#"{ "type": "commonjs" }"#)
        .file("/app/bad/package.json", "{");
    let resolver = Resolver::new(&fs, TEST_BUILTINS);
    assert_eq!(
        resolver.package_type(Path::new("/app/x")),
        Some(PackageType::Module)
    );
    assert_eq!(
        resolver.package_type(Path::new("/app/c/d")),
        Some(PackageType::CommonJs)
    );
    assert_eq!(resolver.package_type(Path::new("/app/bad")), None);
    assert_eq!(resolver.package_type(Path::new("/")), None);
}
