//! How deep a corpus gets into the reader: for every file in the given
//! directories, the verdict of `kpk::read` on the bytes as they are, resealed,
//! and sealed as a payload (the three ways `kpk_read` uses an input), with
//! numbers stripped from the messages so that they group.
//!
//! ```text
//! cargo run --example corpus_stats -- corpus/kpk_read seeds/kpk_read
//! ```

use std::collections::BTreeMap;

use kode_fuzz::{reseal, seal_payload};
use kode_pack::kpk;

fn verdict(bytes: &[u8]) -> String {
    match kpk::read(bytes) {
        Ok(_) => "ACCEPTED".into(),
        Err(err) => {
            let text = err.to_string();
            // Group by message shape: digits and quoted strings vary.
            let mut out = String::new();
            let mut quoted = false;
            for c in text.chars() {
                match c {
                    '"' => {
                        quoted = !quoted;
                        if quoted {
                            out.push_str("\"…\"");
                        }
                    }
                    _ if quoted => {}
                    '0'..='9' => {
                        if !out.ends_with('N') {
                            out.push('N');
                        }
                    }
                    _ => out.push(c),
                }
            }
            out
        }
    }
}

fn main() {
    let mut ways: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    let mut files = 0;
    for dir in std::env::args().skip(1) {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            files += 1;
            *ways
                .entry("1 as is")
                .or_default()
                .entry(verdict(&bytes))
                .or_default() += 1;
            if bytes.len() >= kpk::HEADER_LEN {
                let mut resealed = bytes.clone();
                reseal(&mut resealed);
                *ways
                    .entry("2 resealed")
                    .or_default()
                    .entry(verdict(&resealed))
                    .or_default() += 1;
            }
            for version in kode_fuzz::versions() {
                let sealed = seal_payload(version, &bytes);
                *ways
                    .entry(if version == 1 {
                        "3 sealed v1"
                    } else {
                        "3 sealed latest"
                    })
                    .or_default()
                    .entry(verdict(&sealed))
                    .or_default() += 1;
            }
        }
    }
    println!("{files} files");
    for (way, verdicts) in ways {
        println!("{way}:");
        let mut sorted: Vec<_> = verdicts.into_iter().collect();
        sorted.sort_by_key(|entry| std::cmp::Reverse(entry.1));
        for (message, count) in sorted {
            println!("  {count:6}  {message}");
        }
    }
}
