//! The Node layer (SPEC §5): `node:*` modules for packages written for Node,
//! all in JavaScript over Kode's own builtins and ops. Every module is lazy:
//! a program that names none of them loads none of them.
//!
//! The application's own files reach these only as `node:NAME`; files under
//! `node_modules` also by the bare name, and get `process`, `Buffer`,
//! `global`, `setImmediate` and `clearImmediate` as free variables (see
//! `kode_pack::node_globals`).

mod async_context;
mod child_process;
mod crypto;
mod errno;
mod fs;
mod os;
mod process;
mod types;
mod zlib;

use super::extension::{ops, Extension, Script};
use async_context::{op_async_context_get, op_async_context_set};
use child_process::op_node_spawn_sync;
use crypto::{
    op_node_crypto_cipher_final, op_node_crypto_cipher_new, op_node_crypto_cipher_set,
    op_node_crypto_cipher_tag, op_node_crypto_cipher_update, op_node_crypto_free,
    op_node_crypto_hash_copy, op_node_crypto_hash_digest, op_node_crypto_hash_new,
    op_node_crypto_hash_update, op_node_crypto_hkdf, op_node_crypto_pbkdf2,
};
use fs::{
    op_node_fs_access, op_node_fs_chmod, op_node_fs_chown, op_node_fs_close, op_node_fs_fstat,
    op_node_fs_fsync, op_node_fs_link, op_node_fs_mkdir, op_node_fs_mkdtemp, op_node_fs_open,
    op_node_fs_path, op_node_fs_read, op_node_fs_readdir, op_node_fs_remove, op_node_fs_stat,
    op_node_fs_truncate, op_node_fs_utimes, op_node_fs_write,
};
use os::{
    op_node_os_constants, op_node_os_cpus, op_node_os_info, op_node_os_interfaces,
    op_node_os_priority, op_node_os_stats, op_node_tty_info,
};
use process::{
    op_node_chdir, op_node_cpu_usage, op_node_getgroups, op_node_hooks, op_node_hrtime,
    op_node_kill, op_node_memory, op_node_process_info, op_node_signal, op_node_tick,
    op_node_umask,
};
use types::op_node_value_kinds;
use zlib::{op_node_zlib_free, op_node_zlib_new, op_node_zlib_write};

/// One `node:NAME` module from `runtime/js/node/FILE` (FILE is NAME with
/// `/` as `_`: `node:fs/promises` is `fs_promises.js`).
macro_rules! node_module {
    ($specifier:literal, $file:literal) => {
        Script {
            specifier: $specifier,
            source: include_str!(concat!("../../../js/node/", $file)),
        }
    };
}

