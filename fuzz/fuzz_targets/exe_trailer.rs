//! The trailer of a self-contained executable on arbitrary bytes:
//! `trailer::find` on the input as a whole image, then the bundle range the
//! CLI slices out of it read with `kpk::read` (as is, and resealed so the
//! reader gets past the hash); and `trailer::decode` directly, with the file
//! length taken from the first 8 bytes and the 32-byte tail after them.
//! No input may panic; an accepted trailer must describe the file exactly.

#![no_main]

use kode_fuzz::{check_error, exe_bundle, read_and_check, reseal};
use kode_pack::kpk::trailer::{self, TRAILER_LEN};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(Ok(bundle)) = exe_bundle(data) {
        read_and_check(bundle);
        let mut resealed = bundle.to_vec();
        reseal(&mut resealed);
        read_and_check(&resealed);
    }
    if data.len() >= 8 + TRAILER_LEN {
        let file_len = u64::from_le_bytes(data[..8].try_into().unwrap());
        let tail = &data[8..8 + TRAILER_LEN];
        match trailer::decode(tail, file_len) {
            None => assert_ne!(tail[24..], trailer::TRAILER_MAGIC),
            Some(Err(err)) => check_error(&err),
            Some(Ok(t)) => {
                assert_eq!(
                    t.offset
                        .checked_add(t.len)
                        .and_then(|e| e.checked_add(TRAILER_LEN as u64)),
                    Some(file_len)
                );
                assert_eq!(&trailer::encode(t)[..], tail);
            }
        }
        // Any other tail length is "no trailer".
        assert_eq!(
            trailer::decode(&data[8..], file_len).is_none(),
            data.len() != 8 + TRAILER_LEN || tail[24..] != trailer::TRAILER_MAGIC
        );
    }
});
