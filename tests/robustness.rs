//! Untrusted bundles (issue 7): a real bundle of a small program that prints
//! [`MARKER`] is damaged in every way listed below, and each damaged file must
//! be refused cleanly before any JavaScript runs.
//!
//! Cases, all generated from fixed seeds (the same every run):
//! - `.kpk`: truncation at every byte offset, [`BUNDLE_FLIPS`] random
//!   single-bit flips, and [`GARBAGE_FILES`] garbage files (random bytes, some
//!   starting with the magic, the version or a whole header, some ending in an
//!   executable trailer, and some well-hashed bundles with invalid contents);
//! - `--exe`: truncation at every offset of the last [`EXE_TAIL`] bytes and
//!   [`EXE_FLIPS`] bit flips in the bundle + trailer region.
//!
//! Every case is checked twice:
//! - in process, over ALL cases, with the reader functions the CLI calls
//!   (`kpk::read`, `trailer::find`/`decode`), wrapped in `catch_unwind`: it
//!   must be an error, never a panic, never accepted;
//! - with the real binary, also over ALL cases (no sampling: a refused bundle
//!   costs the debug `kode` ~7 ms, so the ~3 900 runs take ~15 s on 2 workers):
//!   exit code exactly 1 (not 101, nor a signal such as 134/139), one line on
//!   stderr carrying the code the in-process check predicted (`EBUNDLE_CORRUPT`
//!   or `EBUNDLE_VERSION`), no "panicked", nothing on stdout, and the marker
//!   nowhere.
//!
//! The `--exe` cases edit one copy of the 177 MB debug executable per worker
//! in place (only the bytes after the ELF image are rewritten for each case)
//! instead of writing a new file per case.
//!
//! `fuzz_regressions` is where inputs that made a `fuzz/` target fail go (see
//! `fuzz/README.md`; none so far), next to a few hand-made edge cases.

use std::io::{Seek, SeekFrom, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kode_pack::kpk::{self, trailer};

use crate::scenarios::{describe, kode_in, pack, text, Scenario};

/// What the fixture program prints when (and only when) its JavaScript runs.
const MARKER: &str = "JS-RAN";
const BUNDLE_FLIPS: usize = 2000;
const GARBAGE_FILES: usize = 200;
const EXE_TAIL: usize = 200;
const EXE_FLIPS: usize = 300;
const CORRUPT: &str = "EBUNDLE_CORRUPT";
const VERSION: &str = "EBUNDLE_VERSION";
/// Byte range of the header's `version` field: a flip there may give either code.
const VERSION_FIELD: std::ops::Range<usize> = 8..10;
/// Failures reported per scenario before the rest are only counted.
const SHOWN: usize = 8;

pub fn all() -> Vec<(&'static str, Scenario)> {
    let mut all: Vec<(&'static str, Scenario)> = vec![
        ("robustness_bundle_cases_in_process", bundle_in_process),
        ("robustness_bundle_cases_binary", bundle_binary),
        ("robustness_exe_cases", exe_cases),
        ("robustness_snapshot_section", snapshot_section),
        ("robustness_fuzz_regressions", fuzz_regressions),
    ];
    all.extend(cli_scenarios()); // see the end of this file
    all
}

/// A deterministic generator (64-bit LCG, Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// One damaged input and the error codes it may produce.
struct Case {
    what: String,
    bytes: Vec<u8>,
    codes: &'static [&'static str],
}

impl Case {
    fn new(what: String, bytes: Vec<u8>, codes: &'static [&'static str]) -> Self {
        Case { what, bytes, codes }
    }
}

/// Writes the fixture program (three modules: JS, JSON and a builtin
/// require) into `dir`.
fn write_program(dir: &Path) {
    std::fs::create_dir_all(dir.join("lib")).unwrap();
    std::fs::write(
        dir.join("main.js"),
        "const greet = require('./lib/greet.js');\nconst data = require('./data.json');\nconst path = require('kode:path');\nconsole.log(greet(data.marker, path.basename('/x/y')));\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("lib/greet.js"),
        "module.exports = (marker, y) => (y === 'y' ? marker : 'wrong');\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("data.json"),
        format!("{{\"marker\": \"{MARKER}\"}}\n"),
    )
    .unwrap();
}

/// Packs the fixture program (`--exe` when `exe`) into `dir/out_name`,
/// checks that the intact output runs and prints the marker, and returns the
/// output path.
fn pack_program(dir: &Path, out_name: &str, exe: bool) -> Result<PathBuf, String> {
    write_program(dir);
    let out = dir.join(out_name);
    if exe {
        let output = kode_in(
            dir,
            &["pack", "main.js", "--exe", "-o", out.to_str().unwrap()],
        );
        if !output.status.success() {
            return Err(format!("pack --exe failed: {}", describe(&output)));
        }
    } else {
        pack(dir, "main.js", &out)?;
    }
    // The marker must be what the intact program prints, or the checks below prove nothing.
    let output = if exe {
        run_retrying(Command::new(&out).current_dir(dir))
    } else {
        kode_in(dir, &["run", out.to_str().unwrap()])
    };
    if text(&output.stdout) != format!("{MARKER}\n") || !output.status.success() {
        return Err(format!(
            "the intact program does not print {MARKER}: {}",
            describe(&output)
        ));
    }
    Ok(out)
}

