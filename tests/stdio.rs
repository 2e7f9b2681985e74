//! Kode's I/O where a golden case cannot reach. `Kode.stdin`, `Kode.stdout`
//! and `Kode.stderr`: a megabyte through a real pipe both ways, and a
//! terminal (a pseudo-terminal the test opens) for `isTerminal()` and for a
//! program that leaves a terminal stdin unread, or reads one line of it, and
//! must still exit. `kode:net` against a client and a server written in Rust
//! (tokio, tokio-rustls), plain and TLS, from `kode run` and from an executable.

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
        ("net_rust_peers", net_rust_peers),
        ("net_rust_peers_tls", net_rust_peers_tls),
        (
            "net_rust_peers_tls_executable",
            net_rust_peers_tls_executable,
        ),
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

// --- kode:net against Rust peers ----------------------------------------------------

/// The Kode side: a listener a Rust client sends 1 MiB to (Kode echoes it
/// after reading it to the end: a half-close both ways), then a connection
/// to a Rust server. With TLS the listener uses the certificate the test
/// made, and the connection starts in plain text and upgrades with
/// STARTTLS, trusting that certificate through `caCerts`. Each step prints a
/// line the test waits for: nothing depends on timing.
const NET_PROGRAM: &str = r#"import { connect, listen } from "kode:net";
import { readText } from "kode:fs";

const [mode, serverPort, dir] = Kode.args.values;
const secure = mode === "tls";
const cert = secure ? await readText(`${dir}/cert.pem`) : undefined;
const key = secure ? await readText(`${dir}/key.pem`) : undefined;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const listener = listen({ hostname: "127.0.0.1", port: 0, allowHalfOpen: true, ...(secure ? { tls: { cert, key } } : {}) });
console.log(`listening ${listener.addr.port}`);
const peer = await listener.accept();
const received = new Uint8Array(await new Response(peer.readable).arrayBuffer());
const writer = peer.writable.getWriter();
await writer.write(received);
await writer.close();
await peer.closed;
await listener.close();
console.log(`echoed ${received.length} bytes, ${secure ? "tls" : "plain"} ${peer.secureTransport}`);

async function readLine(reader) {
  let line = "";
  while (!line.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    line += decoder.decode(value);
  }
  return line.trim();
}

let socket = connect({ hostname: "127.0.0.1", port: Number(serverPort) }, secure ? { secureTransport: "starttls", tls: { caCerts: [cert] } } : undefined);
if (secure) {
  const reader = socket.readable.getReader();
  const lines = socket.writable.getWriter();
  console.log(`greeting ${await readLine(reader)}`);
  await lines.write(encoder.encode("STARTTLS\r\n"));
  console.log(`reply ${await readLine(reader)}`);
  reader.releaseLock();
  lines.releaseLock();
  socket = socket.startTls({ hostname: "localhost" });
}
const request = socket.writable.getWriter();
await request.write(encoder.encode("hello from kode"));
await request.close();
console.log(`answer ${await new Response(socket.readable).text()} (${socket.secureTransport})`);
await socket.closed;
console.log(`done, ${Kode.activeOperations().length} open`);
"#;

/// A certificate for "localhost" made now, as (certificate, key) DER and PEM.
struct TestCert {
    der: rustls::pki_types::CertificateDer<'static>,
    key: Vec<u8>,
    cert_pem: String,
    key_pem: String,
}

fn test_cert() -> TestCert {
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    TestCert {
        der: made.cert.der().clone(),
        key: made.signing_key.serialize_der(),
        cert_pem: made.cert.pem(),
        key_pem: made.signing_key.serialize_pem(),
    }
}

fn provider() -> std::sync::Arc<rustls::crypto::CryptoProvider> {
    std::sync::Arc::new(rustls::crypto::ring::default_provider())
}

