//! Golden tests: run the real `kode` binary on every `fixtures/<case>/` and
//! compare stdout, stderr and the exit code with the files beside it, then
//! run the multi-step scenarios of `scenarios.rs`, `robustness.rs`,
//! `stdio.rs` and `trust.rs`.
//!
//! `fixtures/<case>/main.js`       the entry (or `entry` in test.toml)
//! `fixtures/<case>/expected.out`  exact stdout (absent: empty)
//! `fixtures/<case>/expected.err`  exact stderr (absent: empty)
//! (`fixtures/wpt/` and `fixtures/whatwg/` hold vendored test vectors, not cases.)
//! `fixtures/<case>/test.toml`     optional: args, exit_code, entry, argv, env, setup,
//!                                 modes, repeat, timeout_s, stdin
//!
//! Each case gets a fresh scratch directory in `KODE_TEST_TMP`; `setup` is a
//! shell command run there first (e.g. `mkfifo pipe`). The fixture's absolute
//! directory prints as `$DIR`, the scratch directory as `$TMP` (also usable in
//! `argv`).
//!
//! The program's stdin is empty (`/dev/null`) unless `stdin` names a file
//! (relative to the fixture directory; `$TMP/...` for one `setup` made), or
//! is `"pipe"`: a pipe the harness holds open, never writing to it, until
//! the program ends (so a program that reads it waits forever).
//!
//! Every `kode run` case runs twice: from disk, and packed into a bundle (root:
//! the fixture directory) that is run from another temporary directory, which
//! then prints as `$DIR`, so both modes must match the same golden files. `modes = ["disk"]`
//! opts out, for cases that cannot pack (their pack diagnostics are fixtures
//! of their own). `repeat = N` runs the case N times in each mode, every run
//! held to the same goldens (for outcomes that must not be flaky).
//!
//! Every command a case runs (setup, pack, run) that is still going after
//! `timeout_s` seconds (alias `timeout_secs`; [`DEFAULT_TIMEOUT`] when absent)
//! is killed, and the case fails with what it had printed so far.
//!
//! Cases run in parallel on [`jobs`] worker threads (`KODE_TEST_JOBS=N`
//! overrides); results print in a fixed order (cases by name, then the
//! scenarios in registry order) whatever order they finish in, and the last
//! line is always `N passed, N failed`. A scenario that panics is reported as
//! a failure and the others still run; one still running after
//! [`SCENARIO_TIMEOUT`] is reported and abandoned. Scenarios that keep every
//! core busy by themselves ([`RUNS_ALONE`]) run with no other job beside them.
//!
//! `KODE_BIN=path` runs the suite against another build of `kode`, e.g.
//! `KODE_BIN=target/release/kode` (relative paths start at the workspace
//! root); the default is the debug binary cargo builds for this test.
//! `KODE_ROOT=dir` runs the cases of another checkout (a worktree).
//! `KODE_TEST_TIMES=1` adds each job's wall time to its line.
//! `UPDATE_GOLDEN=1` rewrites the expected files: review the diff before
//! committing. Filter arguments (`cargo test --test fixtures -- cycle timers`)
//! run the cases and scenarios whose name contains any of them.

use std::collections::BTreeMap;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, OnceLock, RwLock};
use std::time::{Duration, Instant};

mod http;
mod robustness;
mod scenarios;
mod stdio;
mod trust;

/// How long one command of a case may run when test.toml sets no `timeout_s`:
/// far more than any case needs (the slowest take a few seconds in a debug
/// build on a loaded machine), so only a hang reaches it.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// How long one scenario may run before it is reported as hanging.
const SCENARIO_TIMEOUT: Duration = Duration::from_secs(20 * 60);