/// The `.kpk` cases: every truncation, the bit flips, the garbage files.
fn bundle_cases(good: &[u8]) -> Vec<Case> {
    let mut cases = Vec::new();
    for cut in 0..good.len() {
        cases.push(Case::new(
            format!("truncated to {cut} of {} bytes", good.len()),
            good[..cut].to_vec(),
            &[CORRUPT],
        ));
    }
    let mut rng = Lcg(0x6b6f_6465_2d6b_706b);
    for _ in 0..BUNDLE_FLIPS {
        let (at, bit) = (rng.below(good.len()), rng.below(8));
        let mut bytes = good.to_vec();
        bytes[at] ^= 1 << bit;
        let codes: &[&str] = if VERSION_FIELD.contains(&at) {
            &[CORRUPT, VERSION]
        } else {
            &[CORRUPT]
        };
        cases.push(Case::new(
            format!("bit {bit} of byte {at} flipped"),
            bytes,
            codes,
        ));
    }
    cases.extend(garbage(good, &mut Lcg(0x0067_6172_6261_6765)));
    cases
}

/// Garbage files, eight kinds in turn (all named `*.kpk` when run, so none of
/// them is taken for a JavaScript source).
fn garbage(good: &[u8], rng: &mut Lcg) -> Vec<Case> {
    const EITHER: &[&str] = &[CORRUPT, VERSION];
    let header = kpk::HEADER_LEN;
    let (_, intact) = kpk::read(good).expect("the fixture bundle reads");
    let mut cases = Vec::new();
    for i in 0..GARBAGE_FILES {
        let len = rng.below(4096);
        let random = rng.bytes(len);
        let (what, bytes) = match i % 8 {
            0 => ("random bytes", random),
            1 => (
                "the magic, then random bytes",
                [&good[..8], &random].concat(),
            ),
            2 => (
                "magic and version, then random bytes",
                [&good[..10], &random].concat(),
            ),
            3 => {
                // A header that passes every header check; the payload is random.
                let mut bytes = [&good[..header], &random].concat();
                bytes[52..60].copy_from_slice(&(len as u64).to_le_bytes());
                ("a valid header declaring a random payload", bytes)
            }
            4 => (
                "a header cut short",
                good[..10 + rng.below(header - 10)]
                    .iter()
                    .copied()
                    .chain(random.into_iter().take(rng.below(20)))
                    .collect(),
            ),
            5 => {
                // Random bytes ending in a consistent executable trailer around random bytes.
                let offset = rng.below(len + 1);
                let t = trailer::Trailer {
                    offset: offset as u64,
                    len: (len - offset) as u64,
                };
                let bytes = [&random[..], &trailer::encode(t)].concat();
                ("random bytes framed by a valid trailer", bytes)
            }
            6 => {
                // A random "runtime", then the bundle with one byte changed, then its trailer.
                let mut bundle = good.to_vec();
                let at = rng.below(bundle.len());
                bundle[at] = bundle[at].wrapping_add(1 + rng.below(255) as u8);
                let t = trailer::Trailer {
                    offset: len as u64,
                    len: bundle.len() as u64,
                };
                let bytes = [&random[..], &bundle, &trailer::encode(t)].concat();
                ("random runtime + damaged bundle + trailer", bytes)
            }
            _ => {
                // Hash and compression intact, contents invalid (the checks after the hash).
                let mut bundle = intact.clone();
                let what = match rng.below(7) {
                    0 => {
                        bundle.modules[0].path = "../escape.js".into();
                        "a module path with .."
                    }
                    1 => {
                        bundle.modules[1].path = "/etc/passwd".into();
                        "an absolute module path"
                    }
                    2 => {
                        bundle.modules[2].path = "lib//x.js".into();
                        "a module path with an empty segment"
                    }
                    3 => {
                        bundle.modules[0].path = bundle.modules[1].path.clone();
                        "a duplicate module path"
                    }
                    4 => {
                        let module = rng.below(bundle.modules.len());
                        bundle.modules[module].source.push_str("\nthrow 0;");
                        "a source that does not match its hash"
                    }
                    5 => {
                        bundle.entry = bundle.modules.len() as u32 + rng.below(1000) as u32;
                        "an entry index out of range"
                    }
                    _ => {
                        let target = kpk::Target::Module(bundle.modules.len() as u32);
                        match bundle.resolutions.first_mut() {
                            Some(first) => first.target = target,
                            None => panic!("the fixture bundle has resolutions"),
                        }
                        "a resolution to a module index out of range"
                    }
                };
                (what, kpk::write(&bundle))
            }
        };
        cases.push(Case::new(format!("garbage {i}: {what}"), bytes, EITHER));
    }
    cases
}

/// What `kode run FILE.kpk` decides before any JavaScript runs, with the same
/// library calls in the same order (`kode-run/src/run.rs` `run_file` and
/// `standalone.rs` `bundle_bytes`): `Ok(code)` of the refusal, `Err` when the
/// bundle was accepted or something is inconsistent.
fn refuse_kpk(bytes: &[u8]) -> Result<&'static str, String> {
    let bundle = if kpk::looks_like_kpk(bytes) {
        bytes
    } else {
        match trailer::find(bytes) {
            // Not a bundle, and the file is named `.kpk`: "wrong magic".
            None => return Ok(CORRUPT),
            Some(Err(err)) => return Ok(err.code()),
            Some(Ok(t)) => usize::try_from(t.offset)
                .ok()
                .zip(usize::try_from(t.offset + t.len).ok())
                .and_then(|(start, end)| bytes.get(start..end))
                .ok_or_else(|| format!("trailer::find accepted {t:?} outside the file"))?,
        }
    };
    match kpk::read(bundle) {
        Ok(_) => Err("kpk::read accepted the damaged bundle".into()),
        Err(err) => Ok(err.code()),
    }
}

