//! A child process, held as a resource ([`Subprocess`]).
//!
//! The child is a `std::process::Child` behind a mutex, and only two things
//! touch it: the reaper task, which collects its status (`waitpid`) when a
//! `SIGCHLD` arrives, and the signals the program sends it. Both take the
//! lock, and a signal goes out only while the status has not been collected,
//! so a `kill` can never reach another process that was given the same pid.
//!
//! No child outlives Kode: when the run ends, the table closes each one that
//! is still running, which kills it (`SIGKILL`) and reaps it. If Kode dies
//! without that (a second interrupt, a fatal error, `SIGKILL`), the kernel
//! kills the child: it is started with `PR_SET_PDEATHSIG`. A `detached`
//! child is in a process group of its own and is left alone.

use std::borrow::Cow;
use std::io;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::signal::unix::{signal, Signal, SignalKind};
use tokio::sync::{mpsc, watch};

use super::signals;
use crate::error::{codes, io_code, KodeError};
use crate::resources::Resource;
use crate::value::OpValue;

pub const SPAWN: &str = "kode:subprocess.spawn";

/// What one of the child's standard streams is connected to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StdioMode {
    Inherit,
    Null,
    Pipe,
}

impl StdioMode {
    /// From the two bits subprocess.js packs for each stream.
    pub fn from_bits(bits: u32) -> StdioMode {
        match bits & 3 {
            1 => StdioMode::Null,
            2 => StdioMode::Pipe,
            _ => StdioMode::Inherit,
        }
    }

    fn stdio(self) -> Stdio {
        match self {
            StdioMode::Inherit => Stdio::inherit(),
            StdioMode::Null => Stdio::null(),
            StdioMode::Pipe => Stdio::piped(),
        }
    }
}

/// What `spawn` starts.
pub struct SpawnOptions {
    /// The command, then its arguments.
    pub argv: Vec<String>,
    /// Relative to Kode's working directory.
    pub cwd: Option<PathBuf>,
    pub env: Vec<(String, String)>,
    pub clear_env: bool,
    /// stdin, stdout, stderr.
    pub stdio: [StdioMode; 3],
    pub detached: bool,
}

/// A started child: the resource, and the pipes asked for.
pub struct Spawned {
    pub child: Subprocess,
    pub pid: u32,
    pub stdin: Option<tokio::process::ChildStdin>,
    pub stdout: Option<tokio::process::ChildStdout>,
    pub stderr: Option<tokio::process::ChildStderr>,
}

/// The child and, once collected, its status.
struct Reaped {
    child: Child,
    status: Option<Result<ExitStatus, KodeError>>,
}

impl Reaped {
    /// Sends `signo`, unless the status was collected: the pid may belong
    /// to another process by then (the child has exited: nothing to do).
    fn signal(&self, signo: libc::c_int) {
        if self.status.is_none() {
            // SAFETY: kill has no memory effects; the pid is our unreaped child.
            unsafe { libc::kill(self.child.id() as libc::pid_t, signo) };
        }
    }

    /// Collects the status if the child has ended.
    fn try_reap(&mut self) -> Option<Result<ExitStatus, KodeError>> {
        if self.status.is_none() {
            match self.child.try_wait() {
                Ok(Some(status)) => self.status = Some(Ok(status)),
                Ok(None) => {}
                Err(err) => self.status = Some(Err(os_error(&err, "waitpid"))),
            }
        }
        self.status.clone()
    }
}

type Shared = Arc<Mutex<Reaped>>;

/// An OS failure around the child (not its start), such as `waitpid`'s.
fn os_error(err: &io::Error, call: &str) -> KodeError {
    let code = io_code(err);
    let detail = kode_pack::fs::io_detail(err);
    KodeError::new(code, format!("{code}: {detail}, {SPAWN} ({call})")).operation(SPAWN)
}

fn lock(shared: &Shared) -> MutexGuard<'_, Reaped> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A child's status when known: `Some(Ok)` once it has ended.
type StatusCell = Option<Result<ExitStatus, KodeError>>;

/// A running (or ended) child, as the resource table holds it.
pub struct Subprocess {
    detail: String,
    detached: bool,
    shared: Shared,
    /// Asks the reaper for a `SIGKILL` after this grace period.
    grace: mpsc::UnboundedSender<Duration>,
    status: watch::Receiver<StatusCell>,
}

