//! `Kode.stdin`, `Kode.stdout` and `Kode.stderr` where a golden case cannot
//! reach: a megabyte through a real pipe both ways, and a terminal (a
//! pseudo-terminal the test opens) for `isTerminal()` and for a program that
//! leaves a terminal stdin unread, or reads one line of it, and must still
//! exit.

use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::kode;
use crate::scenarios::Scenario;

pub fn all() -> Vec<(&'static str, Scenario)> {
    vec![
        ("stdio_pipe_one_megabyte", pipe_one_megabyte),
        ("stdio_terminal", terminal),
    ]
}

/// How long a program of these scenarios may take before it counts as hung.
const LIMIT: Duration = Duration::from_secs(30);

/// `n` bytes of a fixed pseudo-random sequence (64-bit LCG).
fn noise(n: usize) -> Vec<u8> {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    (0..n)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 56) as u8
        })
        .collect()
}

fn program(dir: &Path, source: &str) -> String {
    let path = dir.join("main.mjs");
    std::fs::write(&path, source).unwrap();
    path.to_string_lossy().into_owned()
}

/// `Kode.stdin.pipeTo(Kode.stdout)` with 1 MiB written into a pipe by one
/// thread and read out of another: the same bytes come out, in order.
fn pipe_one_megabyte() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let main = program(temp.path(), "await Kode.stdin.pipeTo(Kode.stdout);\n");
    let input = noise(1 << 20);
    let mut child = Command::new(kode())
        .args(["run", &main])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kode");
    let mut stdin = child.stdin.take().unwrap();
    let feed = input.clone();
    // Small writes, so the program sees many partial reads.
    let feeder = std::thread::spawn(move || {
        for piece in feed.chunks(10_000) {
            if stdin.write_all(piece).is_err() {
                return;
            }
        }
    });
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let status = wait(&mut child);
    let _ = feeder.join();
    let out = reader.join().unwrap();
    let mut stderr = String::new();
    let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
    match status {
        Some(status) if status.success() && out == input && stderr.is_empty() => None,
        _ => Some(format!(
            "expected the 1 MiB back and exit 0; got {} bytes (same: {}), status {status:?}, stderr:\n{stderr}",
            out.len(),
            out == input
        )),
    }
}

/// Waits for `child` at most [`LIMIT`]; kills it after that.
fn wait(child: &mut std::process::Child) -> Option<std::process::ExitStatus> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for kode") {
            return Some(status);
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A new pseudo-terminal: (controlling side, the terminal itself).
fn pty() -> (std::fs::File, OwnedFd) {
    let (mut controller, mut terminal) = (0, 0);
    // SAFETY: two valid out-pointers; the optional arguments are null.
    let done = unsafe {
        libc::openpty(
            &mut controller,
            &mut terminal,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(done, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: openpty returned two new descriptors, owned here from now on.
    unsafe {
        (
            std::fs::File::from_raw_fd(controller),
            OwnedFd::from_raw_fd(terminal),
        )
    }
}

/// Runs `source` with stdin and stdout on a terminal and stderr piped;
/// `typed` is written to the terminal first. Returns stderr and the status.
fn on_terminal(dir: &Path, source: &str, typed: &[u8]) -> Result<String, String> {
    let main = program(dir, source);
    let (mut controller, terminal) = pty();
    let mut child = Command::new(kode())
        .args(["run", &main])
        .stdin(Stdio::from(terminal.try_clone().unwrap()))
        .stdout(Stdio::from(terminal))
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kode");
    controller.write_all(typed).unwrap();
    // The terminal echoes what was typed: drain it so nothing blocks.
    let mut echo = controller.try_clone().unwrap();
    std::thread::spawn(move || {
        let mut sink = [0; 4096];
        while matches!(echo.read(&mut sink), Ok(n) if n > 0) {}
    });
    let status = wait(&mut child);
    let mut stderr = String::new();
    let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
    drop(controller);
    match status {
        Some(status) if status.success() => Ok(stderr),
        Some(status) => Err(format!("exit {status}, stderr:\n{stderr}")),
        None => Err(format!(
            "still running after {LIMIT:?} (killed), stderr:\n{stderr}"
        )),
    }
}

/// On a terminal, `isTerminal()` is true for stdin and stdout (stderr is a
/// pipe here); a program that never reads the terminal exits, and so does
/// one that reads one line of it while the host waits for the next.
fn terminal() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let cases = [
        (
            "isTerminal() and no read",
            "console.error(JSON.stringify([Kode.stdin.isTerminal(), Kode.stdout.isTerminal(), Kode.stderr.isTerminal()]));\n",
            &b""[..],
            "[true,true,false]\n",
        ),
        (
            "one line read",
            "const { value } = await Kode.stdin.getReader().read();\nconsole.error(JSON.stringify(new TextDecoder().decode(value)));\n",
            &b"typed\n"[..],
            "\"typed\\n\"\n",
        ),
    ];
    for (what, source, typed, expected) in cases {
        match on_terminal(temp.path(), source, typed) {
            Ok(stderr) if stderr == expected => {}
            Ok(stderr) => failures.push(format!("{what}: expected {expected:?}, got {stderr:?}")),
            Err(report) => failures.push(format!("{what}: {report}")),
        }
    }
    (!failures.is_empty()).then(|| failures.join("\n\n"))
}