/// Scenarios that run their own worker threads (or thousands of runs of the
/// binary): they run alone, so they neither starve nor are starved by cases.
const RUNS_ALONE: &[&str] = &[
    "robustness_bundle_cases_in_process",
    "robustness_bundle_cases_binary",
    "robustness_exe_cases",
    "trust_mutated_caches_run_from_source",
];

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
    /// A command of the case still running after this many seconds is killed
    /// and the case fails ([`DEFAULT_TIMEOUT`] when absent).
    #[serde(alias = "timeout_secs")]
    timeout_s: Option<u64>,
    /// The program's stdin: a file, or `"pipe"` (see the module documentation).
    stdin: Option<String>,
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

impl Case {
    fn timeout(&self) -> Duration {
        self.spec
            .timeout_s
            .map_or(DEFAULT_TIMEOUT, Duration::from_secs)
    }
}

struct Outcome {
    stdout: String,
    stderr: String,
    code: i32,
}

/// The `kode` binary under test: `KODE_BIN`, else the debug build of this
/// workspace.
pub(crate) fn kode() -> &'static str {
    static KODE: OnceLock<String> = OnceLock::new();
    KODE.get_or_init(
        || match std::env::var_os("KODE_BIN").filter(|v| !v.is_empty()) {
            Some(path) => {
                let path = root().join(path);
                let path = path
                    .canonicalize()
                    .unwrap_or_else(|e| panic!("KODE_BIN={}: {e}", path.display()));
                path.to_string_lossy().into_owned()
            }
            None => env!("CARGO_BIN_EXE_kode").to_string(),
        },
    )
}

/// The workspace whose `fixtures/` run: this one, or `KODE_ROOT` (a
/// worktree, to run its cases with a test binary built elsewhere).
pub(crate) fn root() -> PathBuf {
    match std::env::var_os("KODE_ROOT") {
        Some(root) => PathBuf::from(root),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join(".."),
    }
}

/// Folders of `fixtures/` that hold vendored conformance data (standards'
/// own test vectors, read by the cases), not cases.
const DATA_DIRS: &[&str] = &["wpt", "whatwg"];

