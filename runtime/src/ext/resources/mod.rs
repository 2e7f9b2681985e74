//! The resource table (`crate::resources`): long-lived host handles under
//! 64-bit ids, and the run's one id counter. Its ops close, read, write and list
//! resources of every area; an area that opens resources (`fs`'s `open`)
//! returns them from its ops as `OpValue::Resource`.

mod ops;

use super::extension::{ops, Extension};
use crate::resources::install;
use ops::{
    op_next_id, op_resource_close, op_resource_list, op_resource_read, op_resource_read_all,
    op_resource_write,
};

pub const EXTENSION: Extension = Extension {
    name: "resources",
    bootstrap: &[],
    modules: &[],
    ops: ops![
        op_next_id,
        op_resource_close,
        op_resource_read,
        op_resource_read_all,
        op_resource_write,
        op_resource_list,
    ],
    state: Some(install),
};
