//! Bundle scenarios that need more than one command: pack determinism, runs
//! with the sources deleted, code-cache tracing, damaged bundles, atomic
//! output, and big generated graphs. Each returns a failure report or `None`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kode_pack::kpk;

use crate::{kode, root};

/// A scenario: `None` when it passed, else the report.
pub type Scenario = fn() -> Option<String>;

pub fn all() -> Vec<(&'static str, Scenario)> {
    vec![
        ("scenario_pack_is_deterministic", pack_is_deterministic),
        (
            "scenario_run_with_sources_deleted",
            run_with_sources_deleted,
        ),
        (
            "scenario_cache_trace_hit_and_rejected",
            cache_trace_hit_and_rejected,
        ),
        ("scenario_damaged_bundles", damaged_bundles),
        (
            "scenario_failed_pack_leaves_nothing",
            failed_pack_leaves_nothing,
        ),
        ("scenario_chain_2000", chain_2000),
        ("scenario_executable", executable),
        ("scenario_recorded_heap_limit", recorded_heap_limit),
        ("scenario_warm_pack", warm_pack),
        (
            "scenario_big_module_and_killed_packs",
            big_module_and_killed_packs,
        ),
        ("scenario_sigkill_during_write", sigkill_during_write),
        ("scenario_graph_1000_with_cycles", graph_1000_with_cycles),
        (
            "scenario_exit_during_writes_leaves_nothing",
            exit_during_writes_leaves_nothing,
        ),
        ("scenario_read_dev_zero_as_bytes", read_dev_zero_as_bytes),
        (
            "scenario_subprocess_no_child_outlives_kode",
            subprocess_no_child_outlives_kode,
        ),
        ("scenario_interrupt", interrupt),
        ("scenario_inspect_node_layer", inspect_node_layer),
        ("scenario_node_process_signals", node_process_signals),
        ("scenario_bootstrap_snapshot", bootstrap_snapshot),
        ("scenario_pack_snapshot", pack_snapshot),
        ("scenario_pack_snapshot_refusals", pack_snapshot_refusals),
        (
            "scenario_pack_snapshot_frozen_facts",
            pack_snapshot_frozen_facts,
        ),
    ]
}

const NODE_SIGNALS: &str = "const process = require('node:process');\n\
    let count = 0;\n\
    const onInt = () => {\n\
      count++;\n\
      if (count === 2) process.off('SIGINT', onInt);\n\
      // Printed after the listener is armed again: the test signals on this line.\n\
      setTimeout(() => console.log(`got SIGINT ${count}`), 0);\n\
    };\n\
    process.on('SIGINT', onInt);\n\
    process.on('exit', (code) => console.log(`exit ${code}`));\n\
    setInterval(() => {}, 1000);\n\
    console.log('ready');\n";

/// `process.on("SIGINT")` from a package's point of view: each SIGINT calls
/// the listener instead of ending the run; once the listener is removed the
/// next SIGINT ends the process with 130 and no 'exit' event, as in Node.
fn node_process_signals() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    std::fs::write(dir.join("main.js"), NODE_SIGNALS).unwrap();
    let mut command = Command::new(kode());
    command.arg("run").arg("main.js").current_dir(dir);
    let mut run = Watched::start(&mut command);
    let mut steps = || -> Result<(), String> {
        run.line("ready")?;
        run.signal(libc::SIGINT);
        run.line("got SIGINT 1")?;
        run.signal(libc::SIGINT);
        run.line("got SIGINT 2")?;
        run.signal(libc::SIGINT);
        Ok(())
    };
    if let Err(report) = steps() {
        return Some(report);
    }
    match run.finish() {
        Ok((status, rest)) if status.code() == Some(130) && rest.is_empty() => None,
        Ok((status, rest)) => Some(format!(
            "expected exit 130 and no output, got {status} and {rest:?}"
        )),
        Err(report) => Some(report),
    }
}

/// `kode inspect` lists, per package, the node: builtins and Node globals
/// its modules use (SPEC §5); a bundle without any says the layer is unused.
fn inspect_node_layer() -> Option<String> {
    let (_temp, dir) = copy_fixture("node_who_sees_what");
    let app = dir.join("app.kpk");
    if let Err(e) = pack(&dir, "main.js", &app) {
        return Some(e);
    }
    let inspect = kode_in(&dir, &["inspect", "app.kpk"]);
    let out = text(&inspect.stdout);
    let section: Vec<&str> = out
        .lines()
        .skip_while(|line| !line.starts_with("node layer"))
        .take_while(|line| !line.is_empty())
        .collect();
    let expected = [
        "node layer (4):",
        "  (application)  builtins: node:path",
        "  cjs-pkg        builtins: node:buffer, node:events, node:path, node:process; globals: process, Buffer, global",
        "  declares-esm   builtins: node:process; globals: Buffer",
        "  esm-pkg        builtins: node:path; globals: process, Buffer, global",
    ];
    if section != expected {
        return Some(format!(
            "node layer section {section:#?}\n{}",
            describe(&inspect)
        ));
    }
    let (_temp, plain) = copy_fixture("cycle_three");
    if let Err(e) = pack(&plain, "main.js", &plain.join("p.kpk")) {
        return Some(e);
    }
    let inspect = kode_in(&plain, &["inspect", "p.kpk"]);
    if !text(&inspect.stdout).contains("\nnode layer:  not used\n") {
        return Some(format!("a plain bundle: {}", describe(&inspect)));
    }
    let json = kode_in(&dir, &["inspect", "--json", "app.kpk"]);
    let value: serde_json::Value = match serde_json::from_slice(&json.stdout) {
        Ok(value) => value,
        Err(e) => return Some(format!("inspect --json: {e}: {}", describe(&json))),
    };
    let esm = &value["nodeLayer"][3];
    if esm["package"] != "esm-pkg"
        || esm["globals"] != serde_json::json!(["process", "Buffer", "global"])
    {
        return Some(format!("nodeLayer in JSON: {:#}", value["nodeLayer"]));
    }
    None
}

pub(crate) fn kode_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(kode())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run kode")
}

pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub(crate) fn describe(output: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr)
    )
}

/// Copies `fixtures/<name>` into a fresh directory.
fn copy_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().canonicalize().unwrap().join(name);
    copy_dir(&root().join("fixtures").join(name), &dir);
    (temp, dir)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub(crate) fn pack(dir: &Path, entry: &str, out: &Path) -> Result<(), String> {
    let output = kode_in(dir, &["pack", entry, "-o", out.to_str().unwrap()]);
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("pack failed: {}", describe(&output)))
    }
}

fn pack_is_deterministic() -> Option<String> {
    let (_temp, dir) = copy_fixture("cycle_three");
    let (a, b) = (dir.join("a.kpk"), dir.join("b.kpk"));
    if let Err(e) = pack(&dir, "main.js", &a).and_then(|()| pack(&dir, "main.js", &b)) {
        return Some(e);
    }
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    (a != b).then(|| format!("two packs differ ({} vs {} bytes)", a.len(), b.len()))
}

fn run_with_sources_deleted() -> Option<String> {
    let (_temp, dir) = copy_fixture("node_modules_nested");
    let out = dir.parent().unwrap().join("app.kpk");
    if let Err(e) = pack(&dir, "main.js", &out) {
        return Some(e);
    }
    let expected = std::fs::read_to_string(dir.join("expected.out")).unwrap();
    // The bundle now sits beside an empty directory of the same name: no source is left.
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::create_dir(&dir).unwrap();
    let output = kode_in(&dir, &["run", out.to_str().unwrap()]);
    let stdout = text(&output.stdout).replace(dir.parent().unwrap().to_str().unwrap(), "$DIR");
    (stdout != expected || !output.status.success())
        .then(|| format!("expected:\n{expected}\ngot {}", describe(&output)))
}