/// Runs `check`, turning a panic into a failure (the reader must never panic).
fn guarded(check: impl FnOnce() -> Result<&'static str, String>) -> Result<&'static str, String> {
    match catch_unwind(AssertUnwindSafe(check)) {
        Ok(result) => result,
        Err(panic) => Err(format!(
            "PANICKED: {}",
            panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(non-string payload)")
        )),
    }
}

/// The in-process verdict on one case: the refusal code, checked against the
/// codes the case allows.
fn in_process(
    case: &Case,
    refuse: impl FnOnce(&[u8]) -> Result<&'static str, String>,
) -> Result<&'static str, String> {
    let code = guarded(|| refuse(&case.bytes))?;
    if case.codes.contains(&code) {
        Ok(code)
    } else {
        Err(format!(
            "refused with {code}, expected one of {:?}",
            case.codes
        ))
    }
}

/// Collects failures from any number of workers; a report, or `None`.
#[derive(Default)]
struct Failures {
    shown: Vec<String>,
    count: usize,
}

impl Failures {
    fn add(&mut self, what: &str, report: String) {
        self.count += 1;
        if self.shown.len() < SHOWN {
            self.shown.push(format!("{what}: {report}"));
        }
    }

    fn merge(&mut self, other: Failures) {
        for line in other.shown {
            if self.shown.len() < SHOWN {
                self.shown.push(line);
            }
        }
        self.count += other.count;
    }

    fn report(self, total: usize) -> Option<String> {
        (self.count > 0).then(|| {
            format!(
                "{} of {total} cases failed; first ones:\n{}",
                self.count,
                self.shown.join("\n")
            )
        })
    }
}

fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4))
}

/// Runs `check(worker, case)` over `cases` on [`workers`] threads
/// (worker `w` takes cases `w`, `w + n`, …).
fn parallel<T: Sync>(
    cases: &[T],
    check: impl Fn(usize, &T) -> Option<(String, String)> + Sync,
) -> Failures {
    let n = workers();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .map(|w| {
                let check = &check;
                scope.spawn(move || {
                    let mut failures = Failures::default();
                    for case in cases.iter().skip(w).step_by(n) {
                        if let Some((what, report)) = check(w, case) {
                            failures.add(&what, report);
                        }
                    }
                    failures
                })
            })
            .collect();
        let mut all = Failures::default();
        for handle in handles {
            all.merge(handle.join().expect("worker thread"));
        }
        all
    })
}

/// The checks on one run of the binary that must refuse its input with `code`.
fn refused_cleanly(output: &Output, code: &str) -> Result<(), String> {
    let stdout = text(&output.stdout);
    let stderr = text(&output.stderr);
    let mut problems = Vec::new();
    match (output.status.code(), output.status.signal()) {
        (Some(1), _) => {}
        (Some(other), _) => problems.push(format!("exit code {other}, not 1")),
        (None, signal) => problems.push(format!("killed by signal {signal:?}")),
    }
    if stdout.contains(MARKER) || stderr.contains(MARKER) {
        problems.push("JAVASCRIPT RAN (the marker was printed)".into());
    }
    if !stdout.is_empty() {
        problems.push("stdout is not empty".into());
    }
    if stderr.contains("panicked") {
        problems.push("panicked".into());
    }
    if stderr.lines().count() != 1 || !stderr.ends_with('\n') {
        problems.push("stderr is not exactly one line".into());
    }
    if !stderr.contains(code) {
        problems.push(format!("stderr lacks {code} (the in-process verdict)"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}; {}", problems.join(", "), describe(output)))
    }
}

/// Runs `command`, retrying while the executable is busy (`ETXTBSY`: another
/// worker's fork may briefly hold a write descriptor of a file we just edited).
pub(crate) fn run_retrying(command: &mut Command) -> Output {
    const ETXTBSY: i32 = 26;
    let mut tries = 0;
    loop {
        match command.output() {
            Err(err) if err.raw_os_error() == Some(ETXTBSY) && tries < 100 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            result => return result.expect("run the program"),
        }
    }
}

/// Every `.kpk` case through the reader, in process.
fn bundle_in_process() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let good = match pack_program(temp.path(), "app.kpk", false) {
        Ok(out) => std::fs::read(out).unwrap(),
        Err(report) => return Some(report),
    };
    let cases = bundle_cases(&good);
    parallel(&cases, |_, case| {
        in_process(case, refuse_kpk)
            .err()
            .map(|report| (case.what.clone(), report))
    })
    .report(cases.len())
}

/// Every `.kpk` case through `kode run`, its code checked against the in-process verdict.
fn bundle_binary() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let good = match pack_program(dir, "app.kpk", false) {
        Ok(out) => std::fs::read(out).unwrap(),
        Err(report) => return Some(report),
    };
    let cases = bundle_cases(&good);
    parallel(&cases, |worker, case| damaged_bundle(dir, worker, case)).report(cases.len())
}

