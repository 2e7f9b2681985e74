//! JSON syntax checked exactly as `JSON.parse` checks it at run time, for the
//! JSON modules `kode pack` bundles (pack has no V8 to ask).
//!
//! `JSON.parse` accepts the ECMA-404 grammar and nothing else, with no limit
//! on nesting and no limit on numbers. A general-purpose parser is stricter in
//! places that matter here: serde_json rejects a lone surrogate escape
//! (`"\ud800"`, valid JSON that a JavaScript string holds fine), numbers that
//! overflow an `f64` (`1e400` is `Infinity` to `JSON.parse`) and nesting deeper
//! than 128. So this is a validator of the grammar alone: it builds no value
//! and keeps its nesting on the heap.

/// Where and why a text is not JSON. `offset` is a byte offset into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub offset: usize,
    pub message: String,
}

/// Checks that `text` is one JSON value surrounded by optional whitespace.
/// (A leading byte order mark is the caller's business: `kode run` strips it.)
pub fn validate(text: &str) -> Result<(), JsonError> {
    Validator {
        bytes: text.as_bytes(),
        text,
        pos: 0,
    }
    .document()
}

#[derive(Clone, Copy)]
enum Open {
    Array,
    Object,
}

struct Validator<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Validator<'_> {
    fn document(mut self) -> Result<(), JsonError> {
        let mut open: Vec<Open> = Vec::new();
        'value: loop {
            // A value is expected here.
            self.skip_whitespace();
            match self.peek() {
                Some(b'{') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                    } else {
                        open.push(Open::Object);
                        self.property_name()?;
                        continue 'value;
                    }
                }
                Some(b'[') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                    } else {
                        open.push(Open::Array);
                        continue 'value;
                    }
                }
                Some(b'"') => self.string()?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(b't') => self.literal("true")?,
                Some(b'f') => self.literal("false")?,
                Some(b'n') => self.literal("null")?,
                Some(close @ (b']' | b'}')) if self.after_comma() => {
                    return Err(
                        self.error(format!("trailing comma before '{}'", char::from(close)))
                    );
                }
                _ => return Err(self.error(format!("expected a value, found {}", self.found()))),
            }
            // A value ended: close what it completes, then find the next one.
            loop {
                self.skip_whitespace();
                let Some(&innermost) = open.last() else {
                    if self.pos == self.bytes.len() {
                        return Ok(());
                    }
                    return Err(
                        self.error(format!("unexpected {} after the JSON value", self.found()))
                    );
                };
                match (innermost, self.peek()) {
                    (_, Some(b',')) => {
                        self.pos += 1;
                        if let Open::Object = innermost {
                            self.skip_whitespace();
                            if self.peek() == Some(b'}') {
                                return Err(self.error("trailing comma before '}'".into()));
                            }
                            self.property_name()?;
                        }
                        continue 'value;
                    }
                    (Open::Array, Some(b']')) | (Open::Object, Some(b'}')) => {
                        self.pos += 1;
                        open.pop();
                    }
                    (Open::Array, _) => {
                        return Err(self.error(format!(
                            "expected ',' or ']' after an array element, found {}",
                            self.found()
                        )));
                    }
                    (Open::Object, _) => {
                        return Err(self.error(format!(
                            "expected ',' or '}}' after a property value, found {}",
                            self.found()
                        )));
                    }
                }
            }
        }
    }

    /// `"name"`, whitespace and `:`; the property's value follows.
    fn property_name(&mut self) -> Result<(), JsonError> {
        self.skip_whitespace();
        if self.peek() != Some(b'"') {
            return Err(self.error(format!(
                "expected a double-quoted property name, found {}",
                self.found()
            )));
        }
        self.string()?;
        self.skip_whitespace();
        if self.peek() != Some(b':') {
            return Err(self.error(format!(
                "expected ':' after a property name, found {}",
                self.found()
            )));
        }
        self.pos += 1;
        Ok(())
    }

    /// A string, from its opening quote. Any escaped code unit is fine,
    /// surrogates included: JavaScript strings are UTF-16 code units.
    fn string(&mut self) -> Result<(), JsonError> {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.peek() {
                None => {
                    self.pos = start;
                    return Err(self.error("unterminated string".into()));
                }
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            self.pos += 1
                        }
                        Some(b'u') => {
                            self.pos += 1;
                            for _ in 0..4 {
                                if !self.peek().is_some_and(|b| b.is_ascii_hexdigit()) {
                                    return Err(self.error(format!(
                                        "expected 4 hex digits after \\u, found {}",
                                        self.found()
                                    )));
                                }
                                self.pos += 1;
                            }
                        }
                        _ => {
                            return Err(self.error(format!(
                                "invalid escape: \\ followed by {}",
                                self.found()
                            )));
                        }
                    }
                }
                Some(byte) if byte < 0x20 => {
                    return Err(self.error(format!(
                        "unescaped control character U+{byte:04X} in a string"
                    )));
                }
                // Other bytes, the UTF-8 of non-ASCII characters included, stand for themselves.
                Some(_) => self.pos += 1,
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, any magnitude.
    fn number(&mut self) -> Result<(), JsonError> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(self.error("a number cannot have leading zeros".into()));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error(format!("expected a digit, found {}", self.found()))),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.require_digits("after the decimal point")?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.require_digits("in the exponent")?;
        }
        Ok(())
    }

    fn require_digits(&mut self, place: &str) -> Result<(), JsonError> {
        if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
            return Err(self.error(format!("expected a digit {place}, found {}", self.found())));
        }
        self.digits();
        Ok(())
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), JsonError> {
        for expected in word.bytes() {
            if self.peek() != Some(expected) {
                return Err(self.error(format!("expected `{word}`, found {}", self.found())));
            }
            self.pos += 1;
        }
        Ok(())
    }

    /// JSON's whitespace is exactly space, tab, line feed and carriage return.
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Whether the last non-whitespace byte before `pos` is a comma.
    fn after_comma(&self) -> bool {
        self.bytes[..self.pos]
            .iter()
            .rev()
            .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            == Some(&b',')
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The character at `pos`, for messages.
    fn found(&self) -> String {
        match self
            .text
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
        {
            Some(c) => format!("{c:?}"),
            None => "the end of the file".into(),
        }
    }

    fn error(&self, message: String) -> JsonError {
        JsonError {
            offset: self.pos,
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(text: &str) {
        assert_eq!(validate(text), Ok(()), "should accept {text:?}");
    }

    fn rejects(text: &str, offset: usize, message: &str) {
        let err = validate(text).expect_err(text);
        assert_eq!(
            (err.offset, err.message.as_str()),
            (offset, message),
            "for {text:?}"
        );
    }

    #[test]
    fn accepts_what_json_parse_accepts() {
        for text in [
            "0",
            "-0",
            "-0.5e-7",
            "1E+2",
            "123456789012345678901234567890",
            "1e400",
            "-1e-400",
            "true",
            " \t\r\n null \n",
            "\"\"",
            "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"",
            // Lone surrogate escapes: a JavaScript string holds them.
            "\"\\ud800\"",
            "\"\\udc00x\\uDBFF\"",
            "{\"\\ud800\": [\"\\udfff\"]}",
            // Raw non-ASCII, U+2028/U+2029 and DEL are plain string content.
            "\"日本 \u{2028}\u{2029}\u{7f} 😀\"",
            "[]",
            "{}",
            "[ 1 , [ ] , { } , \"x\" ]",
            "{\"a\": {\"b\": [false, null]}, \"a\": 2}",
        ] {
            accepts(text);
        }
    }

    #[test]
    fn nesting_has_no_limit() {
        let depth = 100_000;
        accepts(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        accepts(&format!(
            "{}1{}",
            "{\"k\":".repeat(depth),
            "}".repeat(depth)
        ));
    }

    #[test]
    fn rejects_what_json_parse_rejects() {
        rejects("", 0, "expected a value, found the end of the file");
        rejects("  ", 2, "expected a value, found the end of the file");
        rejects("[1, 2,]", 6, "trailing comma before ']'");
        rejects("{\"a\": 1, }", 9, "trailing comma before '}'");
        rejects(
            "{a: 1}",
            1,
            "expected a double-quoted property name, found 'a'",
        );
        rejects(
            "{'a': 1}",
            1,
            "expected a double-quoted property name, found '\\''",
        );
        rejects(
            "{\"a\" 1}",
            5,
            "expected ':' after a property name, found '1'",
        );
        rejects(
            "[1 2]",
            3,
            "expected ',' or ']' after an array element, found '2'",
        );
        rejects(
            "{\"a\": 1 \"b\": 2}",
            8,
            "expected ',' or '}' after a property value, found '\"'",
        );
        rejects(
            "[1",
            2,
            "expected ',' or ']' after an array element, found the end of the file",
        );
        rejects("1 2", 2, "unexpected '2' after the JSON value");
        rejects("\"abc", 0, "unterminated string");
        rejects(
            "\"a\nb\"",
            2,
            "unescaped control character U+000A in a string",
        );
        rejects("\"\\x\"", 2, "invalid escape: \\ followed by 'x'");
        rejects(
            "\"\\u12g4\"",
            5,
            "expected 4 hex digits after \\u, found 'g'",
        );
        rejects(
            "\"\\u12\"",
            5,
            "expected 4 hex digits after \\u, found '\"'",
        );
        rejects("01", 1, "a number cannot have leading zeros");
        rejects("-", 1, "expected a digit, found the end of the file");
        rejects("+1", 0, "expected a value, found '+'");
        rejects(".5", 0, "expected a value, found '.'");
        rejects(
            "1.",
            2,
            "expected a digit after the decimal point, found the end of the file",
        );
        rejects(
            "1e+",
            3,
            "expected a digit in the exponent, found the end of the file",
        );
        rejects("NaN", 0, "expected a value, found 'N'");
        rejects("Infinity", 0, "expected a value, found 'I'");
        rejects("tru", 3, "expected `true`, found the end of the file");
        rejects("nul1", 3, "expected `null`, found '1'");
        rejects("// comment\n1", 0, "expected a value, found '/'");
        // A byte order mark is not whitespace (the caller strips a leading one).
        rejects("\u{feff}1", 0, "expected a value, found '\\u{feff}'");
        rejects("1\u{a0}", 1, "unexpected '\\u{a0}' after the JSON value");
        rejects("[1,,2]", 3, "expected a value, found ','");
        rejects("{\"a\":}", 5, "expected a value, found '}'");
    }
}
