use sha2::{Digest, Sha256};

use super::write::{
    assemble, assemble_with_snapshot, check_size, compress, encode_bodies, encode_payload, Encoder,
    PayloadSize, TooLarge,
};
use super::*;

// ---------------------------------------------------------------- helpers

/// The last version with the module bodies inside the payload: hand-built
/// payloads use its layout (the reader reads it like any older version).
const LEGACY: u16 = 8;

/// One module, no resolutions or warnings: small enough to flip every bit of.
fn tiny_bundle() -> Bundle {
    Bundle {
        v8_version: "12.9.1".into(),
        flags_hash: 0x0123_4567_89ab_cdef,
        flags: 0,
        modules: vec![Module::new("main.js", ModuleKind::CommonJs, "1", None)],
        entry: 0,
        resolutions: vec![],
        warnings: vec![],
        max_heap_mb: None,
        snapshot: None,
        pending_bodies: None,
    }
}

/// Every variant of every field: both kinds, with and without a code cache,
/// with and without a source map, all three targets, warnings, non-ASCII and
/// empty text, header flags.
fn sample_bundle() -> Bundle {
    Bundle {
        v8_version: "13.0.245.12-rusty".into(),
        flags_hash: u64::MAX - 1,
        flags: 0x8001,
        modules: vec![
            Module::new(
                "lib/b.js",
                ModuleKind::CommonJs,
                "module.exports = 'é ∑ 😀';\n",
                Some(vec![0, 1, 2, 255]),
            ),
            Module::new(
                "main.js",
                ModuleKind::CommonJs,
                "require('./lib/b.js')",
                None,
            )
            .with_source_map(Some(
                br#"{"version":3,"sources":["main.ts"],"mappings":"AAAA"}"#.to_vec(),
            )),
            Module::new("data/empty.json", ModuleKind::Json, "", Some(vec![])),
            Module::new("node_modules/x/package.json", ModuleKind::Json, "{}", None),
        ],
        entry: 1,
        resolutions: vec![
            Resolution {
                from: 1,
                specifier: "./lib/b.js".into(),
                kind: EdgeKind::Require,
                target: Target::Module(0),
            },
            Resolution {
                from: 1,
                specifier: "kode:fs".into(),
                kind: EdgeKind::Require,
                target: Target::Builtin("kode:fs".into()),
            },
            Resolution {
                from: 0,
                specifier: "fs".into(),
                kind: EdgeKind::Require,
                target: Target::Missing,
            },
            Resolution {
                from: 0,
                specifier: String::new(),
                kind: EdgeKind::Require,
                target: Target::Missing,
            },
        ],
        warnings: vec![
            Warning {
                code: "WREQUIRE_DYNAMIC".into(),
                message: "require() of a non-literal".into(),
                file: "lib/b.js".into(),
                line: u32::MAX,
                column: 0,
            },
            Warning {
                code: "WMODULE_MISSING".into(),
                message: "Cannot find module 'fs' — ünïcode".into(),
                file: "main.js".into(),
                line: 3,
                column: 17,
            },
        ],
        max_heap_mb: Some(512),
        snapshot: None,
        pending_bodies: None,
    }
}

/// A file whose decompressed payload is `raw` (any bytes) and whose header,
/// lengths and hash are all correct: reaches the payload checks.
fn assemble_raw(raw: &[u8]) -> Vec<u8> {
    assemble(LEGACY, 0, "12.9.1", 0, raw.len() as u64, &compress(raw))
}

/// [`seal_raw`] of a bundle's encoding, whatever the bundle holds.
fn assemble_bundle(bundle: &Bundle) -> Vec<u8> {
    assemble_raw(&encode_payload(bundle, LEGACY))
}