/// One damaged bundle: the reader refuses it in process, and the binary
/// refuses it with the same code, running nothing.
fn damaged_bundle(dir: &Path, worker: usize, case: &Case) -> Option<(String, String)> {
    let code = match in_process(case, refuse_kpk) {
        Ok(code) => code,
        Err(report) => return Some((case.what.clone(), format!("in process: {report}"))),
    };
    let file = dir.join(format!("damaged-{worker}.kpk"));
    std::fs::write(&file, &case.bytes).unwrap();
    let output = kode_in(dir, &["run", file.to_str().unwrap()]);
    refused_cleanly(&output, code)
        .err()
        .map(|report| (case.what.clone(), report))
}

/// A bundle with a heap snapshot (kpk 8: uncompressed after the payload):
/// damage in its section (the lengths, the texts' digest, the padding,
/// sampled heap bytes, the module texts after the heap, which a run checks
/// while V8 deserializes) and cuts inside it are refused like any corrupt
/// bundle, with no JavaScript run: V8 would trust a damaged heap. Sampled,
/// as the heap is ~0.5 MB.
fn snapshot_section() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    write_program(dir);
    let out = dir.join("snap.kpk");
    let packed = kode_in(dir, &["pack", "main.js", "--snapshot", "-o", "snap.kpk"]);
    let good = std::fs::read(&out).unwrap_or_default();
    let section = kpk::read_header(&good)
        .ok()
        .and_then(|header| header.snapshot_section);
    let Some((at, len)) = section.filter(|_| packed.status.success()) else {
        return Some(format!("no snapshot section: {}", describe(&packed)));
    };
    let intact = kode_in(dir, &["run", "snap.kpk"]);
    if text(&intact.stdout) != format!("{MARKER}\n") {
        return Some(format!("the intact bundle: {}", describe(&intact)));
    }
    let mut positions: Vec<usize> = (0..64).map(|i| at + i * len / 64).collect();
    // The last padding byte, the heap's last byte.
    positions.extend([at - 1, at + len - 1]);
    // The module texts (kpk 10): first, middle and last byte.
    let header = kpk::read_header(&good).unwrap();
    let Some((texts_at, texts_len, _)) = header.texts_section.filter(|t| t.1 > 0) else {
        return Some("the snapshot keeps no module text beside its heap".into());
    };
    positions.extend([texts_at, texts_at + texts_len / 2, texts_at + texts_len - 1]);
    // The section's fields: its length, the texts' length and digest.
    let field = header.bodies_section.map(|(at, len, _)| at + len).unwrap();
    positions.extend((field..field + 16).chain([field + 16, field + 47]));
    let mut cases: Vec<Case> = positions
        .iter()
        .map(|&p| {
            let mut bytes = good.clone();
            bytes[p] ^= 0x10;
            Case::new(
                format!("byte {p} of the snapshot section flipped"),
                bytes,
                &[CORRUPT],
            )
        })
        .collect();
    for cut in [at, at + len / 2, at + len - 1, texts_at + 1] {
        cases.push(Case::new(
            format!("cut at {cut}, inside the snapshot section"),
            good[..cut].to_vec(),
            &[CORRUPT],
        ));
    }
    parallel(&cases, |worker, case| damaged_bundle(dir, worker, case)).report(cases.len())
}

/// An executable image held as its untouched ELF part (on disk, `elf_len`
/// bytes) and the bytes after it (bundle + trailer), which each case replaces.
struct Image {
    elf_head: [u8; 64],
    elf_len: u64,
}

impl Image {
    /// Where the ELF image ends, as the CLI computes it (`standalone::elf_end`):
    /// its section header table is last.
    fn elf_end(&self) -> Option<u64> {
        let h = &self.elf_head;
        if &h[..4] != b"\x7fELF" || h[4] != 2 || h[5] != 1 {
            return None;
        }
        let shoff = u64::from_le_bytes(h[0x28..0x30].try_into().unwrap());
        let entsize = u64::from(u16::from_le_bytes([h[0x3a], h[0x3b]]));
        let count = u64::from(u16::from_le_bytes([h[0x3c], h[0x3d]]));
        shoff.checked_add(entsize * count)
    }

    /// What the executable decides at start-up when the bytes after its ELF
    /// image are `tail` (`standalone::embedded_bundle` + `run::run_embedded`).
    fn refuse(&self, tail: &[u8]) -> Result<&'static str, String> {
        let len = self.elf_len + tail.len() as u64;
        let last = tail
            .len()
            .checked_sub(trailer::TRAILER_LEN)
            .map(|start| &tail[start..]);
        let found = match last.and_then(|last| trailer::decode(last, len)) {
            Some(found) => found,
            None => {
                return match self.elf_end() {
                    Some(end) if end < len => Ok(CORRUPT),
                    _ => Err(
                        "no trailer and no data after the ELF image: it would act as the CLI"
                            .into(),
                    ),
                }
            }
        };
        let t = match found {
            Ok(t) => t,
            Err(err) => return Ok(err.code()),
        };
        // The range lies in the tail unless the trailer points into the ELF part,
        // which no case here can produce (offset + len + 32 must equal the length).
        let start = t
            .offset
            .checked_sub(self.elf_len)
            .ok_or_else(|| format!("trailer {t:?} points into the runtime"))?;
        let bundle = &tail[start as usize..(start + t.len) as usize];
        match kpk::read(bundle) {
            Ok(_) => Err("kpk::read accepted the damaged bundle".into()),
            Err(err) => Ok(err.code()),
        }
    }
}

/// Replaces everything after the first `keep` bytes of `path` with `tail`.
fn rewrite_tail(path: &Path, keep: u64, tail: &[u8]) {
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.set_len(keep).unwrap();
    file.seek(SeekFrom::Start(keep)).unwrap();
    file.write_all(tail).unwrap();
    // Closed here, before the file is executed.
}

