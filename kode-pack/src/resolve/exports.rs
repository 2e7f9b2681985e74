//! `package.json` `"exports"`: PACKAGE_EXPORTS_RESOLVE and PACKAGE_TARGET_RESOLVE
//! from Node's ESM resolution algorithm, mirrored step by step from Node's
//! `lib/internal/modules/esm/resolve.js` (the code is the reference where the
//! prose spec is vaguer, e.g. `null` entries inside arrays).
//!
//! Pure over `serde_json::Value`: no file system. The caller joins the
//! returned target to the package directory and checks that it is a file.
//! The same matching serves `"imports"` (PACKAGE_IMPORTS_RESOLVE), whose
//! targets may also name another package.

use serde_json::{Map, Value};

/// The conditions `require` activates. Node adds "default" implicitly; we
/// list it so the whole set is in one place. Order does not matter here: the
/// order of the keys in the conditions object decides. `node` is active
/// because packages get Node's surface (SPEC §5), as Deno and Bun do.
pub(crate) const REQUIRE_CONDITIONS: &[&str] = &["kode", "node", "require", "default"];
/// The conditions `import` activates.
pub(crate) const IMPORT_CONDITIONS: &[&str] = &["kode", "node", "import", "default"];

/// Why `"exports"` gave no target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ExportsError {
    /// Node's ERR_PACKAGE_PATH_NOT_EXPORTED.
    NotExported,
    /// Node's ERR_INVALID_PACKAGE_TARGET; holds the offending target as text.
    InvalidTarget(String),
    /// Node's ERR_INVALID_PACKAGE_CONFIG.
    InvalidConfig(String),
    /// Node's ERR_INVALID_MODULE_SPECIFIER: the part matched by `*` holds a
    /// `.`, `..` or `node_modules` segment.
    InvalidSubpath,
}

/// What PACKAGE_TARGET_RESOLVE returns: the spec distinguishes `undefined`
/// (no condition matched: keep looking) from `null` (explicitly excluded).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Undefined,
    Null,
    Path(String),
    /// `"imports"` only: a target naming another package (`"#dep": "dep/x"`).
    Bare(String),
}

/// Where a matched entry points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// Relative to the package directory, starting with `./`.
    Path(String),
    /// A bare specifier to resolve from the package directory (`"imports"` only).
    Bare(String),
}

/// Resolves `subpath` (`"."` or `"./…"`) against a package's `"exports"`
/// with the active `conditions`. Returns the target, relative to the package
/// directory, starting with `./`.
pub(crate) fn package_exports_resolve(
    exports: &Value,
    subpath: &str,
    conditions: &[&str],
) -> Result<String, ExportsError> {
    // Sugar: a string, an array or a conditions object stands for { ".": … }.
    let sugar;
    let map: &Map<String, Value> = if is_main_sugar(exports)? {
        sugar = Map::from_iter([(".".to_string(), exports.clone())]);
        &sugar
    } else {
        match exports {
            Value::Object(map) => map,
            // `true`, numbers, ... export nothing.
            _ => return Err(ExportsError::NotExported),
        }
    };

    if !subpath.contains('*') && !subpath.ends_with('/') {
        if let Some(target) = map.get(subpath) {
            return match found(target_resolve(target, None, conditions, false)?)? {
                Found::Path(path) => Ok(path),
                Found::Bare(_) => unreachable!("exports targets are never bare"),
            };
        }
    }
    match pattern_resolve(map, subpath, conditions, false)? {
        Found::Path(path) => Ok(path),
        Found::Bare(_) => unreachable!("exports targets are never bare"),
    }
}

/// PACKAGE_IMPORTS_RESOLVE's matching: `name` (`#…`) against a package's
/// `"imports"` object. The caller has checked `name` (not `#`, not `#/…`).
pub(crate) fn package_imports_resolve(
    imports: &Value,
    name: &str,
    conditions: &[&str],
) -> Result<Found, ExportsError> {
    let Value::Object(map) = imports else {
        return Err(ExportsError::NotExported);
    };
    if !name.contains('*') {
        if let Some(target) = map.get(name) {
            return found(target_resolve(target, None, conditions, true)?);
        }
    }
    pattern_resolve(map, name, conditions, true)
}

/// Pattern keys with one `*`: the most specific match wins (PATTERN_KEY_COMPARE).
fn pattern_resolve(
    map: &Map<String, Value>,
    subpath: &str,
    conditions: &[&str],
    internal: bool,
) -> Result<Found, ExportsError> {
    let mut best: Option<(&str, &str)> = None;
    for key in map.keys() {
        let Some(star) = key.find('*') else { continue };
        if key.rfind('*') != Some(star) {
            continue;
        }
        let (base, trailer) = (&key[..star], &key[star + 1..]);
        if subpath.starts_with(base)
            && subpath.len() >= key.len()
            && subpath.ends_with(trailer)
            && best.is_none_or(|(best_key, _)| pattern_key_compare(best_key, key).is_gt())
        {
            best = Some((key, &subpath[star..subpath.len() - trailer.len()]));
        }
    }
    match best {
        Some((key, matched)) => found(target_resolve(
            &map[key],
            Some(matched),
            conditions,
            internal,
        )?),
        None => Err(ExportsError::NotExported),
    }
}

