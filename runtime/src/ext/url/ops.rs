//! Ops behind `URL` and `URLSearchParams`: the parser and setters are
//! `ada-url`'s (ada, the WHATWG URL parser Node uses); `URLSearchParams`
//! parses with the `url` crate's `form_urlencoded`.
//!
//! JavaScript keeps no parsed URL: it keeps the components these ops return,
//! `[href, origin, protocol, username, password, host, hostname, port,
//! pathname, search, hash]` (the getters' values, [`components`]), and a
//! setter sends the `href` back with the new value. Reparsing an `href` gives
//! the same URL (the standard guarantees it of its serializer), so nothing is
//! lost between calls.

use ada_url::Url;

use crate::error::{codes, try_v8_str, KodeError};
use crate::ext::args::op;

/// The URL's getters, in the order `url.js` reads them.
fn components(url: &Url) -> [String; 11] {
    [
        url.href().to_string(),
        origin(url),
        url.protocol().to_string(),
        url.username().to_string(),
        url.password().to_string(),
        url.host().to_string(),
        url.hostname().to_string(),
        url.port().to_string(),
        url.pathname().to_string(),
        url.search().to_string(),
        url.hash().to_string(),
    ]
}

/// The standard's origin. A `blob:` URL has its path's origin only when that
/// path is an `http:` or `https:` URL; every other `blob:` origin is opaque.
fn origin(url: &Url) -> String {
    if url.protocol() == "blob:" {
        let inner = Url::parse(url.pathname(), None);
        if !inner.is_ok_and(|inner| matches!(inner.protocol(), "http:" | "https:")) {
            return "null".to_string();
        }
    }
    url.origin()
}

fn to_js_strings<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    texts: impl IntoIterator<Item = impl AsRef<str>>,
) -> Result<v8::Local<'s, v8::Array>, KodeError> {
    let mut items = Vec::new();
    for text in texts {
        items.push(try_v8_str(scope, text.as_ref())?.into());
    }
    Ok(v8::Array::new_with_elements(scope, &items))
}

/// The URL parser of the standard: `input` against `base`, if any.
pub fn parse(input: &str, base: Option<&str>) -> Option<Url> {
    Url::parse(input, base).ok()
}

/// Which component `url_set` changes; the numbers are `url.js`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setter {
    Protocol,
    Username,
    Password,
    Host,
    Hostname,
    Port,
    Pathname,
    Search,
    Hash,
    /// The query `URLSearchParams` serialized (already encoded; empty is none).
    Query,
}

impl Setter {
    fn from_index(index: u32) -> Option<Setter> {
        use Setter::*;
        [
            Protocol, Username, Password, Host, Hostname, Port, Pathname, Search, Hash, Query,
        ]
        .get(index as usize)
        .copied()
    }
}

/// Runs the standard's setter on `url` (ada's, as Node's). A value a setter
/// refuses leaves the URL as it was (the standard's setters never throw).
pub fn set(url: &mut Url, setter: Setter, text: &str) {
    let value = Some(text);
    let _ = match setter {
        Setter::Protocol => url.set_protocol(text),
        Setter::Username => url.set_username(value),
        Setter::Password => url.set_password(value),
        Setter::Host => url.set_host(value),
        Setter::Hostname => url.set_hostname(value),
        Setter::Port => url.set_port(value),
        Setter::Pathname => url.set_pathname(value),
        Setter::Search => {
            url.set_search(value);
            Ok(())
        }
        Setter::Hash => {
            url.set_hash(value);
            Ok(())
        }
        Setter::Query => {
            url.set_search(value.filter(|query| !query.is_empty()));
            Ok(())
        }
    };
}

op! {
    /// `url_parse(input, base?)` → the components, or `undefined` when
    /// `input` (or `base`) is not a valid URL.
    fn op_url_parse<'s>(scope, input: String, base: Option<String>)
        -> Result<Option<v8::Local<'s, v8::Array>>, KodeError>
    {
        match parse(&input, base.as_deref()) {
            Some(url) => to_js_strings(scope, components(&url)).map(Some),
            None => Ok(None),
        }
    }
}

op! {
    /// `url_set(href, setter, value)` → the components after the setter
    /// (numbered as [`Setter`]) ran on the URL `href`.
    fn op_url_set<'s>(scope, href: String, setter: u32, value: String)
        -> Result<v8::Local<'s, v8::Array>, KodeError>
    {
        let invalid = || {
            KodeError::type_error(codes::EINVALID_URL, format!("Invalid URL: {href}"))
                .operation("URL")
        };
        let mut url = Url::parse(href.as_str(), None).map_err(|_| invalid())?;
        set(&mut url, Setter::from_index(setter).ok_or_else(invalid)?, &value);
        to_js_strings(scope, components(&url))
    }
}

op! {
    /// `url_form_parse(text)` → `[name, value, name, value, ...]`: the
    /// standard's `application/x-www-form-urlencoded` parser.
    fn op_url_form_parse<'s>(scope, text: String) -> Result<v8::Local<'s, v8::Array>, KodeError> {
        let pairs = url::form_urlencoded::parse(text.as_bytes());
        to_js_strings(scope, pairs.flat_map(|(name, value)| [name, value]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_against_a_base_and_refuses_invalid_input() {
        let url = parse("../c?x#y", Some("http://EXAMPLE.com:80/a/b")).unwrap();
        assert_eq!(
            components(&url),
            [
                "http://example.com/c?x#y",
                "http://example.com",
                "http:",
                "",
                "",
                "example.com",
                "example.com",
                "",
                "/c",
                "?x",
                "#y"
            ]
        );
        assert!(parse("nope", None).is_none());
        assert!(parse("a", Some("nope")).is_none());
        assert!(parse("http://[::1", None).is_none());
        let origin_of = |text| origin(&parse(text, None).unwrap());
        assert_eq!(
            origin_of("blob:https://a.example:8443/x"),
            "https://a.example:8443"
        );
        assert_eq!(origin_of("blob:ws://a.example/"), "null");
        assert_eq!(origin_of("blob:blob:https://a.example/"), "null");
        assert_eq!(origin_of("blob:nope"), "null");
    }

    #[test]
    fn setters_follow_the_standard() {
        let mut url = Url::parse("http://example.net/path", None).unwrap();
        set(&mut url, Setter::Port, "8080stuff");
        set(&mut url, Setter::Protocol, "nonspecial"); // special to non-special: refused
        set(&mut url, Setter::Search, "a b");
        set(&mut url, Setter::Hash, "h");
        assert_eq!(url.href(), "http://example.net:8080/path?a%20b#h");
        set(&mut url, Setter::Query, "");
        assert_eq!(url.href(), "http://example.net:8080/path#h");
        assert_eq!(Setter::from_index(9), Some(Setter::Query));
        assert_eq!(Setter::from_index(10), None);
    }
}