/// `kode pack --exe`: truncations in the last [`EXE_TAIL`] bytes and
/// [`EXE_FLIPS`] flips after the ELF image, in process and through the
/// executable itself.
fn exe_cases() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let exe = match pack_program(dir, "app", true) {
        Ok(exe) => exe,
        Err(report) => return Some(report),
    };
    let image = std::fs::read(&exe).unwrap();
    let t = match trailer::find(&image) {
        Some(Ok(t)) => t,
        other => {
            return Some(format!(
                "the packed executable has no valid trailer: {other:?}"
            ))
        }
    };
    let elf = Image {
        elf_head: image[..64].try_into().unwrap(),
        elf_len: t.offset,
    };
    // The bundle starts at the first page boundary after the ELF image,
    // zeros between (so that its heap snapshot is page-aligned in the file).
    let aligned = elf
        .elf_end()
        .map(|end| end.next_multiple_of(kpk::SNAPSHOT_ALIGN as u64));
    let padding = elf
        .elf_end()
        .map(|end| &image[end as usize..t.offset as usize]);
    if aligned != Some(t.offset) || padding.is_some_and(|p| p.iter().any(|&b| b != 0)) {
        return Some(format!(
            "the bundle should start at the page boundary after the ELF image ({:?}), zeros between, not at {}",
            elf.elf_end(),
            t.offset
        ));
    }
    let good_tail = image[t.offset as usize..].to_vec();
    drop(image);
    let mut cases = Vec::new();
    for cut in good_tail.len() - EXE_TAIL..good_tail.len() {
        cases.push(Case::new(
            format!("executable cut {} bytes short", good_tail.len() - cut),
            good_tail[..cut].to_vec(),
            &[CORRUPT],
        ));
    }
    let mut rng = Lcg(0x6578_652d_666c_6970);
    let version_field =
        good_tail.len() - trailer::TRAILER_LEN + 16..good_tail.len() - trailer::TRAILER_LEN + 18;
    for _ in 0..EXE_FLIPS {
        let (at, bit) = (rng.below(good_tail.len()), rng.below(8));
        let mut tail = good_tail.clone();
        tail[at] ^= 1 << bit;
        let codes: &[&str] = if VERSION_FIELD.contains(&at) || version_field.contains(&at) {
            &[CORRUPT, VERSION]
        } else {
            &[CORRUPT]
        };
        cases.push(Case::new(
            format!(
                "executable: bit {bit} of byte {} flipped",
                t.offset + at as u64
            ),
            tail,
            codes,
        ));
    }
    // In process, every case.
    let failures = parallel(&cases, |_, case| {
        in_process(case, |tail| elf.refuse(tail))
            .err()
            .map(|report| (case.what.clone(), format!("in process: {report}")))
    });
    if let Some(report) = failures.report(cases.len()) {
        return Some(report);
    }
    // The executable itself, every case: one copy per worker, edited in place.
    let copies: Vec<PathBuf> = (0..workers())
        .map(|w| {
            let copy = dir.join(format!("app-{w}"));
            std::fs::copy(&exe, &copy).unwrap();
            std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
            copy
        })
        .collect();
    std::fs::remove_file(&exe).unwrap();
    parallel(&cases, |worker, case| {
        let code = match in_process(case, |tail| elf.refuse(tail)) {
            Ok(code) => code,
            Err(report) => return Some((case.what.clone(), report)),
        };
        rewrite_tail(&copies[worker], t.offset, &case.bytes);
        let output = run_retrying(Command::new(&copies[worker]).current_dir(dir));
        refused_cleanly(&output, code)
            .err()
            .map(|report| (case.what.clone(), report))
    })
    .report(cases.len())
}

/// Inputs that made a fuzz target fail (`fuzz/`; none so far: add each one
/// here, minimised) and edge cases, each refused in process: as a `.kpk`
/// file, and (when it ends in a trailer) as the bytes after an executable's
/// ELF image.
fn fuzz_regressions() -> Option<String> {
    let mut inputs: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("magic only", kpk::MAGIC.to_vec()),
        (
            "trailer claiming u64::MAX bytes",
            trailer::encode(trailer::Trailer {
                offset: 0,
                len: u64::MAX,
            })
            .to_vec(),
        ),
        (
            "trailer whose offset + length overflows",
            trailer::encode(trailer::Trailer {
                offset: u64::MAX - 31,
                len: 32,
            })
            .to_vec(),
        ),
    ];
    // A header declaring the largest allowed payload size over a 1-byte
    // payload: passes the header checks, refused at the hash.
    let mut header = [kpk::MAGIC.as_slice(), &kpk::VERSION.to_le_bytes()].concat();
    header.resize(kpk::HEADER_LEN + 1, 0);
    header[52..60].copy_from_slice(&1u64.to_le_bytes());
    header[60..68].copy_from_slice(&kpk::MAX_PAYLOAD.to_le_bytes());
    inputs.push(("header declaring 4 GiB uncompressed", header));
    let elf = Image {
        elf_head: [0; 64],
        elf_len: 0,
    };
    let mut failures = Failures::default();
    for (what, bytes) in &inputs {
        let case = Case::new(what.to_string(), bytes.clone(), &[CORRUPT, VERSION]);
        if let Err(report) = in_process(&case, refuse_kpk) {
            failures.add(what, format!("as a .kpk: {report}"));
        }
        // With no ELF header, "no trailer" is the plain CLI: only a found trailer matters.
        if trailer::find(bytes).is_some() {
            if let Err(report) = in_process(&case, |tail| elf.refuse(tail)) {
                failures.add(what, format!("as an executable tail: {report}"));
            }
        }
    }
    failures.report(inputs.len())
}

