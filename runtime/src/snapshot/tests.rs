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
/// process (as other tests' do): a test that makes one runs itself again in
/// a child process, alone, and passes there. True in the child.
fn in_child(test: &str) -> bool {
    const CHILD: &str = "KODE_SNAPSHOT_TEST_CHILD";
    if std::env::var_os(CHILD).is_some() {
        return true;
    }
    let name = format!("snapshot::tests::{test}");
    let output = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", &name, "--test-threads=1"])
        .env(CHILD, "1")
        .output()
        .expect("run the test binary");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    false
}

#[test]
fn a_context_from_the_snapshot_is_bootstrapped_like_one_that_ran_the_scripts() {
    if !in_child("a_context_from_the_snapshot_is_bootstrapped_like_one_that_ran_the_scripts") {
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

#[test]
fn every_builtin_cache_is_accepted_under_its_snapshot() {
    if !in_child("every_builtin_cache_is_accepted_under_its_snapshot") {
        return;
    }
    let blob = crate::isolate::make_bootstrap_snapshot().expect("the bootstrap snapshot");
    let table = crate::isolate::make_builtin_caches(blob.clone()).expect("the caches");
    let caches = decode_caches(&table).expect("a well-formed table");
    let scripts: Vec<_> = crate::ext::module_scripts().collect();
    assert_eq!(caches.len(), scripts.len());
    let mut isolate = v8::Isolate::new(crate::references::create_params_from(blob));
    v8::scope!(let scope, &mut isolate);
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);
    for ((name, cache), script) in caches.iter().zip(scripts) {
        assert_eq!(*name, script.specifier);
        assert_eq!(
            cache.as_ptr() as usize % 8,
            table.as_ptr() as usize % 8,
            "{name} is not aligned"
        );
        let origin = crate::ext::builtin_origin(name);
        let (_, used) =
            crate::compile::compile_internal(scope, &origin, script.source, Some(cache))
                .expect("compiles");
        assert_eq!(used, crate::compile::CacheUse::Accepted, "{name}");
    }
}

#[test]
fn the_cache_table_round_trips_and_refuses_damage() {
    let entries = [
        ("node:fs", vec![1u8, 2, 3]),
        ("kode:internal/x", vec![]),
        ("n", vec![9; 20]),
    ];
    let table = encode_caches(&entries);
    assert_eq!(table.len() % 8, 4, "the last cache ends unpadded");
    let decoded = decode_caches(&table).expect("decodes");
    let expected: Vec<(&str, &[u8])> = entries.iter().map(|(n, c)| (*n, &c[..])).collect();
    assert_eq!(decoded, expected);
    assert_eq!(decode_caches(&[]), Some(Vec::new()));
    for cut in 1..table.len() {
        // A cut that ends exactly after an entry is a shorter, valid table.
        if let Some(shorter) = decode_caches(&table[..cut]) {
            assert!(shorter.len() < entries.len(), "cut at {cut}");
        }
    }
    let mut bad_name = table.clone();
    bad_name[4] = 0xff;
    assert_eq!(decode_caches(&bad_name), None);
}