fn corrupt_message(bytes: &[u8]) -> String {
    match read(bytes) {
        Err(KpkError::Corrupt(message)) => message,
        other => panic!("expected KpkError::Corrupt, got {other:?}"),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
        .collect()
}

/// The simple LCG the garbage tests use (Knuth's MMIX constants), seeded.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

// ------------------------------------------------------------- round trip

#[test]
fn round_trip_every_variant() {
    let bundle = sample_bundle();
    let bytes = write(&bundle);
    let (header, back) = read(&bytes).unwrap();
    assert_eq!(back, bundle);
    // The bodies frame: after the payload and its two lengths, up to the
    // snapshot length (0) and the seal.
    let (bodies_at, bodies_len, bodies_raw) = header.bodies_section.unwrap();
    assert_eq!(bodies_at + bodies_len, bytes.len() - 8 - SEAL_LEN);
    assert_eq!(bodies_raw, encode_bodies(&bundle).len() as u64);
    assert_eq!(
        header,
        Header {
            version: VERSION,
            flags: 0x8001,
            v8_version: "13.0.245.12-rusty".into(),
            flags_hash: u64::MAX - 1,
            payload_len: (bodies_at - 16 - HEADER_LEN) as u64,
            uncompressed_len: encode_payload(&bundle, VERSION).len() as u64,
            sha256: bytes[68..100].try_into().unwrap(),
            seal: None,
            content_hash: header.content_hash,
            snapshot_section: None,
            texts_section: None,
            bodies_section: header.bodies_section,
        }
    );
    assert!(header.content_hash.is_some());
    let header_only = read_header(&bytes).unwrap();
    assert_eq!(header_only.content_hash, None);
    assert_eq!(
        Header {
            content_hash: header.content_hash,
            ..header_only
        },
        header
    );
}

#[test]
fn round_trip_longest_v8_version_and_empty_one() {
    for v8_version in ["", "x", &"9".repeat(31)] {
        let bundle = Bundle {
            v8_version: v8_version.to_string(),
            ..tiny_bundle()
        };
        assert_eq!(read(&write(&bundle)).unwrap().1, bundle);
    }
}

#[test]
fn module_new_hashes_the_source() {
    let module = Module::new("main.js", ModuleKind::CommonJs, "1", None);
    assert_eq!(
        hex(&module.hash),
        "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b"
    );
}

#[test]
fn write_is_deterministic() {
    let bundle = sample_bundle();
    let first = write(&bundle);
    assert_eq!(write(&bundle), first);
    assert_eq!(write(&bundle.clone()), first);
    // Reading and writing again gives the same file.
    assert_eq!(write(&read(&first).unwrap().1), first);
}

// ------------------------------------------------------------------ layout

/// Hand-written from the table in docs/kpk-format.md: a layout change must
/// show up here.
#[test]
fn header_layout() {
    let bytes = write(&tiny_bundle());
    let bodies = super::write::bodies_section(&encode_bodies(&tiny_bundle()));
    let payload_len = (bytes.len() - HEADER_LEN - bodies.len() - 8 - SEAL_LEN) as u64;
    assert_eq!(
        hex(&bytes[..52]),
        hex(&unhex(
            "89 4b 50 4b 0d 0a 1a 0a  0a 00  00 00
             31 32 2e 39 2e 31 00 00 00 00 00 00 00 00 00 00
             00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
             ef cd ab 89 67 45 23 01"
        )),
        "magic, version, flags, v8_version, flags_hash"
    );
    assert_eq!(bytes[52..60], payload_len.to_le_bytes(), "payload_len");
    assert_eq!(
        hex(&bytes[60..68]),
        "4700000000000000",
        "uncompressed_len = 71 (78 with the body's 7 bytes, version 8)"
    );
    let mut hasher = Sha256::new();
    hasher.update(&bytes[..68]);
    hasher.update(&bytes[100..]);
    assert_eq!(
        bytes[68..100],
        hasher.finalize()[..],
        "sha256 (over the seal too)"
    );
    // The payload is one zstd frame (magic 28 b5 2f fd).
    assert_eq!(hex(&bytes[100..104]), "28b52ffd");
    // Then the bodies: their compressed and raw lengths, their frame.
    let at = HEADER_LEN + payload_len as usize;
    assert_eq!(&bytes[at..at + bodies.len()], &bodies[..], "bodies section");
    assert_eq!(
        hex(&bodies[8..20]),
        "070000000000000028b52ffd",
        "raw 7, frame"
    );
    // No heap snapshot: its section is a zero length.
    let section = at + bodies.len();
    assert_eq!(bytes[section..section + 8], [0u8; 8], "snapshot_len");
    // An unsealed file ends with 40 zero bytes.
    assert_eq!(bytes[bytes.len() - SEAL_LEN..], [0u8; SEAL_LEN]);
}

/// Hand-written payload of the tiny bundle.
#[test]
fn payload_layout() {
    assert_eq!(
        hex(&encode_payload(&tiny_bundle(), LEGACY)),
        hex(&unhex(
            "01 00 00 00
             07 00 00 00  6d 61 69 6e 2e 6a 73
             00
             01 00 00 00  31
             00
             6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b
             00 00 00 00
             00
             00 00
             00 00 00 00
             00 00 00 00
             00 00 00 00
             00 00 00 00
             00"
        ))
    );
}

/// Hand-written encoding of the variants the tiny bundle lacks: a code cache,
/// the three targets and a warning.
#[test]
fn payload_layout_of_every_tag() {
    let bundle = Bundle {
        modules: vec![Module::new("a", ModuleKind::Json, "", Some(vec![0xaa]))],
        resolutions: vec![
            Resolution {
                from: 0,
                specifier: "m".into(),
                kind: EdgeKind::Require,
                target: Target::Module(0),
            },
            Resolution {
                from: 0,
                specifier: "b".into(),
                kind: EdgeKind::Require,
                target: Target::Builtin("kode:fs".into()),
            },
            Resolution {
                from: 0,
                specifier: "x".into(),
                kind: EdgeKind::Require,
                target: Target::Missing,
            },
        ],
        warnings: vec![Warning {
            code: "W".into(),
            message: "m".into(),
            file: "a".into(),
            line: 258,
            column: 7,
        }],
        ..tiny_bundle()
    };
    assert_eq!(
        hex(&encode_payload(&bundle, LEGACY)),
        hex(&unhex(
            "01 00 00 00
             01 00 00 00  61
             01
             00 00 00 00
             01  01 00 00 00  aa
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
             00  00 00
             00 00 00 00
             03 00 00 00
             00 00 00 00  01 00 00 00 6d  00  00  00 00 00 00
             00 00 00 00  01 00 00 00 62  00  01  07 00 00 00 6b 6f 64 65 3a 66 73
             00 00 00 00  01 00 00 00 78  00  02
             01 00 00 00
             01 00 00 00 57  01 00 00 00 6d  01 00 00 00 61  02 01 00 00  07 00 00 00
             00 00 00 00
             00"
        ))
    );
    assert_eq!(read(&write(&bundle)).unwrap().1, bundle);
}

/// Hand-written encoding of the version-4 fields: module kind 2 (ESM),
/// a CommonJS module's export names, and each resolution's edge kind.
#[test]
fn payload_layout_of_v4_fields() {
    let bundle = Bundle {
        modules: vec![
            Module::new("c", ModuleKind::CommonJs, "", None)
                .with_cjs_exports(vec!["a".into(), "__esModule".into()]),
            Module::new("e", ModuleKind::Esm, "", None),
        ],
        resolutions: vec![
            Resolution {
                from: 1,
                specifier: "x".into(),
                kind: EdgeKind::Require,
                target: Target::Module(0),
            },
            Resolution {
                from: 1,
                specifier: "x".into(),
                kind: EdgeKind::Import,
                target: Target::Missing,
            },
        ],
        ..tiny_bundle()
    };
    assert_eq!(
        hex(&encode_payload(&bundle, LEGACY)),
        hex(&unhex(
            "02 00 00 00
             01 00 00 00  63
             00
             00 00 00 00
             00
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
             02 00 00 00  01 00 00 00 61  0a 00 00 00 5f 5f 65 73 4d 6f 64 75 6c 65
             00  00 00
             01 00 00 00  65
             02
             00 00 00 00
             00
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
             00  00 00
             00 00 00 00
             02 00 00 00
             01 00 00 00  01 00 00 00 78  00  00  00 00 00 00
             01 00 00 00  01 00 00 00 78  01  02
             00 00 00 00
             00 00 00 00
             00"
        ))
    );
    assert_eq!(read(&write(&bundle)).unwrap().1, bundle);
}

/// Hand-written encoding of the version-5 field: every module record ends
/// with `has_map` (0, or 1 and a `bytes` source map), after a CommonJS
/// module's export names; an empty map (`has_map` 1, length 0) is not no map.
#[test]
fn payload_layout_of_v6_fields() {
    let bundle = Bundle {
        modules: vec![
            Module::new("c", ModuleKind::CommonJs, "", None)
                .with_cjs_exports(vec!["a".into()])
                .with_source_map(Some(b"{}".to_vec())),
            Module::new("e", ModuleKind::Esm, "", None).with_source_map(Some(vec![])),
            Module::new("j", ModuleKind::Json, "", None).with_node_globals(
                crate::node_globals::of_source("n.js", "process; global", ModuleKind::CommonJs),
            ),
        ],
        ..tiny_bundle()
    };
    assert_eq!(
        hex(&encode_payload(&bundle, LEGACY)),
        hex(&unhex(
            "03 00 00 00
             01 00 00 00  63
             00
             00 00 00 00
             00
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
             01 00 00 00  01 00 00 00 61
             01  02 00 00 00  7b 7d
             00 00
             01 00 00 00  65
             02
             00 00 00 00
             00
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
             01  00 00 00 00
             00 00
             01 00 00 00  6a
             01
             00 00 00 00
             00
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
             00
             05 00
             00 00 00 00
             00 00 00 00
             00 00 00 00
             00 00 00 00
             00"
        ))
    );
    assert_eq!(read(&write(&bundle)).unwrap().1, bundle);
}

/// Transpiled modules of every kind keep their source maps through a file,
/// byte for byte: the reader stores a map as opaque bytes (it does not parse
/// the JSON, so even non-UTF-8 bytes come back unchanged).
#[test]
fn round_trip_source_maps() {
    let map = br#"{"version":3,"sources":["main.ts"],"names":[],"mappings":"AAAA,MAAM"}"#;
    let bundle = Bundle {
        modules: vec![
            Module::new("main.ts", ModuleKind::Esm, "import './util.js';\n", None)
                .with_source_map(Some(map.to_vec())),
            Module::new(
                "util.cts",
                ModuleKind::CommonJs,
                "exports.x = 1;\n",
                Some(vec![9]),
            )
            .with_cjs_exports(vec!["x".into()])
            .with_source_map(Some(vec![])),
            Module::new("view.tsx", ModuleKind::CommonJs, "", None)
                .with_source_map(Some(vec![0xff, 0x00, 0xfe])),
            Module::new("data.json", ModuleKind::Json, "{}", None),
        ],
        resolutions: vec![Resolution {
            from: 0,
            specifier: "./util.js".into(),
            kind: EdgeKind::Import,
            target: Target::Module(1),
        }],
        ..tiny_bundle()
    };
    let bytes = write(&bundle);
    let (header, back) = read(&bytes).unwrap();
    assert_eq!(header.version, VERSION);
    assert_eq!(back, bundle);
    let maps: Vec<_> = back
        .modules
        .iter()
        .map(|m| m.source_map.as_deref())
        .collect();
    assert_eq!(
        maps,
        [
            Some(&map[..]),
            Some(&[][..]),
            Some(&[0xff, 0x00, 0xfe][..]),
            None
        ]
    );
    assert_eq!(write(&back), bytes);
    assert_eq!(
        check_size(&bundle),
        Ok(encode_payload(&bundle, LEGACY).len() as u64)
    );
}

/// Before version 4 there is no module kind 2, no export list, no edge kind
/// and no source map: an older file's modules are CommonJS or JSON, its edges
/// `require`.
#[test]
fn older_versions_have_no_v4_fields() {
    let mut enc = Encoder::default();
    enc.u32(1)
        .str("m.js")
        .u8(0)
        .str("1")
        .u8(0)
        .raw(&Sha256::digest(b"1"))
        .u32(0)
        .u32(1)
        .u32(0)
        .str("./m.js")
        .u8(0)
        .u32(0)
        .u32(0)
        .u32(0);
    let raw = enc.buf;
    let bytes = assemble(3, 0, "", 0, raw.len() as u64, &compress(&raw));
    let (header, bundle) = read(&bytes).unwrap();
    assert_eq!(header.version, 3);
    assert_eq!(bundle.modules[0].kind, ModuleKind::CommonJs);
    assert!(bundle.modules[0].cjs_exports.is_empty());
    assert_eq!(bundle.modules[0].source_map, None);
    assert_eq!(bundle.resolutions[0].kind, EdgeKind::Require);
    assert_eq!(bundle.resolutions[0].target, Target::Module(0));
    // Kind 2 is not a module kind in version 3.
    let mut raw = raw;
    raw[12] = 2;
    let bytes = assemble(3, 0, "", 0, raw.len() as u64, &compress(&raw));
    assert_eq!(corrupt_message(&bytes), "payload: unknown module kind 2");
}

/// A version-4 module record ends after the export names (CommonJS) or the
/// hash: no `has_map`, and every module reads without a source map. The
/// version decides the layout: the same payload as version 5 misreads.
#[test]
fn version_4_has_no_source_map_field() {
    let mut enc = Encoder::default();
    enc.u32(2)
        .str("m.js")
        .u8(KIND_JS)
        .str("1")
        .u8(0)
        .raw(&Sha256::digest(b"1"))
        .u32(1)
        .str("x")
        .str("e.mjs")
        .u8(KIND_ESM)
        .str("")
        .u8(1)
        .bytes(&[7])
        .raw(&Sha256::digest(b""))
        .u32(1)
        .u32(1)
        .u32(1)
        .str("./m.js")
        .u8(EDGE_IMPORT)
        .u8(TARGET_MODULE)
        .u32(0)
        .u32(0)
        .u32(64);
    let raw = enc.buf;
    let bytes = assemble(4, 0, "", 0, raw.len() as u64, &compress(&raw));
    let (header, bundle) = read(&bytes).unwrap();
    assert_eq!(header.version, 4);
    assert_eq!(
        bundle.modules,
        [
            Module::new("m.js", ModuleKind::CommonJs, "1", None).with_cjs_exports(vec!["x".into()]),
            Module::new("e.mjs", ModuleKind::Esm, "", Some(vec![7])),
        ]
    );
    assert!(bundle.modules.iter().all(|m| m.source_map.is_none()));
    assert_eq!(bundle.entry, 1);
    assert_eq!(bundle.resolutions[0].kind, EdgeKind::Import);
    assert_eq!(bundle.max_heap_mb, Some(64));
    // Read as version 5, the length of the next module's path is taken for
    // the first module's has_map byte.
    let bytes = assemble(5, 0, "", 0, raw.len() as u64, &compress(&raw));
    assert_eq!(corrupt_message(&bytes), "payload: invalid has_map byte 5");
    // And a version-7 payload read as version 4 has four bytes left over.
    let raw = encode_payload(&tiny_bundle(), LEGACY);
    let bytes = assemble(4, 0, "", 0, raw.len() as u64, &compress(&raw));
    assert_eq!(
        corrupt_message(&bytes),
        "payload: unexpected data after the run options (4 bytes)"
    );
}

/// A version-1 file as this writer produced it; readers must keep reading it.
/// If a zstd upgrade changes the compressed bytes, `write_matches_fixture`
/// fails but `reads_v1_fixture` must still pass: then update only the former's
/// expectation (compressed bytes may change; the format may not).
const V1_FIXTURE: &str = "
    894b504b0d0a1a0a0100000031322e392e310000000000000000000000000000
    0000000000000000000000000700000000000000ec0000000000000009010000
    000000001b0ebb554784e7c101798a8c850d22285841b2ec6ce4a03aec9297db
    b9dcafc828b52ffd600900150700524d322e505907a89c8684db7b4a3ab754f4
    0976d0adffc347a3800ce2e6979480c9dc7c6bbdfef6ad1f755db483205bca14
    ff9fff1fab6faba61bd5d23d956aeeb629ab734ebafc7f42e3d97c3e9b8e08c3
    01ad6c27f4ff85ffc7f96dff3fffffe3b79d6cdd4ffffff8ff7ff0e7ffbfacb9
    5b24473f430c66640059e6aca68f4a042f7390957a205c47d77fb9fe3fe3ff0f
    3438875558589625027523e86c484071941306b78448a3ac15e4d07766fcff27
    7ea8bceb084475ec95db52edd5ffa3ff9a20dc25a5fe5ff0ff3907005d3706be
    0c0f592e7720c4ef2870d5b071c02403
";

fn fixture_bundle() -> Bundle {
    Bundle {
        v8_version: "12.9.1".into(),
        flags_hash: 7,
        flags: 0,
        modules: vec![
            Module::new(
                "main.js",
                ModuleKind::CommonJs,
                "require('./d.json')",
                Some(vec![1, 2, 3]),
            ),
            Module::new("d.json", ModuleKind::Json, "{}", None),
        ],
        entry: 0,
        resolutions: vec![
            Resolution {
                from: 0,
                specifier: "./d.json".into(),
                kind: EdgeKind::Require,
                target: Target::Module(1),
            },
            Resolution {
                from: 0,
                specifier: "kode:fs".into(),
                kind: EdgeKind::Require,
                target: Target::Builtin("kode:fs".into()),
            },
            Resolution {
                from: 0,
                specifier: "fs".into(),
                kind: EdgeKind::Require,
                target: Target::Missing,
            },
        ],
        warnings: vec![Warning {
            code: "WMODULE_MISSING".into(),
            message: "Cannot find module 'fs'".into(),
            file: "main.js".into(),
            line: 1,
            column: 2,
        }],
        max_heap_mb: None,
        snapshot: None,
        pending_bodies: None,
    }
}

#[test]
fn reads_v1_fixture() {
    let (header, bundle) = read(&unhex(V1_FIXTURE)).unwrap();
    assert_eq!(header.version, 1);
    assert_eq!(bundle, fixture_bundle());
}

/// The writer still produces the fixture's bundle (the compressed bytes differ:
/// the fixture was written as version 1, with another zstd level).
#[test]
fn write_matches_fixture() {
    let (written_header, written) = read(&write(&fixture_bundle())).unwrap();
    let (fixture_header, fixture) = read(&unhex(V1_FIXTURE)).unwrap();
    // A version-1 file reads as a bundle without run options; the writer now
    // writes a later version, which appends them (and, from version 5, an
    // empty has_map byte per module).
    assert_eq!(written, fixture);
    assert_eq!(fixture_header.version, 1);
    assert_eq!(written_header.version, VERSION);
}

// ------------------------------------------------------- damaged files

#[test]
fn every_single_bit_flip_is_rejected() {
    let bytes = write(&tiny_bundle());
    assert!(
        bytes.len() < 250,
        "keep the loop small: {} bytes",
        bytes.len()
    );
    for bit in 0..bytes.len() * 8 {
        let mut damaged = bytes.clone();
        damaged[bit / 8] ^= 1 << (bit % 8);
        assert!(read(&damaged).is_err(), "flip of bit {bit} was accepted");
    }
}

#[test]
fn every_truncation_is_rejected() {
    let bytes = write(&tiny_bundle());
    for len in 0..bytes.len() {
        let message = corrupt_message(&bytes[..len]);
        assert!(message.starts_with("truncated"), "{len}: {message}");
        assert!(read_header(&bytes[..len]).is_err());
    }
    assert_eq!(
        corrupt_message(&bytes[..50]),
        "truncated header (50 of 100 bytes)"
    );
    assert_eq!(
        corrupt_message(&bytes[..HEADER_LEN + 3]),
        format!(
            "truncated: header declares a {}-byte payload, then the bodies' lengths: 3 bytes follow the header",
            read_header(&bytes).unwrap().payload_len
        )
    );
}

#[test]
fn trailing_bytes_are_rejected() {
    let mut bytes = write(&tiny_bundle());
    bytes.extend_from_slice(b"xy");
    assert_eq!(
        corrupt_message(&bytes),
        "unexpected data after the payload (2 bytes)"
    );
    assert!(read_header(&bytes).is_err());
}

#[test]
fn wrong_magic() {
    let mut bytes = write(&tiny_bundle());
    bytes[1] = b'k';
    assert_eq!(corrupt_message(&bytes), "bad magic (not a .kpk bundle)");
    assert!(!looks_like_kpk(&bytes));
    assert_eq!(
        corrupt_message(b"#!/usr/bin/env node\n"),
        "bad magic (not a .kpk bundle)"
    );
    assert_eq!(
        corrupt_message(b"\x89KP"),
        "truncated header (3 of 100 bytes)"
    );
    assert_eq!(corrupt_message(b""), "truncated header (0 of 100 bytes)");
}

#[test]
fn looks_like_kpk_checks_only_the_magic() {
    assert!(looks_like_kpk(&write(&tiny_bundle())));
    assert!(looks_like_kpk(&MAGIC));
    assert!(!looks_like_kpk(&MAGIC[..7]));
    assert!(!looks_like_kpk(b"console.log(1)"));
}

#[test]
fn unknown_version_is_a_version_error() {
    let mut bytes = write(&tiny_bundle());
    bytes[8..10].copy_from_slice(&11u16.to_le_bytes());
    let err = read(&bytes).unwrap_err();
    assert_eq!(
        err,
        KpkError::Version {
            found: 11,
            supported: 10
        }
    );
    assert_eq!(err.code(), "EBUNDLE_VERSION");
    assert_eq!(
        err.to_string(),
        "unsupported bundle format version 11 (this kode reads versions 1 to 10)"
    );
    assert_eq!(read_header(&bytes).unwrap_err(), err);
    // Decided before anything after the version field is looked at.
    assert_eq!(read(&bytes[..10]).unwrap_err(), err);
    let future = assemble(11, 0, "", 0, 5, b"other");
    assert_eq!(read(&future).unwrap_err(), err);
    bytes[8..10].copy_from_slice(&0u16.to_le_bytes());
    assert!(matches!(
        read(&bytes),
        Err(KpkError::Version { found: 0, .. })
    ));
}

#[test]
fn known_version_with_a_bad_hash_is_corrupt() {
    let mut bytes = write(&tiny_bundle());
    let last = bytes.len() - 1;
    bytes[last] ^= 0x40;
    let err = read(&bytes).unwrap_err();
    assert_eq!(
        err.to_string(),
        "corrupt bundle: SHA-256 mismatch (the file is damaged or was modified)"
    );
    assert_eq!(err.code(), "EBUNDLE_CORRUPT");
    // read_header does not check the hash.
    assert!(read_header(&bytes).is_ok());
}

#[test]
fn header_v8_version_must_be_nul_padded_printable_ascii() {
    let raw = encode_payload(&tiny_bundle(), LEGACY);
    let good = assemble(LEGACY, 0, "12.9.1", 0, raw.len() as u64, &compress(&raw));
    let reseal = |edit: &dyn Fn(&mut Vec<u8>)| {
        let mut bytes = good.clone();
        edit(&mut bytes);
        let seal_at = bytes.len() - SEAL_LEN;
        let (_, hash) =
            super::bundle_hashes(&bytes[..68], &bytes[100..seal_at], None, &bytes[seal_at..]);
        bytes[68..100].copy_from_slice(&hash);
        bytes
    };
    let message = "header field v8_version is not NUL-padded printable ASCII";
    // Text after the terminating NUL.
    assert_eq!(corrupt_message(&reseal(&|b| b[20] = b'x')), message);
    // A control character and a non-ASCII byte.
    assert_eq!(corrupt_message(&reseal(&|b| b[13] = b'\n')), message);
    assert_eq!(corrupt_message(&reseal(&|b| b[13] = 0xc3)), message);
    // 32 bytes of text leave no NUL.
    assert_eq!(corrupt_message(&reseal(&|b| b[12..44].fill(b'1'))), message);
    assert!(read(&reseal(&|_| {})).is_ok());
}

#[test]
#[should_panic(expected = "at most 31 bytes of printable ASCII")]
fn writer_refuses_a_long_v8_version() {
    write(&Bundle {
        v8_version: "1".repeat(32),
        ..tiny_bundle()
    });
}

// ------------------------------------------------- hash-valid bad content

#[test]
fn module_paths_never_escape_the_root() {
    let bad = [
        "../x",
        "a/../../x",
        "a/..",
        "..",
        ".",
        "./a",
        "a/./b",
        "/etc/passwd",
        "",
        "a/",
        "a//b",
        "a\0b",
    ];
    for path in bad {
        let bundle = Bundle {
            modules: vec![Module::new(path, ModuleKind::CommonJs, "1", None)],
            ..tiny_bundle()
        };
        assert_eq!(
            corrupt_message(&assemble_bundle(&bundle)),
            format!("module path escapes the bundle root: {path:?}")
        );
    }
    for path in [
        "a",
        "a/b.js",
        "node_modules/x/index.js",
        ".bin/x",
        "a..b/...",
        "é/ü.js",
        // `\` is an ordinary character of a POSIX file name.
        "we\\ird.js",
        "..\\x",
    ] {
        let bundle = Bundle {
            modules: vec![Module::new(path, ModuleKind::CommonJs, "1", None)],
            ..tiny_bundle()
        };
        let (_, back) = read(&assemble_bundle(&bundle)).unwrap();
        assert_eq!(back.modules, bundle.modules, "{path}");
    }
}

/// The same check on a payload built field by field, not by the encoder.
#[test]
fn hand_built_payload_with_parent_path_is_corrupt() {
    let mut enc = Encoder::default();
    enc.u32(1)
        .str("../x")
        .u8(0)
        .str("1")
        .u8(0)
        .raw(&Sha256::digest(b"1"))
        .u32(0)
        .u8(0)
        .u8(0)
        .u8(0)
        .u32(0)
        .u32(0)
        .u32(0)
        .u32(0)
        .u8(0);
    let bytes = assemble_raw(&enc.buf);
    assert!(read_header(&bytes).is_ok());
    let err = read(&bytes).unwrap_err();
    assert_eq!(err.code(), "EBUNDLE_CORRUPT");
    assert_eq!(
        err.to_string(),
        r#"corrupt bundle: module path escapes the bundle root: "../x""#
    );
}

#[test]
fn bundle_invariants() {
    let module = |path: &str| Module::new(path, ModuleKind::CommonJs, "1", None);
    let cases: Vec<(Bundle, &str)> = vec![
        (
            Bundle {
                modules: vec![Module {
                    hash: [0; 32],
                    ..module("main.js")
                }],
                ..tiny_bundle()
            },
            r#"module "main.js": SHA-256 of the source does not match its recorded hash"#,
        ),
        (
            Bundle {
                modules: vec![module("a.js"), module("b.js"), module("a.js")],
                ..tiny_bundle()
            },
            r#"duplicate module path "a.js""#,
        ),
        (
            Bundle {
                entry: 1,
                ..tiny_bundle()
            },
            "entry module index 1 out of range (1 modules)",
        ),
        (
            Bundle {
                modules: vec![],
                ..tiny_bundle()
            },
            "entry module index 0 out of range (0 modules)",
        ),
        (
            Bundle {
                resolutions: vec![Resolution {
                    from: 1,
                    specifier: "x".into(),
                    kind: EdgeKind::Require,
                    target: Target::Missing,
                }],
                ..tiny_bundle()
            },
            "resolution 0: requiring module index 1 out of range (1 modules)",
        ),
        (
            Bundle {
                resolutions: vec![
                    Resolution {
                        from: 0,
                        specifier: "x".into(),
                        kind: EdgeKind::Require,
                        target: Target::Module(0),
                    },
                    Resolution {
                        from: 0,
                        specifier: "y".into(),
                        kind: EdgeKind::Require,
                        target: Target::Module(u32::MAX),
                    },
                ],
                ..tiny_bundle()
            },
            "resolution 1: target module index 4294967295 out of range (1 modules)",
        ),
    ];
    for (bundle, expected) in cases {
        assert_eq!(corrupt_message(&assemble_bundle(&bundle)), expected);
    }
}

#[test]
fn malformed_payloads() {
    let tiny = encode_payload(&tiny_bundle(), LEGACY);
    let with = |edit: &dyn Fn(&mut Vec<u8>)| {
        let mut raw = tiny.clone();
        edit(&mut raw);
        corrupt_message(&assemble_raw(&raw))
    };
    // Offsets into the tiny payload: count 0, path 4, kind 15, source 16,
    // has_cache 21, hash 22, export count 54, has_map 58, node_globals 59,
    // entry 61, resolutions 65, warnings 69, max_heap_mb 73, has_snapshot 77.
    assert_eq!(tiny.len(), 78);
    assert_eq!(
        with(&|raw| raw.push(0)),
        "payload: unexpected data after the run options (1 bytes)"
    );
    assert_eq!(
        with(&|raw| raw.truncate(71)),
        "payload ends early: warning count at offset 69 needs 4 bytes, 2 left"
    );
    assert_eq!(
        with(&|raw| raw[4..8].copy_from_slice(&u32::MAX.to_le_bytes())),
        "payload ends early: module path at offset 8 needs 4294967295 bytes, 70 left"
    );
    assert_eq!(
        with(&|raw| raw[0..4].copy_from_slice(&u32::MAX.to_le_bytes())),
        "payload ends early: module hash at offset 71 needs 32 bytes, 7 left"
    );
    assert_eq!(
        with(&|raw| raw[65..69].copy_from_slice(&u32::MAX.to_le_bytes())),
        "payload ends early: resolution target tag at offset 78 needs 1 bytes, 0 left"
    );
    assert_eq!(
        with(&|raw| raw[54..58].copy_from_slice(&u32::MAX.to_le_bytes())),
        "payload ends early: module export name at offset 78 needs 4 bytes, 0 left"
    );
    assert_eq!(with(&|raw| raw[15] = 3), "payload: unknown module kind 3");
    assert_eq!(
        with(&|raw| raw[21] = 2),
        "payload: invalid has_cache byte 2"
    );
    assert_eq!(with(&|raw| raw[58] = 2), "payload: invalid has_map byte 2");
    assert_eq!(
        with(&|raw| raw[58] = 0xff),
        "payload: invalid has_map byte 255"
    );
    assert_eq!(
        with(&|raw| raw[60] = 0x02),
        "payload: invalid node_globals 0x0200"
    );
    assert_eq!(
        with(&|raw| raw[20] = 0xff),
        "payload: module source at offset 16 is not valid UTF-8"
    );
    assert_eq!(
        with(&|raw| raw[10] = 0xc3),
        "payload: module path at offset 4 is not valid UTF-8"
    );
    let mut enc = Encoder::default();
    enc.raw(&tiny[..65])
        .u32(1)
        .u32(0)
        .str("x")
        .u8(0)
        .u8(3)
        .u32(0);
    assert_eq!(
        corrupt_message(&assemble_raw(&enc.buf)),
        "payload: unknown target tag 3"
    );
    let mut enc = Encoder::default();
    enc.raw(&tiny[..65])
        .u32(1)
        .u32(0)
        .str("x")
        .u8(2)
        .u8(2)
        .u32(0);
    assert_eq!(
        corrupt_message(&assemble_raw(&enc.buf)),
        "payload: unknown edge kind 2"
    );
    assert_eq!(
        corrupt_message(&assemble_raw(&[])),
        "payload ends early: module count at offset 0 needs 4 bytes, 0 left"
    );
}

/// `has_map` 1 promises a `bytes` source map: a payload that ends inside its
/// length, or whose length runs past the end, is corrupt.
#[test]
fn truncated_source_maps() {
    let tiny = encode_payload(&tiny_bundle(), LEGACY);
    let mut enc = Encoder::default();
    enc.raw(&tiny[..58]).u8(1).raw(&[2, 0]);
    let err = read(&assemble_raw(&enc.buf)).unwrap_err();
    assert_eq!(err.code(), "EBUNDLE_CORRUPT");
    assert_eq!(
        err.to_string(),
        "corrupt bundle: payload ends early: module source map at offset 59 needs 4 bytes, 2 left"
    );
    // has_map 1 and nothing after it.
    let mut enc = Encoder::default();
    enc.raw(&tiny[..58]).u8(1);
    assert_eq!(
        corrupt_message(&assemble_raw(&enc.buf)),
        "payload ends early: module source map at offset 59 needs 4 bytes, 0 left"
    );
    // A length beyond the payload: checked before anything is allocated.
    let mut enc = Encoder::default();
    enc.raw(&tiny[..58]).u8(1).u32(u32::MAX).raw(&tiny[59..]);
    assert_eq!(
        corrupt_message(&assemble_raw(&enc.buf)),
        "payload ends early: module source map at offset 63 needs 4294967295 bytes, 19 left"
    );
    // A map one byte longer than what is left.
    let mut enc = Encoder::default();
    enc.raw(&tiny[..58]).u8(1).u32(20).raw(&tiny[59..]);
    assert_eq!(
        corrupt_message(&assemble_raw(&enc.buf)),
        "payload ends early: module source map at offset 63 needs 20 bytes, 19 left"
    );
    // A well-formed map in the same place reads.
    let mut enc = Encoder::default();
    enc.raw(&tiny[..58]).u8(1).bytes(b"{}").raw(&tiny[59..]);
    let (_, bundle) = read(&assemble_raw(&enc.buf)).unwrap();
    assert_eq!(bundle.modules[0].source_map.as_deref(), Some(&b"{}"[..]));
}

// ------------------------------------------------------------ zstd layer

#[test]
fn payload_larger_than_declared_is_corrupt() {
    let raw = encode_payload(&tiny_bundle(), LEGACY);
    let declared = raw.len() as u64 - 1;
    let bytes = assemble(LEGACY, 0, "", 0, declared, &compress(&raw));
    assert_eq!(
        corrupt_message(&bytes),
        "payload decompresses to more than the declared 77 bytes"
    );
}

#[test]
fn payload_smaller_than_declared_is_corrupt() {
    let raw = encode_payload(&tiny_bundle(), LEGACY);
    let bytes = assemble(LEGACY, 0, "", 0, raw.len() as u64 + 1, &compress(&raw));
    assert_eq!(
        corrupt_message(&bytes),
        "payload decompresses to 78 bytes, the header declares 79"
    );
}

/// A frame that does not record its size and expands 16 MiB of zeros: the
/// reader stops one byte past the declared size instead of inflating it all.
#[test]
fn decompression_bomb_without_content_size_is_bounded() {
    use zstd::zstd_safe::CParameter;
    let mut compressor = zstd::bulk::Compressor::new(1).unwrap();
    compressor
        .set_parameter(CParameter::ContentSizeFlag(false))
        .unwrap();
    let frame = compressor.compress(&vec![0u8; 16 << 20]).unwrap();
    assert!(frame.len() < 4096);
    let bytes = assemble(LEGACY, 0, "", 0, 1000, &frame);
    assert_eq!(
        corrupt_message(&bytes),
        "payload decompresses to more than the declared 1000 bytes"
    );
}

#[test]
fn declared_size_above_the_limit_is_corrupt() {
    let bytes = assemble(LEGACY, 0, "", 0, MAX_PAYLOAD + 1, &compress(b"x"));
    let message = "declared payload size 4294967297 exceeds the limit of 4294967296 bytes";
    assert_eq!(corrupt_message(&bytes), message);
    assert_eq!(
        read_header(&bytes).unwrap_err(),
        KpkError::Corrupt(message.into())
    );
}

#[test]
fn data_after_the_zstd_frame_is_corrupt() {
    let raw = encode_payload(&tiny_bundle(), LEGACY);
    for extra in [b"\0".to_vec(), compress(&raw)] {
        let mut frames = compress(&raw);
        frames.extend_from_slice(&extra);
        let bytes = assemble(LEGACY, 0, "", 0, raw.len() as u64, &frames);
        assert_eq!(
            corrupt_message(&bytes),
            "unexpected data after the payload zstd frame"
        );
    }
}

#[test]
fn payload_that_is_not_zstd_is_corrupt() {
    let bytes = assemble(LEGACY, 0, "", 0, 4, b"not zstd at all");
    let message = corrupt_message(&bytes);
    assert!(
        message.starts_with("payload decompression failed: "),
        "{message}"
    );
    let empty = assemble(LEGACY, 0, "", 0, 0, b"");
    assert!(corrupt_message(&empty).starts_with("payload decompression failed: "));
}

// ----------------------------------------------------------------- garbage

#[test]
fn random_garbage_is_rejected() {
    let mut rng = Lcg(0x6b6f_6465);
    let mut header = MAGIC.to_vec();
    header.extend_from_slice(&VERSION.to_le_bytes());
    for i in 0..2000 {
        let len = (rng.next() % 400) as usize;
        let mut bytes = rng.bytes(len);
        match i % 4 {
            // Pure noise.
            0 => {}
            // Noise behind a valid magic and version: reaches the length checks.
            1 => bytes = [header.as_slice(), &bytes].concat(),
            // Noise as the compressed payload, with a correct header and hash.
            2 => bytes = assemble(LEGACY, 0, "", 0, rng.next() % 1000, &bytes),
            // Noise as the decompressed payload, with a correct frame and hash.
            _ => bytes = assemble_raw(&bytes),
        }
        assert!(read(&bytes).is_err(), "garbage input {i} was accepted");
        assert!(read_header(&bytes).is_err() || i % 4 >= 2, "{i}");
    }
}

/// Random byte edits of a valid payload, resealed: may decode or not, but
/// must never panic.
#[test]
fn mutated_payloads_never_panic() {
    let raw = encode_payload(&sample_bundle(), LEGACY);
    let mut rng = Lcg(42);
    for _ in 0..2000 {
        let mut mutated = raw.clone();
        for _ in 0..1 + rng.next() % 3 {
            let at = (rng.next() as usize) % mutated.len();
            mutated[at] = rng.next() as u8;
        }
        let _ = read(&assemble_raw(&mutated));
    }
}

// ------------------------------------------------------------------- seal

fn key(byte: u8) -> SealKey {
    SealKey::new([byte; 32])
}

fn signed(bundle: &Bundle, with: &SealKey) -> Vec<u8> {
    let mut bytes = write(bundle);
    sign(&mut bytes, with);
    bytes
}

#[test]
fn a_signed_bundle_verifies_with_its_key_only() {
    let bytes = signed(&sample_bundle(), &key(1));
    let (header, bundle) = read(&bytes).unwrap();
    assert_eq!(bundle, sample_bundle());
    assert_eq!(header.seal.unwrap().key_id, key(1).id());
    assert_eq!(seal::check(&header, Some(&key(1))), SealCheck::Valid);
    assert_eq!(
        seal::check(&header, Some(&key(2))),
        SealCheck::Untrusted("sealed with another key: not packed here".into())
    );
    assert_eq!(
        seal::check(&header, None),
        SealCheck::Untrusted("no local sealing key: not packed here".into())
    );
    // Signing is deterministic and changes only the seal and the hash.
    let plain = write(&sample_bundle());
    assert_eq!(signed(&sample_bundle(), &key(1)), bytes);
    assert_eq!(plain[..68], bytes[..68]);
    assert_eq!(
        plain[100..plain.len() - SEAL_LEN],
        bytes[100..bytes.len() - SEAL_LEN]
    );
}

#[test]
fn unsealed_and_older_bundles_are_untrusted() {
    let (header, _) = read(&write(&tiny_bundle())).unwrap();
    assert_eq!(header.seal, None);
    assert!(!seal::check(&header, Some(&key(1))).is_valid());
    let (v1, _) = read(&unhex(V1_FIXTURE)).unwrap();
    assert_eq!(v1.seal, None);
    assert_eq!(
        seal::check(&v1, Some(&key(1))),
        SealCheck::Untrusted("not sealed: packed elsewhere or by an older kode".into())
    );
}

/// Anyone can recompute the SHA-256; nobody without the key can recompute the tag.
#[test]
fn any_change_after_signing_breaks_the_seal_even_when_rehashed() {
    let bytes = signed(&tiny_bundle(), &key(7));
    let seal_at = bytes.len() - SEAL_LEN;
    let rehash = |mut file: Vec<u8>| {
        let (_, whole) =
            super::bundle_hashes(&file[..68], &file[100..seal_at], None, &file[seal_at..]);
        file[68..100].copy_from_slice(&whole);
        file
    };
    let mut checked = 0;
    for bit in 0..bytes.len() * 8 {
        let at = bit / 8;
        if (68..100).contains(&at) {
            continue; // the hash field itself is recomputed
        }
        let mut damaged = bytes.clone();
        damaged[at] ^= 1 << (bit % 8);
        let Ok((header, _)) = read(&rehash(damaged)) else {
            continue; // refused outright: fine too
        };
        assert!(
            !seal::check(&header, Some(&key(7))).is_valid(),
            "flip of bit {bit} kept a valid seal"
        );
        checked += 1;
    }
    assert!(checked > 300, "only {checked} rehashed flips were readable");
    // A seal copied from another bundle does not fit.
    let other = signed(&sample_bundle(), &key(7));
    let mut swapped = bytes.clone();
    swapped[seal_at..].copy_from_slice(&other[other.len() - SEAL_LEN..]);
    let (header, _) = read(&rehash(swapped)).unwrap();
    assert_eq!(
        seal::check(&header, Some(&key(7))),
        SealCheck::Untrusted("the seal does not match: modified after packing".into())
    );
}

/// A version-4 file written by the previous release (fixtures/bundle_v4/app.kpk):
/// ES modules, CommonJS export names and import edges, but no source maps.
#[test]
fn reads_committed_v4_bundle() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/bundle_v4/app.kpk"
    ))
    .unwrap();
    let (header, bundle) = read(&bytes).unwrap();
    assert_eq!(header.version, 4);
    assert!(header.seal.is_some());
    assert!(bundle.modules.iter().all(|m| m.source_map.is_none()));
    assert!(bundle.modules.iter().any(|m| m.kind == ModuleKind::Esm));
    assert!(bundle.modules.iter().any(|m| !m.cjs_exports.is_empty()));
    assert!(bundle
        .resolutions
        .iter()
        .any(|r| r.kind == EdgeKind::Import));
    assert!(bundle.modules.iter().any(|m| m.code_cache.is_some()));
    // Written again it is a version-5 file holding the same bundle.
    let (header, again) = read(&write(&bundle)).unwrap();
    assert_eq!(header.version, VERSION);
    assert_eq!(again, bundle);
}

