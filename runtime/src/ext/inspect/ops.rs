//! Engine facts console formatting needs and plain JavaScript cannot observe
//! without running user code.

use crate::error::KodeError;
use crate::ext::args::op;

op! {
    /// `proxy_details(value)` → `[target, handler]` for a proxy (both `null` once
    /// it is revoked), `undefined` for anything else. Reading them runs no trap.
    fn op_proxy_details<'s>(scope, value: v8::Local<'s, v8::Value>)
        -> Result<Option<v8::Local<'s, v8::Array>>, KodeError>
    {
        let Ok(proxy) = v8::Local::<v8::Proxy>::try_from(value) else {
            return Ok(None);
        };
        let target = proxy.get_target(scope);
        let handler = proxy.get_handler(scope);
        Ok(Some(v8::Array::new_with_elements(scope, &[target, handler])))
    }
}
