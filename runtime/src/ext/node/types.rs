//! The one op behind `node:util/types` checks that plain JavaScript cannot
//! make without side effects (a generator's `next`, an iterator's step) or
//! at all (module namespaces, externals): V8 answers from the object's
//! internal type.

use crate::error::KodeError;
use crate::ext::args::op;

op! {
    /// `node_value_kinds(value)` → a bit set: 1 generator object, 2 Map
    /// iterator, 4 Set iterator, 8 arguments object, 16 module namespace,
    /// 32 external, 64 native error, 128 async function, 256 generator function.
    fn op_node_value_kinds<'s>(scope, value: v8::Local<'s, v8::Value>) -> Result<v8::Local<'s, v8::Integer>, KodeError> {
        let checks = [
            value.is_generator_object(),
            value.is_map_iterator(),
            value.is_set_iterator(),
            value.is_arguments_object(),
            value.is_module_namespace_object(),
            value.is_external(),
            value.is_native_error(),
            value.is_async_function(),
            value.is_generator_function(),
        ];
        let bits = checks
            .iter()
            .enumerate()
            .fold(0i32, |bits, (i, &set)| if set { bits | (1 << i) } else { bits });
        Ok(v8::Integer::new(scope, bits))
    }
}