/// A version-3 file written by the previous release (fixtures/bundle_v3/app.kpk):
/// sealed with its packer's key, require edges only.
#[test]
fn reads_committed_v3_bundle() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/bundle_v3/app.kpk"
    ))
    .unwrap();
    let (header, bundle) = read(&bytes).unwrap();
    assert_eq!(header.version, 3);
    assert!(header.seal.is_some());
    let kinds: Vec<_> = bundle.modules.iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds,
        [ModuleKind::Json, ModuleKind::CommonJs, ModuleKind::CommonJs]
    );
    assert!(bundle.modules.iter().all(|m| m.cjs_exports.is_empty()));
    assert!(bundle
        .resolutions
        .iter()
        .all(|r| r.kind == EdgeKind::Require));
    assert!(bundle.modules.iter().any(|m| m.code_cache.is_some()));
}

/// A version-2 file written by the previous release (fixtures/bundle_v2/app.kpk).
#[test]
fn reads_committed_v2_bundle() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/bundle_v2/app.kpk"
    ))
    .unwrap();
    let (header, bundle) = read(&bytes).unwrap();
    assert_eq!(header.version, 2);
    assert_eq!(header.seal, None);
    assert_eq!(bundle.modules.len(), 3);
    assert!(bundle.modules.iter().any(|m| m.code_cache.is_some()));
}

