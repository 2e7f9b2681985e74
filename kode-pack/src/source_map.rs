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
