//! Results of async ops, made on worker threads (so `Send`) and turned into
//! JS values on the JS thread.

use std::any::Any;
use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;

use crate::error::{string_too_long, try_v8_str, v8_str, KodeError, MAX_STRING_BYTES};

#[derive(Debug)]
pub enum OpValue {
    Undefined,
    Null,
    Text(Text),
    Bytes(Vec<u8>),
    Number(f64),
    Bool(bool),
    Array(Vec<OpValue>),
    Object(Vec<(&'static str, OpValue)>),
    /// A resource an op opened: the event loop puts it in the resource
    /// table, and JavaScript gets its id.
    Resource(NewResource),
    /// A result that writes its own JavaScript value: for results made
    /// often enough (a batch of served requests) that building them as
    /// `OpValue`s first, each text an owned copy, shows in a profile.
    Native(Box<dyn ToJs>),
}

/// A result that makes its JavaScript value itself, on the JS thread.
pub trait ToJs: Send {
    fn to_js<'s>(
        self: Box<Self>,
        scope: &mut v8::PinScope<'s, '_>,
        insert: InsertResource,
    ) -> v8::Local<'s, v8::Value>;
}

impl std::fmt::Debug for dyn ToJs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ToJs")
    }
}

/// Puts a new resource in the isolate's table and gives its id
/// (`resources::insert_js`, which the event loop passes in: the table is
/// built on these types, not the other way round).
pub type InsertResource =
    for<'s, 'i> fn(&mut v8::PinScope<'s, 'i>, NewResource) -> v8::Local<'s, v8::Value>;

/// A long-lived host handle.
pub trait Resource: Any {
    /// What it is, as `Kode.activeOperations()` lists it (`kode:fs.FileHandle`).
    fn name(&self) -> &'static str;
    /// What it is about (a file's path), for the same listing.
    fn detail(&self) -> String;
    /// Releases what the resource holds. Called once, by the table; a
    /// resource dropped without it (an open whose promise was cancelled)
    /// should release the same things in `Drop`.
    fn close(&mut self);
    /// The next result of a resource that delivers many (`resources::ChunkStream::read`);
    /// `None` for one that does not.
    fn read(&self) -> Option<ChunkFuture> {
        None
    }
    /// Everything still to come, as one chunk of bytes (empty at the end
    /// already): a body read whole (`request.json()`) in one op, not one
    /// per chunk.
    /// `None` for a resource that does not offer it.
    fn read_all(&self) -> Option<ChunkFuture> {
        None
    }
    /// Writes all of `bytes` to a resource that takes writes
    /// (`resources::ChunkSink::write`): the future settles with their count
    /// once written. `None` for one that does not.
    fn write(&self, bytes: Vec<u8>) -> Option<ChunkFuture> {
        let _ = bytes;
        None
    }
    /// For ops that need their own kind of resource (`resources::ResourceTable::get`).
    fn as_any(&self) -> &dyn Any;
}

/// A resource made on a worker thread, on its way to the table: an op
/// returns it inside its result ([`OpValue::Resource`]), and the event loop
/// puts it in the table and hands JavaScript its id.
pub struct NewResource(pub Box<dyn Resource + Send>);

impl std::fmt::Debug for NewResource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NewResource({})", self.0.name())
    }
}

/// One result of a stream: a chunk, or the error that ended it.
pub type Chunk = Result<OpValue, KodeError>;

/// A pending read: resolves with the next chunk, `null` at the end, or the
/// stream's error (`ECLOSED` once the resource is closed).
pub type ChunkFuture = Pin<Box<dyn Future<Output = Chunk> + Send>>;

/// Text that fits in a V8 string. Making one checks the length, so a text
/// too long for V8 fails where it is made, on the worker thread, with the
/// operation and path (`ESTRING_TOO_LONG`), and never becomes `""` later.
/// Kode's own words (a kind, a MIME type) are borrowed, not copied.
#[derive(Debug)]
pub struct Text(Cow<'static, str>);

impl Text {
    pub fn new(text: String) -> Result<Text, KodeError> {
        if text.len() > MAX_STRING_BYTES {
            return Err(string_too_long());
        }
        Ok(Text(Cow::Owned(text)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl OpValue {
    /// A text result; `ESTRING_TOO_LONG` (without operation and path: the
    /// caller adds them) when V8 could not hold it.
    pub fn text(text: impl Into<String>) -> Result<OpValue, KodeError> {
        Text::new(text.into()).map(OpValue::Text)
    }

    /// One of Kode's own short words (a kind, a MIME type): always fits.
    pub fn word(word: &'static str) -> OpValue {
        OpValue::Text(Text(Cow::Borrowed(word)))
    }

    pub fn into_js<'s>(
        self,
        scope: &mut v8::PinScope<'s, '_>,
        insert: InsertResource,
    ) -> v8::Local<'s, v8::Value> {
        match self {
            OpValue::Undefined => v8::undefined(scope).into(),
            OpValue::Null => v8::null(scope).into(),
            // `Text::new` applied V8's own (byte-length) check, so this cannot fail.
            OpValue::Text(text) => {
                let text = text.as_str();
                // ASCII (most texts: URLs, header names) is its own
                // one-byte form: V8 need not decode UTF-8.
                let string = if text.is_ascii() {
                    v8::String::new_from_one_byte(scope, text.as_bytes(), v8::NewStringType::Normal)
                } else {
                    try_v8_str(scope, text).ok()
                };
                string
                    .expect("Text::new checked the length against V8's limit")
                    .into()
            }
            OpValue::Bytes(bytes) => crate::v8_util::uint8_array(scope, bytes),
            OpValue::Number(n) => v8::Number::new(scope, n).into(),
            OpValue::Bool(b) => v8::Boolean::new(scope, b).into(),
            OpValue::Array(items) => {
                let items: Vec<_> = items
                    .into_iter()
                    .map(|item| item.into_js(scope, insert))
                    .collect();
                v8::Array::new_with_elements(scope, &items).into()
            }
            OpValue::Object(fields) => {
                let object = v8::Object::new(scope);
                for (key, value) in fields {
                    let key = v8_str(scope, key);
                    let value = value.into_js(scope, insert);
                    object.set(scope, key.into(), value);
                }
                object.into()
            }
            OpValue::Resource(resource) => insert(scope, resource),
            OpValue::Native(value) => value.to_js(scope, insert),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_longer_than_v8_allows_is_refused() {
        assert!(Text::new("x".repeat(16)).is_ok());
        let err = OpValue::text("x".repeat(MAX_STRING_BYTES + 1)).unwrap_err();
        assert_eq!(err.code, "ESTRING_TOO_LONG");
    }
}