// ------------------------------------------------------------ size limits

#[test]
fn check_size_is_the_encoded_size() {
    let bundle = sample_bundle();
    assert_eq!(
        check_size(&bundle),
        Ok(encode_payload(&bundle, LEGACY).len() as u64)
    );
    let empty = Bundle {
        modules: vec![],
        resolutions: vec![],
        warnings: vec![],
        ..sample_bundle()
    };
    assert_eq!(
        check_size(&empty),
        Ok(encode_payload(&empty, LEGACY).len() as u64)
    );
}

#[test]
fn items_of_4_gib_and_payloads_over_max_are_refused() {
    let mut size = PayloadSize::default();
    assert!(size.field(u32::MAX as usize, || String::from("a")).is_ok());
    let err = size.field(u32::MAX as usize + 1, || {
        String::from("the source of module 'big.js'")
    });
    assert_eq!(
        err.unwrap_err().0,
        "the source of module 'big.js' is 4294967296 bytes; a bundle holds at most 4294967295 bytes per item"
    );
    assert!(size
        .count(u32::MAX as usize + 1, || String::from("the module table"))
        .is_err());

    let mut size = PayloadSize::default();
    size.fixed(MAX_PAYLOAD - 4);
    size.field(0, || String::from("x")).unwrap();
    assert_eq!(size.finish(), Ok(MAX_PAYLOAD));
    let mut size = PayloadSize::default();
    size.fixed(MAX_PAYLOAD - 4);
    size.field(1, || String::from("x")).unwrap();
    let err = size.finish().unwrap_err();
    assert!(err.0.contains("at most 4294967296 bytes"), "{err}");
    assert_eq!(TooLarge::CODE, "EBUNDLE_TOO_LARGE");
}

