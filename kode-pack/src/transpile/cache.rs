//! Transpiled modules kept on disk, so that running a TypeScript program
//! from source does not pay swc's price (~0.3 s per MB) on every run.
//!
//! One file per (Kode build, options, language, format, file name,
//! source) in `$XDG_CACHE_HOME/kode/transpiled/` (else
//! `~/.cache/kode/transpiled/`), named by the SHA-256 of all of them; the
//! directory is created private to the user. Any unreadable or malformed
//! entry is a miss. `KODE_TRANSPILE_CACHE=0` turns the cache off; deleting the
//! directory clears it. `kode pack` uses it too: a hit holds exactly what a
//! transpile would produce.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use super::Transpiled;

/// Entries start with this (then `u32` LE code length, code, map).
const MAGIC: &[u8; 8] = b"KODETS01";

pub struct Cache {
    dir: PathBuf,
}

/// The running build: its version, and the size and modification time of
/// its executable, so a rebuilt Kode (whose transpiler may differ) never
/// reads what an older build wrote.
fn build_identity() -> &'static [u8] {
    static IDENTITY: OnceLock<Vec<u8>> = OnceLock::new();
    IDENTITY.get_or_init(|| {
        let mut id = env!("CARGO_PKG_VERSION").as_bytes().to_vec();
        let meta = std::env::current_exe().and_then(std::fs::metadata);
        if let Ok(meta) = meta {
            use std::os::unix::fs::MetadataExt;
            id.extend_from_slice(&meta.len().to_le_bytes());
            id.extend_from_slice(&meta.mtime().to_le_bytes());
            id.extend_from_slice(&meta.mtime_nsec().to_le_bytes());
        }
        id
    })
}

/// The cache of this process, if the environment allows one.
pub fn global() -> Option<&'static Cache> {
    static CACHE: OnceLock<Option<Cache>> = OnceLock::new();
    CACHE
        .get_or_init(|| {
            if std::env::var_os("KODE_TRANSPILE_CACHE").is_some_and(|v| v == "0") {
                return None;
            }
            let from_env = |name: &str| {
                std::env::var_os(name)
                    .map(PathBuf::from)
                    .filter(|p| p.is_absolute())
            };
            let base = from_env("XDG_CACHE_HOME")
                .or_else(|| from_env("HOME").map(|home| home.join(".cache")))?;
            Some(Cache::new(base.join("kode").join("transpiled")))
        })
        .as_ref()
}

impl Cache {
    pub fn new(dir: PathBuf) -> Self {
        Cache { dir }
    }

    /// The entry name for everything the output depends on.
    pub fn key(parts: &[&[u8]]) -> String {
        let mut hash = Sha256::new();
        hash.update(build_identity());
        for part in parts {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part);
        }
        hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn get(&self, key: &str) -> Option<Transpiled> {
        let bytes = std::fs::read(self.dir.join(key)).ok()?;
        let rest = bytes.strip_prefix(MAGIC)?;
        let (len, rest) = rest.split_first_chunk::<4>()?;
        let len = u32::from_le_bytes(*len) as usize;
        if rest.len() < len {
            return None;
        }
        let (code, map) = rest.split_at(len);
        Some(Transpiled {
            code: String::from_utf8(code.to_vec()).ok()?,
            source_map: map.to_vec(),
        })
    }

    /// Stores an entry; failures are ignored (the cache is an optimisation).
    pub fn put(&self, key: &str, out: &Transpiled) {
        let _ = self.try_put(key, out);
    }

    fn try_put(&self, key: &str, out: &Transpiled) -> std::io::Result<()> {
        create_private_dir(&self.dir)?;
        let len = u32::try_from(out.code.len()).map_err(std::io::Error::other)?;
        // Written beside, then renamed: a reader never sees half an entry.
        let mut file = tempfile::NamedTempFile::new_in(&self.dir)?;
        file.write_all(MAGIC)?;
        file.write_all(&len.to_le_bytes())?;
        file.write_all(out.code.as_bytes())?;
        file.write_all(&out.source_map)?;
        file.persist(self.dir.join(key))?;
        Ok(())
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_damage_is_a_miss() {
        let dir = std::env::temp_dir().join(format!("kode-ts-cache-{}", std::process::id()));
        let cache = Cache::new(dir.clone());
        let key = Cache::key(&[b"a.ts", b"const x: number = 1;"]);
        assert_ne!(key, Cache::key(&[b"a.ts", b"const x: number = 2;"]));
        assert_ne!(Cache::key(&[b"ab", b"c"]), Cache::key(&[b"a", b"bc"]));
        assert!(cache.get(&key).is_none());
        let out = Transpiled {
            code: "const x = 1;\n".into(),
            source_map: b"{\"version\":3}".to_vec(),
        };
        cache.put(&key, &out);
        let hit = cache.get(&key).expect("a hit");
        assert_eq!((hit.code, hit.source_map), (out.code, out.source_map));
        std::fs::write(dir.join(&key), b"KODETS01\xff\xff\xff\x7fshort").unwrap();
        assert!(cache.get(&key).is_none(), "a truncated entry is a miss");
        std::fs::write(dir.join(&key), b"garbage").unwrap();
        assert!(cache.get(&key).is_none());
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
