use std::cell::Cell;

use serde_json::json;

use super::*;
use crate::fs::MemFs;
use crate::TEST_BUILTINS;

pub(super) type Res = Result<Resolved, ResolveError>;

pub(super) fn resolve(fs: &MemFs, specifier: &str, from_dir: &str) -> Res {
    Resolver::new(fs, TEST_BUILTINS).resolve(specifier, Path::new(from_dir))
}

fn import(fs: &MemFs, specifier: &str, from_dir: &str) -> Res {
    Resolver::new(fs, TEST_BUILTINS).resolve_import(specifier, Path::new(from_dir))
}

pub(super) fn file(path: &str) -> Res {
    Ok(Resolved::File(PathBuf::from(path)))
}

pub(super) fn not_found(specifier: &str) -> Res {
    Err(ResolveError::NotFound {
        specifier: specifier.into(),
    })
}

pub(super) fn not_exported(specifier: &str, package_json: &str, subpath: &str) -> Res {
    Err(ResolveError::NotExported {
        specifier: specifier.into(),
        package_json: package_json.into(),
        subpath: subpath.into(),
    })
}

/// A MemFs with `/app/node_modules/pkg/package.json` holding `package_json`.
pub(super) fn package(package_json: Value) -> MemFs {
    MemFs::new().file(
        "/app/node_modules/pkg/package.json",
        package_json.to_string(),
    )
}

pub(super) const PKG_JSON: &str = "/app/node_modules/pkg/package.json";

// ---- relative and absolute paths -------------------------------------------

#[test]
fn exact_file_before_extensions() {
    let fs = MemFs::new().file("/app/a", "").file("/app/a.js", "");
    assert_eq!(resolve(&fs, "./a", "/app"), file("/app/a"));
}

#[test]
fn extension_order_js_json_cjs() {
    let all = MemFs::new()
        .file("/app/a.js", "")
        .file("/app/a.json", "")
        .file("/app/a.cjs", "");
    assert_eq!(resolve(&all, "./a", "/app"), file("/app/a.js"));
    let no_js = MemFs::new().file("/app/a.json", "").file("/app/a.cjs", "");
    assert_eq!(resolve(&no_js, "./a", "/app"), file("/app/a.json"));
    let cjs = MemFs::new().file("/app/a.cjs", "");
    assert_eq!(resolve(&cjs, "./a", "/app"), file("/app/a.cjs"));
}

#[test]
fn extensions_are_appended_not_replaced() {
    let fs = MemFs::new().file("/app/a.min.js", "");
    assert_eq!(resolve(&fs, "./a.min", "/app"), file("/app/a.min.js"));
}

#[test]
fn file_before_directory() {
    let fs = MemFs::new()
        .file("/app/lib.js", "")
        .file("/app/lib/index.js", "");
    assert_eq!(resolve(&fs, "./lib", "/app"), file("/app/lib.js"));
}

#[test]
fn trailing_slash_skips_file_step() {
    let both = MemFs::new()
        .file("/app/lib.js", "")
        .file("/app/lib/index.js", "");
    assert_eq!(resolve(&both, "./lib/", "/app"), file("/app/lib/index.js"));
    let only_file = MemFs::new().file("/app/lib.js", "");
    assert_eq!(resolve(&only_file, "./lib/", "/app"), not_found("./lib/"));
}

#[test]
fn directory_index_js_before_json() {
    let fs = MemFs::new()
        .file("/app/lib/index.js", "")
        .file("/app/lib/index.json", "");
    assert_eq!(resolve(&fs, "./lib", "/app"), file("/app/lib/index.js"));
    let json_only = MemFs::new().file("/app/lib/index.json", "");
    assert_eq!(
        resolve(&json_only, "./lib", "/app"),
        file("/app/lib/index.json")
    );
}

#[test]
fn index_cjs_is_not_an_index() {
    let fs = MemFs::new().file("/app/lib/index.cjs", "");
    assert_eq!(resolve(&fs, "./lib", "/app"), not_found("./lib"));
}