// ------------------------------------------------------------ snapshots

#[test]
fn a_heap_snapshot_round_trips_and_a_bad_flag_is_corrupt() {
    let mut bundle = tiny_bundle();
    bundle.snapshot = Some(Snapshot {
        base: "/srv/app".into(),
        whole_entry: true,
        blob: vec![7; 100].into(),
        texts: Default::default(),
    });
    let bytes = write(&bundle);
    let (header, back) = read(&bytes).unwrap();
    assert_eq!(back, bundle);
    // Uncompressed after the payload, at a 4096-byte boundary.
    let (at, len) = header.snapshot_section.unwrap();
    assert_eq!((at % SNAPSHOT_ALIGN, len), (0, 100));
    assert_eq!(&bytes[at..at + len], &[7; 100][..]);
    assert_eq!(bytes.len(), at + len + SEAL_LEN);
    // The legacy layout inlines the bodies but has no text table (two u32s
    // when there are no texts).
    assert_eq!(
        check_size(&bundle),
        Ok(encode_payload(&bundle, LEGACY).len() as u64 + 8)
    );
    let mut raw = encode_payload(&tiny_bundle(), LEGACY);
    *raw.last_mut().unwrap() = 2;
    assert_eq!(
        corrupt_message(&assemble_raw(&raw)),
        "payload: has_snapshot is 2, not 0 or 1"
    );
    // The flag and the section must agree.
    let raw = encode_payload(&bundle, LEGACY);
    assert_eq!(
        corrupt_message(&assemble_raw(&raw)),
        "payload: has_snapshot is 1, the snapshot section is empty"
    );
    let raw = encode_payload(&tiny_bundle(), LEGACY);
    let compressed = compress(&raw);
    let len = raw.len() as u64;
    let stray = assemble_with_snapshot(LEGACY, 0, "", 0, len, &compressed, &[], (b"heap", &[]));
    assert_eq!(
        corrupt_message(&stray),
        "payload: has_snapshot is 0, the snapshot section is not empty"
    );
    // A damaged section fails the hash like any other byte; rehashed, a
    // padding byte or a cut blob is still found.
    let mut damaged = bytes.clone();
    damaged[at + 50] ^= 1;
    assert!(corrupt_message(&damaged).contains("SHA-256 mismatch"));
    let mut padded = bytes.clone();
    padded[at - 1] = 1;
    assert_eq!(
        read_header(&padded).unwrap_err().to_string(),
        "corrupt bundle: the snapshot section's padding is not zero"
    );
    let mut long = bytes.clone();
    let len_at = header.bodies_section.map(|(at, len, _)| at + len).unwrap();
    long[len_at..len_at + 8].copy_from_slice(&1000u64.to_le_bytes());
    assert!(read_header(&long)
        .unwrap_err()
        .to_string()
        .contains("the snapshot section declares 1000 bytes"));
}

