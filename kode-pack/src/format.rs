//! A module's format (SPEC §2.2): by extension, then the nearest
//! package.json `"type"`, then Node 22's syntax detection.

use std::path::Path;

use crate::fs::Fs;
use crate::kpk::ModuleKind;
use crate::parse;
use crate::resolve::{PackageType, Resolver};

/// How `path` (absolute) with `source` runs: `.mjs`/`.mts` as an ES module,
/// `.cjs`/`.cts` as CommonJS, `.json` as JSON; any other file (`.js`, `.ts`,
/// no extension, ...) follows the nearest package.json `"type"`
/// (`"module"` or `"commonjs"`), and without one it is an ES module exactly
/// when its syntax says so ([`parse::has_module_syntax`]).
pub fn module_format(fs: &dyn Fs, path: &Path, source: &str) -> ModuleKind {
    format_with(&Resolver::new(fs, &[]), path, source)
}

/// [`module_format`] reusing `resolver`'s cache of parsed package.json files.
pub fn format_with(resolver: &Resolver, path: &Path, source: &str) -> ModuleKind {
    match declared_format(resolver, path) {
        Some(kind) => kind,
        None if parse::has_module_syntax(source) => ModuleKind::Esm,
        None => ModuleKind::CommonJs,
    }
}

/// The format `path` has without looking at its source: by extension, then
/// by the nearest package.json `"type"`; `None` when only the syntax can
/// tell (Node's "ambiguous" files). A loader that compiles CommonJS anyway
/// may do as Node does: compile, and call [`parse::has_module_syntax`] only
/// when that fails, so CommonJS files are never parsed twice.
pub fn declared_format(resolver: &Resolver, path: &Path) -> Option<ModuleKind> {
    let extension = path.extension().and_then(|ext| ext.to_str()).unwrap_or("");
    match extension {
        "mjs" | "mts" => return Some(ModuleKind::Esm),
        "cjs" | "cts" => return Some(ModuleKind::CommonJs),
        "json" => return Some(ModuleKind::Json),
        _ => {}
    }
    let dir = path.parent().unwrap_or(Path::new("/"));
    match resolver.package_type(dir)? {
        PackageType::Module => Some(ModuleKind::Esm),
        PackageType::CommonJs => Some(ModuleKind::CommonJs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::MemFs;

    const ESM: &str = "export const a = 1;";
    const CJS: &str = "exports.a = 1;";

    fn format(fs: &MemFs, path: &str, source: &str) -> ModuleKind {
        module_format(fs, Path::new(path), source)
    }

    #[test]
    fn extensions_decide_first() {
        let fs = MemFs::new().file("/app/package.json", r#"{ "type": "commonjs" }"#);
        assert_eq!(format(&fs, "/app/a.mjs", CJS), ModuleKind::Esm);
        assert_eq!(format(&fs, "/app/a.mts", CJS), ModuleKind::Esm);
        let fs = MemFs::new().file("/app/package.json", r#"{ "type": "module" }"#);
        assert_eq!(format(&fs, "/app/a.cjs", ESM), ModuleKind::CommonJs);
        assert_eq!(format(&fs, "/app/a.cts", ESM), ModuleKind::CommonJs);
        assert_eq!(format(&fs, "/app/a.json", "{}"), ModuleKind::Json);
    }

    #[test]
    fn package_type_decides_js() {
        let fs = MemFs::new()
            .file("/app/package.json", r#"{ "type": "module" }"#)
            .file("/app/cjs/package.json", r#"{ "type": "commonjs" }"#)
            .file("/app/none/package.json", r#"{ "name": "none" }"#)
            .file("/app/odd/package.json", r#"{ "type": "Module" }"#);
        // The declared type wins over the syntax.
        assert_eq!(format(&fs, "/app/a.js", CJS), ModuleKind::Esm);
        assert_eq!(format(&fs, "/app/deep/er/a.js", CJS), ModuleKind::Esm);
        assert_eq!(format(&fs, "/app/cjs/a.js", ESM), ModuleKind::CommonJs);
        assert_eq!(format(&fs, "/app/a", CJS), ModuleKind::Esm);
        assert_eq!(format(&fs, "/app/a.ts", CJS), ModuleKind::Esm);
        // The nearest package.json counts, even without a "type" (no
        // inheritance from /app): its files are detected by syntax.
        assert_eq!(format(&fs, "/app/none/a.js", CJS), ModuleKind::CommonJs);
        assert_eq!(format(&fs, "/app/none/a.js", ESM), ModuleKind::Esm);
        // Only the exact strings count.
        assert_eq!(format(&fs, "/app/odd/a.js", CJS), ModuleKind::CommonJs);
    }

    #[test]
    fn scope_stops_at_node_modules() {
        let fs = MemFs::new()
            .file("/app/package.json", r#"{ "type": "module" }"#)
            .file("/app/node_modules/dep/index.js", CJS);
        assert_eq!(
            format(&fs, "/app/node_modules/dep/index.js", CJS),
            ModuleKind::CommonJs
        );
        assert_eq!(
            format(&fs, "/app/node_modules/dep/index.js", ESM),
            ModuleKind::Esm
        );
    }

    #[test]
    fn declared_formats_need_no_source() {
        let fs = MemFs::new()
            .file("/app/package.json", r#"{ "type": "module" }"#)
            .file("/app/none/package.json", "{}");
        let resolver = Resolver::new(&fs, &[]);
        let declared = |path: &str| declared_format(&resolver, Path::new(path));
        assert_eq!(declared("/app/a.js"), Some(ModuleKind::Esm));
        assert_eq!(declared("/app/none/a.cjs"), Some(ModuleKind::CommonJs));
        assert_eq!(declared("/app/none/a.json"), Some(ModuleKind::Json));
        assert_eq!(declared("/app/none/a.js"), None);
        assert_eq!(declared("/elsewhere/a.js"), None);
    }

    #[test]
    fn without_package_json_syntax_decides() {
        let fs = MemFs::new();
        assert_eq!(format(&fs, "/a.js", ESM), ModuleKind::Esm);
        assert_eq!(format(&fs, "/a.js", CJS), ModuleKind::CommonJs);
        assert_eq!(
            format(&fs, "/a.js", "import('./b.js');"),
            ModuleKind::CommonJs
        );
        // An invalid package.json declares no type.
        let fs = MemFs::new().file("/app/package.json", "{ nope");
        assert_eq!(format(&fs, "/app/a.js", ESM), ModuleKind::Esm);
    }
}