/// The binary starts from its bootstrap snapshot (build.rs made it against
/// the same external references: otherwise it is refused, and traced), and
/// its builtin modules compile from their build-time code caches. (A
/// bundle whose caches belong to another build's snapshot:
/// `cache_trace_hit_and_rejected`.)
fn bootstrap_snapshot() -> Option<String> {
    let (_temp, dir) = copy_fixture("cycle_two");
    let expected = std::fs::read_to_string(dir.join("expected.out")).unwrap();
    let started = Command::new(kode())
        .args(["run", "main.js"])
        .env("KODE_TRACE", "startup")
        .current_dir(&dir)
        .output()
        .unwrap();
    let trace = text(&started.stderr);
    if !trace.contains("bootstrap from snapshot")
        || trace.contains("refused")
        || trace.contains("kode:internal/core.js")
        || text(&started.stdout) != expected
    {
        return Some(format!(
            "not started from the snapshot: {}",
            describe(&started)
        ));
    }
    // Nothing random is frozen into the snapshot.
    let random = || {
        let run = Command::new(kode())
            .args(["-e", "console.log(Math.random(), crypto.randomUUID())"])
            .output()
            .unwrap();
        text(&run.stdout)
    };
    let (first, second) = (random(), random());
    if first.is_empty() || first == second {
        return Some(format!("two runs print the same random values: {first:?}"));
    }
    // Builtin modules compile from the code caches made with the snapshot.
    let builtins = Command::new(kode())
        .args([
            "-e",
            "require('node:fs'); require('node:stream'); require('kode:fs')",
        ])
        .env("KODE_TRACE", "builtins")
        .output()
        .unwrap();
    let lines = text(&builtins.stderr);
    if !builtins.status.success()
        || !lines.contains("kode: builtin node:stream (cache hit)")
        || lines.lines().any(|line| !line.ends_with("(cache hit)"))
    {
        return Some(format!("builtin caches: {}", describe(&builtins)));
    }
    None
}

/// `kode pack --snapshot` and `--snapshot=entry`: two packs are identical;
/// the bundle and the executable start from the heap and print what a run
/// without it prints; a bundle made by another build, or moved to another
/// directory, runs from its modules (the entry then calls its main itself);
/// a whole-entry heap decodes the module bodies only for a module outside it.
fn pack_snapshot() -> Option<String> {
    [
        ("snapshot_app", "main.js", "--snapshot"),
        ("snapshot_entry", "main.js", "--snapshot=entry"),
        ("snapshot_esm", "main.mjs", "--snapshot"),
        ("snapshot_ts", "main.ts", "--snapshot"),
    ]
    .into_iter()
    .find_map(|(fixture, entry, flag)| {
        pack_snapshot_of(fixture, entry, flag).map(|why| format!("{fixture} {flag}: {why}"))
    })
}

fn pack_snapshot_of(fixture: &str, entry: &str, flag: &str) -> Option<String> {
    let (_temp, dir) = copy_fixture(fixture);
    let expected = std::fs::read_to_string(dir.join("expected.out")).unwrap();
    let packed = kode_in(&dir, &["pack", entry, flag, "-o", "app.kpk"]);
    let exe = kode_in(&dir, &["pack", entry, flag, "--exe", "-o", "app"]);
    // Determinism: the same input packs to the same bytes.
    let again = kode_in(&dir, &["pack", entry, flag, "-o", "again.kpk"]);
    let bytes = |name: &str| std::fs::read(dir.join(name)).unwrap_or_default();
    if !again.status.success() || bytes("app.kpk") != bytes("again.kpk") {
        return Some("two packs of the same input differ".to_string());
    }
    if !packed.status.success() || !exe.status.success() {
        return Some(format!(
            "pack failed: {}{}",
            describe(&packed),
            describe(&exe)
        ));
    }
    let traced = |path: &Path| {
        Command::new(kode())
            .args(["run", path.to_str().unwrap()])
            .env("KODE_TRACE", "cache")
            .current_dir(&dir)
            .output()
            .unwrap()
    };
    let run = traced(&dir.join("app.kpk"));
    if text(&run.stdout) != expected || !text(&run.stderr).contains("kode: snapshot used (") {
        return Some(format!("from the snapshot: {}", describe(&run)));
    }
    // A heap holding the whole entry leaves the module bodies compressed
    // until a module outside it is required.
    let decoded = "kode: module bodies decoded";
    if flag == "--snapshot=entry" {
        if text(&run.stderr).contains(decoded) {
            return Some(format!("bodies decoded for nothing: {}", describe(&run)));
        }
        let late = Command::new(kode())
            .args(["run", "app.kpk", "late"])
            .env("KODE_TRACE", "cache")
            .current_dir(&dir)
            .output()
            .unwrap();
        let message = "late module loaded from the bundle's bodies\n";
        if !text(&late.stdout).contains(message) || !text(&late.stderr).contains(decoded) {
            return Some(format!("a module outside the heap: {}", describe(&late)));
        }
        let late = Command::new(dir.join("app")).arg("late").output().unwrap();
        if !text(&late.stdout).contains(message) || !late.status.success() {
            return Some(format!("the executable, late module: {}", describe(&late)));
        }
    }
    let run = Command::new(dir.join("app")).output().unwrap();
    if text(&run.stdout) != expected || !run.status.success() {
        return Some(format!("the executable: {}", describe(&run)));
    }
    let (_, mut bundle) = kpk::read(&std::fs::read(dir.join("app.kpk")).unwrap()).unwrap();
    let Some(snapshot) = &bundle.snapshot else {
        return Some("the bundle holds no snapshot".to_string());
    };
    // The heap refers to its modules' (ASCII) texts instead of holding them,
    // and `kode inspect` says how much.
    if snapshot.texts.is_empty() {
        return Some("the snapshot keeps no module text beside the heap".to_string());
    }
    let inspect = kode_in(&dir, &["inspect", "app.kpk"]);
    let texts = format!(
        "of module text beside it ({} of {} modules), which the heap refers to",
        snapshot.texts.texts.len(),
        snapshot.texts.slots
    );
    if !text(&inspect.stdout).contains(&texts) {
        return Some(format!("kode inspect: {}", describe(&inspect)));
    }
    let json = kode_in(&dir, &["inspect", "app.kpk", "--json"]);
    let bytes = format!("\"textBytes\": {}", snapshot.texts.len());
    if !text(&json.stdout).contains(&bytes) {
        return Some(format!("kode inspect --json: {}", describe(&json)));
    }
    bundle.flags_hash ^= 1;
    let other = dir.join("other.kpk");
    std::fs::write(&other, kpk::write(&bundle)).unwrap();
    let run = Command::new(kode())
        .args(["run", "--trust-cache", other.to_str().unwrap()])
        .env("KODE_TRACE", "cache")
        .output()
        .unwrap();
    let why = "kode: snapshot unused (made by another kode build: its V8 flags or bootstrap snapshot differ)";
    if text(&run.stdout) != expected || !text(&run.stderr).starts_with(why) {
        return Some(format!("another build's snapshot: {}", describe(&run)));
    }
    std::fs::create_dir(dir.join("moved")).unwrap();
    std::fs::copy(dir.join("app.kpk"), dir.join("moved/app.kpk")).unwrap();
    let run = traced(&dir.join("moved/app.kpk"));
    let why = format!(
        "kode: snapshot unused (made for modules under {}, these are under {}/moved)",
        dir.display(),
        dir.display()
    );
    let fell_back = text(&run.stderr).starts_with(&why)
        && (flag != "--snapshot=entry" || text(&run.stderr).contains(decoded));
    (text(&run.stdout) != expected || !fell_back)
        .then(|| format!("moved bundle: expected {why:?}, got {}", describe(&run)))
}

