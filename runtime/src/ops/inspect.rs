//! Engine facts console formatting needs and plain JavaScript cannot observe
//! without running user code.

/// `proxy_details(value)` → `[target, handler]` for a proxy (both `null` once
/// it is revoked), `undefined` for anything else. Reading them runs no trap.
pub fn op_proxy_details(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Ok(proxy) = v8::Local::<v8::Proxy>::try_from(args.get(0)) else {
        return;
    };
    let target = proxy.get_target(scope);
    let handler = proxy.get_handler(scope);
    rv.set(v8::Array::new_with_elements(scope, &[target, handler]).into());
}
