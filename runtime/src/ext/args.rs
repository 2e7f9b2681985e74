//! Typed ops: argument decoding and result conversion shared by every op.
//!
//! [`op!`](crate::ext::args::op) turns `fn op_x<'s>(scope, name: Type, ...) -> Result<R, KodeError>`
//! into a V8 callback: each argument is decoded by its type's [`FromArg`]
//! (a wrong one throws `TypeError` `EINVALID_ARG`: `The "name" argument must
//! be <what the type takes> (received <typeof>)`, with the op's operation when
//! it names one), the body runs, and `Ok` becomes the return value through
//! [`IntoJs`] while `Err` is thrown.

use std::path::PathBuf;

use crate::error::{codes, KodeError};

/// A JavaScript argument decoded to a Rust type.
pub trait FromArg<'s>: Sized {
    /// What the argument must be, as the error message says it.
    const EXPECTED: &'static str;
    /// `None` when `value` is not one.
    fn from_arg(scope: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self>;
}

/// A result turned into a JavaScript value.
pub trait IntoJs<'s> {
    fn into_js(self, scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Value>;
}

/// A string, exactly (no coercion).
impl<'s> FromArg<'s> for String {
    const EXPECTED: &'static str = "a string";
    fn from_arg(scope: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        value.is_string().then(|| value.to_rust_string_lossy(scope))
    }
}

/// JavaScript truthiness (callers pass booleans).
impl<'s> FromArg<'s> for bool {
    const EXPECTED: &'static str = "a boolean";
    fn from_arg(scope: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        Some(value.boolean_value(scope))
    }
}

/// `ToUint32`, 0 when that throws (op ids, timer ids).
impl<'s> FromArg<'s> for u32 {
    const EXPECTED: &'static str = "a number";
    fn from_arg(scope: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        Some(value.uint32_value(scope).unwrap_or(0))
    }
}

/// `ToInt32`, 0 when that throws (exit codes, file descriptors).
impl<'s> FromArg<'s> for i32 {
    const EXPECTED: &'static str = "a number";
    fn from_arg(scope: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        Some(value.int32_value(scope).unwrap_or(0))
    }
}

/// An op, timer or resource id: a whole number from 0 to 2^53 (the run's
/// 64-bit id space, as exact JS numbers), nothing else.
impl<'s> FromArg<'s> for u64 {
    const EXPECTED: &'static str = "a whole number from 0 to 2^53";
    fn from_arg(scope: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        crate::tasks::op_id(scope, value).ok()
    }
}

/// `ToNumber`, 0 when that throws.
impl<'s> FromArg<'s> for f64 {
    const EXPECTED: &'static str = "a number";
    fn from_arg(scope: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        Some(value.number_value(scope).unwrap_or(0.0))
    }
}

/// The value itself, for ops that look at it.
impl<'s> FromArg<'s> for v8::Local<'s, v8::Value> {
    const EXPECTED: &'static str = "a value";
    fn from_arg(_: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        Some(value)
    }
}

/// A `Uint8Array` (destination of `encodeInto`).
impl<'s> FromArg<'s> for v8::Local<'s, v8::Uint8Array> {
    const EXPECTED: &'static str = "a Uint8Array";
    fn from_arg(_: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        value.try_into().ok()
    }
}

/// A function (a callback an op calls, such as an error maker).
impl<'s> FromArg<'s> for v8::Local<'s, v8::Function> {
    const EXPECTED: &'static str = "a function";
    fn from_arg(_: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        value.try_into().ok()
    }
}

/// An array (lists JavaScript has already checked).
impl<'s> FromArg<'s> for v8::Local<'s, v8::Array> {
    const EXPECTED: &'static str = "an array";
    fn from_arg(_: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        value.try_into().ok()
    }
}

/// An object.
impl<'s> FromArg<'s> for v8::Local<'s, v8::Object> {
    const EXPECTED: &'static str = "an object";
    fn from_arg(_: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        value.try_into().ok()
    }
}

/// `undefined` or `null` is `None`.
impl<'s, T: FromArg<'s>> FromArg<'s> for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    fn from_arg(scope: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        if value.is_null_or_undefined() {
            return Some(None);
        }
        T::from_arg(scope, value).map(Some)
    }
}

