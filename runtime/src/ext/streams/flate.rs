//! The compressors behind `CompressionStream` and `DecompressionStream`:
//! gzip (RFC 1952), deflate (the zlib format, RFC 1950) and deflate-raw
//! (RFC 1951), on `flate2` with its pure-Rust backend. No V8 here.
//!
//! A [`Flate`] takes the stream's chunks one at a time and returns what
//! each produced, so memory holds one chunk's input and output, never the
//! whole stream. The Compression Standard's errors are all decompression
//! errors: corrupt data, input that ends before the compressed data does
//! (found by [`Flate::finish`]), and bytes after its end (a second gzip
//! member counts: a stream holds one).

use std::io::{self, Write};

use flate2::write::{
    DeflateDecoder, DeflateEncoder, GzDecoder, GzEncoder, ZlibDecoder, ZlibEncoder,
};
use flate2::Compression;

/// The formats of the Compression Standard's `CompressionFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Gzip,
    Deflate,
    DeflateRaw,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "gzip" => Some(Format::Gzip),
            "deflate" => Some(Format::Deflate),
            "deflate-raw" => Some(Format::DeflateRaw),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Gzip => "gzip",
            Format::Deflate => "deflate",
            Format::DeflateRaw => "deflate-raw",
        }
    }
}

/// Why decompression failed; each becomes a `TypeError`.
#[derive(Debug, PartialEq, Eq)]
pub enum FlateError {
    /// Not valid data of the format (its message from flate2).
    Corrupt(Format, String),
    /// The input ended before the compressed data did.
    Truncated(Format),
    /// Bytes follow the end of the compressed data.
    TrailingData(Format),
}

impl std::fmt::Display for FlateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FlateError::Corrupt(format, why) => {
                write!(f, "The input is not valid {} data: {why}", format.name())
            }
            FlateError::Truncated(format) => write!(
                f,
                "The {} data ends early: the input is truncated",
                format.name()
            ),
            FlateError::TrailingData(format) => {
                write!(f, "Bytes follow the end of the {} data", format.name())
            }
        }
    }
}

/// Each compressor writes into a `Vec<u8>` that [`Flate::take`] empties.
enum Codec {
    GzipEncoder(GzEncoder<Vec<u8>>),
    ZlibEncoder(ZlibEncoder<Vec<u8>>),
    RawEncoder(DeflateEncoder<Vec<u8>>),
    GzipDecoder(GzDecoder<Vec<u8>>),
    ZlibDecoder(ZlibDecoder<Vec<u8>>),
    RawDecoder(DeflateDecoder<Vec<u8>>),
}

/// One stream's compressor or decompressor.
pub struct Flate {
    format: Format,
    codec: Codec,
}

impl Flate {
    pub fn new(format: Format, decompress: bool) -> Flate {
        // zlib's default level (6), as browsers and Node use.
        let level = Compression::default();
        let codec = match (format, decompress) {
            (Format::Gzip, false) => Codec::GzipEncoder(GzEncoder::new(Vec::new(), level)),
            (Format::Deflate, false) => Codec::ZlibEncoder(ZlibEncoder::new(Vec::new(), level)),
            (Format::DeflateRaw, false) => {
                Codec::RawEncoder(DeflateEncoder::new(Vec::new(), level))
            }
            (Format::Gzip, true) => Codec::GzipDecoder(GzDecoder::new(Vec::new())),
            (Format::Deflate, true) => Codec::ZlibDecoder(ZlibDecoder::new(Vec::new())),
            (Format::DeflateRaw, true) => Codec::RawDecoder(DeflateDecoder::new(Vec::new())),
        };
        Flate { format, codec }
    }

    fn decompressing(&self) -> bool {
        matches!(
            self.codec,
            Codec::GzipDecoder(_) | Codec::ZlibDecoder(_) | Codec::RawDecoder(_)
        )
    }

    fn writer(&mut self) -> &mut dyn Write {
        match &mut self.codec {
            Codec::GzipEncoder(w) => w,
            Codec::ZlibEncoder(w) => w,
            Codec::RawEncoder(w) => w,
            Codec::GzipDecoder(w) => w,
            Codec::ZlibDecoder(w) => w,
            Codec::RawDecoder(w) => w,
        }
    }

    /// Empties the output written so far.
    fn take(&mut self) -> Vec<u8> {
        std::mem::take(match &mut self.codec {
            Codec::GzipEncoder(w) => w.get_mut(),
            Codec::ZlibEncoder(w) => w.get_mut(),
            Codec::RawEncoder(w) => w.get_mut(),
            Codec::GzipDecoder(w) => w.get_mut(),
            Codec::ZlibDecoder(w) => w.get_mut(),
            Codec::RawDecoder(w) => w.get_mut(),
        })
    }

    fn error(&self, err: io::Error) -> FlateError {
        if err.kind() == io::ErrorKind::UnexpectedEof {
            FlateError::Truncated(self.format)
        } else {
            FlateError::Corrupt(self.format, err.to_string())
        }
    }

    /// Takes one chunk; returns the output it produced. A compressor keeps
    /// what it has not yet emitted (deflate works in blocks); a decompressor
    /// returns everything the chunk decoded to.
    pub fn write(&mut self, mut input: &[u8]) -> Result<Vec<u8>, FlateError> {
        let decompressing = self.decompressing();
        while !input.is_empty() {
            match self.writer().write(input) {
                // A decoder takes nothing more once its data has ended.
                Ok(0) => return Err(FlateError::TrailingData(self.format)),
                Ok(n) => input = &input[n..],
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(self.error(err)),
            }
        }
        if decompressing {
            self.writer().flush().map_err(|err| self.error(err))?;
        }
        Ok(self.take())
    }

