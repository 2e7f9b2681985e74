//! `URL` and `URLSearchParams` (WHATWG URL Standard): the parser and the
//! setters are ada's (the `ada-url` crate, the parser Node uses; it passes
//! more of WPT's vectors than the `url` crate), the urlencoded parser is
//! `form_urlencoded`'s; the classes are `runtime/js/url.js`, loaded on the first touch
//! of either global (`00_core.js` installs them lazily). `URLPattern` (WHATWG
//! URL Pattern Standard) is `runtime/js/url_pattern.js` over the `urlpattern`
//! crate's parser (`pattern.rs`), loaded the same way.

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod cxx;
mod ops;
mod pattern;

use super::extension::{ops, Extension, Script};
use ops::{op_url_form_parse, op_url_parse, op_url_set};
use pattern::{op_url_pattern_input, op_url_pattern_parse};

pub const EXTENSION: Extension = Extension {
    name: "url",
    bootstrap: &[],
    modules: &[
        Script {
            specifier: "kode:internal/url",
            source: include_str!("../../../js/url.js"),
        },
        Script {
            specifier: "kode:internal/url-pattern",
            source: include_str!("../../../js/url_pattern.js"),
        },
    ],
    ops: ops![
        op_url_parse,
        op_url_set,
        op_url_form_parse,
        op_url_pattern_parse,
        op_url_pattern_input,
    ],
    state: None,
};