/// What `kode pack --snapshot` refuses, one program each: the pack fails
/// with one line naming the dependency and the reason, and writes nothing.
fn pack_snapshot_refusals() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().canonicalize().unwrap();
    let cases = [
        (
            "console.log('loading');",
            "it writes output while loading (that output would be lost)",
        ),
        ("setTimeout(() => {}, 10);", "it leaves a timer pending"),
        (
            "require('kode:fs').readText('x.txt').catch(() => {});",
            "it starts host work (I/O) while loading",
        ),
        (
            "exports.home = Kode.env.get('HOME');",
            "it reads Kode.env while loading (the pack's would be frozen; see --freeze-facts)",
        ),
        (
            "exports.args = Kode.args.values;",
            "it reads Kode.args while loading (the pack's would be frozen; see --freeze-facts)",
        ),
        (
            "exports.dir = require('kode:path').resolve('x');",
            "it reads the working directory while loading (the pack's would be frozen; see --freeze-facts)",
        ),
        (
            "exports.pid = process.pid;",
            "it reads process.pid while loading (the pack's would be frozen; see --freeze-facts)",
        ),
        (
            "exports.mode = process.env.NODE_ENV;",
            "it reads process.env while loading (the pack's would be frozen; see --freeze-facts)",
        ),
        (
            "process.nextTick(() => {});",
            "it leaves a process.nextTick callback pending",
        ),
        (
            "exports.wasm = typeof WebAssembly;",
            "it uses WebAssembly while loading, which V8 leaves out of snapshots",
        ),
        (
            "try { new Float16Array(1); } catch {}",
            "it uses Float16Array while loading, which V8 leaves out of snapshots",
        ),
        (
            "exports.format = new Intl.NumberFormat('en-US');",
            "it uses Intl while loading, whose objects hold native handles V8 cannot snapshot",
        ),
        (
            "new FinalizationRegistry(() => {}).register({}, 1);",
            "it uses FinalizationRegistry.prototype.register while loading, whose objects hold native handles V8 cannot snapshot",
        ),
    ];
    for (i, (dependency, why)) in cases.iter().enumerate() {
        let case = dir.join(format!("case{i}"));
        std::fs::create_dir(&case).unwrap();
        std::fs::write(case.join("dep.js"), dependency).unwrap();
        std::fs::write(
            case.join("main.js"),
            "const dep = require('./dep.js');\nconsole.log(dep);\n",
        )
        .unwrap();
        // node:process reaches packages only: the dependency is one.
        let dep_dir = if dependency.contains("process") {
            let package = case.join("node_modules/dep");
            std::fs::create_dir_all(&package).unwrap();
            std::fs::rename(case.join("dep.js"), package.join("index.js")).unwrap();
            std::fs::write(
                case.join("main.js"),
                "const dep = require('dep');\nconsole.log(dep);\n",
            )
            .unwrap();
            package.join("index.js")
        } else {
            case.join("dep.js")
        };
        let why = format!(
            "{}: cannot be snapshotted: {why} (ESNAPSHOT)\n",
            dep_dir.display()
        );
        if let Some(report) = refused(&case, "main.js", "--snapshot", &why) {
            return Some(format!("case {dependency:?}: {report}"));
        }
    }
    // An entry that does something before it requires: nothing to load ahead.
    let plain = dir.join("plain");
    std::fs::create_dir(&plain).unwrap();
    std::fs::write(plain.join("dep.js"), "exports.a = 1;\n").unwrap();
    std::fs::write(
        plain.join("main.js"),
        "globalThis.x = 1;\nconsole.log(require('./dep.js').a);\n",
    )
    .unwrap();
    let out = kode_in(&plain, &["pack", "main.js", "--snapshot", "-o", "app.kpk"]);
    let bundle = std::fs::read(plain.join("app.kpk"))
        .ok()
        .and_then(|b| kpk::read(&b).ok());
    if !text(&out.stderr).starts_with(
        "note: 'main.js' does not start with requires: no snapshot stored (--snapshot)\n",
    ) || bundle.is_none_or(|(_, b)| b.snapshot.is_some())
    {
        return Some(format!(
            "entry without leading requires: {}",
            describe(&out)
        ));
    }
    // --snapshot=entry: the whole entry is held to the same rules, and must
    // hand over its main.
    let entry_cases = [
        (
            "console.log('hi');",
            "it writes output while loading (that output would be lost)",
        ),
        (
            "const x = 1;",
            "it did not call Kode.snapshot.setMain(main) (--snapshot=entry)",
        ),
        (
            "Kode.snapshot.setMain(() => {}); Kode.args.values;",
            "it reads Kode.args while loading (the pack's would be frozen; see --freeze-facts)",
        ),
    ];
    for (i, (entry, why)) in entry_cases.iter().enumerate() {
        let case = dir.join(format!("entry{i}"));
        std::fs::create_dir(&case).unwrap();
        std::fs::write(case.join("main.js"), entry).unwrap();
        let main = case.join("main.js");
        let why = format!(
            "{}: cannot be snapshotted: {why} (ESNAPSHOT)\n",
            main.display()
        );
        if let Some(report) = refused(&case, "main.js", "--snapshot=entry", &why) {
            return Some(format!("entry {entry:?}: {report}"));
        }
    }
    // ES entries: an import cycle through the entry would run it early; a
    // top-level await cannot finish inside the pack.
    let esm_cases = [
        (
            "import { x } from './main.mjs';\n",
            "cannot be snapshotted: it imports the entry (a cycle through the entry)",
        ),
        (
            "await new Promise((r) => setTimeout(r, 1));\n",
            "loading it threw Error: require() cannot be used on an ES module graph with top-level await",
        ),
    ];
    for (i, (dependency, why)) in esm_cases.iter().enumerate() {
        let case = dir.join(format!("esm{i}"));
        std::fs::create_dir(&case).unwrap();
        std::fs::write(
            case.join("main.mjs"),
            "import './dep.mjs';\nexport const x = 1;\n",
        )
        .unwrap();
        std::fs::write(case.join("dep.mjs"), dependency).unwrap();
        let why = format!("{}: {why}", case.join("dep.mjs").display());
        if let Some(report) = refused(&case, "main.mjs", "--snapshot", &why) {
            return Some(format!("ES module {dependency:?}: {report}"));
        }
    }
    None
}

/// Packs `entry` in `case` with `flag`: the pack must fail (exit 1) with one
/// error line starting with the reason `why` and write nothing.
fn refused(case: &Path, entry: &str, flag: &str, why: &str) -> Option<String> {
    let out = kode_in(case, &["pack", entry, flag, "-o", "app.kpk"]);
    let wanted = format!("error: cannot snapshot '{entry}': {why}");
    (out.status.code() != Some(1)
        || !text(&out.stderr).starts_with(&wanted)
        || text(&out.stderr).lines().count() != 1
        || case.join("app.kpk").exists())
    .then(|| format!("expected {wanted:?}, got {}", describe(&out)))
}