    /// Ends the stream: a compressor writes the rest and its trailer; a
    /// decompressor checks that the compressed data ended (and its checksum).
    pub fn finish(mut self) -> Result<Vec<u8>, FlateError> {
        let result = match &mut self.codec {
            Codec::GzipEncoder(w) => w.try_finish(),
            Codec::ZlibEncoder(w) => w.try_finish(),
            Codec::RawEncoder(w) => w.try_finish(),
            Codec::GzipDecoder(w) => w.try_finish(),
            Codec::ZlibDecoder(w) => w.try_finish(),
            Codec::RawDecoder(w) => w.try_finish(),
        };
        result.map_err(|err| self.error(err))?;
        Ok(self.take())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORMATS: [Format; 3] = [Format::Gzip, Format::Deflate, Format::DeflateRaw];

    fn run(format: Format, decompress: bool, chunks: &[&[u8]]) -> Result<Vec<u8>, FlateError> {
        let mut flate = Flate::new(format, decompress);
        let mut out = Vec::new();
        for chunk in chunks {
            out.extend(flate.write(chunk)?);
        }
        out.extend(flate.finish()?);
        Ok(out)
    }

    fn sample() -> Vec<u8> {
        (0..200_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect()
    }

    #[test]
    fn round_trips_in_any_chunking() {
        let data = sample();
        for format in FORMATS {
            let compressed = run(format, false, &[&data[..1000], &data[1000..]]).unwrap();
            assert!(compressed.len() < data.len() / 10, "{format:?} compresses");
            let byte_by_byte: Vec<&[u8]> = compressed.chunks(1).collect();
            assert_eq!(
                run(format, true, &byte_by_byte).unwrap(),
                data,
                "{format:?}"
            );
            assert_eq!(
                run(format, true, &[&compressed]).unwrap(),
                data,
                "{format:?}"
            );
        }
    }

    #[test]
    fn empty_input_has_a_valid_encoding() {
        for format in FORMATS {
            let compressed = run(format, false, &[]).unwrap();
            assert!(!compressed.is_empty());
            assert_eq!(
                run(format, true, &[&compressed]).unwrap(),
                b"",
                "{format:?}"
            );
        }
        assert_eq!(run(Format::Gzip, false, &[]).unwrap()[..3], [0x1f, 0x8b, 8]);
    }

    #[test]
    fn a_decompressed_chunk_gives_its_output_at_once() {
        let data = sample();
        let compressed = run(Format::Deflate, false, &[&data]).unwrap();
        let mut flate = Flate::new(Format::Deflate, true);
        let out = flate.write(&compressed).unwrap();
        assert_eq!(out, data, "nothing held back before finish");
        assert_eq!(flate.finish().unwrap(), b"");
    }

    #[test]
    fn truncated_input_is_an_error() {
        let data = sample();
        for format in FORMATS {
            let compressed = run(format, false, &[&data]).unwrap();
            let cut = &compressed[..compressed.len() - 3];
            assert!(
                matches!(
                    run(format, true, &[cut]),
                    Err(FlateError::Truncated(_) | FlateError::Corrupt(..))
                ),
                "{format:?}"
            );
            assert!(
                run(format, true, &[]).is_err(),
                "{format:?}: no input at all"
            );
        }
        let gzip = run(Format::Gzip, false, &[b"hello"]).unwrap();
        assert_eq!(
            run(Format::Gzip, true, &[&gzip[..5]]),
            Err(FlateError::Truncated(Format::Gzip))
        );
    }

    #[test]
    fn trailing_data_is_an_error() {
        for format in FORMATS {
            let mut compressed = run(format, false, &[b"hello"]).unwrap();
            compressed.push(0);
            assert_eq!(
                run(format, true, &[&compressed]),
                Err(FlateError::TrailingData(format))
            );
        }
        // A second gzip member is trailing data too.
        let member = run(Format::Gzip, false, &[b"a"]).unwrap();
        let two = [member.clone(), member].concat();
        assert_eq!(
            run(Format::Gzip, true, &[&two]),
            Err(FlateError::TrailingData(Format::Gzip))
        );
    }

    #[test]
    fn corrupt_input_is_an_error() {
        let mut gzip = run(Format::Gzip, false, &[b"hello hello hello"]).unwrap();
        let crc = gzip.len() - 8;
        gzip[crc] ^= 1;
        assert!(matches!(
            run(Format::Gzip, true, &[&gzip]),
            Err(FlateError::Corrupt(..))
        ));
        let mut zlib = run(Format::Deflate, false, &[b"hello hello hello"]).unwrap();
        let adler = zlib.len() - 1;
        zlib[adler] ^= 1;
        assert!(matches!(
            run(Format::Deflate, true, &[&zlib]),
            Err(FlateError::Corrupt(..))
        ));
        // FDICT set (with a valid FCHECK): a preset dictionary is not supported.
        assert!(run(Format::Deflate, true, &[&[0x78, 0xbb, 0, 0, 0, 1]]).is_err());
        assert!(matches!(
            run(Format::Gzip, true, &[b"not gzip at all"]),
            Err(FlateError::Corrupt(..))
        ));
        assert!(run(Format::DeflateRaw, true, &[&[0xff; 16]]).is_err());
    }
}
