//! Golden tests: run the real `kode` binary on every `fixtures/<case>/` and
//! compare stdout, stderr and the exit code with the files beside it.
//!
//! `fixtures/<case>/main.js`       the entry (or `entry` in test.toml)
//! `fixtures/<case>/expected.out`  exact stdout (absent: empty)
//! `fixtures/<case>/expected.err`  exact stderr (absent: empty)
//! `fixtures/<case>/test.toml`     optional: args, exit_code, entry, argv, env, setup,
//!                                 repeat, timeout_s
//!
//! Each case gets a fresh scratch directory in `KODE_TEST_TMP`; `setup` is a
//! shell command run there first (e.g. `mkfifo pipe`). The fixture's absolute
//! directory prints as `$DIR`, the scratch directory as `$TMP` (also usable in
//! `argv`).
//!
//! Every `kode run` case runs twice: from disk, and packed into a bundle (root:
//! the fixture directory) that is run from another temporary directory, which
//! then prints as `$DIR`, so both modes must match the same golden files. `modes = ["disk"]`
//! opts out, for cases that cannot pack (their pack diagnostics are fixtures
//! of their own). `repeat = N` runs the case N times in each mode, every run
//! held to the same goldens (for outcomes that must not be flaky);
//! `timeout_s = N` kills a run that takes longer and fails it (a hang would
//! otherwise stop the whole suite). `UPDATE_GOLDEN=1`
//! rewrites the expected files: review the diff before committing.
//! A filter argument (`cargo test --test fixtures -- cycle`) runs matching cases.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod robustness;
mod scenarios;
mod trust;

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Spec {
    #[serde(default)]
    args: Vec<String>,
    #[serde(default)]
    exit_code: i32,
    entry: Option<String>,
    /// The whole `kode` argument list, for cases that are not `kode run ENTRY`.
    argv: Option<Vec<String>>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    /// Shell command run in the scratch directory before the case.
    setup: Option<String>,
    /// `["disk", "bundle"]` by default for `kode run` cases; `argv` cases run once.
    modes: Option<Vec<String>>,
    /// Runs per mode, each compared with the goldens (1 by default).
    repeat: Option<u32>,
    /// A run that takes longer than this many seconds is killed and fails.
    timeout_s: Option<u64>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Disk,
    Bundle,
}

struct Case {
    name: String,
    dir: PathBuf,
    spec: Spec,
}

struct Outcome {
    stdout: String,
    stderr: String,
    code: i32,
}

fn kode() -> &'static str {
    env!("CARGO_BIN_EXE_kode")
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn load_cases(filter: Option<&str>) -> Vec<Case> {
    let fixtures = root().join("fixtures");
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(&fixtures).expect("fixtures/ exists") {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if !dir.is_dir() || filter.is_some_and(|f| !name.contains(f)) {
            continue;
        }
        let spec_path = dir.join("test.toml");
        let spec = match std::fs::read_to_string(&spec_path) {
            Ok(text) => {
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", spec_path.display()))
            }
            Err(_) => Spec::default(),
        };
        let dir = dir.canonicalize().unwrap();
        cases.push(Case { name, dir, spec });
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

fn modes(case: &Case) -> Vec<Mode> {
    let names = match (&case.spec.modes, &case.spec.argv) {
        (Some(modes), _) => modes.clone(),
        (None, Some(_)) => vec!["disk".to_string()],
        (None, None) => vec!["disk".to_string(), "bundle".to_string()],
    };
    names
        .iter()
        .map(|m| match m.as_str() {
            "disk" => Mode::Disk,
            "bundle" => Mode::Bundle,
            other => panic!("{}: unknown mode {other}", case.name),
        })
        .collect()
}

fn run_case(case: &Case, mode: Mode) -> Result<Outcome, String> {
    let scratch = tempfile::tempdir().unwrap();
    let tmp = scratch.path().canonicalize().unwrap();
    let tmp_text = tmp.to_string_lossy().into_owned();
    if let Some(setup) = &case.spec.setup {
        let status = Command::new("sh")
            .arg("-c")
            .arg(setup)
            .current_dir(&tmp)
            .status()
            .unwrap();
        assert!(status.success(), "{}: setup failed", case.name);
    }
    let entry = case.spec.entry.clone().unwrap_or_else(|| "main.js".into());
    // The bundle lives outside the scratch directory, which programs may list.
    let bundle_scratch = tempfile::tempdir().unwrap();
    let bundle_dir = bundle_scratch.path().canonicalize().unwrap().join("bundle");
    let argv = match (&case.spec.argv, mode) {
        (Some(argv), _) => argv.iter().map(|a| a.replace("$TMP", &tmp_text)).collect(),
        (None, Mode::Disk) => {
            let mut argv = vec!["run".to_string(), entry];
            argv.extend(case.spec.args.iter().cloned());
            argv
        }
        (None, Mode::Bundle) => {
            std::fs::create_dir(&bundle_dir).unwrap();
            let kpk = bundle_dir.join(Path::new(&entry).with_extension("kpk").file_name().unwrap());
            let pack = Command::new(kode())
                .arg("pack")
                .arg(&entry)
                .arg("-o")
                .arg(&kpk)
                .arg("--root")
                .arg(&case.dir)
                .current_dir(&case.dir)
                .output()
                .expect("run kode pack");
            if !pack.status.success() {
                return Err(format!(
                    "kode pack failed:\n{}",
                    String::from_utf8_lossy(&pack.stderr)
                ));
            }
            let mut argv = vec!["run".to_string(), kpk.to_string_lossy().into_owned()];
            argv.extend(case.spec.args.iter().cloned());
            argv
        }
    };
    let mut command = Command::new(kode());
    command
        .args(&argv)
        .current_dir(&case.dir)
        .env("KODE_TEST_TMP", &tmp)
        .envs(&case.spec.env);
    let output = match case.spec.timeout_s {
        None => command.output().expect("run kode"),
        Some(seconds) => output_within(command, Duration::from_secs(seconds))?,
    };
    let dir = case.dir.to_string_lossy();
    let bundle_dir = bundle_dir.to_string_lossy();
    let clean = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes)
            .replace(bundle_dir.as_ref(), "$DIR")
            .replace(&tmp_text, "$TMP")
            .replace(dir.as_ref(), "$DIR")
    };
    Ok(Outcome {
        stdout: clean(&output.stdout),
        stderr: clean(&output.stderr),
        code: output.status.code().unwrap_or(-1),
    })
}

