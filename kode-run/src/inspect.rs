//! `kode inspect FILE.kpk`: what a bundle holds, for people or (`--json`) machines.

use std::fmt::Write;
use std::path::Path;

use kode_pack::kpk::{Bundle, Header, Module, ModuleKind};
use kode_runtime::output::Stream;
use serde_json::json;

use crate::pack::human_size;

pub fn inspect(file: &Path, as_json: bool) -> i32 {
    let (header, bundle) = match crate::run::read_bundle(file) {
        Ok(Some(read)) => read,
        Ok(None) => {
            eprintln!(
                "error: '{}' is not a Kode bundle (EBUNDLE_CORRUPT)",
                file.display()
            );
            return 1;
        }
        Err(message) => {
            eprintln!("{message}");
            return 1;
        }
    };
    let text = if as_json {
        serde_json::to_string_pretty(&to_json(file, &header, &bundle)).expect("JSON") + "\n"
    } else {
        to_text(file, &header, &bundle)
    };
    // `kode inspect app.kpk | head -1` ends quietly; a full disk is an error.
    match kode_runtime::output::write(Stream::Stdout, text.as_bytes()) {
        Ok(()) => 0,
        Err(failure) => failure.exit_code(),
    }
}

/// Whether `kode run` would hand this bundle's code caches to V8, and if not, why.
fn cache_state(file: &Path, header: &Header, bundle: &Bundle) -> Result<&'static str, String> {
    if let Some(why) = kode_runtime::cache_check(&bundle.v8_version, bundle.flags_hash) {
        return Err(format!("no: {why}"));
    }
    if is_executable(file) {
        return Ok("yes, when the executable runs itself (its own payload)");
    }
    match crate::trust::cache_trust(header, false) {
        kode_runtime::CacheTrust::Trusted => Ok("yes (sealed with this user's key)"),
        kode_runtime::CacheTrust::Untrusted(why) => Err(format!(
            "no, every module runs from its source: {why} (kode run --trust-cache overrides)"
        )),
    }
}

/// An executable holds its bundle after the runtime; a `.kpk` starts with the magic.
fn is_executable(file: &Path) -> bool {
    use std::io::Read;
    let mut start = [0u8; 8];
    std::fs::File::open(file)
        .and_then(|mut f| f.read_exact(&mut start))
        .is_ok_and(|()| !kode_pack::kpk::looks_like_kpk(&start))
}

fn seal_text(header: &Header) -> String {
    match header.seal {
        Some(seal) => format!("key {}", hex(&seal.key_id)),
        None => "none".to_string(),
    }
}

/// Each module's share of the compressed payload, in proportion to its raw size.
fn compressed_shares(header: &Header, bundle: &Bundle) -> Vec<u64> {
    let raw: Vec<u64> = bundle
        .modules
        .iter()
        .map(|m| (m.source.len() + m.code_cache.as_ref().map_or(0, Vec::len)) as u64)
        .collect();
    let total = raw.iter().sum::<u64>().max(1);
    raw.iter().map(|r| r * header.payload_len / total).collect()
}

/// A CommonJS module's export names as recorded at pack time (what
/// `import { name }` of it can see); `None` for other formats and for
/// bundles older than format version 4, which do not record them.
fn cjs_exports<'a>(header: &Header, module: &'a Module) -> Option<&'a [String]> {
    let recorded = header.version >= kode_pack::kpk::ESM_VERSION;
    (recorded && module.kind == ModuleKind::CommonJs).then_some(module.cjs_exports.as_slice())
}

