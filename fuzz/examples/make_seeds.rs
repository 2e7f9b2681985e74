//! Writes the seed corpus of both fuzz targets into `seeds/` (see README.md):
//!
//! ```text
//! cargo run --example make_seeds -- ../target/debug/kode
//! ```
//!
//! - `seeds/kpk_read/`: bundles packed from a few fixtures with the given
//!   `kode`, the committed `fixtures/bundle_v{1,2,3,4}/app.kpk`, a packed
//!   fixture with source maps added (format version 5), and the decompressed
//!   payload of each (the third way `kpk_read` uses an input);
//! - `seeds/exe_trailer/`: synthetic executable images
//!   `[random bytes][bundle][trailer]` (a real `--exe` of the debug build is
//!   180 MB), plus inputs shaped for the direct `decode` check.
//!
//! Deterministic: the same `kode` gives the same files.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use kode_pack::kpk::{self, trailer};

const FIXTURES: &[&str] = &[
    "cycle_three",
    "json_module",
    "node_modules_nested",
    "non_ascii_names",
    "exports_subpaths",
    "pack_warnings",
    "require_missing_in_try",
    "kode_args_env",
    // Format version 4: ES modules, CommonJS export names, import edges.
    "package_imports",
    "package_self_reference",
];

fn main() {
    let kode = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../target/debug/kode"))
        .canonicalize()
        .expect("the kode binary (build it with `cargo build` at the root)");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (read_dir, exe_dir) = (seeds.join("kpk_read"), seeds.join("exe_trailer"));
    for dir in [&read_dir, &exe_dir] {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).unwrap();
    }
    let temp = std::env::temp_dir().join(format!("kode-seeds-{}", std::process::id()));
    std::fs::create_dir_all(&temp).unwrap();
    // The committed bundles of every earlier format version.
    let mut bundles: Vec<(String, Vec<u8>)> = ["bundle_v1", "bundle_v2", "bundle_v3", "bundle_v4"]
        .iter()
        .map(|name| {
            let path = root.join("fixtures").join(name).join("app.kpk");
            (name.to_string(), std::fs::read(path).unwrap())
        })
        .collect();
    for name in FIXTURES {
        let dir = root.join("fixtures").join(name);
        let out = temp.join(format!("{name}.kpk"));
        let status = Command::new(&kode)
            .args(["pack", "main.js", "-o"])
            .arg(&out)
            .current_dir(&dir)
            .output()
            .expect("run kode pack");
        if !status.status.success() {
            eprintln!(
                "skipped {name}: {}",
                String::from_utf8_lossy(&status.stderr)
            );
            continue;
        }
        bundles.push((name.to_string(), std::fs::read(&out).unwrap()));
    }
    let _ = std::fs::remove_dir_all(&temp);
    let mut seed = 0x5eed_u64;
    let mut random = |len: usize| -> Vec<u8> {
        (0..len)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (seed >> 33) as u8
            })
            .collect()
    };
    // Well-hashed bundles that break one invariant each: hard for the fuzzer
    // to reach by mutation (e.g. two modules with the same path and valid hashes).
    let (_, base) = kpk::read(&bundles[1].1).expect("a packed fixture reads");
    assert!(base.modules.len() >= 2, "{} has two modules", bundles[1].0);
    let mut invalid = Vec::new();
    let mut duplicate = base.clone();
    duplicate.modules[1].path = duplicate.modules[0].path.clone();
    invalid.push(("invalid-duplicate-path", duplicate));
    let mut escaping = base.clone();
    escaping.modules[0].path = "lib/../../x.js".into();
    invalid.push(("invalid-escaping-path", escaping));
    let mut entry = base.clone();
    entry.entry = entry.modules.len() as u32;
    invalid.push(("invalid-entry-index", entry));
    for (name, bundle) in invalid {
        let bytes = kpk::write(&bundle);
        assert!(kpk::read(&bytes).is_err(), "{name} is refused");
        bundles.push((name.to_string(), bytes));
    }
    // Format version 5: `has_map` 1 with a map, and with an empty one (no
    // fixture packed above is TypeScript, so none of them has a map).
    let mut mapped = base.clone();
    mapped.modules[0].source_map =
        Some(br#"{"version":3,"sources":["main.ts"],"names":[],"mappings":"AAAA"}"#.to_vec());
    mapped.modules[1].source_map = Some(Vec::new());
    bundles.push(("source-maps".to_string(), kpk::write(&mapped)));
    for (name, bundle) in &bundles {
        if !name.starts_with("invalid-") {
            kpk::read(bundle).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        std::fs::write(read_dir.join(format!("{name}.kpk")), bundle).unwrap();
        let mut raw = Vec::new();
        // The frame only: from version 3 a seal follows it.
        let payload_len = kpk::read_header(bundle)
            .map_or(bundle.len() - kpk::HEADER_LEN, |h| h.payload_len as usize);
        zstd::stream::read::Decoder::new(&bundle[kpk::HEADER_LEN..kpk::HEADER_LEN + payload_len])
            .unwrap()
            .read_to_end(&mut raw)
            .unwrap();
        std::fs::write(read_dir.join(format!("{name}.payload")), &raw).unwrap();
        for (i, runtime_len) in [0usize, 17, 200].into_iter().enumerate() {
            let runtime = random(runtime_len);
            let t = trailer::Trailer {
                offset: runtime.len() as u64,
                len: bundle.len() as u64,
            };
            let image = [&runtime[..], bundle, &trailer::encode(t)].concat();
            std::fs::write(exe_dir.join(format!("{name}-{i}.image")), image).unwrap();
        }
    }
    // For the direct `decode` check: file length, then a valid trailer.
    let t = trailer::Trailer {
        offset: 4096,
        len: 1000,
    };
    let direct = [
        &(4096u64 + 1000 + 32).to_le_bytes()[..],
        &trailer::encode(t),
    ]
    .concat();
    std::fs::write(exe_dir.join("direct-decode"), direct).unwrap();
    std::fs::write(
        exe_dir.join("trailer-only"),
        trailer::encode(trailer::Trailer { offset: 0, len: 0 }),
    )
    .unwrap();
    println!(
        "{} bundles -> {} and {}",
        bundles.len(),
        read_dir.display(),
        exe_dir.display()
    );
}
