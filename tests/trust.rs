//! The trust model for code caches (docs/trust.md), end to end with the real
//! binary: sealed bundles use their caches, foreign or altered ones run from
//! source, and no crafted cache ever crashes `kode run` or changes what it
//! prints.
//!
//! Every scenario packs and runs with its own `XDG_CONFIG_HOME`, so the
//! sealing keys are the test's own and the user's key is never touched.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use kode_pack::kpk::{self, SealKey};

use crate::kode;
use crate::scenarios::{describe, text, Scenario};

/// Mutated bundles run by `trust_mutated_caches_run_from_source`.
const MUTATED_RUNS: usize = 1000;

pub fn all() -> Vec<(&'static str, Scenario)> {
    vec![
        ("trust_sealed_bundle_uses_its_caches", sealed_bundle),
        ("trust_key_must_be_private", key_must_be_private),
        ("trust_swapped_cache_runs_the_source", swapped_cache),
        ("trust_mutated_caches_run_from_source", mutated_caches),
    ]
}

/// A run that has not ended after this long is killed and reported: a
/// crafted cache that V8 accepted can loop forever. (A safety net, not a
/// timing assertion: every honest run here takes milliseconds.)
const HANG: Duration = Duration::from_secs(60);

/// `kode ARGS` in `dir`, with `config` as the user's config directory.
fn kode_with(dir: &Path, config: &Path, args: &[&str], trace: bool) -> Output {
    let mut command = Command::new(kode());
    command
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", config)
        .env_remove("KODE_TRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if trace {
        command.env("KODE_TRACE", "cache");
    }
    let mut child = command.spawn().expect("run kode");
    let started = Instant::now();
    while child.try_wait().expect("wait for kode").is_none() {
        if started.elapsed() > HANG {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.wait_with_output().expect("collect kode's output")
}

/// Writes `files` into a fresh directory and packs `main.js` with the key in
/// `config`; returns the directory and the bundle's path.
fn packed(
    files: &[(&str, &str)],
    config: &Path,
) -> Result<(tempfile::TempDir, std::path::PathBuf), String> {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().to_path_buf();
    for (name, source) in files {
        std::fs::write(dir.join(name), source).unwrap();
    }
    let out = kode_with(&dir, config, &["pack", "main.js", "-o", "app.kpk"], false);
    if !out.status.success() {
        return Err(format!("pack failed: {}", describe(&out)));
    }
    Ok((temp, dir.join("app.kpk")))
}

const PROGRAM: &[(&str, &str)] = &[
    (
        "main.js",
        "const lib = require('./lib.js');\nconsole.log(lib.sum([1, 2, 3]), lib.greet('kode'));\n",
    ),
    (
        "lib.js",
        "exports.sum = (xs) => xs.reduce((a, b) => a + b, 0);\nexports.greet = (n) => `hello ${n}`;\n",
    ),
];

fn sealed_bundle() -> Option<String> {
    let mine = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let (_temp, bundle) = match packed(PROGRAM, mine.path()) {
        Ok(p) => p,
        Err(e) => return Some(e),
    };
    let dir = bundle.parent().unwrap();
    let key = mine.path().join("kode/seal.key");
    let mode = std::fs::metadata(&key)
        .map(|m| std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o777);
    if mode.as_ref().ok() != Some(&0o600) {
        return Some(format!(
            "the first pack should create {} with mode 0600: {mode:?}",
            key.display()
        ));
    }
    // Each run prints the program's output and one trace line per module,
    // each starting with `prefix` and containing `reason`.
    let check = |config: &Path, extra: &[&str], prefix: &str, reason: &str| {
        let mut args = vec!["run"];
        args.extend_from_slice(extra);
        args.push("app.kpk");
        let out = kode_with(dir, config, &args, true);
        let stderr = text(&out.stderr);
        let ok = text(&out.stdout) == "6 hello kode\n"
            && out.status.success()
            && stderr.lines().count() == 2
            && stderr
                .lines()
                .all(|l| l.starts_with(prefix) && l.contains(reason));
        (!ok).then(|| {
            format!(
                "{args:?}: expected {prefix:?} … {reason:?}\n{}",
                describe(&out)
            )
        })
    };
    let hit = "kode: cache hit ";
    let unused = "kode: cache unused ";
    if let Some(failure) = check(mine.path(), &[], hit, "")
        .or_else(|| {
            check(
                other.path(),
                &[],
                unused,
                "(no local sealing key: not packed here)",
            )
        })
        .or_else(|| check(other.path(), &["--trust-cache"], hit, ""))
    {
        return Some(failure);
    }
    // The other user packs something too, and so has a key of their own.
    if let Err(e) = packed(PROGRAM, other.path()) {
        return Some(e);
    }
    if let Some(failure) = check(
        other.path(),
        &[],
        unused,
        "(sealed with another key: not packed here)",
    ) {
        return Some(failure);
    }
    let out = kode_with(dir, mine.path(), &["inspect", "app.kpk"], false);
    let stdout = text(&out.stdout);
    if !(stdout.contains("\nseal:        key ")
        && stdout.contains("code cache:  used by this kode: yes (sealed with this user's key)"))
    {
        return Some(format!(
            "inspect does not show the seal:\n{}",
            describe(&out)
        ));
    }
    let out = kode_with(dir, other.path(), &["inspect", "app.kpk"], false);
    let stdout = text(&out.stdout);
    let expected = "code cache:  used by this kode: no, every module runs from its source: sealed with another key";
    (!stdout.contains(expected)).then(|| format!("inspect with another key:\n{}", describe(&out)))
}

fn key_must_be_private() -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let config = tempfile::tempdir().unwrap();
    let (_temp, bundle) = match packed(PROGRAM, config.path()) {
        Ok(p) => p,
        Err(e) => return Some(e),
    };
    let key = config.path().join("kode/seal.key");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = kode_with(
        bundle.parent().unwrap(),
        config.path(),
        &["run", "app.kpk"],
        true,
    );
    let stderr = text(&out.stderr);
    let ok = text(&out.stdout) == "6 hello kode\n"
        && stderr.lines().count() == 2
        && stderr
            .lines()
            .all(|l| l.starts_with("kode: cache unused ") && l.contains("readable by no one else"));
    (!ok).then(|| {
        format!(
            "a key readable by others must not be used\n{}",
            describe(&out)
        )
    })
}

/// The attack from issue 10: program A's source with program B's cache (the
/// sources have the same length, which is all V8 checks). Without the seal
/// Kode must print A's output; `--trust-cache` shows the test has teeth.
fn swapped_cache() -> Option<String> {
    let config = tempfile::tempdir().unwrap();
    let a = packed(&[("main.js", "console.log('AAAA');\n")], config.path());
    let b = packed(&[("main.js", "console.log('BBBB');\n")], config.path());
    let ((_ta, a), (_tb, b)) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return Some(e),
    };
    let (_, mut bundle_a) = kpk::read(&std::fs::read(&a).unwrap()).unwrap();
    let (_, bundle_b) = kpk::read(&std::fs::read(&b).unwrap()).unwrap();
    bundle_a.modules[0].code_cache = bundle_b.modules[0].code_cache.clone();
    std::fs::write(&a, kpk::write(&bundle_a)).unwrap();
    let dir = a.parent().unwrap();
    let plain = kode_with(dir, config.path(), &["run", "app.kpk"], false);
    if text(&plain.stdout) != "AAAA\n" || !plain.status.success() {
        return Some(format!(
            "a swapped cache changed the program:\n{}",
            describe(&plain)
        ));
    }
    // Resealing with someone else's key does not help either.
    let mut resealed = kpk::write(&bundle_a);
    kpk::sign(&mut resealed, &SealKey::new([9; 32]));
    std::fs::write(&a, resealed).unwrap();
    let foreign = kode_with(dir, config.path(), &["run", "app.kpk"], false);
    if text(&foreign.stdout) != "AAAA\n" {
        return Some(format!(
            "a foreign seal was honoured:\n{}",
            describe(&foreign)
        ));
    }
    let forced = kode_with(
        dir,
        config.path(),
        &["run", "--trust-cache", "app.kpk"],
        false,
    );
    (text(&forced.stdout) != "BBBB\n").then(|| {
        format!(
            "with --trust-cache V8 should run the swapped cache (the attack this model stops):\n{}",
            describe(&forced)
        )
    })
}