/// `kode pack --snapshot --freeze-facts`: a dependency that reads the
/// environment while loading is packed with a warning, and what it kept is
/// an empty environment's, never the pack's; a builtin loaded into the heap
/// (the performance clock) reads its facts again at start-up.
fn pack_snapshot_frozen_facts() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().canonicalize().unwrap();
    let package = dir.join("node_modules/dep");
    std::fs::create_dir_all(&package).unwrap();
    std::fs::write(
        package.join("index.js"),
        "exports.mode = process.env.NODE_ENV;\nexports.clock = typeof performance.now;\nexports.r = Math.random();\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("main.js"),
        "const dep = require('dep');\nconsole.log(String(dep.mode), dep.clock, performance.timeOrigin, Math.random());\n",
    )
    .unwrap();
    let packed = Command::new(kode())
        .args([
            "pack",
            "main.js",
            "--snapshot",
            "--freeze-facts",
            "-o",
            "app.kpk",
        ])
        .env("NODE_ENV", "secret-of-the-pack")
        .current_dir(&dir)
        .output()
        .unwrap();
    let warning = format!(
        "warning: 'main.js': {}: reads process.env while loading: what it made of an empty environment and no arguments is kept at run time (--freeze-facts)\n",
        package.join("index.js").display()
    );
    if !packed.status.success() || !text(&packed.stderr).starts_with(&warning) {
        return Some(format!(
            "pack: expected {warning:?}, got {}",
            describe(&packed)
        ));
    }
    // The pack is over: a time origin frozen into the heap would be older.
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as f64;
    let run = || {
        Command::new(kode())
            .args(["run", "app.kpk"])
            .env("NODE_ENV", "production")
            .env("KODE_TRACE", "cache")
            .current_dir(&dir)
            .output()
            .unwrap()
    };
    let (first, second) = (run(), run());
    let out = text(&first.stdout);
    let fields: Vec<&str> = out.split_whitespace().collect();
    let origin: f64 = fields.get(2).and_then(|f| f.parse().ok()).unwrap_or(0.0);
    // The heap was made with fixed seeds: each run still draws its own.
    let random = |out: &Output| {
        text(&out.stdout)
            .split_whitespace()
            .nth(3)
            .map(String::from)
    };
    (fields.get(..2) != Some(&["undefined", "function"][..])
        || origin < before
        || random(&first).is_none()
        || random(&first) == random(&second)
        || !text(&first.stderr).contains("kode: snapshot used ("))
    .then(|| {
        format!(
            "run (time origin >= {before}): {}{}",
            describe(&first),
            describe(&second)
        )
    })
}

fn cache_trace_hit_and_rejected() -> Option<String> {
    let (_temp, dir) = copy_fixture("cycle_two");
    let out = dir.join("app.kpk");
    if let Err(e) = pack(&dir, "main.js", &out) {
        return Some(e);
    }
    let expected = std::fs::read_to_string(dir.join("expected.out")).unwrap();
    // `--trust-cache`: the altered bundle below is not sealed, and this is
    // about the V8 version check that applies even to trusted caches.
    let traced = |path: &Path| {
        Command::new(kode())
            .args(["run", "--trust-cache", path.to_str().unwrap()])
            .env("KODE_TRACE", "cache")
            .current_dir(&dir)
            .output()
            .unwrap()
    };
    let fresh = traced(&out);
    let trace = text(&fresh.stderr);
    let wanted = "kode: cache hit main.js\nkode: cache hit a.js\nkode: cache hit b.js\n";
    if trace != wanted || text(&fresh.stdout) != expected {
        return Some(format!(
            "fresh bundle: expected trace {wanted:?}, got {}",
            describe(&fresh)
        ));
    }
    // The same bundle, claiming another V8 or another Kode build (the flag
    // hash covers V8's flags and the bootstrap snapshot): its caches must be
    // refused, and the program still run.
    let running = kode_runtime::v8_version();
    let other_v8: &dyn Fn(&mut kpk::Bundle) = &|bundle| bundle.v8_version = "0.0.0-other".into();
    let other_build: &dyn Fn(&mut kpk::Bundle) = &|bundle| bundle.flags_hash ^= 1;
    let cases = [
        (
            other_v8,
            format!("made by V8 0.0.0-other, this is V8 {running}"),
        ),
        (
            other_build,
            "made by another kode build: its V8 flags or bootstrap snapshot differ".to_string(),
        ),
    ];
    for (alter, why) in cases {
        let (_, mut bundle) = kpk::read(&std::fs::read(&out).unwrap()).unwrap();
        alter(&mut bundle);
        let altered = dir.join("altered.kpk");
        std::fs::write(&altered, kpk::write(&bundle)).unwrap();
        let rerun = traced(&altered);
        let wanted: String = ["main.js", "a.js", "b.js"]
            .iter()
            .map(|name| format!("kode: cache unused {name} ({why})\n"))
            .collect();
        if text(&rerun.stderr) != wanted
            || text(&rerun.stdout) != expected
            || !rerun.status.success()
        {
            return Some(format!(
                "altered bundle: expected trace {wanted:?}, got {}",
                describe(&rerun)
            ));
        }
    }
    None
}

fn damaged_bundles() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    std::fs::write(dir.join("main.js"), "console.log('JS RAN');\n").unwrap();
    let out = dir.join("app.kpk");
    if let Err(e) = pack(dir, "main.js", &out) {
        return Some(e);
    }
    let good = std::fs::read(&out).unwrap();
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x01;
    let mut version = good.clone();
    version[8] = kpk::VERSION as u8 + 1;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("flipped payload byte", flipped, "EBUNDLE_CORRUPT"),
        (
            "truncated",
            good[..good.len() / 2].to_vec(),
            "EBUNDLE_CORRUPT",
        ),
        (
            "header only",
            good[..kpk::HEADER_LEN].to_vec(),
            "EBUNDLE_CORRUPT",
        ),
        ("unknown version", version, "EBUNDLE_VERSION"),
        (
            "wrong magic",
            [b"KPK?".as_slice(), &good[4..]].concat(),
            "EBUNDLE_CORRUPT",
        ),
    ];
    for (what, bytes, code) in cases {
        let path = dir.join("damaged.kpk");
        std::fs::write(&path, bytes).unwrap();
        let output = kode_in(dir, &["run", path.to_str().unwrap()]);
        let stderr = text(&output.stderr);
        let one_line = stderr.lines().count() == 1;
        if output.status.code() != Some(1)
            || !stderr.contains(code)
            || !one_line
            || !output.stdout.is_empty()
        {
            return Some(format!(
                "{what}: expected one {code} line and exit 1, got {}",
                describe(&output)
            ));
        }
        let inspect = kode_in(dir, &["inspect", path.to_str().unwrap()]);
        if inspect.status.code() != Some(1) || !text(&inspect.stderr).contains(code) {
            return Some(format!(
                "inspect {what}: expected {code}, got {}",
                describe(&inspect)
            ));
        }
    }
    None
}

fn failed_pack_leaves_nothing() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    std::fs::write(dir.join("main.js"), "require('./missing');\n").unwrap();
    std::fs::write(dir.join("app.kpk"), "previous bundle").unwrap();
    let output = kode_in(dir, &["pack", "main.js", "-o", "out/app.kpk"]);
    let output2 = kode_in(dir, &["pack", "main.js", "-o", "app.kpk"]);
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    let previous = std::fs::read_to_string(dir.join("app.kpk")).unwrap();
    (output.status.code() != Some(1)
        || output2.status.code() != Some(1)
        || names != ["app.kpk", "main.js"]
        || previous != "previous bundle")
        .then(|| {
            format!("after failed packs the directory holds {names:?}, app.kpk = {previous:?}")
        })
}

/// A 2000-module require chain must not overflow the stack, from disk or bundle.
fn chain_2000() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let n = 2000;
    for i in 0..n {
        let body = if i + 1 < n {
            format!("module.exports = require('./m{}.js') + 1;\n", i + 1)
        } else {
            "module.exports = 1;\n".to_string()
        };
        std::fs::write(dir.join(format!("m{i}.js")), body).unwrap();
    }
    std::fs::write(
        dir.join("main.js"),
        "console.log('depth', require('./m0.js'));\n",
    )
    .unwrap();
    expect_both(dir, &format!("depth {n}\n"))
}

