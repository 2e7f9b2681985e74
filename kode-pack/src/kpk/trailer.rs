//! The trailer of a self-contained executable: `[runtime binary][bundle][trailer]`.
//! It is fixed-size and ends the file, so start-up reads only the last
//! `TRAILER_LEN` bytes of its own executable to know whether a bundle is there.
//!
//! | offset | size | field                                   |
//! |-------:|-----:|-----------------------------------------|
//! | 0      | 8    | bundle offset from the file start, u64 LE |
//! | 8      | 8    | bundle length, u64 LE                   |
//! | 16     | 2    | trailer version, u16 LE (1)             |
//! | 18     | 6    | reserved, zero                          |
//! | 24     | 8    | magic `TRAILER_MAGIC`                   |

use super::KpkError;

pub const TRAILER_MAGIC: [u8; 8] = *b"KODEXE\x00\x01";
pub const TRAILER_LEN: usize = 32;
pub const TRAILER_VERSION: u16 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trailer {
    pub offset: u64,
    pub len: u64,
}

pub fn encode(trailer: Trailer) -> [u8; TRAILER_LEN] {
    let mut out = [0u8; TRAILER_LEN];
    out[0..8].copy_from_slice(&trailer.offset.to_le_bytes());
    out[8..16].copy_from_slice(&trailer.len.to_le_bytes());
    out[16..18].copy_from_slice(&TRAILER_VERSION.to_le_bytes());
    out[24..32].copy_from_slice(&TRAILER_MAGIC);
    out
}

/// Decodes the last bytes of a file of `file_len` bytes. `None`: no trailer
/// (an ordinary binary). `Some(Err)`: a trailer that cannot be right.
pub fn decode(tail: &[u8], file_len: u64) -> Option<Result<Trailer, KpkError>> {
    if tail.len() != TRAILER_LEN || tail[24..32] != TRAILER_MAGIC {
        return None;
    }
    let u64_at = |at: usize| u64::from_le_bytes(tail[at..at + 8].try_into().expect("8 bytes"));
    let version = u16::from_le_bytes([tail[16], tail[17]]);
    if version != TRAILER_VERSION {
        return Some(Err(KpkError::Version {
            found: version,
            supported: TRAILER_VERSION,
        }));
    }
    let trailer = Trailer {
        offset: u64_at(0),
        len: u64_at(8),
    };
    let fits = tail[18..24].iter().all(|&b| b == 0)
        && trailer
            .offset
            .checked_add(trailer.len)
            .and_then(|end| end.checked_add(TRAILER_LEN as u64))
            == Some(file_len);
    if !fits {
        return Some(Err(KpkError::Corrupt(
            "the executable's bundle trailer does not match the file (truncated or damaged)".into(),
        )));
    }
    Some(Ok(trailer))
}

/// Finds and checks the trailer of a whole file held in memory.
pub fn find(file: &[u8]) -> Option<Result<Trailer, KpkError>> {
    let start = file.len().checked_sub(TRAILER_LEN)?;
    decode(&file[start..], file.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_layout() {
        let bytes = encode(Trailer { offset: 10, len: 5 });
        assert_eq!(&bytes[24..], b"KODEXE\x00\x01");
        assert_eq!(bytes[0], 10);
        assert_eq!(bytes[8], 5);
        assert_eq!(bytes[16], 1);
        assert_eq!(decode(&bytes, 47), Some(Ok(Trailer { offset: 10, len: 5 })));
    }

    #[test]
    fn mismatched_lengths_and_versions_are_errors() {
        let bytes = encode(Trailer { offset: 10, len: 5 });
        assert!(matches!(
            decode(&bytes, 46),
            Some(Err(KpkError::Corrupt(_)))
        ));
        let overflow = encode(Trailer {
            offset: u64::MAX,
            len: 5,
        });
        assert!(matches!(
            decode(&overflow, 47),
            Some(Err(KpkError::Corrupt(_)))
        ));
        let mut version = bytes;
        version[16] = 9;
        assert!(matches!(
            decode(&version, 47),
            Some(Err(KpkError::Version { found: 9, .. }))
        ));
        assert_eq!(decode(&[0u8; TRAILER_LEN], 47), None);
        assert_eq!(find(b"short"), None);
    }
}
