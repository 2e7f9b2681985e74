//! HTTP scenarios with real clients and certificates made at test time:
//! curl against `Kode.serve` (keep-alive, a chunked upload, TLS with an
//! rcgen certificate, HTTP/2 over TLS through ALPN), Kode's `fetch` against
//! a TLS server it does not trust (`ECERT`) and does (`SSL_CERT_FILE`), and
//! a server packed as a self-contained executable. Every server binds
//! 127.0.0.1, port 0, and shuts itself down after a bounded request count.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::scenarios::{describe, kode_in, text, Scenario};

pub fn all() -> Vec<(&'static str, Scenario)> {
    vec![
        ("scenario_http_curl_clients", curl_clients),
        ("scenario_http_tls_and_http2", tls_and_http2),
        ("scenario_http_fetch_certificates", fetch_certificates),
        ("scenario_http_executable", executable),
    ]
}

/// A server that answers `requests` requests, then shuts down: GET says
/// what it got, POST answers the body's length and byte sum. Arguments:
/// the request count, then a directory with `cert.pem`/`key.pem` for TLS.
const SERVER: &str = r#"import { readText } from "kode:fs";
const [count, dir] = Kode.args.values;
const tls = dir ? { cert: await readText(`${dir}/cert.pem`), key: await readText(`${dir}/key.pem`) } : undefined;
let left = Number(count);
const server = Kode.serve({ hostname: "127.0.0.1", port: 0, tls }, async (request) => {
  if (--left === 0) server.shutdown();
  if (request.method === "POST") {
    const body = await request.bytes();
    return new Response(`${body.length} ${body.reduce((a, b) => a + b, 0)}`);
  }
  return new Response(`hello ${request.method} ${new URL(request.url).pathname}`);
});
console.log(server.addr.port);
await server.finished;
console.log("finished");
"#;

/// Starts `program` (with `args`) and reads the port it prints first.
fn start(
    program: &Path,
    args: &[&str],
) -> Result<(Child, u16, BufReader<std::process::ChildStdout>), String> {
    start_command(
        Command::new(crate::kode())
            .arg("run")
            .arg(program)
            .args(args),
    )
}

fn start_command(
    command: &mut Command,
) -> Result<(Child, u16, BufReader<std::process::ChildStdout>), String> {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    // An executable this process just wrote may be open in a child forked
    // meanwhile on another thread (ETXTBSY) for a moment.
    let mut attempts = 0;
    let mut child = loop {
        match command.spawn() {
            Err(err) if err.raw_os_error() == Some(26) && attempts < 50 => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other.map_err(|err| format!("spawn: {err}"))?,
        }
    };
    // A server that never gets its requests must not hang the suite.
    let pid = child.id();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(120));
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    });
    let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
    let mut line = String::new();
    let _ = stdout.read_line(&mut line);
    match line.trim().parse() {
        Ok(port) => Ok((child, port, stdout)),
        Err(_) => {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            Err(format!("no port line (got {line:?}): {}", describe(&out)))
        }
    }
}

/// Waits for the server to print "finished" and exit 0.
fn finish(mut child: Child, mut stdout: BufReader<std::process::ChildStdout>) -> Option<String> {
    let mut rest = String::new();
    let _ = std::io::Read::read_to_string(&mut stdout, &mut rest);
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    let _ = std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr);
    (rest != "finished\n" || !status.success()).then(|| {
        format!("server: exit {status}, stdout after the port {rest:?}, stderr {stderr:?}")
    })
}

fn curl(args: &[&str]) -> std::process::Output {
    Command::new("curl")
        .args(["-sS", "--max-time", "20"])
        .args(args)
        .output()
        .expect("curl runs")
}

fn write_server(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("server.mjs");
    std::fs::write(&path, SERVER).unwrap();
    path
}