/// 1000 modules, 2-5 requires each, real cycles reading partial exports, some JSON.
fn graph_1000_with_cycles() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let n = 1000;
    let mut seed: u64 = 42;
    let mut next = |m: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % m
    };
    for i in 0..n {
        if i % 10 == 9 {
            std::fs::write(dir.join(format!("m{i}.json")), format!("{{\"id\": {i}}}")).unwrap();
            continue;
        }
        let count = 2 + next(4);
        let mut body = format!("exports.id = {i};\nlet sum = 0;\n");
        for _ in 0..count {
            let j = next(n);
            let ext = if j % 10 == 9 { ".json" } else { "" };
            // `id` is set before any require, so even a module caught mid-cycle shows it.
            body += &format!("sum += require('./m{j}{ext}').id;\n");
        }
        body += "exports.sum = sum;\n";
        std::fs::write(dir.join(format!("m{i}.js")), body).unwrap();
    }
    let mut main = String::from("const all = [\n");
    for i in 0..n {
        let ext = if i % 10 == 9 { ".json" } else { "" };
        main += &format!("  require('./m{i}{ext}'),\n");
    }
    main += "];\nconst total = all.reduce((t, m) => t + (m.sum || 0), 0);\n";
    main += "console.log('modules', all.length, 'total', total, 'cached', Object.keys(require.cache).length);\n";
    std::fs::write(dir.join("main.js"), main).unwrap();
    let disk = kode_in(dir, &["run", "main.js"]);
    if !disk.status.success() {
        return Some(format!("disk run failed: {}", describe(&disk)));
    }
    expect_both(dir, &text(&disk.stdout))
}

fn expect_both(dir: &Path, expected: &str) -> Option<String> {
    let disk = kode_in(dir, &["run", "main.js"]);
    if text(&disk.stdout) != expected || !disk.status.success() {
        return Some(format!(
            "disk: expected {expected:?}, got {}",
            describe(&disk)
        ));
    }
    let out = dir.join("app.kpk");
    if let Err(e) = pack(dir, "main.js", &out) {
        return Some(e);
    }
    let bundle = kode_in(dir, &["run", "app.kpk"]);
    (text(&bundle.stdout) != expected || !bundle.status.success())
        .then(|| format!("bundle: expected {expected:?}, got {}", describe(&bundle)))
}

/// `kode pack --exe`: the executable runs alone (sources deleted, another
/// directory), passes every argument and its exit code through, is readable by
/// `inspect`, and refuses a damaged payload without running anything.
fn executable() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().canonicalize().unwrap();
    let src = root.join("src");
    copy_dir(&crate::root().join("fixtures/cycle_three"), &src);
    std::fs::write(
        src.join("args.js"),
        "require('./main');\nconsole.log('args', JSON.stringify(Kode.args.values), require('kode:path').relative(require('kode:path').dirname(Kode.args.executable), __filename));\nKode.exit(Number(Kode.args.values[0] || 0));\n",
    )
    .unwrap();
    let expected_cycle = std::fs::read_to_string(src.join("expected.out")).unwrap();
    let app = root.join("app");
    let pack = kode_in(
        &src,
        &["pack", "args.js", "--exe", "-o", app.to_str().unwrap()],
    );
    if !pack.status.success() {
        return Some(format!("pack --exe failed: {}", describe(&pack)));
    }
    let fresh = root.join("fresh");
    std::fs::create_dir(&fresh).unwrap();
    std::fs::rename(&app, fresh.join("app")).unwrap();
    std::fs::remove_dir_all(&src).unwrap();
    let app = fresh.join("app");
    let run = Command::new(&app)
        .args(["7", "--flag", "run", "-e", "x"])
        .current_dir(&root)
        .output()
        .unwrap();
    let wanted = format!("{expected_cycle}args [\"7\",\"--flag\",\"run\",\"-e\",\"x\"] args.js\n");
    if text(&run.stdout) != wanted || run.status.code() != Some(7) || !run.stderr.is_empty() {
        return Some(format!(
            "executable: expected exit 7 and {wanted:?}, got {}",
            describe(&run)
        ));
    }
    let inspect = kode_in(&root, &["inspect", app.to_str().unwrap()]);
    if !inspect.status.success() || !text(&inspect.stdout).contains("entry:       args.js") {
        return Some(format!("inspect on an executable: {}", describe(&inspect)));
    }
    let image = std::fs::read(&app).unwrap();
    let mut flipped = image.clone();
    let payload_byte = image.len() - kode_pack::kpk::trailer::TRAILER_LEN - 10;
    flipped[payload_byte] ^= 0x20;
    let damaged: Vec<(&str, Vec<u8>)> = vec![
        ("flipped payload byte", flipped),
        ("trailer cut off", image[..image.len() - 5].to_vec()),
        ("half the bundle", image[..image.len() - 600].to_vec()),
    ];
    for (what, bytes) in damaged {
        let path = fresh.join("damaged");
        std::fs::write(&path, bytes).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        // The file was written by this process, which forks children on other
        // threads: exec can meet ETXTBSY until their copy of the fd is closed.
        let out = crate::robustness::run_retrying(Command::new(&path).arg("0"));
        let stderr = text(&out.stderr);
        if out.status.code() != Some(1)
            || !stderr.contains("EBUNDLE_CORRUPT")
            || stderr.lines().count() != 1
            || !out.stdout.is_empty()
        {
            return Some(format!(
                "{what}: expected one EBUNDLE_CORRUPT line, exit 1, no output; got {}",
                describe(&out)
            ));
        }
    }
    // The plain binary is still the CLI.
    let version = kode_in(&root, &["--version"]);
    (!version.status.success() || !text(&version.stdout).starts_with("kode "))
        .then(|| format!("kode --version: {}", describe(&version)))
}

/// `kode pack --max-heap-mb` records the limit; the bundle enforces it, and a
/// run's own flag wins over it.
fn recorded_heap_limit() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    std::fs::write(dir.join("main.js"), "const keep = [];\nfor (let i = 0; i < 400; i++) keep.push(new Array(100000).fill(1.5));\nconsole.log('done');\n").unwrap();
    let pack = kode_in(
        dir,
        &["pack", "main.js", "-o", "app.kpk", "--max-heap-mb", "64"],
    );
    if !pack.status.success() {
        return Some(format!("pack failed: {}", describe(&pack)));
    }
    let limited = kode_in(dir, &["run", "app.kpk"]);
    if limited.status.code() != Some(1) || !text(&limited.stderr).contains("EHEAP_LIMIT") {
        return Some(format!(
            "the recorded limit did not apply: {}",
            describe(&limited)
        ));
    }
    let raised = kode_in(dir, &["run", "--max-heap-mb", "1024", "app.kpk"]);
    if !raised.status.success() || text(&raised.stdout) != "done\n" {
        return Some(format!(
            "--max-heap-mb on run did not win: {}",
            describe(&raised)
        ));
    }
    let inspect = kode_in(dir, &["inspect", "app.kpk"]);
    (!text(&inspect.stdout).contains("max heap:    64 MB"))
        .then(|| format!("inspect: {}", describe(&inspect)))
}