#[test]
fn version_7_snapshots_in_the_payload_still_read() {
    let mut raw = encode_payload(&tiny_bundle(), LEGACY);
    // Version 7's layout: has_snapshot, base, then the blob as `bytes`.
    raw.pop();
    let mut enc = Encoder::default();
    enc.u8(1).str("/srv/app").bytes(b"heap");
    raw.extend_from_slice(&enc.buf);
    let bytes = assemble(7, 0, "", 0, raw.len() as u64, &compress(&raw));
    let snapshot = read(&bytes).unwrap().1.snapshot.unwrap();
    assert_eq!(
        (
            snapshot.base.as_str(),
            snapshot.whole_entry,
            &snapshot.blob[..]
        ),
        ("/srv/app", false, &b"heap"[..])
    );
}

#[test]
fn snapshot_texts_follow_the_heap_with_their_own_digest() {
    let mut bundle = sample_bundle();
    let texts = SnapshotTexts {
        slots: 2,
        texts: vec![b"module.exports = 1;".to_vec().into()],
    };
    bundle.snapshot = Some(Snapshot {
        base: "/srv/app".into(),
        whole_entry: true,
        blob: vec![7; 100].into(),
        texts: texts.clone(),
    });
    let bytes = write(&bundle);
    let (header, back) = read(&bytes).unwrap();
    assert_eq!(back, bundle);
    // The heap, then the texts; their length and digest before the padding.
    let (at, len) = header.snapshot_section.unwrap();
    assert_eq!((at % SNAPSHOT_ALIGN, len), (0, 100));
    let (texts_at, texts_len, digest) = header.texts_section.unwrap();
    assert_eq!((texts_at, texts_len), (at + 100, texts.len()));
    assert_eq!(
        &bytes[texts_at..texts_at + texts_len],
        b"module.exports = 1;"
    );
    assert_eq!(digest, heap_digest(b"module.exports = 1;"));
    let fields = header.bodies_section.map(|(at, len, _)| at + len).unwrap();
    assert_eq!(&bytes[fields..fields + 8], &(100 + 19u64).to_le_bytes());
    assert_eq!(&bytes[fields + 8..fields + 16], &19u64.to_le_bytes());
    assert_eq!(&bytes[fields + 16..fields + 48], &digest);
    assert_eq!(
        check_size(&bundle),
        Ok(encode_payload(&bundle, LEGACY).len() as u64 + 16)
    );

    // Borrowed from the file, and left unhashed for the caller, when read
    // in place; every other byte is still checked first.
    let leaked: &'static [u8] = Box::leak(bytes.clone().into_boxed_slice());
    let (_, back, pending) = read_static_deferred(leaked).unwrap();
    let snapshot = back.snapshot.unwrap();
    assert!(matches!(snapshot.texts.texts[0], Cow::Borrowed(_)));
    assert_eq!(&snapshot.blob[..], &[7; 100][..]);
    assert_eq!(pending.as_ref().map(|p| p.verify()), Some(Ok(())));
    let mut damaged = bytes.clone();
    damaged[texts_at + 3] ^= 1;
    let sha = "SHA-256 mismatch (the file is damaged or was modified)";
    assert_eq!(corrupt_message(&damaged), sha);
    let leaked: &'static [u8] = Box::leak(damaged.into_boxed_slice());
    assert_eq!(
        read_static(leaked).unwrap_err().to_string(),
        format!("corrupt bundle: {sha}")
    );
    let (_, _, pending) = read_static_deferred(leaked).unwrap();
    assert_eq!(
        pending.unwrap().verify().unwrap_err().to_string(),
        format!("corrupt bundle: {sha}")
    );
    // The digest field is under the file's hash like the heap.
    let mut damaged = bytes.clone();
    damaged[fields + 20] ^= 1;
    assert_eq!(corrupt_message(&damaged), sha);
    // Texts that leave no heap are refused with the header.
    let mut greedy = bytes.clone();
    greedy[fields + 8..fields + 16].copy_from_slice(&119u64.to_le_bytes());
    assert!(read_header(&greedy)
        .unwrap_err()
        .to_string()
        .contains("texts (119 bytes) leave no heap"));

    // The text table is checked against the modules and the texts.
    let with = |slots: u32, lens: &[u64]| {
        let mut b = bundle.clone();
        b.snapshot.as_mut().unwrap().texts = SnapshotTexts::default();
        // The (empty) table ends the payload: replace it with the one under test.
        let mut raw = encode_payload(&b, VERSION);
        raw.truncate(raw.len() - 8);
        let mut enc = Encoder::default();
        enc.u32(slots).u32(lens.len() as u32);
        for len in lens {
            enc.u64(*len);
        }
        raw.extend_from_slice(&enc.buf);
        let bodies = super::write::bodies_section(&encode_bodies(&b));
        let len = raw.len() as u64;
        let heap_and_texts: (&[u8], &[u8]) = (&[7; 100], b"0123456789");
        let file = assemble_with_snapshot(
            VERSION,
            0,
            "",
            0,
            len,
            &compress(&raw),
            &bodies,
            heap_and_texts,
        );
        corrupt_message(&file)
    };
    let modules = bundle.modules.len() as u32;
    assert_eq!(
        with(modules + 1, &[10]),
        format!(
            "payload: the snapshot has {} text slots for {modules} modules",
            modules + 1
        )
    );
    assert_eq!(
        with(1, &[5, 5]),
        "payload: the snapshot has 2 texts for 1 slots"
    );
    let short = "payload: the snapshot's text lengths do not add up to its 10 bytes of text";
    assert_eq!(with(1, &[9]), short);
    assert_eq!(with(2, &[u64::MAX, 11]), short);
    assert_eq!(with(0, &[]), short);
}

