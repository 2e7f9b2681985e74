//! `kode_pack::kpk::read` on arbitrary bytes, three ways per input:
//! 1. the bytes as they are (magic, version and header checks; the hash
//!    stops everything else);
//! 2. the bytes resealed: lengths and SHA-256 fixed up, so the payload reaches
//!    the zstd decoder and everything after it;
//! 3. the bytes as a decompressed payload, compressed and sealed under every
//!    known version, so payload decoding and the bundle invariants see
//!    arbitrary structure.
//!
//! No input may panic; an accepted bundle must hold every documented invariant.

#![no_main]

use kode_fuzz::{read_and_check, reseal, seal_payload, versions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    read_and_check(data);
    if data.len() >= kode_pack::kpk::HEADER_LEN {
        let mut resealed = data.to_vec();
        reseal(&mut resealed);
        read_and_check(&resealed);
    }
    for version in versions() {
        read_and_check(&seal_payload(version, data));
    }
});