impl Resource for Subprocess {
    fn name(&self) -> &'static str {
        SPAWN
    }

    fn detail(&self) -> String {
        self.detail.clone()
    }

    /// Kills and reaps a child that is still running (the run is ending),
    /// unless it is detached.
    fn close(&mut self) {
        if self.detached {
            return;
        }
        let mut reaped = lock(&self.shared);
        if reaped.status.is_none() {
            let _ = reaped.child.kill();
            let status = reaped.child.wait();
            reaped.status = Some(status.map_err(|err| os_error(&err, "waitpid")));
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Subprocess {
    pub fn detached(&self) -> bool {
        self.detached
    }

    /// Sends `signo` now; nothing if the child has already ended.
    pub fn kill(&self, signo: libc::c_int) {
        lock(&self.shared).signal(signo);
    }

    /// `SIGTERM` now, `SIGKILL` after `grace` if it is still running then.
    pub fn terminate(&self, grace: Duration) {
        lock(&self.shared).signal(libc::SIGTERM);
        let _ = self.grace.send(grace);
    }

    /// Resolves with `{ code, signal }` once the child has ended.
    pub fn wait(&self) -> impl std::future::Future<Output = Result<OpValue, KodeError>> + Send {
        let mut status = self.status.clone();
        async move {
            let known = status.wait_for(Option::is_some).await.map_err(|_| {
                KodeError::new(codes::EIO, "the child's reaper has stopped").operation(SPAWN)
            })?;
            let status = known.clone().expect("waited for a status")?;
            Ok(status_value(status))
        }
    }
}

/// `{ code, signal }`: the exit code (null when a signal ended the child),
/// and that signal's name (else null).
fn status_value(status: ExitStatus) -> OpValue {
    let code = status
        .code()
        .map_or(OpValue::Null, |c| OpValue::Number(f64::from(c)));
    let signal = status.signal().map_or(OpValue::Null, |s| {
        OpValue::text(signals::name(s)).unwrap_or(OpValue::Null)
    });
    OpValue::Object(vec![("code", code), ("signal", signal)])
}

/// Waits for the child's end (each `SIGCHLD` is a reason to look), applies
/// the `SIGKILL` of a grace period, and publishes the status.
async fn reap(
    shared: Shared,
    mut sigchld: Signal,
    mut grace: mpsc::UnboundedReceiver<Duration>,
    done: watch::Sender<StatusCell>,
) {
    let mut kill_at: Option<tokio::time::Instant> = None;
    loop {
        let status = lock(&shared).try_reap();
        if let Some(status) = status {
            let _ = done.send(Some(status));
            return;
        }
        let deadline = kill_at.unwrap_or_else(tokio::time::Instant::now);
        tokio::select! {
            received = sigchld.recv() => {
                if received.is_none() {
                    return; // the runtime is shutting down
                }
            }
            Some(period) = grace.recv() => {
                let at = tokio::time::Instant::now() + period;
                kill_at = Some(kill_at.map_or(at, |earlier| earlier.min(at)));
            }
            () = tokio::time::sleep_until(deadline), if kill_at.is_some() => {
                lock(&shared).signal(libc::SIGKILL);
                kill_at = None;
            }
        }
    }
}

/// `word` as a shell would need it quoted, for the listing's command line.
fn shell_word(word: &str) -> Cow<'_, str> {
    let plain = |b: u8| b.is_ascii_alphanumeric() || b"@%+=:,./_-".contains(&b);
    if !word.is_empty() && word.bytes().all(plain) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(format!("'{}'", word.replace('\'', r"'\''")))
    }
}

/// The child's command line and pid, as `Kode.activeOperations()` shows it.
fn detail(argv: &[String], pid: u32) -> String {
    let line: Vec<_> = argv.iter().map(|word| shell_word(word)).collect();
    format!("{} (pid {pid})", line.join(" "))
}

