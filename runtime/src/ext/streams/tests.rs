//! The `internals` of `kode:internal/streams` that other Kode modules use
//! (documented at the top of `runtime/js/streams.js`). No program can reach
//! them, so these tests bootstrap an isolate and call them directly; they
//! need microtasks only (no I/O, no timers).

use crate::modules::DiskModules;
use crate::options::{Main, RunOptions};
use crate::state::State;

/// Runs `body` as an async function of `s` (the internals) and returns what
/// it resolves to, as a string, or `rejected: <error>`.
fn run(body: &str) -> String {
    crate::platform::init_v8();
    let options = RunOptions {
        main: Main::Eval(String::new()),
        args: Vec::new(),
        executable: "kode".into(),
        script: "[test]".into(),
        limits: Default::default(),
    };
    let modules = Box::new(DiskModules::new(crate::ext::builtin_names()));
    let (mut isolate, _state) =
        crate::isolate::new_isolate(State::new(modules, Default::default()));
    v8::scope!(let scope, &mut isolate);
    let context = v8::Context::new(scope, Default::default());
    let scope = &mut v8::ContextScope::new(scope, context);
    crate::isolate::bootstrap(scope, &options).expect("bootstrap");
    let internal = crate::esm::internal_object(scope);
    // run_internal takes Kode's own (static) sources; a test's lives as long.
    let source: &'static str = Box::leak(
        format!(
            "(async function (internal) {{ const s = internal.loadInternal('kode:internal/streams').internals; {body} }})"
        )
        .into_boxed_str(),
    );
    let function = crate::compile::run_internal(scope, "kode:internal/streams-test.js", source)
        .and_then(|value| v8::Local::<v8::Function>::try_from(value).ok())
        .expect("the test compiles");
    let undefined = v8::undefined(scope).into();
    let result = function
        .call(scope, undefined, &[internal.into()])
        .expect("an async function returns");
    scope.perform_microtask_checkpoint();
    let promise = v8::Local::<v8::Promise>::try_from(result).unwrap();
    let value = promise.result(scope).to_rust_string_lossy(scope);
    match promise.state() {
        v8::PromiseState::Fulfilled => value,
        v8::PromiseState::Rejected => format!("rejected: {value}"),
        v8::PromiseState::Pending => "pending".to_string(),
    }
}

#[test]
fn readable_from_bytes_yields_chunks_of_at_most_64_kib() {
    let out = run(r#"
        const bytes = new Uint8Array(150000).map((_, i) => i % 251);
        const stream = s.readableFromBytes(bytes);
        const sizes = [];
        let same = true, at = 0;
        for await (const chunk of stream) {
            sizes.push(chunk.length);
            same &&= chunk.every((b, i) => b === bytes[at + i]);
            at += chunk.length;
        }
        return `${sizes} ${same} ${bytes.length}`;
    "#);
    assert_eq!(out, "65536,65536,18928 true 150000");
}

#[test]
fn readable_from_bytes_is_a_byte_stream() {
    let out = run(r#"
        const stream = s.readableFromBytes(new Uint8Array([1, 2, 3, 4, 5]));
        const reader = stream.getReader({ mode: "byob" });
        const a = await reader.read(new Uint8Array(2));
        const b = await reader.read(new Uint8Array(8));
        const c = await reader.read(new Uint8Array(8));
        const empty = await s.readAllBytes(s.readableFromBytes(new Uint8Array(0)));
        return `${[...a.value]}|${[...b.value]}|${c.done},${c.value.length}|${empty.length}`;
    "#);
    assert_eq!(out, "1,2|3,4,5|true,0|0");
}

#[test]
fn read_all_bytes_concatenates_and_checks_chunks() {
    let out = run(r#"
        const parts = [new Uint8Array([1, 2]), new Uint8Array(0), new Uint8Array([3])];
        const all = await s.readAllBytes(ReadableStream.from(parts));
        const bad = await s.readAllBytes(ReadableStream.from(["text"])).catch((e) => e.constructor.name);
        const locked = new ReadableStream();
        locked.getReader();
        const lockedResult = await s.readAllBytes(locked).catch((e) => e.constructor.name);
        const failing = new ReadableStream({ start(c) { c.error(new RangeError("boom")); } });
        const failed = await s.readAllBytes(failing).catch((e) => e.message);
        return `${all.constructor.name} ${[...all]} ${bad} ${lockedResult} ${failed}`;
    "#);
    assert_eq!(out, "Uint8Array 1,2,3 TypeError TypeError boom");
}

#[test]
fn predicates() {
    let out = run(r#"
        const stream = new ReadableStream({ start(c) { c.enqueue(1); } });
        const before = [s.isReadableStream(stream), s.isReadableStream({}), s.isDisturbed(stream), s.isErrored(stream)];
        await stream.getReader().read();
        const errored = new ReadableStream({ start(c) { c.error(1); } });
        return `${before} ${s.isDisturbed(stream)} ${s.isErrored(errored)}`;
    "#);
    assert_eq!(out, "true,false,false,false true true");
}

#[test]
fn create_readable_pulls_chunks_until_null() {
    let out = run(r#"
        let n = 0;
        let cancelled;
        const stream = s.createReadable(() => (n < 3 ? `c${++n}` : null), (reason) => { cancelled = reason; });
        const chunks = [];
        for await (const chunk of stream) chunks.push(chunk);
        let m = 0;
        const endless = s.createReadable(async () => ++m, (reason) => { cancelled = reason; });
        const reader = endless.getReader();
        await reader.read();
        await reader.cancel("enough");
        const failing = s.createReadable(() => { throw new TypeError("pull failed"); });
        const error = await failing.getReader().read().catch((e) => e.message);
        return `${chunks} ${cancelled} ${error} ${m >= 1}`;
    "#);
    assert_eq!(out, "c1,c2,c3 enough pull failed true");
}

#[test]
fn create_readable_bytes_transfers_chunks() {
    let out = run(r#"
        const made = [new Uint8Array([1, 2, 3]), new Uint8Array([4])];
        let i = 0;
        const stream = s.createReadable(() => made[i++] ?? null, undefined, { type: "bytes" });
        const reader = stream.getReader({ mode: "byob" });
        const first = await reader.read(new Uint8Array(2));
        const second = await reader.read(new Uint8Array(4));
        const third = await reader.read(new Uint8Array(4));
        const end = await reader.read(new Uint8Array(4));
        const wrong = await s.createReadable(() => "text", undefined, { type: "bytes" }).getReader().read().catch((e) => e.constructor.name);
        return `${[...first.value]}|${[...second.value]}|${[...third.value]}|${end.done}|${made[0].byteLength}|${wrong}`;
    "#);
    assert_eq!(out, "1,2|3|4|true|0|TypeError");
}

#[test]
fn create_writable_calls_write_close_and_abort() {
    let out = run(r#"
        const log = [];
        const ws = s.createWritable((chunk) => { log.push(`w:${chunk}`); }, () => { log.push("close"); }, (r) => { log.push(`abort:${r}`); });
        const writer = ws.getWriter();
        await writer.write("a");
        await writer.write("b");
        await writer.close();
        const other = s.createWritable(async () => {}, undefined, (r) => { log.push(`abort:${r}`); }, { highWaterMark: 4 });
        const w2 = other.getWriter();
        const desired = w2.desiredSize;
        await w2.abort("stop");
        return `${log} ${desired} ${ws instanceof WritableStream}`;
    "#);
    assert_eq!(out, "w:a,w:b,close,abort:stop 4 true");
}