fn found(target: Target) -> Result<Found, ExportsError> {
    match target {
        Target::Path(path) => Ok(Found::Path(path)),
        Target::Bare(specifier) => Ok(Found::Bare(specifier)),
        Target::Undefined | Target::Null => Err(ExportsError::NotExported),
    }
}

/// True when `exports` is the main entry alone. Mixing `.`-keys and
/// condition keys in one object is a configuration error.
fn is_main_sugar(exports: &Value) -> Result<bool, ExportsError> {
    let map = match exports {
        Value::String(_) | Value::Array(_) => return Ok(true),
        Value::Object(map) => map,
        _ => return Ok(false),
    };
    let mut sugar = None;
    for key in map.keys() {
        let is_condition = !key.starts_with('.');
        match sugar {
            None => sugar = Some(is_condition),
            Some(first) if first != is_condition => {
                return Err(ExportsError::InvalidConfig(
                    "\"exports\" cannot contain some keys starting with '.' and some not".into(),
                ))
            }
            Some(_) => {}
        }
    }
    Ok(sugar.unwrap_or(false))
}

/// Node's patternKeyCompare, called as (current best, candidate): `Greater`
/// means the candidate is more specific (longer base, then longer key).
fn pattern_key_compare(a: &str, b: &str) -> std::cmp::Ordering {
    let base_len = |key: &str| key.find('*').map_or(key.len(), |i| i + 1);
    base_len(b).cmp(&base_len(a)).then(b.len().cmp(&a.len()))
}

/// `internal`: resolving `"imports"`, whose targets may be bare specifiers.
fn target_resolve(
    target: &Value,
    pattern_match: Option<&str>,
    conditions: &[&str],
    internal: bool,
) -> Result<Target, ExportsError> {
    match target {
        Value::String(text) => string_target(text, pattern_match, internal),
        Value::Object(entries) => {
            if entries.keys().any(|key| is_array_index(key)) {
                return Err(ExportsError::InvalidConfig(
                    "\"exports\" cannot contain numeric property keys".into(),
                ));
            }
            // The first active key in the object's own order wins; only an
            // `undefined` result (nested conditions, none active) moves on.
            for (key, value) in entries {
                if conditions.contains(&key.as_str()) {
                    match target_resolve(value, pattern_match, conditions, internal)? {
                        Target::Undefined => continue,
                        resolved => return Ok(resolved),
                    }
                }
            }
            Ok(Target::Undefined)
        }
        Value::Array(items) => {
            if items.is_empty() {
                return Ok(Target::Null);
            }
            // Fallbacks: skip invalid targets and null/undefined results,
            // and report the last failure if nothing resolves.
            let mut last: Result<Target, ExportsError> = Ok(Target::Undefined);
            for item in items {
                match target_resolve(item, pattern_match, conditions, internal) {
                    Ok(found @ (Target::Path(_) | Target::Bare(_))) => return Ok(found),
                    Ok(Target::Undefined) => {}
                    Ok(Target::Null) => last = Ok(Target::Null),
                    Err(err @ ExportsError::InvalidTarget(_)) => last = Err(err),
                    Err(err) => return Err(err),
                }
            }
            last
        }
        Value::Null => Ok(Target::Null),
        Value::Bool(_) | Value::Number(_) => Err(ExportsError::InvalidTarget(target.to_string())),
    }
}

fn string_target(
    text: &str,
    pattern_match: Option<&str>,
    internal: bool,
) -> Result<Target, ExportsError> {
    // An `"imports"` target may name a package: anything that is not a
    // path (`./`, `../`, `/`) nor a URL (`scheme:`) is resolved as a bare
    // specifier from the package.
    if internal
        && !text.starts_with("./")
        && !text.starts_with("../")
        && !text.starts_with('/')
        && !has_url_scheme(text)
    {
        return Ok(Target::Bare(match pattern_match {
            Some(matched) => text.replace('*', matched),
            None => text.to_string(),
        }));
    }
    // Targets must stay inside the package: "./" first, and no `.`, `..`
    // or `node_modules` segment after it.
    if !text.starts_with("./") || has_invalid_segment(&text[2..]) {
        return Err(ExportsError::InvalidTarget(text.to_string()));
    }
    match pattern_match {
        None => Ok(Target::Path(text.to_string())),
        Some(matched) if has_invalid_segment(matched) => Err(ExportsError::InvalidSubpath),
        Some(matched) => Ok(Target::Path(text.replace('*', matched))),
    }
}