fn to_text(file: &Path, header: &Header, bundle: &Bundle) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "bundle:      {}", file.display());
    let _ = writeln!(
        out,
        "format:      version {}, flags {:#06x}",
        header.version, header.flags
    );
    let _ = writeln!(
        out,
        "v8:          {} (flags hash {:016x})",
        bundle.v8_version, bundle.flags_hash
    );
    let usable = match cache_state(file, header, bundle) {
        Ok(yes) => yes.to_string(),
        Err(why) => why,
    };
    let _ = writeln!(out, "seal:        {}", seal_text(header));
    let _ = writeln!(out, "code cache:  used by this kode: {usable}");
    let _ = writeln!(
        out,
        "payload:     {} compressed, {} uncompressed",
        human_size(header.payload_len as usize),
        human_size(header.uncompressed_len as usize)
    );
    let _ = writeln!(out, "sha256:      {}", hex(&header.sha256));
    let _ = writeln!(
        out,
        "entry:       {}",
        bundle.modules[bundle.entry as usize].path
    );
    if let Some(mb) = bundle.max_heap_mb {
        let _ = writeln!(out, "max heap:    {mb} MB (recorded with --max-heap-mb)");
    }
    if let Some(snapshot) = &bundle.snapshot {
        let _ = writeln!(
            out,
            "snapshot:    {} heap of {}, made at pack time, for modules under {} (used where the code caches are)",
            human_size(snapshot.blob.len()),
            match snapshot.whole_entry {
                true => "the whole entry (--snapshot=entry)",
                false => "the entry's dependencies (--snapshot)",
            },
            snapshot.base
        );
        let texts = &snapshot.texts;
        if !texts.is_empty() {
            let _ = writeln!(
                out,
                "             {} of module text beside it ({} of {} modules), which the heap refers to",
                human_size(texts.len()),
                texts.texts.len(),
                texts.slots
            );
        }
    }
    let _ = writeln!(out, "\nmodules ({}):", bundle.modules.len());
    let width = bundle
        .modules
        .iter()
        .map(|m| m.path.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        out,
        "  {:width$}  format  {:>10}  {:>10}  {:>10}  sha256",
        "path", "source", "cache", "compressed"
    );
    for (module, share) in bundle.modules.iter().zip(compressed_shares(header, bundle)) {
        let cache = module
            .code_cache
            .as_ref()
            .map_or("none".to_string(), |c| human_size(c.len()));
        let _ = writeln!(
            out,
            "  {:width$}  {:6}  {:>10}  {:>10}  {:>10}  {}",
            module.path,
            module.kind.name(),
            human_size(module.source.len()),
            cache,
            human_size(share as usize),
            &hex(&module.hash)[..16]
        );
        if let Some(names) = cjs_exports(header, module).filter(|names| !names.is_empty()) {
            let _ = writeln!(out, "  {:width$}  exports: {}", "", names.join(", "));
        }
        if let Some(map) = &module.source_map {
            let size = human_size(map.len());
            let _ = match transpiled_from(&module.path) {
                Some(lang) => writeln!(
                    out,
                    "  {:width$}  transpiled from {lang}, source map {size}",
                    ""
                ),
                None => writeln!(
                    out,
                    "  {:width$}  source map {size} (named by its sourceMappingURL)",
                    ""
                ),
            };
        }
    }
    let users = node_layer(bundle);
    match users.len() {
        0 => {
            let _ = writeln!(out, "\nnode layer:  not used");
        }
        n => {
            let _ = writeln!(out, "\nnode layer ({n}):");
            let width = users.iter().map(|u| u.package.len()).max().unwrap_or(0);
            for user in &users {
                let mut parts = Vec::new();
                if !user.builtins.is_empty() {
                    parts.push(format!("builtins: {}", user.builtins.join(", ")));
                }
                if !user.globals.is_empty() {
                    parts.push(format!("globals: {}", user.globals.join(", ")));
                }
                let _ = writeln!(out, "  {:width$}  {}", user.package, parts.join("; "));
            }
        }
    }
    let _ = writeln!(out, "\nwarnings ({}):", bundle.warnings.len());
    for w in &bundle.warnings {
        let _ = writeln!(
            out,
            "  {}:{}:{}: warning[{}]: {}",
            w.file, w.line, w.column, w.code, w.message
        );
    }
    out
}

/// Who uses the Node layer (SPEC §5): a package under `node_modules` (or
/// the application itself, for its explicit `node:` imports), with the
/// `node:` builtins its modules resolve to and the Node globals they name.
struct NodeUser {
    package: String,
    builtins: Vec<String>,
    globals: Vec<&'static str>,
}