/// SIGKILL in the middle of a large kode:fs write: the target keeps its old
/// content and nothing else is left in the directory. Each kill is proven to
/// land mid-write: the program is killed only once `/proc` shows it holding
/// the write's temporary file in the target's directory with at least the
/// given number of bytes written, and the target still holding its old content
/// afterwards shows the rename had not happened.
fn sigkill_during_write() -> Option<String> {
    const NEW_LEN: u64 = 128 << 20;
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path().canonicalize().unwrap();
    let dir = home.join("out");
    std::fs::create_dir(&dir).unwrap();
    let target = dir.join("data.bin");
    let old = vec![b'o'; 1 << 20];
    let program = "const fs = require('kode:fs');\n\
                   const data = new Uint8Array(128 << 20).fill(110);\n\
                   fs.write(Kode.args.values[0], data).then(() => console.log('written'));\n\
                   console.log('writing');\n";
    std::fs::write(home.join("main.js"), program).unwrap();
    for at_least in [1, 32 << 20, 96 << 20] {
        let mut attempt = 0;
        let seen = loop {
            attempt += 1;
            std::fs::write(&target, &old).unwrap();
            let mut child = Command::new(kode())
                .args(["run", "main.js", target.to_str().unwrap()])
                .current_dir(&home)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let kill = wait_for_line(&mut child, "writing")
                .and_then(|()| kill_mid_write(&mut child, &dir, at_least));
            match kill {
                Ok(Kill::Landed(seen)) => break seen,
                Ok(Kill::Missed(status)) if attempt < ATTEMPTS => {
                    let now = std::fs::read(&target).unwrap();
                    if !status.success() || now.len() as u64 != NEW_LEN {
                        return Some(format!(
                            "an unkilled write ended with {status} and {} bytes in the target",
                            now.len()
                        ));
                    }
                }
                Ok(Kill::Missed(status)) => {
                    return Some(format!(
                        "kill after {at_least} bytes: in {ATTEMPTS} attempts the write was never seen under way (last: {status})"
                    ))
                }
                Err(report) => return Some(format!("kill after {at_least} bytes: {report}")),
            }
        };
        let now = std::fs::read(&target).unwrap();
        if now != old {
            let what = if now.len() as u64 == NEW_LEN && now.iter().all(|&b| b == b'n') {
                "the new content: the write had finished, the kill missed it"
            } else {
                "MIXED content"
            };
            return Some(format!(
                "killed with {} of {NEW_LEN} bytes written ({seen}): the target holds {} bytes of {what}",
                seen.pos,
                now.len()
            ));
        }
        let left = names_in(&dir);
        if left != ["data.bin"] {
            return Some(format!(
                "killed with {} of {NEW_LEN} bytes written ({seen}): {left:?} left in the directory",
                seen.pos
            ));
        }
    }
    None
}

/// Tries per kill point: a loaded machine may starve the poller of
/// [`kill_mid_write`] until the write is over; such a run is not counted.
const ATTEMPTS: u32 = 5;

/// Reads `child`'s stdout until it prints the line `marker`.
fn wait_for_line(child: &mut std::process::Child, marker: &str) -> Result<(), String> {
    use std::io::BufRead;
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut lines = std::io::BufReader::new(stdout).lines();
    match lines.next() {
        Some(Ok(line)) if line == marker => {
            // Keep the pipe open (a closed one would end the program) and drained.
            std::thread::spawn(move || lines.for_each(drop));
            Ok(())
        }
        other => {
            let _ = child.kill();
            let _ = child.wait();
            Err(format!("expected the line {marker:?} first, got {other:?}"))
        }
    }
}

/// A write seen under way in another process: the file it writes to (as
/// `/proc` names it) and its file offset, the bytes written so far.
struct InFlight {
    file: String,
    pos: u64,
}

impl std::fmt::Display for InFlight {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{} at offset {}", self.file, self.pos)
    }
}

/// The unnamed file process `pid` is writing in `dir`, if it has one open:
/// `/proc` shows an `O_TMPFILE` as `dir/#INODE (deleted)`. (Once complete it
/// gets a name for the instant before its rename; the named `.NAME.kode-*`
/// files of file systems without `O_TMPFILE` stay after a SIGKILL, as
/// documented, so neither counts here.)
fn write_in_flight(pid: u32, dir: &Path) -> Option<InFlight> {
    let prefix = format!("{}/", dir.display());
    for fd in std::fs::read_dir(format!("/proc/{pid}/fd")).ok()?.flatten() {
        let Ok(link) = std::fs::read_link(fd.path()) else {
            continue;
        };
        let link = link.to_string_lossy().into_owned();
        let Some(name) = link.strip_prefix(&prefix) else {
            continue;
        };
        if !name.ends_with(" (deleted)") {
            continue;
        }
        let fdinfo = format!("/proc/{pid}/fdinfo/{}", fd.file_name().to_string_lossy());
        let pos = std::fs::read_to_string(fdinfo)
            .ok()?
            .lines()
            .find_map(|line| line.strip_prefix("pos:"))
            .and_then(|pos| pos.trim().parse().ok())?;
        return Some(InFlight { file: link, pos });
    }
    None
}

/// What became of an attempt to kill a process mid-write.
enum Kill {
    /// Killed (and reaped) while it held its unnamed file with this progress.
    Landed(InFlight),
    /// It ended by itself before its write was seen under way.
    Missed(std::process::ExitStatus),
}

/// Waits until `child` holds an unnamed file in `dir` with at least
/// `at_least` bytes written, then SIGKILLs it and reaps it. Fails if that
/// takes 60 s.
fn kill_mid_write(
    child: &mut std::process::Child,
    dir: &Path,
    at_least: u64,
) -> Result<Kill, String> {
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Ok(Kill::Missed(status));
        }
        if let Some(seen) = write_in_flight(child.id(), dir) {
            if seen.pos >= at_least {
                child.kill().unwrap();
                child.wait().unwrap();
                return Ok(Kill::Landed(seen));
            }
        }
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            return Err("no write under way after 60 s".into());
        }
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
}

/// The names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `kode pack --warm` runs the program at pack time without its I/O or output,
/// and the bundle then runs normally from its warm caches.
fn warm_pack() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    std::fs::write(dir.join("lib.js"), "exports.square = (n) => n * n;\n").unwrap();
    let main = "const fs = require('kode:fs');\nconst { square } = require('./lib');\nconsole.log('side effect', square(7));\nfs.write('written.txt', 'x').then(() => setTimeout(() => console.log('wrote, then timer'), 1));\n";
    std::fs::write(dir.join("main.js"), main).unwrap();
    let pack = kode_in(dir, &["pack", "main.js", "--warm", "-o", "app.kpk"]);
    if !pack.status.success()
        || text(&pack.stdout).contains("side effect")
        || dir.join("written.txt").exists()
    {
        return Some(format!(
            "warm pack ran host I/O or printed: {}",
            describe(&pack)
        ));
    }
    let run = Command::new(kode())
        .args(["run", "app.kpk"])
        .env("KODE_TRACE", "cache")
        .current_dir(dir)
        .output()
        .unwrap();
    let wanted_out = "side effect 49\nwrote, then timer\n";
    let wanted_err = "kode: cache hit main.js\nkode: cache hit lib.js\n";
    (text(&run.stdout) != wanted_out
        || text(&run.stderr) != wanted_err
        || !dir.join("written.txt").exists())
    .then(|| {
        format!(
            "warm bundle: expected {wanted_out:?} / {wanted_err:?}, got {}",
            describe(&run)
        )
    })
}