pub const EXTENSION: Extension = Extension {
    name: "node",
    bootstrap: &[],
    modules: &[
        // Shared helpers: ENODE_UNSUPPORTED members, Node's error shapes.
        node_module!("kode:internal/node/support", "support.js"),
        // `global` for ES modules under node_modules (crate::compile::NODE_GLOBAL_MODULE).
        node_module!("kode:internal/node/global", "global.js"),
        node_module!("node:assert", "assert.js"),
        node_module!("node:assert/strict", "assert_strict.js"),
        node_module!("node:async_hooks", "async_hooks.js"),
        node_module!("node:buffer", "buffer.js"),
        node_module!("node:child_process", "child_process.js"),
        node_module!("node:crypto", "crypto.js"),
        node_module!("node:events", "events.js"),
        node_module!("node:fs", "fs.js"),
        node_module!("node:fs/promises", "fs_promises.js"),
        node_module!("node:http", "http.js"),
        node_module!("node:https", "https.js"),
        node_module!("node:module", "module.js"),
        node_module!("node:net", "net.js"),
        node_module!("node:os", "os.js"),
        node_module!("node:path", "path.js"),
        node_module!("node:path/posix", "path_posix.js"),
        node_module!("node:perf_hooks", "perf_hooks.js"),
        node_module!("node:process", "process.js"),
        node_module!("node:querystring", "querystring.js"),
        node_module!("node:readline", "readline.js"),
        node_module!("node:readline/promises", "readline_promises.js"),
        node_module!("node:stream", "stream.js"),
        node_module!("node:stream/promises", "stream_promises.js"),
        node_module!("node:stream/web", "stream_web.js"),
        node_module!("node:string_decoder", "string_decoder.js"),
        node_module!("node:timers", "timers.js"),
        node_module!("node:timers/promises", "timers_promises.js"),
        node_module!("node:tty", "tty.js"),
        node_module!("node:url", "url.js"),
        node_module!("node:util", "util.js"),
        node_module!("node:util/types", "util_types.js"),
        node_module!("node:worker_threads", "worker_threads.js"),
        node_module!("node:zlib", "zlib.js"),
        // Beyond SPEC §5's list: modules packages name (diagnostics_channel,
        // console, sys work; the rest load and throw ENODE_UNSUPPORTED when used).
        node_module!("node:console", "console.js"),
        node_module!("node:constants", "constants.js"),
        node_module!("node:path/win32", "path_win32.js"),
        node_module!("node:cluster", "cluster.js"),
        node_module!("node:dgram", "dgram.js"),
        node_module!("node:diagnostics_channel", "diagnostics_channel.js"),
        node_module!("node:dns", "dns.js"),
        node_module!("node:dns/promises", "dns_promises.js"),
        node_module!("node:domain", "domain.js"),
        node_module!("node:http2", "http2.js"),
        node_module!("node:inspector", "inspector.js"),
        node_module!("node:repl", "repl.js"),
        node_module!("node:sys", "sys.js"),
        node_module!("node:tls", "tls.js"),
        node_module!("node:trace_events", "trace_events.js"),
        node_module!("node:v8", "v8.js"),
        node_module!("node:vm", "vm.js"),
        node_module!("node:wasi", "wasi.js"),
    ],
    ops: ops![
        op_node_process_info,
        op_node_hooks,
        op_node_tick,
        op_node_chdir,
        op_node_hrtime,
        op_node_memory,
        op_node_cpu_usage,
        op_node_kill,
        op_node_umask,
        op_node_signal,
        op_node_getgroups,
        op_async_context_get,
        op_async_context_set,
        op_node_os_info,
        op_node_os_stats,
        op_node_os_cpus,
        op_node_os_constants,
        op_node_os_priority,
        op_node_os_interfaces,
        op_node_tty_info,
        op_node_value_kinds,
        op_node_zlib_new,
        op_node_zlib_write,
        op_node_zlib_free,
        op_node_crypto_hash_new,
        op_node_crypto_hash_update,
        op_node_crypto_hash_digest,
        op_node_crypto_hash_copy,
        op_node_crypto_pbkdf2,
        op_node_crypto_hkdf,
        op_node_crypto_cipher_new,
        op_node_crypto_cipher_update,
        op_node_crypto_cipher_final,
        op_node_crypto_cipher_set,
        op_node_crypto_cipher_tag,
        op_node_crypto_free,
        op_node_fs_open,
        op_node_fs_close,
        op_node_fs_read,
        op_node_fs_write,
        op_node_fs_stat,
        op_node_fs_fstat,
        op_node_fs_readdir,
        op_node_fs_mkdir,
        op_node_fs_remove,
        op_node_fs_link,
        op_node_fs_path,
        op_node_fs_access,
        op_node_fs_chmod,
        op_node_fs_chown,
        op_node_fs_utimes,
        op_node_fs_truncate,
        op_node_fs_fsync,
        op_node_fs_mkdtemp,
        op_node_spawn_sync,
    ],
    state: None,
};

/// Debug builds only: `KODE_DEV_NODE_JS=DIR` serves the Node layer's
/// modules from `DIR/FILE` instead of the embedded copies, so their
/// JavaScript can be changed and run without a rebuild.
#[cfg(debug_assertions)]
pub fn dev_source(specifier: &str) -> Option<&'static str> {
    let dir = std::env::var_os("KODE_DEV_NODE_JS")?;
    let name = specifier
        .strip_prefix("node:")
        .or_else(|| specifier.strip_prefix("kode:internal/node/"))?;
    let file = std::path::Path::new(&dir).join(format!("{}.js", name.replace('/', "_")));
    let source = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("KODE_DEV_NODE_JS: {}: {e}", file.display()));
    Some(Box::leak(source.into_boxed_str()))
}
