//! Results of async ops, made on worker threads (so `Send`) and turned into
//! JS values on the JS thread.

use crate::error::v8_str;

#[derive(Debug)]
pub enum OpValue {
    Undefined,
    Null,
    Text(String),
    Bytes(Vec<u8>),
    Number(f64),
    Array(Vec<OpValue>),
    Object(Vec<(&'static str, OpValue)>),
}

impl OpValue {
    pub fn into_js<'s>(self, scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Value> {
        match self {
            OpValue::Undefined => v8::undefined(scope).into(),
            OpValue::Null => v8::null(scope).into(),
            OpValue::Text(text) => v8_str(scope, &text).into(),
            OpValue::Bytes(bytes) => crate::ops::uint8_array(scope, bytes),
            OpValue::Number(n) => v8::Number::new(scope, n).into(),
            OpValue::Array(items) => {
                let items: Vec<_> = items.into_iter().map(|item| item.into_js(scope)).collect();
                v8::Array::new_with_elements(scope, &items).into()
            }
            OpValue::Object(fields) => {
                let object = v8::Object::new(scope);
                for (key, value) in fields {
                    let key = v8_str(scope, key);
                    let value = value.into_js(scope);
                    object.set(scope, key.into(), value);
                }
                object.into()
            }
        }
    }
}