fn tls_acceptor(cert: &TestCert) -> tokio_rustls::TlsAcceptor {
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(cert.key.clone().into());
    let config = rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.der.clone()], key)
        .unwrap();
    tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config))
}

fn tls_connector(cert: &TestCert) -> tokio_rustls::TlsConnector {
    let mut roots = rustls::RootCertStore::empty();
    roots.add(cert.der.clone()).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    tokio_rustls::TlsConnector::from(std::sync::Arc::new(config))
}

type NetResult<T> = Result<T, String>;

/// Sends `data`, ends the sending side, and reads the answer to its end.
async fn exchange<S>(mut stream: S, data: &[u8]) -> NetResult<Vec<u8>>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // Small writes, so the Kode side sees many partial reads.
    for piece in data.chunks(10_000) {
        stream
            .write_all(piece)
            .await
            .map_err(|e| format!("write: {e}"))?;
    }
    stream
        .shutdown()
        .await
        .map_err(|e| format!("shutdown: {e}"))?;
    let mut answer = Vec::new();
    stream
        .read_to_end(&mut answer)
        .await
        .map_err(|e| format!("read: {e}"))?;
    Ok(answer)
}

/// The Rust server Kode connects to: reads the request to its end and
/// answers it in capitals. With TLS it greets in plain text, waits for
/// "STARTTLS", and continues over TLS on the same connection.
async fn rust_server(
    listener: tokio::net::TcpListener,
    tls: Option<tokio_rustls::TlsAcceptor>,
) -> NetResult<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    async fn answer<S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin>(
        mut stream: S,
    ) -> NetResult<String> {
        let mut request = Vec::new();
        stream
            .read_to_end(&mut request)
            .await
            .map_err(|e| format!("server read: {e}"))?;
        let request = String::from_utf8_lossy(&request).into_owned();
        stream
            .write_all(request.to_uppercase().as_bytes())
            .await
            .map_err(|e| format!("server write: {e}"))?;
        stream
            .shutdown()
            .await
            .map_err(|e| format!("server shutdown: {e}"))?;
        Ok(request)
    }
    let (mut stream, _) = listener.accept().await.map_err(|e| e.to_string())?;
    let Some(acceptor) = tls else {
        return answer(stream).await;
    };
    stream
        .write_all(b"220 rust ready\r\n")
        .await
        .map_err(|e| e.to_string())?;
    // One byte at a time: nothing of the TLS handshake may be read here.
    let mut line = Vec::new();
    while !line.ends_with(b"\n") {
        let byte = stream
            .read_u8()
            .await
            .map_err(|e| format!("STARTTLS line: {e}"))?;
        line.push(byte);
    }
    if line != b"STARTTLS\r\n" {
        return Err(format!(
            "expected STARTTLS, got {:?}",
            String::from_utf8_lossy(&line)
        ));
    }
    stream
        .write_all(b"220 go ahead\r\n")
        .await
        .map_err(|e| e.to_string())?;
    let tls = acceptor
        .accept(stream)
        .await
        .map_err(|e| format!("server handshake: {e}"))?;
    answer(tls).await
}

/// Runs the Kode side (`kode run` on the program, or `executable`) against
/// the Rust client and server; `None` when everything went as expected.
fn net_run(secure: bool, executable: Option<&Path>) -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let cert = test_cert();
    std::fs::write(temp.path().join("cert.pem"), &cert.cert_pem).unwrap();
    std::fs::write(temp.path().join("key.pem"), &cert.key_pem).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let outcome = runtime.block_on(async {
        tokio::time::timeout(LIMIT, net_session(secure, executable, temp.path(), &cert))
            .await
            .unwrap_or_else(|_| Err(format!("still running after {LIMIT:?}")))
    });
    outcome.err()
}

