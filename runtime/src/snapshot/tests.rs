//! The bootstrap snapshot in a unit test process: made here (as build.rs
//! makes it) and loaded into an isolate directly, without [`use_bootstrap`],
//! so other tests keep bootstrapping from the scripts.
//! ([`use_bootstrap`] is not called either: it would affect them all.)

use super::*;
use crate::limits::Limits;
use crate::modules::DiskModules;
use crate::options::{Main, RunOptions};
use crate::state::State;

fn options() -> RunOptions {
    RunOptions {
        main: Main::Eval(String::new()),
        args: vec!["first".into(), "second".into()],
        executable: "kode".into(),
        script: "[test]".into(),
        limits: Default::default(),
    }
}

/// Evaluates `expression` (Kode's internal object is `internal`) in a
/// context bootstrapped by `isolate::bootstrap`, from `blob` if given.
fn evaluate(blob: Option<Vec<u8>>, expression: &str) -> (bool, String) {
    crate::platform::init_v8();
    let mut params = v8::CreateParams::default().external_references(crate::references::table());
    if let Some(blob) = blob {
        params = params.snapshot_blob(blob.into());
    }
    let mut isolate = v8::Isolate::new(params);
    let modules = Box::new(DiskModules::new(crate::ext::builtin_names()));
    let _state = crate::isolate::prepare(&mut isolate, State::new(modules, Limits::default()));
    v8::scope!(let scope, &mut isolate);
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);
    let from_snapshot = bootstrapped_objects(scope).is_some();
    // That took the objects out of this context; a second one from the same
    // snapshot has its own.
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);
    crate::isolate::bootstrap(scope, &options()).expect("bootstrap");
    let internal = crate::esm::internal_object(scope);
    let source: &'static str = Box::leak(
        format!("(function (internal) {{ return String({expression}); }})").into_boxed_str(),
    );
    let function = crate::compile::run_internal(scope, "kode:internal/snapshot-test.js", source)
        .and_then(|value| v8::Local::<v8::Function>::try_from(value).ok())
        .expect("the test compiles");
    let undefined = v8::undefined(scope).into();
    let value = function
        .call(scope, undefined, &[internal.into()])
        .expect("the expression evaluates")
        .to_rust_string_lossy(scope);
    (from_snapshot, value)
}

const FACTS: &str = r#"[
    internal.Kode.args.values.join("+"),
    internal.Kode.env.get("HOME") === undefined ? "no HOME" : "HOME",
    internal.info.main[0],
    new TextDecoder().decode(new TextEncoder().encode("k\u00f6de")),
    new URL("../b?x=1", "http://h/a/c").href,
    typeof structuredClone, typeof fetch, typeof Response,
    internal.cwd() === internal.info.cwd,
    (() => { try { internal.Kode.exit("x"); } catch (e) { return e.code + " " + e.name; } })(),
].join(" | ")"#;

/// V8 crashes when a snapshot is made while other isolates run in the
/// process (as other tests' do): this test runs itself in a child process.
#[test]
fn a_context_from_the_snapshot_is_bootstrapped_like_one_that_ran_the_scripts() {
    const CHILD: &str = "KODE_SNAPSHOT_TEST_CHILD";
    if std::env::var_os(CHILD).is_none() {
        let name = "snapshot::tests::a_context_from_the_snapshot_is_bootstrapped_like_one_that_ran_the_scripts";
        let output = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args(["--exact", name, "--test-threads=1"])
            .env(CHILD, "1")
            .output()
            .expect("run the test binary");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success() && stdout.contains("1 passed"),
            "{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        return;
    }
    let blob = crate::isolate::make_bootstrap_snapshot().expect("the bootstrap snapshot");
    let (from_snapshot, snapshotted) = evaluate(Some(blob), FACTS);
    assert!(
        from_snapshot,
        "the first context carries the bootstrap's objects"
    );
    let (from_scripts, scripted) = evaluate(None, FACTS);
    assert!(!from_scripts);
    assert_eq!(snapshotted, scripted);
    assert!(
        snapshotted.starts_with("first+second | ")
            && snapshotted.contains("EINVALID_ARG TypeError"),
        "{snapshotted}"
    );
}
