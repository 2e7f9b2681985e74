//! The libstdc++ pieces ada's C++ asks for that V8's archive does not have.
//!
//! ada-url's C++ would link the shared libstdc++, and loading that library
//! costs every start-up ~0.6 ms even when no URL is parsed. V8's archive
//! already carries a complete C++ ABI runtime (operator new, `__cxa_*`,
//! `std::exception`); only these five libstdc++-specific symbols are left,
//! so `.cargo/config.toml` tells the cc crate to link no C++ library and
//! they are defined here. In a build that links libstdc++ anyway, the
//! executable's definitions simply take precedence.
//!
//! ada never throws on its own paths (it reports failures as values); these
//! only run on a broken internal invariant, where libstdc++ would throw an
//! exception nothing catches, that is, terminate. Kode aborts the same way.
//! `<iostream>` is included by ada's header but no stream is ever used (the
//! archive references none), so its initializer has nothing to set up.

use std::ffi::{c_char, c_void, CStr};

fn fail(what: &str, message: *const c_char) -> ! {
    let detail = if message.is_null() {
        String::new()
    } else {
        // SAFETY: libstdc++'s contract: a NUL-terminated message.
        unsafe { CStr::from_ptr(message) }
            .to_string_lossy()
            .into_owned()
    };
    eprintln!("kode: internal error in the URL parser: {what}: {detail}");
    std::process::abort()
}

#[unsafe(export_name = "_ZSt19__throw_logic_errorPKc")]
extern "C" fn throw_logic_error(message: *const c_char) -> ! {
    fail("logic_error", message)
}

#[unsafe(export_name = "_ZSt20__throw_length_errorPKc")]
extern "C" fn throw_length_error(message: *const c_char) -> ! {
    fail("length_error", message)
}

// Variadic in C++ (a printf format and its arguments); the System V calling
// convention lets a callee ignore trailing arguments, and the format alone
// says what went wrong.
#[unsafe(export_name = "_ZSt24__throw_out_of_range_fmtPKcz")]
extern "C" fn throw_out_of_range_fmt(format: *const c_char) -> ! {
    fail("out_of_range", format)
}

#[unsafe(export_name = "_ZNSt8ios_base4InitC1Ev")]
extern "C" fn ios_base_init(_this: *mut c_void) {}

#[unsafe(export_name = "_ZNSt8ios_base4InitD1Ev")]
extern "C" fn ios_base_init_drop(_this: *mut c_void) {}