fn load_cases(selected: &dyn Fn(&str) -> bool) -> Vec<Case> {
    let fixtures = root().join("fixtures");
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(&fixtures).expect("fixtures/ exists") {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if !dir.is_dir() || DATA_DIRS.contains(&name.as_str()) || !selected(&name) {
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
        let case = Case { name, dir, spec };
        modes(&case); // an unknown mode stops the suite here, not in a worker
        cases.push(case);
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
    let limit = case.timeout();
    let scratch = tempfile::tempdir().unwrap();
    let tmp = scratch.path().canonicalize().unwrap();
    let tmp_text = tmp.to_string_lossy().into_owned();
    if let Some(setup) = &case.spec.setup {
        let mut command = Command::new("sh");
        command.arg("-c").arg(setup).current_dir(&tmp);
        let output = finished(command, limit).map_err(|report| format!("setup: {report}"))?;
        if !output.status.success() {
            return Err(format!("setup failed: {}", output.describe()));
        }
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
            let mut pack = Command::new(kode());
            pack.arg("pack")
                .arg(&entry)
                .arg("-o")
                .arg(&kpk)
                .arg("--root")
                .arg(&case.dir)
                .current_dir(&case.dir);
            let pack = finished(pack, limit).map_err(|report| format!("kode pack: {report}"))?;
            if !pack.status.success() {
                return Err(format!("kode pack failed: {}", pack.describe()));
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
    let dir = case.dir.to_string_lossy();
    let bundle_dir = bundle_dir.to_string_lossy();
    let clean = |text: &str| {
        text.replace(bundle_dir.as_ref(), "$DIR")
            .replace(&tmp_text, "$TMP")
            .replace(dir.as_ref(), "$DIR")
    };
    let input = match case.spec.stdin.as_deref() {
        None => Input::Null,
        Some("pipe") => Input::OpenPipe,
        Some(file) => {
            let path = case.dir.join(file.replace("$TMP", &tmp_text));
            let file =
                std::fs::File::open(&path).map_err(|e| format!("stdin {}: {e}", path.display()))?;
            Input::File(file)
        }
    };
    let output = finished_with(command, input, limit).map_err(|report| clean(&report))?;
    Ok(Outcome {
        stdout: clean(&output.stdout),
        stderr: clean(&output.stderr),
        code: output.status.code().unwrap_or(-1),
    })
}

/// What a finished command printed, as text.
struct Finished {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Finished {
    fn describe(&self) -> String {
        format!(
            "{}\nstdout:\n{}\nstderr:\n{}",
            self.status, self.stdout, self.stderr
        )
    }
}

/// What a command reads as its stdin.
enum Input {
    Null,
    File(std::fs::File),
    /// A pipe held open, and never written, until the command ends.
    OpenPipe,
}

/// Runs `command` (stdin empty, stdout and stderr captured) to its end. One
/// still running after `limit` is killed, and the error reports what it had
/// printed by then.
fn finished(command: Command, limit: Duration) -> Result<Finished, String> {
    finished_with(command, Input::Null, limit)
}

/// [`finished`], with `input` as the command's stdin.
fn finished_with(mut command: Command, input: Input, limit: Duration) -> Result<Finished, String> {
    let stdin = match input {
        Input::Null => Stdio::null(),
        Input::File(file) => Stdio::from(file),
        Input::OpenPipe => Stdio::piped(),
    };
    let mut child = command
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {:?}: {e}", command.get_program()))?;
    // Each pipe is drained on its own thread, so a chatty child never blocks
    // on a full pipe, and what a killed child printed is still collected.
    let (sender, receiver) = mpsc::channel();
    let pipes: [(usize, Box<dyn Read + Send>); 2] = [
        (0, Box::new(child.stdout.take().unwrap())),
        (1, Box::new(child.stderr.take().unwrap())),
    ];
    for (index, mut pipe) in pipes {
        let sender = sender.clone();
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            let _ = sender.send((index, bytes));
        });
    }
    drop(sender);
    let started = Instant::now();
    let mut pause = Duration::from_millis(1);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for a child") {
            break Some(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    // The pipes close when the child ends (unless it left a process behind
    // holding them: then whatever arrived within a few seconds).
    let mut texts = [String::new(), String::new()];
    let deadline = Instant::now() + Duration::from_secs(5);
    for _ in 0..2 {
        let left = deadline.saturating_duration_since(Instant::now());
        match receiver.recv_timeout(left) {
            Ok((index, bytes)) => texts[index] = String::from_utf8_lossy(&bytes).into_owned(),
            Err(_) => break,
        }
    }
    let [stdout, stderr] = texts;
    match status {
        Some(status) => Ok(Finished {
            status,
            stdout,
            stderr,
        }),
        None => Err(format!(
            "still running after {} s (timeout_s): killed\nstdout so far:\n{stdout}\nstderr so far:\n{stderr}",
            limit.as_secs()
        )),
    }
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

/// One unit of work for the pool: every mode of one case, or one scenario.
enum Job<'a> {
    Case(&'a Case),
    Scenario(&'static str, scenarios::Scenario),
}

/// The result lines of one job: name, failure report (if it failed), wall time.
type Results = Vec<(String, Option<String>, Duration)>;

fn run_job(job: &Job, update: bool) -> Results {
    match job {
        Job::Case(case) => modes(case)
            .into_iter()
            .map(|mode| {
                let name = match mode {
                    Mode::Disk => case.name.clone(),
                    Mode::Bundle => format!("{} (bundle)", case.name),
                };
                let started = Instant::now();
                let failure = guarded(|| check(case, mode, update));
                (name, failure, started.elapsed())
            })
            .collect(),
        Job::Scenario(name, scenario) => {
            let started = Instant::now();
            let failure = run_scenario(*scenario);
            vec![(name.to_string(), failure, started.elapsed())]
        }
    }
}

thread_local! {
    /// Whether this thread runs a job inside [`guarded`], and the report of
    /// its last panic.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// A panic in a job becomes its failure report instead of stderr noise
/// between the result lines: the hook records the message and location for
/// [`guarded`]. Panics elsewhere (threads a scenario starts) print as usual.
fn quiet_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if GUARDED.get() {
            PANIC.set(Some(info.to_string()));
        } else {
            default(info);
        }
    }));
}

/// Runs `check` on this thread; a panic becomes the failure report.
fn guarded(check: impl FnOnce() -> Option<String>) -> Option<String> {
    let was = GUARDED.replace(true);
    let result = catch_unwind(AssertUnwindSafe(check));
    GUARDED.set(was);
    result.unwrap_or_else(|_| Some(PANIC.take().unwrap_or_else(|| "panicked".into())))
}

/// Runs a scenario on its own thread: a panic is a failure, and one still
/// running after [`SCENARIO_TIMEOUT`] is reported and left behind (the
/// process exits at the end of the suite anyway).
fn run_scenario(scenario: scenarios::Scenario) -> Option<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(guarded(scenario));
    });
    match receiver.recv_timeout(SCENARIO_TIMEOUT) {
        Ok(failure) => failure,
        Err(_) => Some(format!(
            "still running after {} s: abandoned",
            SCENARIO_TIMEOUT.as_secs()
        )),
    }
}

