//! The one table of error codes (SPEC §7). Every `code` Kode puts on an error,
//! prints in a diagnostic or a CLI message is a constant here; the runtime
//! re-exports this module as `kode_runtime::error::codes`. A test in the runtime
//! (`error.rs`) checks that the JavaScript sources and `kode.d.ts` use exactly
//! these codes and that no Rust file spells one as a bare literal.

/// One entry of [`ALL`]: the code and what it means, in one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    pub code: &'static str,
    pub meaning: &'static str,
}

/// Declares each code as a constant equal to its name, and lists them in `ALL`.
macro_rules! table {
    ($($name:ident => $meaning:literal,)*) => {
        $(
            #[doc = $meaning]
            pub const $name: &str = stringify!($name);
        )*
        /// Every code, with its meaning, in table order.
        pub const ALL: &[Code] = &[$(Code { code: $name, meaning: $meaning }),*];
    };
}

table! {
    // Kode's own codes.
    ECANCELED => "The operation was canceled: its AbortSignal aborted or its scope ended.",
    ETIMEDOUT => "A deadline passed: the abort reason of a `Kode.timeout` signal, or a connection that timed out (errno ETIMEDOUT).",
    ETIMEOUT => "The program used more CPU time than `--max-cpu-ms` allows (ends the run).",
    EHEAP_LIMIT => "The JavaScript heap and buffers outgrew `--max-heap-mb` (ends the run).",
    EMODULE_NOT_FOUND => "A `require` specifier did not resolve (with `path` when a package.json is at fault).",
    EIMPORT_ATTRIBUTE => "An import's attributes do not fit the module: a JSON module without `with { type: \"json\" }`, `type: \"json\"` on a module that is not JSON, or an unsupported attribute.",
    EREQUIRE_ASYNC_MODULE => "`require()` of an ES module graph that uses top-level `await` (use `import()`).",
    EREQUIRE_CYCLE_MODULE => "`require()` of an ES module that is still being evaluated (a cycle through CommonJS).",
    EINVALID_ARG => "An argument has the wrong type or value.",
    EINVALID_URL => "A string is not a valid URL (`new URL`, the `href` setter), or not one against its base.",
    EINVALID_URL_PATTERN => "A `URLPattern` pattern (or its base URL) is not valid, or a match input is an init together with a base URL.",
    EINVALID_ENCODING => "Bytes are not valid in the expected encoding (UTF-8, base64, hex).",
    ECORRUPT_DATA => "A `DecompressionStream` input is not valid gzip/deflate data: corrupt, ending early, or followed by more bytes.",
    ETSCONFIG => "A `tsconfig.json` a TypeScript or JSX module uses cannot be read or parsed, or asks for output Kode cannot run (`\"jsx\": \"preserve\"`).",
    EINVALID_JSON => "A JSON module or file is not valid JSON.",
    EUNSUPPORTED_ALGORITHM => "A `kode:crypto` algorithm name Kode does not implement.",
    EUNSUPPORTED => "A standard API member Kode declares but does not provide yet (e.g. `fetch` of an `http:` URL before Kode's HTTP client).",
    ENETWORK => "`fetch` failed with a network error the Fetch standard defines (a `data:` URL that does not parse, an unknown or revoked `blob:` URL): the `cause` of its TypeError.",
    ENOTFOUND => "A host name did not resolve (DNS): `fetch`, `kode:net.connect`.",
    ECERT => "A TLS peer's certificate was rejected: unknown issuer, expired, or not valid for the host name.",
    ETLS => "A TLS handshake or record failed for a reason other than the certificate (protocol, bad key or certificate PEM).",
    EHTTP => "An HTTP exchange broke the protocol: a malformed response, too many redirects, a body cut short.",
    EINTERRUPTED => "The process received SIGINT or SIGTERM: the abort reason of `Kode.interrupt` (its `signal` field names which).",
    ENODE_UNSUPPORTED => "A member of Kode's Node layer (`node:*`, `process`) that Kode does not provide was used; the message names it.",
    ESCOPE_CLOSED => "`scope.async` was called after its scope closed.",
    ECLOSED => "A resource (an open file handle) was used after it was closed: by `close()`, its owning signal or scope, or the end of an iteration.",
    ESTRING_TOO_LONG => "A text (file contents, a module source) is longer than a V8 string can be.",
    ERESOURCE => "The OS refused a thread or runtime Kode needs (`ulimit -u`, memory).",
    EEXE_UNREADABLE => "A self-contained executable cannot read its own file.",
    EBUNDLE_CORRUPT => "A bundle fails its integrity checks or cannot be parsed.",
    EBUNDLE_VERSION => "A bundle was written in a format version this Kode does not read.",
    EBUNDLE_TOO_LARGE => "A bundle would exceed the format's size limits.",
    EBUNDLE_PATH => "A module path a bundle cannot hold (not UTF-8, or refused by the reader's rule).",
    ESNAPSHOT => "`kode pack --snapshot` cannot snapshot the program: the message names the dependency and why (output, timers, host work or open resources while loading, `node:process`, ES modules).",
    ESYNTAX => "`kode pack`: a module does not parse.",
    EOUTSIDE_ROOT => "`kode pack`: a module lies outside the pack root.",
    EDYNAMIC_REQUIRE => "`kode pack`: a `require` whose argument is not a string literal (a warning).",
    EPACK_OUTPUT => "`kode pack`: the output path is one pack refuses to replace.",
    // POSIX codes of OS failures (`fs::io_code`), as Node names them.
    EPERM => "Operation not permitted.",
    ENOENT => "No such file or directory.",
    EIO => "Input/output error (also any OS failure without a more specific code).",
    EBADF => "Bad file descriptor.",
    EAGAIN => "Resource temporarily unavailable.",
    ENOMEM => "Out of memory.",
    EACCES => "Permission denied.",
    EBUSY => "Device or resource busy.",
    EEXIST => "The file already exists.",
    EXDEV => "A rename across file systems.",
    ENOTDIR => "A path component is not a directory.",
    EISDIR => "The path is a directory where a file is needed.",
    EINVAL => "Invalid argument (as the OS saw it).",
    ENFILE => "Too many open files in the system.",
    EMFILE => "Too many open files in this process.",
    ETXTBSY => "Text file busy.",
    EFBIG => "File too large.",
    ENOSPC => "No space left on device.",
    EROFS => "Read-only file system.",
    EMLINK => "Too many links.",
    EPIPE => "Broken pipe.",
    ENAMETOOLONG => "File name too long.",
    ENOTEMPTY => "Directory not empty.",
    ELOOP => "Too many levels of symbolic links.",
    EINTR => "Interrupted system call.",
    ESRCH => "No such process.",
    ECONNREFUSED => "Connection refused.",
    ECONNRESET => "Connection reset by peer.",
    ECONNABORTED => "Connection aborted.",
    EADDRINUSE => "Address already in use.",
    EADDRNOTAVAIL => "Address not available.",
    ENETUNREACH => "Network unreachable.",
    EHOSTUNREACH => "Host unreachable.",
    ENOTCONN => "Socket is not connected.",
}

/// The table entry of `code`, if it is one of Kode's codes.
pub fn lookup(code: &str) -> Option<&'static Code> {
    ALL.iter().find(|entry| entry.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_posix_shaped_and_explained() {
        let mut seen = std::collections::HashSet::new();
        for entry in ALL {
            assert!(seen.insert(entry.code), "{} listed twice", entry.code);
            assert!(
                entry.code.len() > 1
                    && entry.code.starts_with('E')
                    && entry
                        .code
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
                "{} is not an E-code",
                entry.code
            );
            assert!(
                !entry.meaning.is_empty() && !entry.meaning.contains('\n'),
                "{}",
                entry.code
            );
        }
        assert_eq!(lookup(ENOENT).map(|c| c.code), Some("ENOENT"));
        assert_eq!(lookup("ENOPE"), None);
    }
}
