//! The native functions JavaScript calls, by area; `crate::ext` declares
//! which area has which.
//! Ops convert arguments and do the work; policy and validation live in JS.

pub mod args;
pub mod clone;
pub mod crypto;
pub mod encoding;
pub mod fs;
pub mod globals;
pub mod inspect;
pub mod modules;
pub mod text;