/// The bytes of any `ArrayBufferView` (a `Uint8Array`, a `DataView`, ...).
pub struct Bytes(pub Vec<u8>);

impl<'s> FromArg<'s> for Bytes {
    const EXPECTED: &'static str = "a Uint8Array";
    fn from_arg(_: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        view_bytes(value).map(Bytes)
    }
}

/// The bytes of an `ArrayBuffer`, a `SharedArrayBuffer` or a view of one.
pub struct Binary(pub Vec<u8>);

impl<'s> FromArg<'s> for Binary {
    const EXPECTED: &'static str = "an ArrayBuffer or an ArrayBufferView";
    fn from_arg(_: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        binary(value).map(Binary)
    }
}

/// A string as UTF-8, or [`Binary`] bytes.
pub struct Data(pub Vec<u8>);

impl<'s> FromArg<'s> for Data {
    const EXPECTED: &'static str = "a string, an ArrayBuffer or an ArrayBufferView";
    fn from_arg(scope: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        if value.is_string() {
            return Some(Data(value.to_rust_string_lossy(scope).into_bytes()));
        }
        binary(value).map(Data)
    }
}

/// A string as UTF-8, or [`Bytes`] (what `kode:fs.write` writes).
pub struct TextOrBytes(pub Vec<u8>);

impl<'s> FromArg<'s> for TextOrBytes {
    const EXPECTED: &'static str = "a string or a Uint8Array";
    fn from_arg(scope: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        if value.is_string() {
            return Some(TextOrBytes(value.to_rust_string_lossy(scope).into_bytes()));
        }
        view_bytes(value).map(TextOrBytes)
    }
}

/// A path: a string, or a `Uint8Array` of the raw bytes (for names that are
/// not UTF-8, as `kode:fs.list` gives them in `rawName`).
pub struct FsPath(pub PathBuf);

impl<'s> FromArg<'s> for FsPath {
    const EXPECTED: &'static str = "a string or a Uint8Array";
    fn from_arg(scope: &mut v8::PinScope<'s, '_>, value: v8::Local<'s, v8::Value>) -> Option<Self> {
        use std::os::unix::ffi::OsStringExt;
        if value.is_uint8_array() {
            let bytes = view_bytes(value)?;
            return Some(FsPath(PathBuf::from(std::ffi::OsString::from_vec(bytes))));
        }
        String::from_arg(scope, value).map(|text| FsPath(PathBuf::from(text)))
    }
}

fn view_bytes(value: v8::Local<v8::Value>) -> Option<Vec<u8>> {
    let view = v8::Local::<v8::ArrayBufferView>::try_from(value).ok()?;
    let mut bytes = vec![0; view.byte_length()];
    view.copy_contents(&mut bytes);
    Some(bytes)
}

fn binary(value: v8::Local<v8::Value>) -> Option<Vec<u8>> {
    if let Some(bytes) = view_bytes(value) {
        return Some(bytes);
    }
    let (store, len) = if let Ok(buffer) = v8::Local::<v8::ArrayBuffer>::try_from(value) {
        (buffer.get_backing_store(), buffer.byte_length())
    } else if let Ok(buffer) = v8::Local::<v8::SharedArrayBuffer>::try_from(value) {
        (buffer.get_backing_store(), buffer.byte_length())
    } else {
        return None;
    };
    Some(store.iter().take(len).map(std::cell::Cell::get).collect())
}

/// `typeof value`, with `null` for null: how argument errors describe what they got.
pub fn describe(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> String {
    if value.is_null() {
        "null".to_string()
    } else {
        value.type_of(scope).to_rust_string_lossy(scope)
    }
}

/// Decodes argument `index` as `T`, named `name` in the error.
pub fn arg<'s, T: FromArg<'s>>(
    scope: &mut v8::PinScope<'s, '_>,
    args: &v8::FunctionCallbackArguments<'s>,
    index: i32,
    name: &str,
    operation: Option<&str>,
) -> Result<T, KodeError> {
    decode(scope, args.get(index), name, operation)
}

/// The arguments after an op's named ones (`; ..rest` in [`op!`]): a list
/// passed spread, read without an array in between.
pub struct Rest<'a, 's> {
    args: &'a v8::FunctionCallbackArguments<'s>,
    start: i32,
}

impl<'a, 's> Rest<'a, 's> {
    pub fn new(args: &'a v8::FunctionCallbackArguments<'s>, start: i32) -> Self {
        Rest { args, start }
    }

    /// How many there are.
    pub fn count(&self) -> u32 {
        u32::try_from(self.args.length() - self.start).unwrap_or(0)
    }

    pub fn get(&self, index: u32) -> v8::Local<'s, v8::Value> {
        self.args.get(self.start + index as i32)
    }
}

