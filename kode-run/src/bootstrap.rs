//! The bootstrap snapshot and builtin code caches `build.rs` made, handed
//! to the runtime first thing.

/// V8 reads the blob in place; keep it aligned like the heap words it holds.
#[repr(C, align(16))]
struct Aligned<T: ?Sized>(T);

static BLOB: &Aligned<[u8]> =
    &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/bootstrap.snap")));
static CACHES: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(
    env!("OUT_DIR"),
    "/builtins.caches"
)));

pub fn install() {
    kode_runtime::use_bootstrap(kode_runtime::Bootstrap {
        blob: &BLOB.0,
        references: include_str!(concat!(env!("OUT_DIR"), "/bootstrap.refs")),
        fingerprint: include!(concat!(env!("OUT_DIR"), "/bootstrap.fingerprint")),
        builtin_caches: &CACHES.0,
    });
}