/// `command.output()`, but a run still going after `limit` is killed and reported.
fn output_within(mut command: Command, limit: Duration) -> Result<Output, String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kode");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for kode") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {limit:?} (timeout_s): killed"));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Ok(Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    })
}

fn read_or_empty(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// Writes `text` to `path`, or removes `path` when `text` is empty.
fn write_golden(path: &Path, text: &str) {
    if text.is_empty() {
        let _ = std::fs::remove_file(path);
    } else {
        std::fs::write(path, text).unwrap();
    }
}

fn diff(label: &str, expected: &str, actual: &str) -> String {
    let mut out = format!("--- expected {label}\n+++ actual {label}\n");
    let diff = similar::TextDiff::from_lines(expected, actual);
    for change in diff.iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Delete => "-",
            similar::ChangeTag::Insert => "+",
            similar::ChangeTag::Equal => " ",
        };
        out.push_str(&format!("{sign}{change}"));
        if change.missing_newline() {
            out.push_str("\n\\ no newline at end\n");
        }
    }
    out
}

/// Runs one case `repeat` times in one mode; returns the first failure report.
fn check(case: &Case, mode: Mode, update: bool) -> Option<String> {
    let runs = case.spec.repeat.unwrap_or(1).max(1);
    (1..=runs).find_map(|run| {
        let report = check_once(case, mode, update && run == 1)?;
        Some(match runs {
            1 => report,
            _ => format!("run {run} of {runs}:\n{report}"),
        })
    })
}

/// Compares one run of a case in one mode; returns the failure report, if any.
fn check_once(case: &Case, mode: Mode, update: bool) -> Option<String> {
    let actual = match run_case(case, mode) {
        Ok(actual) => actual,
        Err(report) => return Some(report),
    };
    // The disk run writes the goldens; the bundle run must then match them.
    let update = update && mode == Mode::Disk;
    let out_path = case.dir.join("expected.out");
    let err_path = case.dir.join("expected.err");
    if update {
        write_golden(&out_path, &actual.stdout);
        write_golden(&err_path, &actual.stderr);
        if actual.code != case.spec.exit_code {
            return Some(format!(
                "exit code {} (test.toml says {}): fix test.toml by hand",
                actual.code, case.spec.exit_code
            ));
        }
        return None;
    }
    let mut report = String::new();
    let expected_out = read_or_empty(&out_path);
    let expected_err = read_or_empty(&err_path);
    if actual.stdout != expected_out {
        report += &diff("stdout", &expected_out, &actual.stdout);
    }
    if actual.stderr != expected_err {
        report += &diff("stderr", &expected_err, &actual.stderr);
    }
    if actual.code != case.spec.exit_code {
        report += &format!(
            "exit code: expected {}, got {}\n",
            case.spec.exit_code, actual.code
        );
    }
    (!report.is_empty()).then_some(report)
}

fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let cases = load_cases(filter.as_deref());
    let (mut passed, mut failed) = (0, 0);
    let mut record = |name: &str, failure: Option<String>| match failure {
        None => {
            passed += 1;
            println!("ok   {name}");
        }
        Some(report) => {
            failed += 1;
            println!("FAIL {name}\n{report}");
        }
    };
    for case in &cases {
        for mode in modes(case) {
            let name = match mode {
                Mode::Disk => case.name.clone(),
                Mode::Bundle => format!("{} (bundle)", case.name),
            };
            record(&name, check(case, mode, update));
        }
    }
    for (name, scenario) in scenarios::all()
        .into_iter()
        .chain(robustness::all())
        .chain(trust::all())
    {
        if filter.as_deref().is_none_or(|f| name.contains(f)) {
            record(name, scenario());
        }
    }
    println!("\n{passed} passed, {failed} failed");
    if failed > 0 {
        std::process::exit(1);
    }
}