fn node_layer(bundle: &Bundle) -> Vec<NodeUser> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut users: BTreeMap<String, (BTreeSet<String>, u16)> = BTreeMap::new();
    for resolution in &bundle.resolutions {
        if let kode_pack::kpk::Target::Builtin(name) = &resolution.target {
            if name.starts_with("node:") {
                let from = &bundle.modules[resolution.from as usize].path;
                users
                    .entry(package_of(from))
                    .or_default()
                    .0
                    .insert(name.clone());
            }
        }
    }
    for module in bundle.modules.iter().filter(|m| !m.node_globals.is_empty()) {
        users.entry(package_of(&module.path)).or_default().1 |= module.node_globals.bits();
    }
    users
        .into_iter()
        .map(|(package, (builtins, bits))| NodeUser {
            package,
            builtins: builtins.into_iter().collect(),
            globals: kode_pack::node_globals::NodeGlobals::from_bits(bits)
                .unwrap_or_default()
                .names()
                .collect(),
        })
        .collect()
}

/// `node_modules/a/node_modules/@s/b/x.js` belongs to `@s/b`; a file
/// outside every `node_modules` to the application.
fn package_of(path: &str) -> String {
    let Some(at) = path.rfind("node_modules/") else {
        return "(application)".to_string();
    };
    let rest = &path[at + "node_modules/".len()..];
    let mut parts = rest.split('/');
    match (parts.next(), parts.next()) {
        (Some(scope), Some(name)) if scope.starts_with('@') => format!("{scope}/{name}"),
        (Some(name), _) => name.to_string(),
        _ => rest.to_string(),
    }
}

/// The source language of a transpiled module, by its extension.
fn transpiled_from(path: &str) -> Option<&'static str> {
    kode_pack::transpile::Lang::of(Path::new(path)).map(|lang| lang.name())
}