/// A 50 MB source file packs and runs; packs killed part-way leave neither a
/// partial bundle nor a temporary file, and an existing bundle intact. The
/// kills are proven to land mid-write: once `/proc` shows the pack holding
/// its unnamed output file in the output directory (opened, then after its
/// bytes were written), and the old bundle still in place afterwards shows
/// the rename had not happened. Part of the module is incompressible text,
/// so the bundle is big enough that writing it takes a while.
fn big_module_and_killed_packs() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().canonicalize().unwrap();
    // Mostly one long comment line: cheap to parse even in a debug build.
    // 16 MB of it random (a 13 MB bundle, some 30 ms to write and sync).
    let mut big = String::from("module.exports = 'big';\n// ");
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    big.extend((0..16 << 20).map(|_| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        char::from(b'0' + ((state >> 33) % 75) as u8)
    }));
    big.push_str(&"x".repeat(34 << 20));
    big.push('\n');
    std::fs::write(dir.join("big.js"), big).unwrap();
    std::fs::write(dir.join("main.js"), "console.log(require('./big'));\n").unwrap();
    std::fs::write(dir.join("app.kpk"), "previous bundle").unwrap();
    for at_least in [0, 1] {
        let mut attempt = 0;
        let seen = loop {
            attempt += 1;
            std::fs::write(dir.join("app.kpk"), "previous bundle").unwrap();
            let mut child = Command::new(kode())
                .args(["pack", "main.js", "-o", "app.kpk"])
                .current_dir(&dir)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            match kill_mid_write(&mut child, &dir, at_least) {
                Ok(Kill::Landed(seen)) => break seen,
                Ok(Kill::Missed(status)) if attempt < ATTEMPTS => {
                    let bundle = std::fs::read(dir.join("app.kpk")).unwrap();
                    if !status.success() || kpk::read(&bundle).is_err() {
                        return Some(format!("an unkilled pack ended with {status}"));
                    }
                }
                Ok(Kill::Missed(status)) => {
                    return Some(format!(
                        "pack killed at offset {at_least}: in {ATTEMPTS} attempts the write was never seen under way (last: {status})"
                    ))
                }
                Err(report) => return Some(format!("pack killed at offset {at_least}: {report}")),
            }
        };
        let names = names_in(&dir);
        let bundle = std::fs::read(dir.join("app.kpk")).unwrap();
        if names != ["app.kpk", "big.js", "main.js"] || bundle != b"previous bundle" {
            return Some(format!(
                "pack killed while writing ({seen}) left {names:?} (old bundle intact: {})",
                bundle == b"previous bundle"
            ));
        }
    }
    let pack = kode_in(&dir, &["pack", "main.js", "-o", "app.kpk"]);
    if !pack.status.success() {
        return Some(format!("pack of a 50 MB module: {}", describe(&pack)));
    }
    let run = kode_in(&dir, &["run", "app.kpk"]);
    (text(&run.stdout) != "big\n" || !run.status.success())
        .then(|| format!("run: {}", describe(&run)))
}

/// A program that ends while `kode:fs.write`s are in flight (`Kode.exit`, an
/// uncaught throw, at once or after one write finished) leaves every target
/// either old or complete, and no temporary file of any name.
fn exit_during_writes_leaves_nothing() -> Option<String> {
    const BIG: usize = 48 << 20;
    let temp = tempfile::tempdir().unwrap();
    let program = temp.path().join("main.js");
    std::fs::write(
        &program,
        "const fs = require('kode:fs');\n\
         const [dir, ending] = Kode.args.values;\n\
         const big = new Uint8Array(48 << 20).fill(110);\n\
         for (let i = 0; i < 6; i++) fs.write(`${dir}/big${i}.bin`, big);\n\
         const end = () => { if (ending.endsWith('throw')) throw new Error('boom'); Kode.exit(3); };\n\
         if (ending.startsWith('now')) end();\n\
         else fs.write(`${dir}/small.txt`, 'x').then(end);\n",
    )
    .unwrap();
    let old = vec![b'o'; 1 << 20];
    for ending in ["now-exit", "now-throw", "after-exit", "after-throw"] {
        let dir = temp.path().join(ending);
        std::fs::create_dir(&dir).unwrap();
        for i in 0..6 {
            std::fs::write(dir.join(format!("big{i}.bin")), &old).unwrap();
        }
        let output = kode_in(
            temp.path(),
            &["run", "main.js", dir.to_str().unwrap(), ending],
        );
        let wanted_code = if ending.ends_with("throw") { 1 } else { 3 };
        if output.status.code() != Some(wanted_code) {
            return Some(format!("{ending}: {}", describe(&output)));
        }
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            let bytes = std::fs::read(entry.path()).unwrap();
            let complete = bytes.len() == BIG && bytes.iter().all(|&b| b == b'n');
            let ok = match name.as_str() {
                "small.txt" => bytes == b"x",
                _ if name.starts_with("big") && name.ends_with(".bin") => bytes == old || complete,
                _ => false,
            };
            if !ok {
                return Some(format!(
                    "{ending}: left {name:?} ({} bytes) in the directory",
                    bytes.len()
                ));
            }
        }
    }
    None
}

/// `/dev/zero` says its size is 0 and never ends: a bytes read stops at the
/// documented bound (2 GiB - 1) with `EFBIG` instead of growing until the
/// machine runs out of memory.
fn read_dev_zero_as_bytes() -> Option<String> {
    let output = Command::new(kode())
        .args([
            "-e",
            "require('kode:fs').read('/dev/zero', { as: 'bytes' }).then(\n\
               (r) => console.log('resolved', r.bytes.length),\n\
               (e) => console.log(e.code, e.operation, e.path, e.message));",
        ])
        .output()
        .expect("run kode");
    let wanted = "EFBIG kode:fs.read /dev/zero EFBIG: file too large, more than the 2147483647 bytes a read returns, kode:fs.read '/dev/zero'\n";
    (text(&output.stdout) != wanted || !output.status.success())
        .then(|| format!("wanted {wanted:?}, got {}", describe(&output)))
}

// --- kode:subprocess and Kode.interrupt ------------------------------------------

/// How long one step of the process scenarios may take before it counts as hung.
const STEP_LIMIT: std::time::Duration = std::time::Duration::from_secs(30);

/// A `kode` process whose stdout lines arrive one by one (stderr is kept for
/// the report).
struct Watched {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
    stderr: std::thread::JoinHandle<String>,
}

impl Watched {
    fn start(command: &mut Command) -> Watched {
        use std::io::{BufRead, Read};
        use std::process::Stdio;
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run kode");
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if send.send(line).is_err() {
                    return;
                }
            }
        });
        let mut pipe = child.stderr.take().unwrap();
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        });
        Watched {
            child,
            lines,
            stderr,
        }
    }

    /// The next line of stdout; it must start with `prefix`.
    fn line(&mut self, prefix: &str) -> Result<String, String> {
        match self.lines.recv_timeout(STEP_LIMIT) {
            Ok(line) if line.starts_with(prefix) => Ok(line),
            other => Err(self.abandon(&format!("expected a line {prefix:?}, got {other:?}"))),
        }
    }

    fn signal(&self, signo: libc::c_int) {
        // SAFETY: kill has no memory effects; the pid is our unreaped child.
        unsafe { libc::kill(self.child.id() as libc::pid_t, signo) };
    }

    /// Waits for the end (killing it after [`STEP_LIMIT`]): its status and
    /// the rest of stdout.
    fn finish(mut self) -> Result<(std::process::ExitStatus, Vec<String>), String> {
        let started = std::time::Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let rest = self.lines.iter().collect();
                return Ok((status, rest));
            }
            if started.elapsed() > STEP_LIMIT {
                return Err(self.abandon("still running"));
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    fn abandon(&mut self, what: &str) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let stderr = std::mem::replace(&mut self.stderr, std::thread::spawn(String::new));
        format!("{what}; stderr:\n{}", stderr.join().unwrap_or_default())
    }
}

/// Process `pid`'s state letter from `/proc` (`Z` for a zombie), `None` once it is gone.
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) S ...": the state follows the last ')'.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// Waits (at most [`STEP_LIMIT`]) for `pid` to be gone or a zombie (dead,
/// waiting for whoever adopted it to reap it).
fn dies(pid: u32) -> bool {
    let started = std::time::Instant::now();
    while started.elapsed() < STEP_LIMIT {
        match process_state(pid) {
            None | Some('Z') => return true,
            Some(_) => std::thread::sleep(std::time::Duration::from_millis(10)),
        }
    }
    false
}

