//! What a run is given: its main program, arguments and limits.

use std::path::PathBuf;

use crate::bundle::BundleModules;
use crate::limits::Limits;

/// What the run starts with.
pub enum Main {
    /// A `.js` file on disk; modules load from disk.
    File(PathBuf),
    /// `kode -e CODE`; `require` resolves from the working directory.
    Eval(String),
    /// A `.kpk` bundle (or an executable's payload); no module source is read from disk.
    Bundle(Box<BundleModules>),
}

pub struct RunOptions {
    pub main: Main,
    /// `Kode.args.values`.
    pub args: Vec<String>,
    /// `Kode.args.executable`.
    pub executable: String,
    /// `Kode.args.script`.
    pub script: String,
    pub limits: Limits,
}

impl RunOptions {
    /// A bundle's entry run at pack time (`--warm`, `--snapshot`): no
    /// arguments, default limits.
    pub fn pack_time(entry: &std::path::Path) -> Self {
        RunOptions {
            main: Main::File(entry.to_path_buf()),
            args: Vec::new(),
            executable: String::new(),
            script: entry.to_string_lossy().into_owned(),
            limits: Limits::default(),
        }
    }
}