/// Decodes `value` as `T`, for an op that checks another argument first.
pub fn decode<'s, T: FromArg<'s>>(
    scope: &mut v8::PinScope<'s, '_>,
    value: v8::Local<'s, v8::Value>,
    name: &str,
    operation: Option<&str>,
) -> Result<T, KodeError> {
    T::from_arg(scope, value).ok_or_else(|| {
        let received = describe(scope, value);
        let message = format!(
            "The \"{name}\" argument must be {} (received {received})",
            T::EXPECTED
        );
        let error = KodeError::type_error(codes::EINVALID_ARG, message);
        match operation {
            Some(operation) => error.operation(operation),
            None => error,
        }
    })
}

impl<'s, T> IntoJs<'s> for v8::Local<'s, T>
where
    v8::Local<'s, T>: Into<v8::Local<'s, v8::Value>>,
{
    fn into_js(self, _: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Value> {
        self.into()
    }
}

/// A `Uint8Array` owning the bytes.
impl<'s> IntoJs<'s> for Vec<u8> {
    fn into_js(self, scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Value> {
        crate::v8_util::uint8_array(scope, self)
    }
}

/// `undefined` for `None` (also what an op returns after V8 threw).
impl<'s, T: IntoJs<'s>> IntoJs<'s> for Option<T> {
    fn into_js(self, scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Value> {
        match self {
            Some(value) => value.into_js(scope),
            None => v8::undefined(scope).into(),
        }
    }
}

impl<'s> IntoJs<'s> for () {
    fn into_js(self, scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Value> {
        v8::undefined(scope).into()
    }
}

/// Sets the op's return value, or throws its error.
pub fn settle<'s, R: IntoJs<'s>>(
    scope: &mut v8::PinScope<'s, '_>,
    mut rv: v8::ReturnValue<'s, v8::Value>,
    result: Result<R, KodeError>,
) {
    match result {
        Ok(value) => {
            let value = value.into_js(scope);
            rv.set(value)
        }
        Err(err) => err.throw(scope),
    }
}

/// Declares a typed op; see the module documentation.
///
/// ```ignore
/// op! {
///     /// `encoding_encode_hex(data)`.
///     fn op_encoding_encode_hex<'s>(scope, data: Data) as "kode:encoding.encodeHex"
///         -> Result<v8::Local<'s, v8::String>, KodeError> { ... }
/// }
/// ```
macro_rules! op {
    (
        $(#[$meta:meta])*
        fn $name:ident<$s:lifetime>($scope:ident $(, $arg:ident : $ty:ty)* $(; ..$rest:ident)? $(,)?)
            $(as $operation:literal)? -> $ret:ty $body:block
    ) => {
        $(#[$meta])*
        pub fn $name<$s>(
            $scope: &mut v8::PinScope<$s, '_>,
            args: v8::FunctionCallbackArguments<$s>,
            rv: v8::ReturnValue<$s, v8::Value>,
        ) {
            #[allow(unused_variables)]
            let operation: Option<&'static str> = None $(.or(Some($operation)))?;
            #[allow(unused_mut, unused_variables)]
            let mut index = 0;
            $(
                let $arg: $ty = match $crate::ext::args::arg($scope, &args, index, stringify!($arg), operation) {
                    Ok(value) => value,
                    Err(err) => return err.throw($scope),
                };
                index += 1;
            )*
            $(let $rest = $crate::ext::args::Rest::new(&args, index);)?
            let _ = (index, &args);
            #[allow(clippy::redundant_closure_call)]
            let result = (|| -> $ret { $body })();
            $crate::ext::args::settle($scope, rv, result);
        }
    };
}
pub(crate) use op;