// ===========================================================================
// Exit codes, output errors and start-up failures (issue 10, items 2, 4, 5,
// 10 and 14). Owned separately from the bundle cases above.
//
// - `cli_output_errors`: `> /dev/full` and `2> /dev/full` for `run` (console
//   and `Kode.stdout`), `pack` and `inspect`: one line on the other stream,
//   exit 1;
// - `cli_broken_pipes`: stdout or stderr closed early (`| head -1`), also for
//   `Kode.stdout` writes and `inspect` of a bundle with 20 000 warnings: exit
//   0, nothing on the other stream, and the program stopped (what it prints
//   last never shows);
// - `cli_pack_output_refused`: `-o` naming a module (also through a hard or
//   symbolic link), a directory, a FIFO or a link to `/dev/null` is refused
//   and nothing is written;
// - `cli_unreadable_executable`: an execute-only executable run by another
//   user fails with `EEXE_UNREADABLE` instead of acting as the `kode` CLI;
// - `cli_thread_limits`: `RLIMIT_NPROC` too low for the JavaScript thread, or
//   for the I/O runtime, gives `ERESOURCE`, never an abort.
//
// The last two switch to a user id of their own (unique per test process, so
// that concurrent runs do not share its process count); they need root and
// report themselves skipped otherwise.
// ===========================================================================

fn cli_scenarios() -> Vec<(&'static str, Scenario)> {
    vec![
        ("cli_output_errors", cli_output_errors),
        ("cli_broken_pipes", cli_broken_pipes),
        ("cli_pack_output_refused", cli_pack_output_refused),
        ("cli_unreadable_executable", cli_unreadable_executable),
        ("cli_thread_limits", cli_thread_limits),
    ]
}

/// `kode ARGS` in `dir` with stdout (`fd` 1) or stderr (2) on `/dev/full`.
fn kode_full(dir: &Path, args: &[&str], fd: u8) -> Output {
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("open /dev/full")
    };
    let mut command = Command::new(crate::kode());
    command.args(args).current_dir(dir);
    if fd == 1 {
        command.stdout(full());
    } else {
        command.stderr(full());
    }
    command.output().expect("run kode")
}

fn enospc(stream: &str) -> String {
    format!("kode: cannot write to {stream}: no space left on device (ENOSPC)\n")
}

fn cli_output_errors() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    std::fs::write(dir.join("main.js"), "console.log('packed program');\n").unwrap();
    let kpk = dir.join("app.kpk");
    let kpk_text = kpk.to_str().unwrap();
    let mut failures = Vec::new();
    // (what, args, full fd, exit code, the other stream exactly, the bundle written?)
    let cases: [(&str, Vec<&str>, u8, i32, String); 10] = [
        (
            "console.log > /dev/full",
            vec!["-e", "console.log('x'); console.error('after')"],
            1,
            1,
            enospc("stdout"),
        ),
        (
            "a Kode.stdout write > /dev/full",
            vec![
                "-e",
                "(async () => { await Kode.stdout.getWriter().write(new Uint8Array([65, 10])); console.error('after'); })()",
            ],
            1,
            1,
            enospc("stdout"),
        ),
        (
            "console.error 2> /dev/full",
            vec!["-e", "console.error('x'); console.log('after')"],
            2,
            1,
            enospc("stderr"),
        ),
        (
            "console.log 2> /dev/full (nothing fails)",
            vec!["-e", "console.log('x')"],
            2,
            0,
            "x\n".to_string(),
        ),
        (
            "an uncaught error's report 2> /dev/full",
            vec!["-e", "throw new Error('boom')"],
            2,
            1,
            enospc("stderr"),
        ),
        (
            "kode run of a missing file 2> /dev/full",
            vec!["run", "nope.js"],
            2,
            1,
            enospc("stderr"),
        ),
        (
            "kode pack 2> /dev/full (its summary line fails)",
            vec!["pack", "main.js", "-o", kpk_text],
            2,
            1,
            enospc("stderr"),
        ),
        (
            "kode inspect > /dev/full",
            vec!["inspect", kpk_text],
            1,
            1,
            enospc("stdout"),
        ),
        (
            "kode --version > /dev/full",
            vec!["--version"],
            1,
            1,
            enospc("stdout"),
        ),
        (
            "a usage error 2> /dev/full (keeps its exit code 2)",
            vec!["--no-such-flag"],
            2,
            2,
            enospc("stderr"),
        ),
    ];
    for (what, args, fd, code, other) in cases {
        let output = kode_full(dir, &args, fd);
        let other_stream = if fd == 1 {
            &output.stderr
        } else {
            &output.stdout
        };
        if output.status.code() != Some(code) || text(other_stream) != other {
            failures.push(format!(
                "{what}: expected exit {code} and {other:?} on the other stream; {}",
                describe(&output)
            ));
        }
    }
    // The pack with its summary lost still wrote a bundle that runs.
    let run = kode_in(dir, &["run", kpk_text]);
    if text(&run.stdout) != "packed program\n" {
        failures.push(format!(
            "the bundle packed with 2> /dev/full: {}",
            describe(&run)
        ));
    }
    (!failures.is_empty()).then(|| failures.join("\n\n"))
}