/// Node's deprecatedInvalidSegmentRegEx: a `.`, `..` or `node_modules`
/// segment, case-insensitive and also when percent-encoded. Empty segments
/// only earn a deprecation warning in Node, so they pass.
fn has_invalid_segment(path: &str) -> bool {
    path.split(['/', '\\']).any(|segment| {
        let decoded = percent_decode(segment).to_ascii_lowercase();
        decoded == "." || decoded == ".." || decoded == "node_modules"
    })
}

/// Whether `text` starts with a URL scheme (`kode:`, `file:`, `https:`): the
/// WHATWG URL parser would accept it without a base.
pub(crate) fn has_url_scheme(text: &str) -> bool {
    match text.split_once(':') {
        Some((scheme, _)) => {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Decodes `%XX` escapes; malformed escapes stay as they are.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// ECMA-262 array index: a canonical decimal below 2^32 - 1. JS objects
/// reorder such keys, which is why Node rejects them as conditions.
fn is_array_index(key: &str) -> bool {
    let canonical =
        key == "0" || (!key.starts_with('0') && key.bytes().all(|b| b.is_ascii_digit()));
    canonical && !key.is_empty() && key.parse::<u64>().is_ok_and(|n| n < u32::MAX as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn resolve(exports: Value, subpath: &str) -> Result<String, ExportsError> {
        package_exports_resolve(&exports, subpath, REQUIRE_CONDITIONS)
    }

    #[test]
    fn pattern_key_compare_prefers_longer_base_then_longer_key() {
        use std::cmp::Ordering::*;
        assert_eq!(pattern_key_compare("./a/*", "./a/b/*"), Greater);
        assert_eq!(pattern_key_compare("./a/b/*", "./a/*"), Less);
        assert_eq!(pattern_key_compare("./a/*", "./a/*.js"), Greater);
        assert_eq!(pattern_key_compare("./a/*.js", "./a/*"), Less);
        assert_eq!(pattern_key_compare("./a/*", "./a/*"), Equal);
    }

    #[test]
    fn array_index_keys() {
        assert!(is_array_index("0"));
        assert!(is_array_index("12"));
        assert!(!is_array_index("012"));
        assert!(!is_array_index(""));
        assert!(!is_array_index("1a"));
        assert!(!is_array_index("4294967295"));
    }

    #[test]
    fn numeric_condition_keys_are_invalid_config() {
        assert_eq!(
            resolve(json!({ ".": { "0": "./a.js" } }), "."),
            Err(ExportsError::InvalidConfig(
                "\"exports\" cannot contain numeric property keys".into()
            ))
        );
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b%2e"), "a b.");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn encoded_dot_segments_are_invalid() {
        assert_eq!(
            resolve(json!("./%2e%2E/x.js"), "."),
            Err(ExportsError::InvalidTarget("./%2e%2E/x.js".into()))
        );
        assert_eq!(
            resolve(json!("./a/NODE_MODULES/x.js"), "."),
            Err(ExportsError::InvalidTarget("./a/NODE_MODULES/x.js".into()))
        );
    }

    #[test]
    fn array_reports_last_error_or_null() {
        assert_eq!(
            resolve(json!([null, "bad"]), "."),
            Err(ExportsError::InvalidTarget("bad".into()))
        );
        assert_eq!(
            resolve(json!(["bad", null]), "."),
            Err(ExportsError::NotExported)
        );
        assert_eq!(resolve(json!([]), "."), Err(ExportsError::NotExported));
        assert_eq!(
            resolve(json!([{ "browser": "./n.js" }, "./b.js"]), "."),
            Ok("./b.js".into())
        );
    }

    #[test]
    fn non_string_targets_are_invalid() {
        assert_eq!(
            resolve(json!({ ".": 3 }), "."),
            Err(ExportsError::InvalidTarget("3".into()))
        );
        assert_eq!(resolve(json!(true), "."), Err(ExportsError::NotExported));
        assert_eq!(resolve(json!({}), "."), Err(ExportsError::NotExported));
    }

    #[test]
    fn pattern_match_with_dot_segments_is_invalid() {
        assert_eq!(
            resolve(json!({ "./f/*": "./src/*.js" }), "./f/../secret"),
            Err(ExportsError::InvalidSubpath)
        );
    }

    #[test]
    fn pattern_star_needs_at_least_one_char() {
        let exports = json!({ "./f/*.js": "./src/*.js" });
        assert_eq!(
            resolve(exports.clone(), "./f/.js"),
            Err(ExportsError::NotExported)
        );
        assert_eq!(resolve(exports, "./f/a/b.js"), Ok("./src/a/b.js".into()));
    }
}