// ------------------------------------------------------------ bodies (v9)

/// A file of the current version holding `bundle`'s payload and `bodies`
/// as its (uncompressed) bodies frame, with a valid hash.
fn with_bodies(bundle: &Bundle, bodies: &[u8]) -> Vec<u8> {
    let raw = encode_payload(bundle, VERSION);
    let blob = bundle.snapshot.as_ref().map_or(&[][..], |s| &s.blob[..]);
    let section = super::write::bodies_section(bodies);
    let len = raw.len() as u64;
    assemble_with_snapshot(
        VERSION,
        0,
        "",
        0,
        len,
        &compress(&raw),
        &section,
        (blob, &[]),
    )
}

fn whole_entry_bundle() -> Bundle {
    let mut bundle = sample_bundle();
    bundle.snapshot = Some(Snapshot {
        base: "/srv/app".into(),
        whole_entry: true,
        blob: vec![7; 100].into(),
        texts: Default::default(),
    });
    bundle
}

#[test]
fn bodies_layout() {
    let bundle = tiny_bundle();
    let enc_source = |enc: &mut Encoder| {
        enc.str(&bundle.modules[0].source).u8(0).u8(0);
    };
    let mut enc = Encoder::default();
    enc_source(&mut enc);
    assert_eq!(encode_bodies(&bundle), enc.buf);
    // The payload of version 9 is the legacy one without the bodies.
    let legacy = encode_payload(&bundle, LEGACY);
    let index = encode_payload(&bundle, VERSION);
    assert_eq!(legacy.len(), index.len() + enc.buf.len());
    assert_eq!(check_size(&bundle), Ok(legacy.len() as u64));
}