/// Starts the child; must run inside the Tokio runtime (the reaper is a task
/// on it). A missing program is `ENOENT` with the command as `path`, one
/// that is not executable `EACCES`; a missing `cwd` is `ENOENT` with it as
/// `path`.
pub fn spawn(options: SpawnOptions) -> Result<Spawned, KodeError> {
    let SpawnOptions {
        argv,
        cwd,
        env,
        clear_env,
        stdio,
        detached,
    } = options;
    let program = argv
        .first()
        .ok_or_else(|| KodeError::type_error(codes::EINVALID_ARG, "no command").operation(SPAWN))?;
    let mut command = Command::new(program);
    command.args(&argv[1..]);
    if let Some(given) = cwd {
        // The OS would report a bad cwd as the exec's error: name it here
        // instead, as the program gave it.
        let cwd = std::env::current_dir()
            .map(|dir| dir.join(&given))
            .unwrap_or_else(|_| given.clone());
        match std::fs::metadata(&cwd) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                let err = io::Error::from_raw_os_error(libc::ENOTDIR);
                return Err(KodeError::from_io(&err, SPAWN, &given));
            }
            Err(err) => return Err(KodeError::from_io(&err, SPAWN, &given)),
        }
        command.current_dir(cwd);
    }
    if clear_env {
        command.env_clear();
    }
    command.envs(env);
    command
        .stdin(stdio[0].stdio())
        .stdout(stdio[1].stdio())
        .stderr(stdio[2].stdio());
    if detached {
        command.process_group(0);
    } else {
        die_with_parent(&mut command);
    }
    // Made before the child exists, so its exit cannot be missed.
    let sigchld = signal(SignalKind::child()).map_err(|err| os_error(&err, "SIGCHLD"))?;
    let mut child = command
        .spawn()
        .map_err(|err| KodeError::from_io(&err, SPAWN, Path::new(program)))?;
    let pid = child.id();
    let pipes = (|| {
        use tokio::process as tp;
        let stdin = child
            .stdin
            .take()
            .map(tp::ChildStdin::from_std)
            .transpose()?;
        let stdout = child
            .stdout
            .take()
            .map(tp::ChildStdout::from_std)
            .transpose()?;
        let stderr = child
            .stderr
            .take()
            .map(tp::ChildStderr::from_std)
            .transpose()?;
        Ok((stdin, stdout, stderr))
    })();
    let (stdin, stdout, stderr) = match pipes {
        Ok(pipes) => pipes,
        Err(err) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(os_error(&err, "pipe"));
        }
    };
    let shared = Arc::new(Mutex::new(Reaped {
        child,
        status: None,
    }));
    let (grace_tx, grace_rx) = mpsc::unbounded_channel();
    let (done, status) = watch::channel(None);
    tokio::spawn(reap(shared.clone(), sigchld, grace_rx, done));
    let child = Subprocess {
        detail: detail(&argv, pid),
        detached,
        shared,
        grace: grace_tx,
        status,
    };
    Ok(Spawned {
        child,
        pid,
        stdin,
        stdout,
        stderr,
    })
}

/// Has the kernel kill the child when the thread that started it ends (the
/// JavaScript thread lives as long as the run), so a Kode that dies without
/// closing its resources takes its children with it.
fn die_with_parent(command: &mut Command) {
    // SAFETY: getpid is async-signal-safe and called here, in the parent.
    let parent = unsafe { libc::getpid() };
    let arm = move || {
        // SAFETY: prctl, getppid and _exit are async-signal-safe, as code
        // between fork and exec must be.
        unsafe {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(io::Error::last_os_error());
            }
            // The parent died before the request was made: follow it now.
            if libc::getppid() != parent {
                libc::_exit(127);
            }
        }
        Ok(())
    };
    // SAFETY: the closure only makes async-signal-safe calls (see above).
    unsafe { command.pre_exec(arm) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listed_command_line_is_quoted_as_a_shell_would() {
        let argv: Vec<String> = ["sh", "-c", "echo 'hi' there", "", "a/b.txt"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            detail(&argv, 42),
            r#"sh -c 'echo '\''hi'\'' there' '' a/b.txt (pid 42)"#
        );
    }

    #[test]
    fn a_status_is_a_code_or_a_signal() {
        let field = |value: &OpValue, key: &str| match value {
            OpValue::Object(fields) => {
                format!("{:?}", fields.iter().find(|(k, _)| *k == key).unwrap().1)
            }
            other => panic!("{other:?}"),
        };
        let exited = status_value(ExitStatus::from_raw(3 << 8));
        assert_eq!(field(&exited, "code"), "Number(3.0)");
        assert_eq!(field(&exited, "signal"), "Null");
        let killed = status_value(ExitStatus::from_raw(libc::SIGKILL));
        assert_eq!(field(&killed, "code"), "Null");
        assert!(field(&killed, "signal").contains("SIGKILL"));
    }
}