async fn net_session(
    secure: bool,
    executable: Option<&Path>,
    dir: &Path,
    cert: &TestCert,
) -> NetResult<()> {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt};
    let server = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server_port = server.local_addr().unwrap().port().to_string();
    let serving = tokio::spawn(rust_server(server, secure.then(|| tls_acceptor(cert))));
    let mode = if secure { "tls" } else { "plain" };
    let dir_arg = dir.to_string_lossy().into_owned();
    let mut command = match executable {
        Some(app) => tokio::process::Command::new(app),
        None => {
            let main = program(dir, NET_PROGRAM);
            let mut command = tokio::process::Command::new(kode());
            command.args(["run", &main]);
            command
        }
    };
    let mut child = command
        .args([mode, &server_port, &dir_arg])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("spawn: {e}"))?;
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();

    // The Kode listener keeps the program alive until the Rust client comes.
    let listening = next_line(&mut lines).await?;
    let port: u16 = listening
        .strip_prefix("listening ")
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| format!("expected the port, got {listening:?}"))?;
    let data = noise(1 << 20);
    let stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .map_err(|e| format!("connect to kode: {e}"))?;
    let echoed = if secure {
        let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
        let tls = tls_connector(cert)
            .connect(name, stream)
            .await
            .map_err(|e| format!("client handshake: {e}"))?;
        exchange(tls, &data).await?
    } else {
        exchange(stream, &data).await?
    };
    if echoed != data {
        return Err(format!(
            "the echo differs: {} bytes back of {}",
            echoed.len(),
            data.len()
        ));
    }
    let mut expected = vec![format!(
        "echoed 1048576 bytes, {mode} {}",
        if secure { "on" } else { "off" }
    )];
    if secure {
        expected.push("greeting 220 rust ready".to_string());
        expected.push("reply 220 go ahead".to_string());
    }
    expected.push(format!(
        "answer HELLO FROM KODE ({})",
        if secure { "on" } else { "off" }
    ));
    expected.push("done, 0 open".to_string());
    for want in &expected {
        let got = next_line(&mut lines).await?;
        if &got != want {
            return Err(format!("expected {want:?}, got {got:?}"));
        }
    }
    let request = serving.await.map_err(|e| e.to_string())??;
    if request != "hello from kode" {
        return Err(format!("the Rust server got {request:?}"));
    }
    let status = child.wait().await.map_err(|e| e.to_string())?;
    let mut stderr = String::new();
    let _ = child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .await;
    if !status.success() || !stderr.is_empty() {
        return Err(format!("exit {status}, stderr:\n{stderr}"));
    }
    Ok(())
}

/// The program's next line of output (an error once it has ended).
async fn next_line<R: tokio::io::AsyncBufRead + Unpin>(
    lines: &mut tokio::io::Lines<R>,
) -> NetResult<String> {
    match lines.next_line().await {
        Ok(Some(line)) => Ok(line),
        Ok(None) => Err("the program's output ended early".to_string()),
        Err(err) => Err(format!("reading the program's output: {err}")),
    }
}

/// A Rust client sends 1 MiB to a Kode listener and reads it back; Kode
/// connects to a Rust server.
fn net_rust_peers() -> Option<String> {
    net_run(false, None)
}

/// The same over TLS with a certificate made at test time (rcgen): the Kode
/// listener serves it, the Rust client trusts it; Kode's connection to the
/// Rust server upgrades with STARTTLS and trusts it through `caCerts`.
fn net_rust_peers_tls() -> Option<String> {
    net_run(true, None)
}

/// The TLS run from a self-contained executable (`kode pack --exe`).
fn net_rust_peers_tls_executable() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let main = program(temp.path(), NET_PROGRAM);
    let app = temp.path().join("app");
    let pack = Command::new(kode())
        .args(["pack", &main, "--exe", "-o"])
        .arg(&app)
        .output()
        .expect("run kode pack");
    if !pack.status.success() {
        return Some(format!(
            "pack --exe failed: {}",
            String::from_utf8_lossy(&pack.stderr)
        ));
    }
    net_run(true, Some(&app))
}