/// Runs `kode ARGS`, reads one line of `fd` (1 or 2) and closes it, as
/// `| head -1` does; returns what happened and the first line.
fn close_early(dir: &Path, args: &[&str], fd: u8) -> (Output, String) {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(crate::kode())
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kode");
    let mut stream: Box<dyn Read> = if fd == 1 {
        Box::new(child.stdout.take().unwrap())
    } else {
        Box::new(child.stderr.take().unwrap())
    };
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while stream.read(&mut byte).unwrap_or(0) == 1 && byte[0] != b'\n' {
        line.push(byte[0]);
    }
    drop(stream);
    (
        child.wait_with_output().expect("wait for kode"),
        text(&line),
    )
}

fn cli_broken_pipes() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let mut failures = Vec::new();
    // 100 000 lines (~1 MB) is far more than a pipe holds: the writes after
    // the reader left must fail with EPIPE.
    let cases = [
        (
            "stdout",
            "for (let i = 0; i < 100000; i++) console.log('line ' + i); console.error('finished');",
            1,
        ),
        (
            "stderr",
            "for (let i = 0; i < 100000; i++) console.error('line ' + i); console.log('finished');",
            2,
        ),
        (
            "Kode.stdout",
            "(async () => { const w = Kode.stdout.getWriter(); for (let i = 0; i < 100000; i++) await w.write(Kode.text.encode('line ' + i + '\\n')); console.error('finished'); })()",
            1,
        ),
    ];
    for (name, code, fd) in cases {
        let (output, first) = close_early(dir, &["-e", code], fd);
        let other = if fd == 1 {
            &output.stderr
        } else {
            &output.stdout
        };
        if first != "line 0" || output.status.code() != Some(0) || !other.is_empty() {
            failures.push(format!(
                "{name} closed after one line: expected exit 0, nothing else (the program stops); first line {first:?}, {}",
                describe(&output)
            ));
        }
    }
    // `kode inspect big.kpk | head -1`: 20 000 warnings print ~1.5 MB.
    let requires: String = (0..20_000)
        .map(|i| format!("try {{ require('missing-package-{i}'); }} catch {{}}\n"))
        .collect();
    std::fs::write(dir.join("main.js"), requires).unwrap();
    let kpk = dir.join("big.kpk");
    if let Err(e) = crate::scenarios::pack(dir, "main.js", &kpk) {
        return Some(e);
    }
    for args in [vec!["inspect"], vec!["inspect", "--json"]] {
        let mut argv = args.clone();
        argv.push(kpk.to_str().unwrap());
        let (output, first) = close_early(dir, &argv, 1);
        if first.is_empty() || output.status.code() != Some(0) || !output.stderr.is_empty() {
            failures.push(format!(
                "kode {} | head -1: expected exit 0 and no stderr; first line {first:?}, {}",
                args.join(" "),
                describe(&output)
            ));
        }
    }
    (!failures.is_empty()).then(|| failures.join("\n\n"))
}

fn cli_pack_output_refused() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().canonicalize().unwrap();
    let sources = [
        ("main.js", "console.log(require('./lib/dep.js'));\n"),
        ("lib/dep.js", "module.exports = 'dep';\n"),
    ];
    std::fs::create_dir(dir.join("lib")).unwrap();
    for (name, source) in sources {
        std::fs::write(dir.join(name), source).unwrap();
    }
    std::fs::hard_link(dir.join("lib/dep.js"), dir.join("hard.kpk")).unwrap();
    std::os::unix::fs::symlink("main.js", dir.join("soft.kpk")).unwrap();
    std::os::unix::fs::symlink("/dev/null", dir.join("null.kpk")).unwrap();
    std::fs::create_dir(dir.join("dir.kpk")).unwrap();
    let fifo = Command::new("mkfifo")
        .arg(dir.join("fifo.kpk"))
        .status()
        .unwrap();
    assert!(fifo.success());
    let listing = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = listing(&dir);
    let mut failures = Vec::new();
    let outs = [
        "main.js",
        "./lib/../main.js",
        "lib/dep.js",
        "hard.kpk",
        "soft.kpk",
        "null.kpk",
        "dir.kpk",
        "fifo.kpk",
    ];
    for out in outs {
        for exe in [false, true] {
            let mut args = vec!["pack", "main.js", "-o", out];
            if exe {
                args.push("--exe");
            }
            let output = kode_in(&dir, &args);
            let err = text(&output.stderr);
            if output.status.code() != Some(1)
                || !err.starts_with("error[EPACK_OUTPUT]: refusing to")
                || !output.stdout.is_empty()
            {
                failures.push(format!("-o {out} (exe: {exe}): {}", describe(&output)));
            }
        }
    }
    // Nothing was written: the sources are intact, no file appeared, the
    // links are still links and the FIFO a FIFO.
    for (name, source) in sources {
        if std::fs::read_to_string(dir.join(name)).unwrap() != source {
            failures.push(format!("{name} was overwritten"));
        }
    }
    if listing(&dir) != before || listing(&dir.join("lib")) != ["dep.js"] {
        failures.push(format!(
            "files changed: {:?} became {:?}",
            before,
            listing(&dir)
        ));
    }
    use std::os::unix::fs::FileTypeExt;
    let kind = |name: &str| {
        std::fs::symlink_metadata(dir.join(name))
            .unwrap()
            .file_type()
    };
    if !kind("soft.kpk").is_symlink()
        || !kind("null.kpk").is_symlink()
        || !kind("fifo.kpk").is_fifo()
    {
        failures.push("a link or the FIFO was replaced".to_string());
    }
    // A regular file that is not a module is replaced as before.
    std::fs::write(dir.join("old.kpk"), "old").unwrap();
    let output = kode_in(&dir, &["pack", "main.js", "-o", "old.kpk"]);
    let run = kode_in(&dir, &["run", "old.kpk"]);
    if !output.status.success() || text(&run.stdout) != "dep\n" {
        failures.push(format!(
            "-o old.kpk: {}\n{}",
            describe(&output),
            describe(&run)
        ));
    }
    (!failures.is_empty()).then(|| failures.join("\n\n"))
}

