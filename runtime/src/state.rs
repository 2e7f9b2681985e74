//! Per-run state shared by the ops and the event loop. Lives in an isolate
//! slot as `Rc<RefCell<State>>`; never borrow it across a call into JS.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use crate::limits::{Limits, Tripped};

use crate::modules::ModuleSource;
use crate::tasks::Tasks;
use crate::timers::Timers;

pub struct State {
    pub timers: Timers,
    pub tasks: Tasks,
    /// Tasks JavaScript queued for a later turn of the event loop (HTML's
    /// "queue a task": message delivery). JS keeps them in order; this is
    /// how many wait, which keeps the process alive.
    pub queued_tasks: usize,
    /// Set by `Kode.exit(code)`; execution is terminated right after.
    pub exit_code: Option<i32>,
    /// Rejected promises without a handler, checked after each microtask checkpoint.
    pub rejections: Vec<(v8::Global<v8::Promise>, v8::Global<v8::Value>)>,
    pub modules: Box<dyn ModuleSource>,
    /// `KODE_TRACE=cache`: report each module's code-cache use on stderr.
    pub trace_cache: bool,
    pub limits: Limits,
    /// Set when a limit terminated the program.
    pub tripped: Arc<Tripped>,
    /// `kode pack --warm`: the functions of the modules compiled so far, by
    /// module name. While set, output and uncaught errors are dropped.
    pub warming: Option<Vec<(String, v8::Global<v8::Function>)>>,
    /// What `node:process` asked the event loop to call, once it is loaded.
    pub node: NodeHooks,
    /// `kode pack --snapshot`: output is not written but counted here (the
    /// pack refuses a program that prints while its dependencies load).
    pub snapshot_output: Option<usize>,
}

/// `process.nextTick`'s queue and `process.on("exit")` (set by the
/// `node_hooks` op; empty while no package has loaded `node:process`).
#[derive(Default)]
pub struct NodeHooks {
    /// Drains the tick queue; called before each microtask checkpoint
    /// while `ticks_pending`.
    pub run_ticks: Option<v8::Global<v8::Function>>,
    /// `exit(kind, code)` → the exit code: emits `beforeExit` or `exit`.
    pub exit: Option<v8::Global<v8::Function>>,
    pub ticks_pending: bool,
}

pub type SharedState = Rc<RefCell<State>>;

impl State {
    pub fn new(modules: Box<dyn ModuleSource>, limits: Limits) -> Self {
        State {
            timers: Timers::default(),
            tasks: Tasks::default(),
            queued_tasks: 0,
            exit_code: None,
            rejections: Vec::new(),
            modules,
            trace_cache: crate::trace::enabled("cache"),
            limits,
            tripped: Arc::default(),
            warming: None,
            node: NodeHooks::default(),
            snapshot_output: None,
        }
    }
}

/// The run's state, from any scope inside the isolate.
pub fn state(isolate: &v8::Isolate) -> SharedState {
    isolate
        .get_slot::<SharedState>()
        .expect("state is installed before any JS runs")
        .clone()
}
