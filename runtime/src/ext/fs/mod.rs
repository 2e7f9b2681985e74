//! `kode:fs`: asynchronous file-system operations, cancellable, with writes
//! whose rename is the commit point.

mod files;
mod handle;
mod ops;
mod write_stream;

use super::extension::{ops, Extension, Script};
use handle::{op_fs_handle_info, op_fs_open};
use ops::{
    install_write_stops, op_cancel, op_fs_info, op_fs_list, op_fs_mkdir, op_fs_read,
    op_fs_read_text, op_fs_remove, op_fs_rename, op_fs_write,
};
use write_stream::{op_fs_write_begin, op_fs_write_commit};

pub const EXTENSION: Extension = Extension {
    name: "fs",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:fs",
        source: include_str!("../../../js/fs.js"),
    }],
    ops: ops![
        op_cancel,
        op_fs_read,
        op_fs_read_text,
        op_fs_write,
        op_fs_write_begin,
        op_fs_write_commit,
        op_fs_info,
        op_fs_list,
        op_fs_remove,
        op_fs_mkdir,
        op_fs_rename,
        op_fs_open,
        op_fs_handle_info,
    ],
    state: Some(install_write_stops),
};
