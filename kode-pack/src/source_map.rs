//! Reading source maps: from a position in the JavaScript V8 runs back to
//! the file it was made from (a transpiled module's own map, or the map an
//! npm package ships beside its built JavaScript).

/// A decoded source map.
pub struct SourceMap(swc_sourcemap::SourceMap);

/// A position in an original source, 1-based like V8's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Original {
    /// The map's name for the source file, if it has one.
    pub source: Option<String>,
    pub line: u32,
    pub column: u32,
}

impl SourceMap {
    /// `None` for anything that is not a valid source map (a damaged map
    /// must never break the formatting of a stack).
    pub fn parse(json: &[u8]) -> Option<SourceMap> {
        swc_sourcemap::SourceMap::from_slice(json)
            .ok()
            .map(SourceMap)
    }

    /// The original position of 1-based `line:column` of the generated
    /// code: the nearest mapping at or before it on that line.
    pub fn original(&self, line: u32, column: u32) -> Option<Original> {
        let token = self
            .0
            .lookup_token(line.checked_sub(1)?, column.saturating_sub(1))?;
        if token.get_dst_line() != line - 1 {
            return None;
        }
        Some(Original {
            source: token.get_source().map(|s| s.to_string()),
            line: token.get_src_line() + 1,
            column: token.get_src_col() + 1,
        })
    }
}

/// Where a module's source map is, before anyone needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapSource {
    /// The map itself (a transpiled module's, or one stored in a bundle).
    Bytes(Vec<u8>),
    /// The base64 payload of an inline `data:` URL.
    Inline(String),
    /// A map file beside the JavaScript (read when a stack needs it).
    File(std::path::PathBuf),
}

/// Maps larger than this are not read (a stack is not worth it).
pub const MAX_MAP_BYTES: u64 = 64 << 20;

impl MapSource {
    /// The map's bytes; `None` when they cannot be had.
    pub fn bytes(&self) -> Option<Vec<u8>> {
        use base64::Engine;
        match self {
            MapSource::Bytes(bytes) => Some(bytes.clone()),
            MapSource::Inline(payload) => base64::engine::general_purpose::STANDARD
                .decode(payload.trim())
                .ok(),
            MapSource::File(path) => {
                use std::io::Read;
                let mut bytes = Vec::new();
                std::fs::File::open(path)
                    .ok()?
                    .take(MAX_MAP_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .ok()?;
                (bytes.len() as u64 <= MAX_MAP_BYTES).then_some(bytes)
            }
        }
    }
}

/// The map a JavaScript file names in its last `//# sourceMappingURL=`
/// comment (built npm packages ship one beside their code): an inline
/// base64 `data:` URL, or a relative path resolved against `dir`. Remote
/// URLs and anything else are ignored.
pub fn referenced_map(source: &str, dir: &std::path::Path) -> Option<MapSource> {
    const MARKERS: [&str; 2] = ["//# sourceMappingURL=", "//@ sourceMappingURL="];
    // The comment is the last line that is not blank: only that line is
    // read, so a module without one costs nothing to look at.
    let text = source.trim_end();
    let last_line = text[text.rfind('\n').map_or(0, |i| i + 1)..].trim_start();
    let url = MARKERS
        .iter()
        .find_map(|marker| last_line.strip_prefix(marker))?
        .trim();
    if let Some(data) = url.strip_prefix("data:") {
        let (kind, payload) = data.split_once(',')?;
        return (kind.starts_with("application/json") && kind.ends_with(";base64"))
            .then(|| MapSource::Inline(payload.to_string()));
    }
    if url.is_empty() || url.contains(':') || url.starts_with('/') {
        return None;
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    Some(MapSource::File(crate::resolve::normalize(&dir.join(path))))
}

/// The path a frame moves to: the map's name for the original source,
/// relative to the generated file's directory (or absolute).
pub fn original_path(generated: &std::path::Path, source: &str) -> std::path::PathBuf {
    let source = source.strip_prefix("file://").unwrap_or(source);
    let dir = generated.parent().unwrap_or(std::path::Path::new("/"));
    crate::resolve::normalize(&dir.join(source))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    #[test]
    fn the_last_comment_names_the_map() {
        let dir = Path::new("/pkg/dist");
        let file = |s: &str| referenced_map(s, dir);
        assert_eq!(
            file("code();\n//# sourceMappingURL=index.js.map\n"),
            Some(MapSource::File(PathBuf::from("/pkg/dist/index.js.map")))
        );
        assert_eq!(
            file("x\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,e30=\n"),
            Some(MapSource::Inline("e30=".into()))
        );
        assert_eq!(file("x\n//# sourceMappingURL=https://cdn/x.map\n"), None);
        assert_eq!(file("x\n//# sourceMappingURL=/abs.map\n"), None);
        assert_eq!(
            file("const s = '//# sourceMappingURL=a.map';\nmore();\n"),
            None
        );
        assert_eq!(file("x\n//# sourceMappingURL=a.map\nmore();\n"), None);
        assert_eq!(file("no comment"), None);
        let inline = MapSource::Inline("e30=".into());
        assert_eq!(inline.bytes().as_deref(), Some(&b"{}"[..]));
    }

    #[test]
    fn original_paths_are_relative_to_the_generated_file() {
        let generated = Path::new("/pkg/dist/index.js");
        assert_eq!(
            original_path(generated, "../src/index.ts"),
            PathBuf::from("/pkg/src/index.ts")
        );
        assert_eq!(
            original_path(generated, "index.js"),
            PathBuf::from("/pkg/dist/index.js")
        );
        assert_eq!(
            original_path(generated, "/abs/a.ts"),
            PathBuf::from("/abs/a.ts")
        );
    }
}
