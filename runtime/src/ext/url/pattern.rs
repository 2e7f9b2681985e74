//! Ops behind `URLPattern` (WHATWG URL Pattern Standard). The `urlpattern`
//! crate parses a pattern into its eight components, each a canonical
//! pattern string, a regular expression in ECMAScript syntax and the names
//! of its groups; JavaScript (`url_pattern.js`) compiles those with `RegExp`
//! and the "v" flag, as the standard says, and matches there: V8's RegExp is
//! the standard's regular expression language (the `regex` crate has no
//! lookaround, no backreferences, no set notation). The crate also turns a
//! match input (a URL string or a `URLPatternInit`) into the components to
//! match.

use std::borrow::Cow;

use urlpattern::quirks::{self, StringOrInit, UrlPatternInit};
use urlpattern::regexp::RegExp;
use urlpattern::{RegexSyntax, UrlPatternOptions};

use crate::error::{codes, try_v8_str, KodeError};
use crate::ext::args::op;

/// A component's regular expression as text: the crate needs a `RegExp`
/// type, but the text is only compiled (and so validated) in JavaScript.
struct EcmaSource(String);

impl RegExp for EcmaSource {
    fn syntax() -> RegexSyntax {
        RegexSyntax::EcmaScript
    }

    fn parse(pattern: &str, _flags: &str, _force_eval: bool) -> Result<Self, ()> {
        Ok(EcmaSource(pattern.to_string()))
    }

    /// The crate matches while parsing only to ask whether a protocol
    /// pattern matches a special scheme; `regex` reads those simple
    /// patterns as V8 would, and one it cannot read counts as no match.
    fn matches<'a>(&self, text: &'a str) -> Option<Vec<Option<&'a str>>> {
        let regex = regex::Regex::new(&self.0).ok()?;
        let captures = regex.captures(text)?;
        Some(
            captures
                .iter()
                .skip(1)
                .map(|c| c.map(|m| m.as_str()))
                .collect(),
        )
    }

    fn pattern_string(&self) -> &str {
        &self.0
    }
}

/// The component names, in the order every array of these ops uses.
const COMPONENTS: usize = 8;

/// A pattern or match input from JavaScript: a string, or the members of a
/// `URLPatternInit` as `[protocol, username, password, hostname, port,
/// pathname, search, hash, baseURL]`, each a string or `undefined`.
fn input<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    value: v8::Local<'s, v8::Value>,
) -> Result<StringOrInit<'static>, KodeError> {
    if value.is_string() {
        return Ok(StringOrInit::String(Cow::Owned(
            value.to_rust_string_lossy(scope),
        )));
    }
    let members = v8::Local::<v8::Array>::try_from(value)
        .ok()
        .filter(|members| members.length() as usize == COMPONENTS + 1)
        .ok_or_else(|| {
            KodeError::type_error(
                codes::EINVALID_ARG,
                "a URLPattern input must be a string or an init array",
            )
        })?;
    let mut fields: Vec<Option<String>> = Vec::with_capacity(COMPONENTS + 1);
    for index in 0..members.length() {
        let member = members.get_index(scope, index).filter(|m| m.is_string());
        fields.push(member.map(|m| m.to_rust_string_lossy(scope)));
    }
    let mut fields = fields.into_iter();
    let mut next = || fields.next().flatten();
    Ok(StringOrInit::Init(UrlPatternInit {
        protocol: next(),
        username: next(),
        password: next(),
        hostname: next(),
        port: next(),
        pathname: next(),
        search: next(),
        hash: next(),
        base_url: next(),
    }))
}

fn pattern_error(error: urlpattern::Error, operation: &str) -> KodeError {
    let message = match error {
        urlpattern::Error::Url(error) => {
            format!("Invalid URL pattern: the base URL is not valid ({error})")
        }
        error => format!("Invalid URL pattern: {error}"),
    };
    KodeError::type_error(codes::EINVALID_URL_PATTERN, message).operation(operation)
}

