//! HTTP (SPEC §4.7): `Kode.serve` on hyper's server (`server.rs`,
//! `runtime/js/serve.js`, loaded on the first touch of `Kode.serve`) and
//! the network half of `fetch` on hyper's pooled client (`client.rs`; the
//! Fetch algorithm itself is `runtime/js/fetch.js`). Bodies cross in both
//! directions as resources (`body.rs`), header lists as flat arrays
//! (`headers.rs`).

mod body;
mod client;
mod coarse_timer;
mod drain;
mod headers;
mod ops;
mod server;

use super::extension::{ops, Extension, Script};
use ops::{
    op_http_body_fail, op_http_fetch, op_http_request_gone, op_http_respond, op_http_respond_echo,
    op_http_serve, op_http_serve_next, op_http_serve_shutdown,
};

pub const EXTENSION: Extension = Extension {
    name: "http",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:internal/serve",
        source: include_str!("../../../js/serve.js"),
    }],
    ops: ops![
        op_http_serve,
        op_http_serve_next,
        op_http_serve_shutdown,
        op_http_respond,
        op_http_respond_echo,
        op_http_request_gone,
        op_http_body_fail,
        op_http_fetch
    ],
    state: None,
};