#[test]
fn read_static_defers_the_bodies_of_a_whole_entry_heap() {
    let bundle = whole_entry_bundle();
    let bytes: &'static [u8] = Box::leak(write(&bundle).into_boxed_slice());
    let (header, mut lazy) = read_static(bytes).unwrap();
    assert!(lazy.pending_bodies.is_some());
    assert!(lazy
        .modules
        .iter()
        .all(|m| m.source.is_empty() && m.code_cache.is_none() && m.source_map.is_none()));
    // The heap is the file's own bytes, not a copy.
    let (at, _) = header.snapshot_section.unwrap();
    let blob = &lazy.snapshot.as_ref().unwrap().blob;
    assert!(matches!(blob, std::borrow::Cow::Borrowed(_)));
    assert_eq!(blob.as_ptr(), bytes[at..].as_ptr());
    lazy.load_bodies().unwrap();
    assert_eq!(lazy, bundle);
    lazy.load_bodies().unwrap();
    assert_eq!(lazy, bundle);
    // Without a heap holding the entry, everything is decoded at once.
    let mut partial = whole_entry_bundle();
    partial.snapshot.as_mut().unwrap().whole_entry = false;
    let bytes: &'static [u8] = Box::leak(write(&partial).into_boxed_slice());
    assert_eq!(read_static(bytes).unwrap().1, partial);
    let bytes: &'static [u8] = Box::leak(write(&sample_bundle()).into_boxed_slice());
    assert_eq!(read_static(bytes).unwrap().1, sample_bundle());
}

#[test]
fn damaged_bodies_are_corrupt_now_or_when_loaded() {
    let bundle = whole_entry_bundle();
    let good = encode_bodies(&bundle);
    let mut trailing = good.clone();
    trailing.push(0);
    let mut other_source = bundle.clone();
    other_source.modules[0].source.push(' ');
    let cases = [
        (
            trailing,
            "module bodies: unexpected data after the last module (1 bytes)".to_string(),
        ),
        (
            good[..good.len() - 1].to_vec(),
            format!(
                "payload ends early: module has_map at offset {} needs 1 bytes, 0 left",
                good.len() - 1
            ),
        ),
        (
            encode_bodies(&other_source),
            format!(
                "module {:?}: SHA-256 of the source does not match its recorded hash",
                bundle.modules[0].path
            ),
        ),
    ];
    for (bodies, expected) in cases {
        let file = with_bodies(&bundle, &bodies);
        assert_eq!(corrupt_message(&file), expected);
        // Deferred: the read succeeds, every load fails the same way and
        // leaves no module with an empty source behind.
        let file: &'static [u8] = Box::leak(file.into_boxed_slice());
        let (_, mut lazy) = read_static(file).unwrap();
        for _ in 0..2 {
            let err = lazy.load_bodies().unwrap_err();
            assert_eq!(err.to_string(), format!("corrupt bundle: {expected}"));
            assert!(lazy.pending_bodies.is_some());
        }
    }
    let read_back = read(&with_bodies(&bundle, &good)).unwrap().1;
    assert_eq!(read_back.modules, bundle.modules);
}

#[test]
fn bodies_lengths_are_checked() {
    let bytes = write(&tiny_bundle());
    let header = read_header(&bytes).unwrap();
    let (at, len, raw_len) = header.bodies_section.unwrap();
    let lengths = at - 16;
    let rehashed = |edit: &dyn Fn(&mut Vec<u8>)| {
        let mut file = bytes.clone();
        edit(&mut file);
        let seal_at = file.len() - SEAL_LEN;
        let (_, hash) = bundle_hashes(
            &file[..68],
            &file[HEADER_LEN..seal_at],
            None,
            &file[seal_at..],
        );
        file[68..100].copy_from_slice(&hash);
        corrupt_message(&file)
    };
    let declare = |len: u64, raw: u64| {
        move |file: &mut Vec<u8>| {
            file[lengths..lengths + 8].copy_from_slice(&len.to_le_bytes());
            file[lengths + 8..lengths + 16].copy_from_slice(&raw.to_le_bytes());
        }
    };
    assert_eq!(
        rehashed(&declare(len as u64, MAX_PAYLOAD + 1)),
        format!(
            "declared module bodies size {} exceeds the limit of {MAX_PAYLOAD} bytes",
            MAX_PAYLOAD + 1
        )
    );
    assert!(rehashed(&declare(1 << 40, raw_len))
        .starts_with("truncated: the bodies section declares 1099511627776 bytes"));
    assert_eq!(
        rehashed(&declare(len as u64, raw_len + 1)),
        format!(
            "module bodies decompresses to {raw_len} bytes, the header declares {}",
            raw_len + 1
        )
    );
    assert_eq!(
        rehashed(&declare(len as u64, raw_len - 1)),
        format!(
            "module bodies decompresses to more than the declared {} bytes",
            raw_len - 1
        )
    );
    // Cut right after the payload: the lengths are missing.
    let cut = &bytes[..lengths + 4];
    assert!(read_header(cut)
        .unwrap_err()
        .to_string()
        .contains("then the bodies' lengths"));
}

#[test]
fn a_heap_is_hashed_by_the_digests_of_its_pieces() {
    // Three pieces, the last one short; one byte of each piece matters.
    let heap: Vec<u8> = (0..2 * HEAP_CHUNK + 77).map(|i| (i % 251) as u8).collect();
    let mut expected = Sha256::new();
    for piece in heap.chunks(HEAP_CHUNK) {
        expected.update(Sha256::digest(piece));
    }
    let expected: [u8; 32] = expected.finalize().into();
    assert_eq!(heap_digest(&heap), expected);
    assert_eq!(
        heap_digest(b"heap"),
        <[u8; 32]>::from(Sha256::digest(Sha256::digest(b"heap")))
    );
    let mut bundle = tiny_bundle();
    bundle.snapshot = Some(Snapshot {
        base: "/srv/app".into(),
        whole_entry: false,
        blob: heap.clone().into(),
        texts: Default::default(),
    });
    let bytes = write(&bundle);
    let (header, back) = read(&bytes).unwrap();
    assert_eq!(back, bundle);
    // The header's hash: the file with the heap replaced by its digest.
    let (at, len) = header.snapshot_section.unwrap();
    let mut hasher = Sha256::new();
    hasher.update(&bytes[..68]);
    hasher.update(&bytes[HEADER_LEN..at]);
    hasher.update(expected);
    hasher.update(&bytes[at + len..]);
    assert_eq!(bytes[68..100], hasher.finalize()[..]);
    for offset in [0, HEAP_CHUNK - 1, HEAP_CHUNK, 2 * HEAP_CHUNK + 76] {
        let mut damaged = bytes.clone();
        damaged[at + offset] ^= 0x80;
        assert!(
            corrupt_message(&damaged).contains("SHA-256 mismatch"),
            "{offset}"
        );
    }
    // Sealing covers the heap the same way: a sealed file reads and verifies.
    let mut sealed = bytes.clone();
    sign(&mut sealed, &key(3));
    let (header, _) = read(&sealed).unwrap();
    assert!(seal::check(&header, Some(&key(3))).is_valid());
    sealed[at + HEAP_CHUNK + 5] ^= 1;
    assert!(corrupt_message(&sealed).contains("SHA-256 mismatch"));
}