fn to_json(file: &Path, header: &Header, bundle: &Bundle) -> serde_json::Value {
    let shares = compressed_shares(header, bundle);
    let modules: Vec<_> = bundle
        .modules
        .iter()
        .zip(shares)
        .map(|(m, share)| {
            json!({
                "path": m.path,
                "format": m.kind.name(),
                "cjsExports": cjs_exports(header, m),
                "sourceBytes": m.source.len(),
                "cacheBytes": m.code_cache.as_ref().map(Vec::len),
                "transpiledFrom": m.source_map.as_ref().and_then(|_| transpiled_from(&m.path)),
                "sourceMapBytes": m.source_map.as_ref().map(Vec::len),
                "nodeGlobals": m.node_globals.names().collect::<Vec<_>>(),
                "compressedShareBytes": share,
                "sha256": hex(&m.hash),
            })
        })
        .collect();
    let warnings: Vec<_> = bundle
        .warnings
        .iter()
        .map(|w| json!({ "code": w.code, "message": w.message, "file": w.file, "line": w.line, "column": w.column }))
        .collect();
    let node_layer: Vec<_> = node_layer(bundle)
        .into_iter()
        .map(|u| json!({ "package": u.package, "builtins": u.builtins, "globals": u.globals }))
        .collect();
    json!({
        "file": file.to_string_lossy(),
        "formatVersion": header.version,
        "flags": header.flags,
        "v8Version": bundle.v8_version,
        "v8FlagsHash": format!("{:016x}", bundle.flags_hash),
        "seal": header.seal.map(|s| hex(&s.key_id)),
        "codeCacheUsable": cache_state(file, header, bundle).is_ok(),
        "codeCacheState": match cache_state(file, header, bundle) {
            Ok(yes) => yes.to_string(),
            Err(why) => why,
        },
        "payloadBytes": header.payload_len,
        "uncompressedBytes": header.uncompressed_len,
        "sha256": hex(&header.sha256),
        "entry": bundle.modules[bundle.entry as usize].path,
        "maxHeapMb": bundle.max_heap_mb,
        "snapshot": bundle.snapshot.as_ref().map(|s| serde_json::json!({
            "bytes": s.blob.len(),
            "textBytes": s.texts.len(),
            "texts": s.texts.texts.len(),
            "base": s.base,
            "whole_entry": s.whole_entry,
        })),
        "modules": modules,
        "nodeLayer": node_layer,
        "warnings": warnings,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle() -> (Header, Bundle) {
        let bundle = Bundle {
            v8_version: "0.0-test".into(),
            flags_hash: 1,
            flags: 0,
            modules: vec![
                Module::new("c.cjs", ModuleKind::CommonJs, "exports.a = 1;", None)
                    .with_cjs_exports(vec!["__esModule".into(), "a".into()]),
                Module::new("d.json", ModuleKind::Json, "{}", None),
                Module::new("main.mjs", ModuleKind::Esm, "import './c.cjs';", None),
                Module::new("plain.js", ModuleKind::CommonJs, "run();", None),
            ],
            entry: 2,
            resolutions: vec![],
            warnings: vec![],
            max_heap_mb: None,
            snapshot: None,
            pending_bodies: None,
        };
        let bytes = kode_pack::kpk::write(&bundle);
        kode_pack::kpk::read(&bytes).expect("a bundle reads back")
    }

    #[test]
    fn text_shows_formats_and_commonjs_exports() {
        let (header, bundle) = bundle();
        let text = to_text(Path::new("app.kpk"), &header, &bundle);
        let table: Vec<String> = text
            .lines()
            .skip_while(|line| !line.starts_with("modules"))
            .skip(2)
            .take_while(|line| !line.is_empty())
            .map(|line| {
                line.split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            table,
            [
                "c.cjs cjs 14",
                "exports: __esModule, a",
                "d.json json 2",
                "main.mjs esm 17",
                "plain.js cjs 6",
            ]
        );
        // The names line up under the format column.
        assert!(
            text.contains("\n            exports: __esModule, a\n"),
            "{text}"
        );
    }

    #[test]
    fn json_shows_formats_and_commonjs_exports() {
        let (header, bundle) = bundle();
        let json = to_json(Path::new("app.kpk"), &header, &bundle);
        let modules = json["modules"].as_array().unwrap();
        let seen: Vec<_> = modules
            .iter()
            .map(|m| (m["format"].clone(), m["cjsExports"].clone()))
            .collect();
        assert_eq!(
            seen,
            [
                (json!("cjs"), json!(["__esModule", "a"])),
                (json!("json"), json!(null)),
                (json!("esm"), json!(null)),
                (json!("cjs"), json!([])),
            ]
        );
    }

    #[test]
    fn node_layer_lists_packages_builtins_and_globals() {
        use kode_pack::kpk::{EdgeKind, Resolution, Target};
        use kode_pack::node_globals::of_source;
        let globals = |source: &str| of_source("x.js", source, ModuleKind::CommonJs);
        let edge = |from: u32, name: &str| Resolution {
            from,
            specifier: name.trim_start_matches("node:").into(),
            kind: EdgeKind::Require,
            target: Target::Builtin(name.into()),
        };
        let bundle = Bundle {
            v8_version: "0.0-test".into(),
            flags_hash: 1,
            flags: 0,
            modules: vec![
                Module::new("main.js", ModuleKind::CommonJs, "", None),
                Module::new("node_modules/a/x.js", ModuleKind::CommonJs, "", None)
                    .with_node_globals(globals("process; Buffer")),
                Module::new(
                    "node_modules/a/node_modules/@s/b/i.js",
                    ModuleKind::CommonJs,
                    "",
                    None,
                )
                .with_node_globals(globals("global")),
                Module::new("node_modules/c/i.js", ModuleKind::CommonJs, "", None),
            ],
            entry: 0,
            resolutions: vec![
                edge(0, "node:path"),
                edge(1, "node:fs"),
                edge(1, "kode:fs"),
                edge(2, "node:events"),
            ],
            warnings: vec![],
            max_heap_mb: None,
            snapshot: None,
            pending_bodies: None,
        };
        let text = to_text(
            Path::new("app.kpk"),
            &kode_pack::kpk::read(&kode_pack::kpk::write(&bundle))
                .unwrap()
                .0,
            &bundle,
        );
        let section: Vec<&str> = text
            .lines()
            .skip_while(|line| !line.starts_with("node layer"))
            .take_while(|line| !line.is_empty())
            .collect();
        assert_eq!(
            section,
            [
                "node layer (3):",
                "  (application)  builtins: node:path",
                "  @s/b           builtins: node:events; globals: global",
                "  a              builtins: node:fs; globals: process, Buffer",
            ]
        );
        let (header, plain) = super::tests::bundle();
        assert!(to_text(Path::new("p.kpk"), &header, &plain).contains("\nnode layer:  not used\n"));
    }
}