/// A deterministic generator (64-bit LCG, Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// [`MUTATED_RUNS`] bundles whose code caches got three bit flips and whose
/// SHA-256 was recomputed (half of them also resealed with a stranger's key):
/// every run must exit 0 with exactly the original output.
fn mutated_caches() -> Option<String> {
    let config = tempfile::tempdir().unwrap();
    let (_temp, bundle_path) = match packed(PROGRAM, config.path()) {
        Ok(p) => p,
        Err(e) => return Some(e),
    };
    let dir = bundle_path.parent().unwrap().to_path_buf();
    let (_, bundle) = kpk::read(&std::fs::read(&bundle_path).unwrap()).unwrap();
    let stranger = SealKey::new([0x5a; 32]);
    let mut rng = Lcg(0x6b6f6465);
    let mut files = Vec::with_capacity(MUTATED_RUNS);
    for i in 0..MUTATED_RUNS {
        let mut mutated = bundle.clone();
        let module = rng.below(mutated.modules.len());
        let cache = mutated.modules[module]
            .code_cache
            .as_mut()
            .expect("every module has a cache");
        for _ in 0..3 {
            let bit = rng.below(cache.len() * 8);
            cache[bit / 8] ^= 1 << (bit % 8);
        }
        let mut bytes = kpk::write(&mutated);
        if i % 2 == 1 {
            kpk::sign(&mut bytes, &stranger);
        }
        let name = format!("m{i}.kpk");
        std::fs::write(dir.join(&name), bytes).unwrap();
        files.push(name);
    }
    // Two workers: the machine has two cores.
    let halves: Vec<Vec<String>> = vec![
        files.iter().step_by(2).cloned().collect(),
        files.iter().skip(1).step_by(2).cloned().collect(),
    ];
    let failures: Vec<String> = std::thread::scope(|s| {
        let workers: Vec<_> = halves
            .iter()
            .map(|names| {
                let (dir, config) = (&dir, config.path());
                s.spawn(move || {
                    names
                        .iter()
                        .filter_map(|name| {
                            let out = kode_with(dir, config, &["run", name], false);
                            let fine = out.status.success()
                                && text(&out.stdout) == "6 hello kode\n"
                                && out.stderr.is_empty();
                            (!fine).then(|| format!("{name}: {}", describe(&out)))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    (!failures.is_empty()).then(|| {
        format!(
            "{} of {MUTATED_RUNS} mutated bundles misbehaved; first: {}",
            failures.len(),
            failures[0]
        )
    })
}