/// Keep-alive (two requests on one connection), a 2 MiB chunked upload,
/// HTTP/1.1 pipelining, and HTTP/2 without TLS (h2c, prior knowledge).
fn curl_clients() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let program = write_server(temp.path());
    let (child, port, stdout) = match start(&program, &["6"]) {
        Ok(started) => started,
        Err(err) => return Some(err),
    };
    let base = format!("http://127.0.0.1:{port}");
    let two = curl(&["-v", &format!("{base}/one"), &format!("{base}/two")]);
    let log = text(&two.stderr);
    if text(&two.stdout) != "hello GET /onehello GET /two"
        || !log.contains("Re-using existing connection")
    {
        return Some(format!("keep-alive: {}", describe(&two)));
    }
    let body: Vec<u8> = (0..2 * 1024 * 1024).map(|i| (i % 251) as u8).collect();
    let file = temp.path().join("body.bin");
    std::fs::write(&file, &body).unwrap();
    let sum: u64 = body.iter().map(|&b| u64::from(b)).sum();
    let upload = curl(&[
        "-H",
        "Transfer-Encoding: chunked",
        "--data-binary",
        &format!("@{}", file.display()),
        &format!("{base}/upload"),
    ]);
    if text(&upload.stdout) != format!("{} {sum}", body.len()) {
        return Some(format!("chunked upload: {}", describe(&upload)));
    }
    // Pipelining: two requests in one write, two answers in order.
    let pipelined = {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        let requests = "GET /first HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        stream.write_all(requests.as_bytes()).unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    };
    let first = pipelined.find("hello GET /first");
    let second = pipelined.find("hello GET /second");
    if !matches!((first, second), (Some(a), Some(b)) if a < b) {
        return Some(format!("pipelining: got {pipelined:?}"));
    }
    let h2c = curl(&[
        "--http2-prior-knowledge",
        "-w",
        " %{http_version}",
        &format!("{base}/h2c"),
    ]);
    if text(&h2c.stdout) != "hello GET /h2c 2" {
        return Some(format!("h2c: {}", describe(&h2c)));
    }
    finish(child, stdout)
}

/// A certificate for "localhost", made now; written as cert.pem and key.pem.
fn certificate(dir: &Path) {
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    std::fs::write(dir.join("cert.pem"), made.cert.pem()).unwrap();
    std::fs::write(dir.join("key.pem"), made.signing_key.serialize_pem()).unwrap();
}

/// HTTPS with HTTP/2 (ALPN) and with HTTP/1.1, curl trusting the certificate.
fn tls_and_http2() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    certificate(temp.path());
    let program = write_server(temp.path());
    let dir = temp.path().to_str().unwrap();
    let (child, port, stdout) = match start(&program, &["2", dir]) {
        Ok(started) => started,
        Err(err) => return Some(err),
    };
    let url = format!("https://localhost:{port}/secure");
    let resolve = format!("localhost:{port}:127.0.0.1");
    let cacert = format!("{dir}/cert.pem");
    for (flag, version) in [("--http2", "2"), ("--http1.1", "1.1")] {
        let out = curl(&[
            "--cacert",
            &cacert,
            "--resolve",
            &resolve,
            flag,
            "-w",
            " %{http_version}",
            &url,
        ]);
        if text(&out.stdout) != format!("hello GET /secure {version}") {
            return Some(format!("{flag}: {}", describe(&out)));
        }
    }
    finish(child, stdout)
}

/// fetch refuses a certificate it does not trust (ECERT) and accepts it
/// once `SSL_CERT_FILE` names it.
fn fetch_certificates() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    certificate(temp.path());
    let program = temp.path().join("client.mjs");
    std::fs::write(
        &program,
        r#"import { readText } from "kode:fs";
const dir = Kode.args.values[0];
const tls = { cert: await readText(`${dir}/cert.pem`), key: await readText(`${dir}/key.pem`) };
const server = Kode.serve({ hostname: "127.0.0.1", port: 0, tls }, () => new Response("secret"));
try {
  const response = await fetch(`https://localhost:${server.addr.port}/`);
  console.log("fetched", response.status, await response.text());
} catch (error) {
  console.log("failed", error.name, error.cause?.code);
}
await server.shutdown();
"#,
    )
    .unwrap();
    let dir = temp.path().to_str().unwrap();
    let untrusted = kode_in(temp.path(), &["run", "client.mjs", dir]);
    if text(&untrusted.stdout) != "failed TypeError ECERT\n" {
        return Some(format!("untrusted certificate: {}", describe(&untrusted)));
    }
    let trusted = Command::new(crate::kode())
        .args(["run", "client.mjs", dir])
        .env("SSL_CERT_FILE", temp.path().join("cert.pem"))
        .current_dir(temp.path())
        .output()
        .unwrap();
    (text(&trusted.stdout) != "fetched 200 secret\n")
        .then(|| format!("trusted certificate: {}", describe(&trusted)))
}

/// The server packed with `--exe` serves from the executable.
fn executable() -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    write_server(temp.path());
    let app = temp.path().join("app");
    let pack = kode_in(
        temp.path(),
        &["pack", "server.mjs", "--exe", "-o", app.to_str().unwrap()],
    );
    if !pack.status.success() {
        return Some(format!("pack --exe: {}", describe(&pack)));
    }
    let started = start_command(Command::new(&app).arg("1"));
    let (child, port, stdout) = match started {
        Ok(started) => started,
        Err(err) => return Some(err),
    };
    let out = curl(&[&format!("http://127.0.0.1:{port}/from-exe")]);
    if text(&out.stdout) != "hello GET /from-exe" {
        return Some(format!("executable server: {}", describe(&out)));
    }
    finish(child, stdout)
}