/// A user id of this test process's own (no other process runs as it).
fn scratch_uid() -> u32 {
    200_000 + std::process::id() % 100_000
}

fn is_root() -> bool {
    // SAFETY: no arguments, no memory.
    unsafe { libc::geteuid() == 0 }
}

/// A temporary directory any user may enter and read.
fn open_tempdir() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().canonicalize().unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    (temp, dir)
}

fn cli_unreadable_executable() -> Option<String> {
    let (_temp, dir) = open_tempdir();
    std::fs::write(dir.join("main.js"), "console.log('the program ran');\n").unwrap();
    let exe = dir.join("app");
    let output = kode_in(
        &dir,
        &["pack", "main.js", "--exe", "-o", exe.to_str().unwrap()],
    );
    if !output.status.success() {
        return Some(format!("pack --exe: {}", describe(&output)));
    }
    // Execute-only: the kernel runs it, but it cannot read its own file
    // (root always could: then it runs as another user).
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o711)).unwrap();
    let uid = scratch_uid();
    let mut failures = Vec::new();
    for args in [vec![], vec!["--version"], vec!["-e", "console.log('cli')"]] {
        let mut command = Command::new(&exe);
        command.args(&args).current_dir(&dir);
        if is_root() {
            use std::os::unix::process::CommandExt;
            command.uid(uid).gid(uid);
        }
        let output = run_retrying(&mut command);
        let expected = format!(
            "error: cannot read the executable '{}' to load its program: permission denied (EACCES) (EEXE_UNREADABLE)\n",
            exe.display()
        );
        if output.status.code() != Some(1)
            || text(&output.stderr) != expected
            || !output.stdout.is_empty()
        {
            failures.push(format!("app {args:?}: {}", describe(&output)));
        }
    }
    // Readable again: it runs its program.
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    let output = run_retrying(Command::new(&exe).current_dir(&dir));
    if text(&output.stdout) != "the program ran\n" {
        failures.push(format!("the readable executable: {}", describe(&output)));
    }
    (!failures.is_empty()).then(|| failures.join("\n\n"))
}

/// `kode ARGS` as [`scratch_uid`] with at most `nproc` processes and threads.
fn kode_with_nproc(dir: &Path, args: &[&str], nproc: u64) -> Output {
    use std::os::unix::process::CommandExt;
    let uid = scratch_uid();
    let mut command = Command::new(crate::kode());
    command.args(args).current_dir(dir).uid(uid).gid(uid);
    // SAFETY: only setrlimit (async-signal-safe) between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: nproc,
                rlim_max: nproc,
            };
            if libc::setrlimit(libc::RLIMIT_NPROC, &limit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    command.output().expect("run kode")
}

fn cli_thread_limits() -> Option<String> {
    if !is_root() {
        println!("     cli_thread_limits skipped: RLIMIT_NPROC tests switch to another user id, which needs root");
        return None;
    }
    let (_temp, dir) = open_tempdir();
    std::fs::write(dir.join("data.txt"), "12345").unwrap();
    let mut failures = Vec::new();
    // One process, no thread to spare: the JavaScript thread cannot start.
    let output = kode_with_nproc(&dir, &["-e", "console.log('ran')"], 1);
    let expected = "error: cannot start the JavaScript thread: resource temporarily unavailable (EAGAIN) (ERESOURCE)\n";
    if output.status.code() != Some(1) || text(&output.stderr) != expected {
        failures.push(format!("nproc 1: {}", describe(&output)));
    }
    // The fewest threads a program without I/O runs with (V8's workers depend
    // on the machine's cores); with exactly that many, the I/O runtime has no
    // thread and its first operation rejects with ERESOURCE.
    let Some(least) = (2..=64).find(|&n| {
        let output = kode_with_nproc(&dir, &["-e", "console.log('ran')"], n);
        output.status.success() && text(&output.stdout) == "ran\n"
    }) else {
        return Some("no process limit up to 64 let `kode -e` run".into());
    };
    let read = "require('kode:fs').readText('data.txt').then((t) => console.log('read', t), (e) => console.log(e.code, e.message))";
    let output = kode_with_nproc(&dir, &["-e", read], least);
    let expected =
        "ERESOURCE cannot start the I/O runtime: resource temporarily unavailable (EAGAIN)\n";
    if output.status.code() != Some(0) || text(&output.stdout) != expected {
        failures.push(format!("nproc {least}: {}", describe(&output)));
    }
    // Three threads more are enough for the runtime's check and its thread.
    let output = kode_with_nproc(&dir, &["-e", read], least + 3);
    if output.status.code() != Some(0) || text(&output.stdout) != "read 12345\n" {
        failures.push(format!("nproc {}: {}", least + 3, describe(&output)));
    }
    (!failures.is_empty()).then(|| failures.join("\n\n"))
}