#[test]
fn directory_main_before_index() {
    let fs = MemFs::new()
        .file("/app/lib/package.json", r#"{"main": "./main.js"}"#)
        .file("/app/lib/main.js", "")
        .file("/app/lib/index.js", "");
    assert_eq!(resolve(&fs, "./lib", "/app"), file("/app/lib/main.js"));
}

#[test]
fn main_without_extension() {
    let fs = MemFs::new()
        .file("/app/lib/package.json", r#"{"main": "dist/entry"}"#)
        .file("/app/lib/dist/entry.cjs", "");
    assert_eq!(
        resolve(&fs, "./lib", "/app"),
        file("/app/lib/dist/entry.cjs")
    );
}

#[test]
fn main_pointing_at_directory() {
    let fs = MemFs::new()
        .file("/app/lib/package.json", r#"{"main": "dist"}"#)
        .file("/app/lib/dist/index.json", "");
    assert_eq!(
        resolve(&fs, "./lib", "/app"),
        file("/app/lib/dist/index.json")
    );
}

#[test]
fn main_with_dot_segments_is_normalised() {
    let fs = MemFs::new()
        .file("/app/lib/package.json", r#"{"main": "./src/../dist//x"}"#)
        .file("/app/lib/dist/x.js", "");
    assert_eq!(resolve(&fs, "./lib", "/app"), file("/app/lib/dist/x.js"));
}

#[test]
fn missing_main_falls_back_to_index() {
    let fs = MemFs::new()
        .file("/app/lib/package.json", r#"{"main": "nope.js"}"#)
        .file("/app/lib/index.js", "");
    assert_eq!(resolve(&fs, "./lib", "/app"), file("/app/lib/index.js"));
}

#[test]
fn missing_main_and_index_is_not_found() {
    let fs = MemFs::new().file("/app/lib/package.json", r#"{"main": "nope.js"}"#);
    assert_eq!(resolve(&fs, "./lib", "/app"), not_found("./lib"));
}

#[test]
fn empty_or_non_string_main_is_ignored() {
    for main in [json!(""), json!(3), json!(null)] {
        let fs = MemFs::new()
            .file("/app/lib/package.json", json!({ "main": main }).to_string())
            .file("/app/lib/index.js", "");
        assert_eq!(resolve(&fs, "./lib", "/app"), file("/app/lib/index.js"));
    }
}

#[test]
fn invalid_package_json_in_directory() {
    let fs = MemFs::new()
        .file("/app/lib/package.json", "{ nope")
        .file("/app/lib/index.js", "");
    let err = resolve(&fs, "./lib", "/app").unwrap_err();
    let ResolveError::InvalidPackageJson {
        specifier, path, ..
    } = &err
    else {
        panic!("unexpected {err:?}");
    };
    assert_eq!(
        (specifier.as_str(), path.as_path()),
        ("./lib", Path::new("/app/lib/package.json"))
    );
}

#[test]
fn dot_dot_is_normalised() {
    let fs = MemFs::new().file("/app/x/z.js", "");
    assert_eq!(
        resolve(&fs, "../x/./y/..//z", "/app/src"),
        file("/app/x/z.js")
    );
    assert_eq!(resolve(&fs, "./../x/z", "/app/src/./"), file("/app/x/z.js"));
}

#[test]
fn dot_dot_stops_at_root() {
    let fs = MemFs::new().file("/a.js", "");
    assert_eq!(resolve(&fs, "../../../a", "/x"), file("/a.js"));
}

#[test]
fn dot_and_dot_dot_name_directories() {
    // `..` must not probe `/app.js` (Node treats `.`/`..` like a trailing `/`).
    let fs = MemFs::new()
        .file("/app.js", "")
        .file("/app/index.js", "")
        .file("/app/src/index.js", "");
    assert_eq!(resolve(&fs, ".", "/app/src"), file("/app/src/index.js"));
    assert_eq!(resolve(&fs, "..", "/app/src"), file("/app/index.js"));
    assert_eq!(resolve(&fs, "./..", "/app/src"), file("/app/index.js"));
}

#[test]
fn absolute_specifier() {
    let fs = MemFs::new().file("/lib/util.js", "");
    assert_eq!(resolve(&fs, "/lib/util", "/app"), file("/lib/util.js"));
    assert_eq!(resolve(&fs, "/lib/nope", "/app"), not_found("/lib/nope"));
}

#[test]
fn relative_does_not_search_node_modules() {
    let fs = MemFs::new().file("/app/node_modules/a.js", "");
    assert_eq!(resolve(&fs, "./a", "/app"), not_found("./a"));
}

// ---- builtins and special prefixes -----------------------------------------

#[test]
fn kode_builtins() {
    let fs = MemFs::new();
    for specifier in TEST_BUILTINS {
        let specifier = specifier.to_string();
        assert_eq!(
            resolve(&fs, &specifier, "/app"),
            Ok(Resolved::Builtin(specifier.clone()))
        );
    }
}

#[test]
fn unknown_kode_builtin() {
    let fs = MemFs::new();
    for specifier in ["kode:nope", "kode:", "kode:fs/x"] {
        assert_eq!(
            resolve(&fs, specifier, "/app"),
            Err(ResolveError::UnknownBuiltin {
                specifier: specifier.into(),
                known: TEST_BUILTINS,
            })
        );
    }
}

#[test]
fn node_prefix_resolves_from_anywhere_and_empty_is_not_found() {
    let fs = MemFs::new().file("/app/node_modules/node:fs/index.js", "");
    let builtin = |name: &str| Ok(Resolved::Builtin(name.into()));
    assert_eq!(resolve(&fs, "node:fs", "/app"), builtin("node:fs"));
    assert_eq!(
        resolve(&fs, "node:fs/promises", "/app"),
        builtin("node:fs/promises")
    );
    assert_eq!(import(&fs, "node:path", "/app"), builtin("node:path"));
    assert_eq!(resolve(&fs, "", "/app"), not_found(""));
    let unknown = resolve(&fs, "node:nope", "/app").unwrap_err();
    assert!(matches!(unknown, ResolveError::UnknownBuiltin { .. }));
    // The message lists the builtins of the same scheme only.
    let message = unknown.to_string();
    assert!(
        message.contains("node:fs, node:fs/promises, node:path"),
        "{message}"
    );
    assert!(!message.contains("kode:"), "{message}");
}

#[test]
fn bare_node_names_are_builtins_only_inside_node_modules() {
    let fs = MemFs::new().file("/app/node_modules/pkg/index.js", "");
    let builtin = |name: &str| Ok(Resolved::Builtin(name.into()));
    let from_pkg = "/app/node_modules/pkg/lib";
    assert_eq!(resolve(&fs, "fs", from_pkg), builtin("node:fs"));
    assert_eq!(
        resolve(&fs, "fs/promises", from_pkg),
        builtin("node:fs/promises")
    );
    assert_eq!(import(&fs, "path", from_pkg), builtin("node:path"));
    // Not a builtin Kode provides: an ordinary package lookup.
    assert_eq!(resolve(&fs, "http2", from_pkg), not_found("http2"));
    // The application's own code: not found, with the way to the builtin.
    for result in [resolve(&fs, "fs", "/app"), import(&fs, "path", "/app/src")] {
        let err = result.unwrap_err();
        assert!(matches!(err, ResolveError::NotFoundNote { .. }), "{err:?}");
        assert!(err.to_string().contains("names it 'node:"), "{err}");
    }
}

#[test]
fn a_package_named_like_a_builtin_serves_the_application() {
    let fs = MemFs::new().file("/app/node_modules/fs/index.js", "");
    assert_eq!(
        resolve(&fs, "fs", "/app"),
        file("/app/node_modules/fs/index.js")
    );
}

// ---- node_modules without "exports" ----------------------------------------

#[test]
fn package_main_from_deep_directory() {
    let fs = MemFs::new()
        .file("/node_modules/pkg/package.json", r#"{"main": "lib/pkg"}"#)
        .file("/node_modules/pkg/lib/pkg.js", "");
    assert_eq!(
        resolve(&fs, "pkg", "/app/src/a/b"),
        file("/node_modules/pkg/lib/pkg.js")
    );
}

#[test]
fn nearest_node_modules_wins() {
    let fs = MemFs::new()
        .file("/app/node_modules/pkg/index.js", "")
        .file("/app/src/node_modules/pkg/index.js", "");
    assert_eq!(
        resolve(&fs, "pkg", "/app/src/deep"),
        file("/app/src/node_modules/pkg/index.js")
    );
    assert_eq!(
        resolve(&fs, "pkg", "/app/other"),
        file("/app/node_modules/pkg/index.js")
    );
}

#[test]
fn package_without_entry_falls_through_to_parent() {
    let fs = MemFs::new()
        .file("/app/src/node_modules/pkg/readme.md", "")
        .file("/app/node_modules/pkg/index.js", "");
    assert_eq!(
        resolve(&fs, "pkg", "/app/src"),
        file("/app/node_modules/pkg/index.js")
    );
}

#[test]
fn broken_main_stops_the_search() {
    // Node throws "Please verify that the package.json has a valid main".
    let fs = MemFs::new()
        .file(
            "/app/src/node_modules/pkg/package.json",
            r#"{"main": "gone.js"}"#,
        )
        .file("/app/node_modules/pkg/index.js", "");
    assert_eq!(resolve(&fs, "pkg", "/app/src"), not_found("pkg"));
}

#[test]
fn node_modules_directories_are_not_nested() {
    // From inside a package, siblings are found; `node_modules/node_modules` is never tried.
    let fs = MemFs::new()
        .file("/app/node_modules/node_modules/dep/index.js", "")
        .file("/app/node_modules/sibling/index.js", "");
    let from = "/app/node_modules/pkg/lib";
    assert_eq!(
        resolve(&fs, "sibling", from),
        file("/app/node_modules/sibling/index.js")
    );
    assert_eq!(resolve(&fs, "dep", from), not_found("dep"));
    assert_eq!(resolve(&fs, "dep", "/app/node_modules"), not_found("dep"));
}

#[test]
fn package_subpath_without_exports() {
    let fs = MemFs::new()
        .file(
            "/app/node_modules/pkg/package.json",
            r#"{"main": "main.js"}"#,
        )
        .file("/app/node_modules/pkg/util.json", "")
        .file("/app/node_modules/pkg/lib/index.js", "");
    assert_eq!(
        resolve(&fs, "pkg/util", "/app"),
        file("/app/node_modules/pkg/util.json")
    );
    assert_eq!(
        resolve(&fs, "pkg/lib", "/app"),
        file("/app/node_modules/pkg/lib/index.js")
    );
    assert_eq!(resolve(&fs, "pkg/package.json", "/app"), file(PKG_JSON));
}

#[test]
fn scoped_packages() {
    let fs = MemFs::new()
        .file(
            "/app/node_modules/@s/pkg/package.json",
            r#"{"main": "m.js"}"#,
        )
        .file("/app/node_modules/@s/pkg/m.js", "")
        .file("/app/node_modules/@s/pkg/sub/x.js", "");
    assert_eq!(
        resolve(&fs, "@s/pkg", "/app/src"),
        file("/app/node_modules/@s/pkg/m.js")
    );
    assert_eq!(
        resolve(&fs, "@s/pkg/sub/x", "/app/src"),
        file("/app/node_modules/@s/pkg/sub/x.js")
    );
    assert_eq!(resolve(&fs, "@s/other", "/app/src"), not_found("@s/other"));
}

#[test]
fn bare_name_not_found() {
    let fs = MemFs::new().file("/app/node_modules/other/index.js", "");
    assert_eq!(resolve(&fs, "pkg", "/app"), not_found("pkg"));
    assert_eq!(resolve(&fs, "pkg/sub", "/app"), not_found("pkg/sub"));
}

#[test]
fn invalid_package_json_in_node_modules() {
    let fs = MemFs::new()
        .file(PKG_JSON, "{\"main\": ")
        .file("/app/node_modules/pkg/index.js", "");
    let err = resolve(&fs, "pkg/x", "/app/src").unwrap_err();
    let ResolveError::InvalidPackageJson {
        specifier,
        path,
        message,
    } = &err
    else {
        panic!("unexpected {err:?}");
    };
    assert_eq!(
        (specifier.as_str(), path.as_path()),
        ("pkg/x", Path::new(PKG_JSON))
    );
    assert!(message.contains("EOF"), "{message}");
}

// ---- errors, helpers, cache ------------------------------------------------

#[test]
fn error_messages_and_fields() {
    let unknown = ResolveError::UnknownBuiltin {
        specifier: "kode:nope".into(),
        known: TEST_BUILTINS,
    };
    assert_eq!(
        unknown.to_string(),
        "Unknown builtin module 'kode:nope' (known: kode:fs, kode:path, kode:crypto, kode:encoding)"
    );
    assert_eq!(
        (unknown.code(), unknown.specifier()),
        ("EMODULE_NOT_FOUND", "kode:nope")
    );
    let missing = ResolveError::NotFound {
        specifier: "x".into(),
    };
    assert_eq!(missing.to_string(), "Cannot find module 'x'");
    let hidden = not_exported("pkg/x", PKG_JSON, "./x").unwrap_err();
    assert_eq!(
        hidden.to_string(),
        "Package subpath './x' is not defined by \"exports\" in /app/node_modules/pkg/package.json"
    );
    assert_eq!(
        (hidden.code(), hidden.specifier()),
        ("EMODULE_NOT_FOUND", "pkg/x")
    );
}

#[test]
fn normalize_paths() {
    let cases = [
        ("/", "/"),
        ("/a/./b//c/", "/a/b/c"),
        ("/a/b/../../..", "/"),
        ("/../a", "/a"),
        ("/a/b/../c/.", "/a/c"),
        ("a/../../b", "../b"),
        ("./a/..", "."),
    ];
    for (input, expected) in cases {
        assert_eq!(
            normalize(Path::new(input)),
            PathBuf::from(expected),
            "{input}"
        );
    }
}

#[test]
fn package_name_split() {
    assert_eq!(split_package_name("pkg"), Some(("pkg", "")));
    assert_eq!(split_package_name("pkg/a/b"), Some(("pkg", "/a/b")));
    assert_eq!(split_package_name("@s/pkg"), Some(("@s/pkg", "")));
    assert_eq!(split_package_name("@s/pkg/a"), Some(("@s/pkg", "/a")));
    assert_eq!(split_package_name("@s"), Some(("@s", "")));
    assert_eq!(split_package_name(".hidden"), None);
    assert_eq!(split_package_name("a%20b"), None);
}

#[test]
fn node_modules_path_list() {
    let paths = node_modules_paths(Path::new("/a/node_modules/b/c"));
    let expected = [
        "/a/node_modules/b/c/node_modules",
        "/a/node_modules/b/node_modules",
        "/a/node_modules",
        "/node_modules",
    ];
    assert_eq!(paths, expected.map(PathBuf::from));
}

/// Counts reads (and stats) so the package.json and scope caches are observable.
struct CountingFs {
    inner: MemFs,
    reads: Cell<usize>,
    stats: Cell<usize>,
}

impl Fs for CountingFs {
    fn kind(&self, path: &Path) -> Option<EntryKind> {
        self.stats.set(self.stats.get() + 1);
        self.inner.kind(path)
    }

    fn read_to_string(&self, path: &Path) -> std::io::Result<String> {
        self.reads.set(self.reads.get() + 1);
        self.inner.read_to_string(path)
    }
}

#[test]
fn package_json_is_parsed_once() {
    let fs = CountingFs {
        inner: package(json!({ "exports": { "./a": "./a.js", "./b": "./b.js" } }))
            .file("/app/node_modules/pkg/a.js", "")
            .file("/app/node_modules/pkg/b.js", ""),
        reads: Cell::new(0),
        stats: Cell::new(0),
    };
    let resolver = Resolver::new(&fs, TEST_BUILTINS);
    assert_eq!(
        resolver.resolve("pkg/a", Path::new("/app")),
        file("/app/node_modules/pkg/a.js")
    );
    assert_eq!(
        resolver.resolve("pkg/b", Path::new("/app/src")),
        file("/app/node_modules/pkg/b.js")
    );
    assert_eq!(fs.reads.get(), 1);
}

#[test]
fn package_scopes_are_looked_up_once_per_directory() {
    let fs = CountingFs {
        inner: MemFs::new()
            .file("/app/package.json", r#"{ "type": "module" }"#)
            .file("/app/a/b/c/x.js", ""),
        reads: Cell::new(0),
        stats: Cell::new(0),
    };
    let resolver = Resolver::new(&fs, TEST_BUILTINS);
    let deep = Path::new("/app/a/b/c");
    assert_eq!(resolver.package_type(deep), Some(PackageType::Module));
    let first = fs.stats.get();
    assert!(first >= 4, "{first}");
    // Again, and from a directory on the way: no more stats, no re-read.
    assert_eq!(resolver.package_type(deep), Some(PackageType::Module));
    assert_eq!(
        resolver.package_type(Path::new("/app/a")),
        Some(PackageType::Module)
    );
    assert_eq!(fs.stats.get(), first);
    assert_eq!(fs.reads.get(), 1);
    // A sibling stops at the first known ancestor.
    assert_eq!(
        resolver.package_type(Path::new("/app/a/other")),
        Some(PackageType::Module)
    );
    assert_eq!(fs.stats.get(), first + 1);
}
