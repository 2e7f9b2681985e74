//! Makes the bootstrap snapshot (SPEC §6): the runtime's bootstrap scripts
//! run here, once per build, and `src/bootstrap.rs` embeds the heap they
//! leave with the external-reference names it was made against, and a code
//! cache of every lazily loaded builtin module made under that snapshot.

use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let blob = match kode_runtime::make_bootstrap_snapshot() {
        Ok(blob) => blob,
        Err(message) => panic!("cannot make the bootstrap snapshot: {message}"),
    };
    let caches = match kode_runtime::make_builtin_caches(blob.clone()) {
        Ok(caches) => caches,
        Err(message) => panic!("cannot make the builtin code caches: {message}"),
    };
    write(&out.join("builtins.caches"), &caches);
    let names: Vec<&str> = kode_runtime::reference_names().collect();
    let fingerprint = kode_runtime::snapshot_fingerprint(&blob);
    write(&out.join("bootstrap.snap"), &blob);
    write(&out.join("bootstrap.refs"), names.join("\n").as_bytes());
    write(
        &out.join("bootstrap.fingerprint"),
        format!("{fingerprint:#018x}").as_bytes(),
    );
    println!("cargo:rerun-if-changed=build.rs");
    position_dependent();
}

/// Links `kode` as a position-dependent executable on Linux, as bun ships:
/// the dynamic loader then applies no relocations to the image at start
/// (a PIE build has ~80,000, writing 1 MiB of `.data.rel.ro`: ~220 page
/// faults, ~1 ms of hello's start on a VM). The price: the main image
/// loads at a fixed address (libraries, stacks, heaps and V8's spaces stay
/// randomized). `KODE_PIE=1` at build time makes a PIE instead.
fn position_dependent() {
    println!("cargo:rerun-if-env-changed=KODE_PIE");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    if linux && std::env::var_os("KODE_PIE").is_none_or(|v| v.is_empty() || v == "0") {
        println!("cargo:rustc-link-arg-bin=kode=-no-pie");
    }
}

fn write(path: &std::path::Path, bytes: &[u8]) {
    if let Err(err) = std::fs::write(path, bytes) {
        panic!("cannot write {}: {err}", path.display());
    }
}
