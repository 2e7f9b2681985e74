//! The `kode:*` builtin modules: JavaScript embedded in the binary, compiled
//! only when a program first requires them.
//!
//! Each file is `(function (ops, internal) { ...; return exports; })`.

pub const BUILTINS: &[(&str, &str)] = &[
    ("kode:fs", include_str!("../js/fs.js")),
    ("kode:path", include_str!("../js/path.js")),
    ("kode:crypto", include_str!("../js/crypto.js")),
    ("kode:encoding", include_str!("../js/encoding.js")),
    // Internal: console formatting, loaded on first use. Not requirable (the
    // resolver knows only the public names).
    ("kode:internal/inspect", include_str!("../js/inspect.js")),
];

pub fn source(name: &str) -> Option<&'static str> {
    BUILTINS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, source)| *source)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_builtin_the_resolver_knows_is_embedded() {
        for name in kode_pack::BUILTINS {
            let specifier = format!("kode:{name}");
            assert!(super::source(&specifier).is_some(), "{specifier} has no JS");
        }
    }
}