fn pid_in(line: &str) -> Result<u32, String> {
    line.rsplit(' ')
        .next()
        .and_then(|pid| pid.parse().ok())
        .ok_or_else(|| format!("no pid in {line:?}"))
}

/// No child outlives Kode: a child still running when the run ends (by
/// `Kode.exit`, by an uncaught error, or by its end with a detached child
/// left) is killed and reaped by Kode itself, so its pid is gone at once,
/// not even a zombie. A detached child is left running.
fn subprocess_no_child_outlives_kode() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let program = "import { spawn } from 'kode:subprocess';\n\
                   const quiet = { stdout: 'null', stderr: 'null' };\n\
                   const child = spawn('sleep', ['1000'], quiet);\n\
                   const detached = spawn('sleep', ['1001'], { ...quiet, detached: true });\n\
                   console.log(child.pid, detached.pid);\n\
                   if (Kode.args.values[0] === 'exit') Kode.exit(4);\n\
                   throw new Error('boom');\n";
    std::fs::write(dir.join("main.mjs"), program).unwrap();
    for (how, code) in [("exit", 4), ("throw", 1)] {
        let output = kode_in(dir, &["run", "main.mjs", how]);
        let line = text(&output.stdout);
        let pids: Vec<u32> = line
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect();
        let [child, detached] = pids[..] else {
            return Some(format!("{how}: no pids: {}", describe(&output)));
        };
        let detached_state = process_state(detached);
        // SAFETY: kill has no memory effects; the detached sleep is ours to end.
        unsafe { libc::kill(detached as libc::pid_t, libc::SIGKILL) };
        if output.status.code() != Some(code) {
            return Some(format!(
                "{how}: expected exit {code}: {}",
                describe(&output)
            ));
        }
        if let Some(state) = process_state(child) {
            return Some(format!(
                "{how}: the child {child} outlived Kode (state {state})"
            ));
        }
        if !matches!(detached_state, Some('S' | 'R')) {
            return Some(format!(
                "{how}: the detached child {detached} did not outlive Kode ({detached_state:?})"
            ));
        }
    }
    None
}

/// The program of the interrupt scenarios: a child that ends with
/// `Kode.interrupt` (its signal), one that does not (it keeps the run alive),
/// and what the abort reports. With the argument `graceful`, the abort also
/// ends the second child, and the run ends by itself.
const INTERRUPTED: &str = "import { spawn } from 'kode:subprocess';\n\
    const quiet = { stdout: 'null', stderr: 'null' };\n\
    const owned = spawn('sleep', ['1000'], { ...quiet, signal: Kode.interrupt });\n\
    const stray = spawn('sleep', ['1001'], quiet);\n\
    Kode.interrupt.addEventListener('abort', async () => {\n\
      const { code, signal, operation } = Kode.interrupt.reason;\n\
      console.log(`aborted ${code} ${signal} ${operation}`);\n\
      console.log(`owned child ${JSON.stringify(await owned.status)}`);\n\
      if (Kode.args.values[0] === 'graceful') stray.kill();\n\
    });\n\
    console.log(`listening ${stray.pid}`);\n";

/// One run of [`INTERRUPTED`] by `command`: `first` aborts `Kode.interrupt`
/// (the child that follows it gets SIGTERM), then either the run ends by
/// itself (`second` `None`: exit 0) or `second` ends it at once with
/// 128 + its number, and the kernel takes the child left running with it.
fn interrupted(
    command: &mut Command,
    first: libc::c_int,
    second: Option<libc::c_int>,
) -> Result<(), String> {
    let mut run = Watched::start(command);
    let stray = pid_in(&run.line("listening ")?)?;
    run.signal(first);
    let name = if first == libc::SIGINT {
        "SIGINT"
    } else {
        "SIGTERM"
    };
    let aborted = run.line("aborted ")?;
    if aborted != format!("aborted EINTERRUPTED {name} Kode.interrupt") {
        return Err(format!("abort reported as {aborted:?}"));
    }
    let owned = run.line("owned child ")?;
    if owned != r#"owned child {"code":null,"signal":"SIGTERM"}"# {
        return Err(format!("the child that follows Kode.interrupt: {owned:?}"));
    }
    if let Some(second) = second {
        run.signal(second);
    }
    let (status, rest) = run.finish()?;
    let wanted = second.map_or(0, |signo| 128 + signo);
    if status.code() != Some(wanted) || !rest.is_empty() {
        return Err(format!(
            "expected exit {wanted} and no more output, got {status} and {rest:?}"
        ));
    }
    if !dies(stray) {
        return Err(format!("the child {stray} outlived Kode"));
    }
    Ok(())
}

/// `Kode.interrupt` from the release binary and from a packed executable:
/// the first SIGINT (or SIGTERM) aborts it with an `EINTERRUPTED` reason, a
/// second one ends the process at once with 130 (143), and a child still
/// running dies with Kode; a program that handles the abort ends normally.
/// A program that never touches `Kode.interrupt` is killed by SIGINT as
/// before. Each step waits for the line the program prints first.
fn interrupt() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    std::fs::write(dir.join("main.mjs"), INTERRUPTED).unwrap();
    let run = |args: &[&str]| {
        let mut command = Command::new(kode());
        command
            .arg("run")
            .arg("main.mjs")
            .args(args)
            .current_dir(dir);
        command
    };
    let cases: [(&str, Command, libc::c_int, Option<libc::c_int>); 4] = [
        ("SIGINT twice", run(&[]), libc::SIGINT, Some(libc::SIGINT)),
        (
            "SIGTERM twice",
            run(&[]),
            libc::SIGTERM,
            Some(libc::SIGTERM),
        ),
        (
            "SIGTERM then SIGINT",
            run(&[]),
            libc::SIGTERM,
            Some(libc::SIGINT),
        ),
        ("graceful", run(&["graceful"]), libc::SIGINT, None),
    ];
    for (what, mut command, first, second) in cases {
        if let Err(report) = interrupted(&mut command, first, second) {
            return Some(format!("{what}: {report}"));
        }
    }
    // The same from a self-contained executable.
    let app = dir.join("app");
    let pack = kode_in(
        dir,
        &["pack", "main.mjs", "--exe", "-o", app.to_str().unwrap()],
    );
    if !pack.status.success() {
        return Some(format!("pack --exe: {}", describe(&pack)));
    }
    for (what, args, second) in [
        ("executable", &[][..], Some(libc::SIGINT)),
        ("executable, graceful", &["graceful"][..], None),
    ] {
        let mut command = Command::new(&app);
        command.args(args).current_dir(dir);
        if let Err(report) = interrupted(&mut command, libc::SIGINT, second) {
            return Some(format!("{what}: {report}"));
        }
    }
    // Never touched: the default action.
    std::fs::write(
        dir.join("plain.mjs"),
        "console.log('ready');\nawait Kode.sleep(1e9);\n",
    )
    .unwrap();
    let mut plain = Watched::start(
        Command::new(kode())
            .args(["run", "plain.mjs"])
            .current_dir(dir),
    );
    if let Err(report) = plain.line("ready") {
        return Some(format!("untouched: {report}"));
    }
    plain.signal(libc::SIGINT);
    use std::os::unix::process::ExitStatusExt;
    match plain.finish() {
        Ok((status, _)) if status.signal() == Some(libc::SIGINT) => None,
        Ok((status, _)) => Some(format!("untouched: expected death by SIGINT, got {status}")),
        Err(report) => Some(format!("untouched: {report}")),
    }
}
