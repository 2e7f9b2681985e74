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
}

fn write(path: &std::path::Path, bytes: &[u8]) {
    if let Err(err) = std::fs::write(path, bytes) {
        panic!("cannot write {}: {err}", path.display());
    }
}