op! {
    /// `url_pattern_parse(input, baseURL, ignoreCase)` → `[hasRegExpGroups,
    /// then for each component: pattern string, regexp source, group names]`.
    /// A pattern the standard refuses throws `TypeError` `EINVALID_URL_PATTERN`.
    fn op_url_pattern_parse<'s>(scope, input: v8::Local<'s, v8::Value>, base: Option<String>, ignore_case: bool)
        -> Result<v8::Local<'s, v8::Array>, KodeError>
    {
        let input = self::input(scope, input)?;
        let init = quirks::process_construct_pattern_input(input, base.as_deref())
            .map_err(|e| pattern_error(e, "new URLPattern"))?;
        let options = UrlPatternOptions { regex_syntax: RegexSyntax::EcmaScript, ignore_case };
        let pattern = quirks::parse_pattern::<EcmaSource>(init, options)
            .map_err(|e| pattern_error(e, "new URLPattern"))?;
        let mut items = vec![v8::Boolean::new(scope, pattern.has_regexp_groups).into()];
        for component in [
            &pattern.protocol,
            &pattern.username,
            &pattern.password,
            &pattern.hostname,
            &pattern.port,
            &pattern.pathname,
            &pattern.search,
            &pattern.hash,
        ] {
            items.push(try_v8_str(scope, &component.pattern_string)?.into());
            items.push(try_v8_str(scope, &component.regexp_string)?.into());
            let mut names = Vec::with_capacity(component.group_name_list.len());
            for name in &component.group_name_list {
                names.push(try_v8_str(scope, name)?.into());
            }
            items.push(v8::Array::new_with_elements(scope, &names).into());
        }
        Ok(v8::Array::new_with_elements(scope, &items))
    }
}

op! {
    /// `url_pattern_input(input, baseURL)` → the eight components to match
    /// (`[protocol, ..., hash]`), or `undefined` when the input is no URL
    /// (then nothing matches). An init with a separate base URL throws.
    fn op_url_pattern_input<'s>(scope, input: v8::Local<'s, v8::Value>, base: Option<String>)
        -> Result<Option<v8::Local<'s, v8::Array>>, KodeError>
    {
        let input = self::input(scope, input)?;
        let processed = quirks::process_match_input(input, base.as_deref())
            .map_err(|e| pattern_error(e, "URLPattern.exec"))?;
        let Some((input, _)) = processed else {
            return Ok(None);
        };
        let Some(components) = quirks::parse_match_input(input) else {
            return Ok(None);
        };
        let mut items = Vec::with_capacity(COMPONENTS);
        for text in [
            &components.protocol,
            &components.username,
            &components.password,
            &components.hostname,
            &components.port,
            &components.pathname,
            &components.search,
            &components.hash,
        ] {
            items.push(try_v8_str(scope, text)?.into());
        }
        Ok(Some(v8::Array::new_with_elements(scope, &items)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pathname_base: &str) -> quirks::UrlPattern {
        let input = StringOrInit::String(Cow::Borrowed(pathname_base));
        let init = quirks::process_construct_pattern_input(input, None).unwrap();
        let options = UrlPatternOptions {
            regex_syntax: RegexSyntax::EcmaScript,
            ignore_case: false,
        };
        quirks::parse_pattern::<EcmaSource>(init, options).unwrap()
    }

    #[test]
    fn sources_are_ecmascript_and_left_for_v8_to_check() {
        // "/" is escaped as ECMAScript wants; a group only V8 reads is kept.
        let pattern = parse("https://example.com/:id((?!x)\\d+)");
        assert_eq!(pattern.pathname.regexp_string, "^(?:\\/((?!x)\\d+))$");
        assert_eq!(pattern.pathname.group_name_list, ["id"]);
        assert!(pattern.has_regexp_groups);
    }

    #[test]
    fn a_protocol_pattern_matching_a_special_scheme_makes_the_path_hierarchical() {
        // `(https|ftp)` runs through `EcmaSource::matches` while parsing:
        // the path then takes the "/"-delimited form, not the opaque one.
        let pattern = parse("(https|ftp)://example.com/a/:b");
        assert_eq!(pattern.pathname.regexp_string, "^\\/a(?:\\/([^\\/]+?))$");
        let source = EcmaSource("^(https|ftp)$".into());
        assert_eq!(source.matches("ftp"), Some(vec![Some("ftp")]));
        assert_eq!(source.matches("http"), None);
        // A source only V8 can read matches nothing here.
        assert_eq!(EcmaSource("^(?<=a)b$".into()).matches("b"), None);
    }
}
