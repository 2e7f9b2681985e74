//! Ops behind `URL` and `URLSearchParams`.
//!
//! JavaScript keeps no parsed URL: it keeps the components these ops return,
//! `[href, origin, protocol, username, password, host, hostname, port,
//! pathname, search, hash]` (the getters' values, [`components`]), and a
//! setter sends the `href` back with the new value. Reparsing an `href` gives
//! the same URL (the standard guarantees it of its serializer), so nothing is
//! lost between calls.

use url::{quirks, Url};

use crate::error::{codes, try_v8_str, KodeError};
use crate::ext::args::op;

/// The URL's getters, in the order `url.js` reads them.
fn components(url: &Url) -> [String; 11] {
    [
        quirks::href(url).to_string(),
        origin(url),
        quirks::protocol(url).to_string(),
        quirks::username(url).to_string(),
        quirks::password(url).to_string(),
        quirks::host(url).to_string(),
        quirks::hostname(url).to_string(),
        quirks::port(url).to_string(),
        quirks::pathname(url).to_string(),
        quirks::search(url).to_string(),
        quirks::hash(url).to_string(),
    ]
}

/// The standard's origin. A `blob:` URL has its path's origin only when that
/// path is an `http:` or `https:` URL (the crate also lends it `ws:`, `ftp:`
/// and nested `blob:` origins, which the standard makes opaque).
fn origin(url: &Url) -> String {
    if url.scheme() == "blob" {
        let inner = Url::parse(url.path());
        if !inner.is_ok_and(|inner| matches!(inner.scheme(), "http" | "https")) {
            return "null".to_string();
        }
    }
    quirks::origin(url)
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
    match base {
        None => Url::parse(input).ok(),
        Some(base) => {
            let base = Url::parse(base).ok()?;
            Url::options().base_url(Some(&base)).parse(input).ok()
        }
    }
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

/// Runs the standard's setter on `url`. A value a setter refuses leaves the
/// URL as it was (the standard's setters never throw).
pub fn set(url: &mut Url, setter: Setter, value: &str) {
    let _ = match setter {
        Setter::Protocol => quirks::set_protocol(url, value),
        Setter::Username => quirks::set_username(url, value),
        Setter::Password => quirks::set_password(url, value),
        Setter::Host => quirks::set_host(url, value),
        Setter::Hostname => quirks::set_hostname(url, value),
        Setter::Port => quirks::set_port(url, value),
        Setter::Pathname => {
            quirks::set_pathname(url, value);
            Ok(())
        }
        Setter::Search => {
            quirks::set_search(url, value);
            Ok(())
        }
        Setter::Hash => {
            quirks::set_hash(url, value);
            Ok(())
        }
        Setter::Query => {
            url.set_query(Some(value).filter(|query| !query.is_empty()));
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
        let mut url = Url::parse(&href).map_err(|_| invalid())?;
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
        let mut url = Url::parse("http://example.net/path").unwrap();
        set(&mut url, Setter::Port, "8080stuff");
        set(&mut url, Setter::Protocol, "nonspecial"); // special to non-special: refused
        set(&mut url, Setter::Search, "a b");
        set(&mut url, Setter::Hash, "h");
        assert_eq!(url.as_str(), "http://example.net:8080/path?a%20b#h");
        set(&mut url, Setter::Query, "");
        assert_eq!(url.as_str(), "http://example.net:8080/path#h");
        assert_eq!(Setter::from_index(9), Some(Setter::Query));
        assert_eq!(Setter::from_index(10), None);
    }
}
