//! The local sealing key and the decision whether a bundle's code caches may
//! reach V8 (docs/trust.md).
//!
//! `kode pack` seals every `.kpk` with a key that only the local user can
//! read, created on first use at `$XDG_CONFIG_HOME/kode/seal.key` (else
//! `~/.config/kode/seal.key`). `kode run` honours the code caches of a bundle
//! only when its seal verifies with that key, or when the user says
//! `--trust-cache`; any other bundle runs from its sources.

use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use kode_pack::kpk::{seal, Header, SealKey};
use kode_runtime::CacheTrust;

const KEY_LEN: usize = 32;

/// Where this user's key lives, if there is a home to put it in.
pub fn key_path() -> Option<PathBuf> {
    let from_env = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let config =
        from_env("XDG_CONFIG_HOME").or_else(|| from_env("HOME").map(|h| h.join(".config")))?;
    Some(config.join("kode").join("seal.key"))
}

/// The key: `Ok(None)` when this user has none yet, `Err` when there is one
/// that cannot be used (and why).
pub fn load_key() -> Result<Option<SealKey>, String> {
    let Some(path) = key_path() else {
        return Ok(None);
    };
    match std::fs::symlink_metadata(&path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        _ => read_key(&path).map(Some),
    }
}

/// The key, created on first use (by `kode pack`).
pub fn load_or_create_key() -> Result<SealKey, String> {
    let path = key_path().ok_or("no HOME or XDG_CONFIG_HOME to keep a sealing key in")?;
    match std::fs::symlink_metadata(&path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => create_key(&path),
        _ => read_key(&path),
    }
}

/// Whether `header`'s code caches may be used when the bundle is a file given
/// to `kode run` or `kode inspect`.
pub fn cache_trust(header: &Header, forced: bool) -> CacheTrust {
    if forced {
        return CacheTrust::Trusted;
    }
    let key = load_key();
    match seal::check(header, key.as_ref().ok().and_then(Option::as_ref)) {
        seal::SealCheck::Valid => CacheTrust::Trusted,
        seal::SealCheck::Untrusted(why) => match (&key, header.seal) {
            // A sealed bundle and a key that exists but cannot be used: say why.
            (Err(key_problem), Some(_)) => CacheTrust::Untrusted(format!("{why}; {key_problem}")),
            _ => CacheTrust::Untrusted(why),
        },
    }
}

/// Seals a freshly written bundle with this user's key (created on first
/// use). Without a usable key the bundle stays unsealed, with a warning: it
/// still runs everywhere, from its sources.
pub fn seal(bundle: &mut [u8]) {
    match load_or_create_key() {
        Ok(key) => kode_pack::kpk::sign(bundle, &key),
        Err(why) => eprintln!(
            "warning: the bundle is not sealed, so kode run will not use its code caches: {why}"
        ),
    }
}

fn read_key(path: &Path) -> Result<SealKey, String> {
    let shown = path.display();
    let mut file = File::options()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .map_err(|err| format!("cannot read the sealing key {shown}: {err}"))?;
    let meta = file
        .metadata()
        .map_err(|err| format!("cannot read the sealing key {shown}: {err}"))?;
    // SAFETY: geteuid has no preconditions.
    let me = unsafe { libc::geteuid() };
    if !meta.is_file() || meta.uid() != me || meta.mode() & 0o077 != 0 {
        return Err(format!(
            "the sealing key {shown} must be a regular file owned by this user and readable by no one else (mode 0600)"
        ));
    }
    let mut bytes = Vec::with_capacity(KEY_LEN + 1);
    (&mut file)
        .take(KEY_LEN as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| format!("cannot read the sealing key {shown}: {err}"))?;
    let key: [u8; KEY_LEN] = bytes
        .try_into()
        .map_err(|_| format!("the sealing key {shown} is not {KEY_LEN} bytes long"))?;
    Ok(SealKey::new(key))
}

/// Writes a fresh random key next to `path` and links it into place, so that
/// a concurrent pack either wins the race or reads the winner's whole key.
fn create_key(path: &Path) -> Result<SealKey, String> {
    let shown = path.display();
    let fail = |err: std::io::Error| format!("cannot create the sealing key {shown}: {err}");
    let dir = path.parent().expect("key path has a parent");
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(fail)?;
    let mut key = [0u8; KEY_LEN];
    getrandom::fill(&mut key).map_err(|err| fail(std::io::Error::other(err.to_string())))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".seal.key-")
        .permissions(std::fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)
        .map_err(fail)?;
    temp.write_all(&key).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    match std::fs::hard_link(temp.path(), path) {
        Ok(()) => Ok(SealKey::new(key)),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => read_key(path),
        Err(err) => Err(fail(err)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_once_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kode").join("seal.key");
        let first = create_key(&path).unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!(meta.mode() & 0o777, 0o600);
        assert_eq!(meta.len(), KEY_LEN as u64);
        assert_eq!(read_key(&path).unwrap().id(), first.id());
        // A second creation (a racing pack) keeps the first key.
        assert_eq!(create_key(&path).unwrap().id(), first.id());
        // No temporary files are left beside it.
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
    }

    #[test]
    fn a_key_others_can_read_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("seal.key");
        std::fs::write(&path, [7u8; KEY_LEN]).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(read_key(&path)
            .unwrap_err()
            .contains("readable by no one else"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(read_key(&path).is_ok());
        std::fs::write(&path, [7u8; KEY_LEN + 1]).unwrap();
        assert!(read_key(&path).unwrap_err().contains("not 32 bytes"));
    }
}