/// Worker threads: `KODE_TEST_JOBS`, else the machine's cores, from 2 to 4.
fn jobs() -> usize {
    std::env::var("KODE_TEST_JOBS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4)))
}

fn main() {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let selected = |name: &str| filters.is_empty() || filters.iter().any(|f| name.contains(f));
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let times = std::env::var_os("KODE_TEST_TIMES").is_some();
    let cases = load_cases(&selected);
    let mut all: Vec<Job> = cases.iter().map(Job::Case).collect();
    for (name, scenario) in scenarios::all()
        .into_iter()
        .chain(robustness::all())
        .chain(http::all())
        .chain(stdio::all())
        .chain(trust::all())
    {
        if selected(name) {
            all.push(Job::Scenario(name, scenario));
        }
    }
    quiet_panics();
    let started = Instant::now();
    let next = AtomicUsize::new(0);
    // Ordinary jobs share the pool (read); a job that runs alone takes it all (write).
    let pool = RwLock::new(());
    let (sender, receiver) = mpsc::channel::<(usize, Results)>();
    let (mut passed, mut failed) = (0, 0);
    let mut failures = Vec::new();
    std::thread::scope(|scope| {
        for _ in 0..jobs() {
            let sender = sender.clone();
            let (all, next, pool) = (&all, &next, &pool);
            scope.spawn(move || loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some(job) = all.get(index) else { break };
                let alone = matches!(job, Job::Scenario(name, _) if RUNS_ALONE.contains(name));
                let results = if alone {
                    let _all = pool.write().unwrap_or_else(|e| e.into_inner());
                    run_job(job, update)
                } else {
                    let _shared = pool.read().unwrap_or_else(|e| e.into_inner());
                    run_job(job, update)
                };
                if sender.send((index, results)).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        // Print in job order as results arrive, whatever order they finish in.
        let mut waiting = BTreeMap::new();
        let mut printed = 0;
        for (index, results) in receiver {
            waiting.insert(index, results);
            while let Some(results) = waiting.remove(&printed) {
                printed += 1;
                for (name, failure, took) in results {
                    let took = if times {
                        format!(" ({:.1} s)", took.as_secs_f64())
                    } else {
                        String::new()
                    };
                    match failure {
                        None => {
                            passed += 1;
                            println!("ok   {name}{took}");
                        }
                        Some(report) => {
                            failed += 1;
                            println!("FAIL {name}{took}\n{report}");
                            failures.push(name);
                        }
                    }
                }
            }
        }
    });
    if !failures.is_empty() {
        println!("\nfailed: {}", failures.join(", "));
    }
    if times {
        println!(
            "\nwall time {:.1} s on {} workers",
            started.elapsed().as_secs_f64(),
            jobs()
        );
    }
    println!("\n{passed} passed, {failed} failed");
    // `exit` rather than returning: an abandoned scenario's thread must not
    // keep the process alive.
    std::process::exit(i32::from(failed > 0));
}
