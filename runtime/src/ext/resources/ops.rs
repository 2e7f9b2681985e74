//! The generic resource ops every area uses: ids, close, read, write, list.

use crate::error::{codes, KodeError};
use crate::ext::args::{op, TextOrBytes};
use crate::resources::{close, closed_error, table, ChunkFuture, Resource};
use crate::state::state;
use crate::v8_util::v8_str;

op! {
    /// `next_id()`: the next id of the run's one id space (ops, timers, resources).
    fn op_next_id<'s>(scope) -> Result<v8::Local<'s, v8::Number>, KodeError> {
        let id = table(scope).borrow_mut().next_id();
        Ok(v8::Number::new(scope, id as f64))
    }
}

op! {
    /// `resource_close(id)`: closes resource `id`; true if it was open.
    /// Closing one that is closed (or never was) does nothing.
    fn op_resource_close<'s>(scope, id: u64) -> Result<v8::Local<'s, v8::Boolean>, KodeError> {
        let was_open = close(scope, id);
        Ok(v8::Boolean::new(scope, was_open))
    }
}

op! {
    /// `resource_read(opId, id)`: starts op `opId`, which settles with the next
    /// chunk of resource `id` (`null` at the end). Throws `ECLOSED` when `id` is
    /// not open and `EINVALID_ARG` when it does not deliver chunks.
    fn op_resource_read<'s>(scope, op_id: u64, id: u64) -> Result<(), KodeError> {
        start_read(scope, op_id, id, "resource_read", |resource| resource.read(), "does not deliver chunks")
    }
}

op! {
    /// `resource_read_all(opId, id)`: starts op `opId`, which settles with
    /// everything still to come from resource `id` as one chunk (a body
    /// read whole). Throws `ECLOSED` when `id` is not open and
    /// `EINVALID_ARG` when it does not offer that.
    fn op_resource_read_all<'s>(scope, op_id: u64, id: u64) -> Result<(), KodeError> {
        start_read(scope, op_id, id, "resource_read_all", |resource| resource.read_all(), "cannot be read whole")
    }
}

/// Starts op `op_id` with the future `pick` takes from resource `id`;
/// `refusal` says what the resource does not do when it gives none.
fn start_read(
    scope: &mut v8::PinScope,
    op_id: u64,
    id: u64,
    operation: &str,
    pick: fn(&dyn Resource) -> Option<ChunkFuture>,
    refusal: &str,
) -> Result<(), KodeError> {
    let read = {
        // Inside the runtime: a resource may start its producer on the
        // first read (a served request's body).
        let shared = state(scope);
        let mut shared = shared.borrow_mut();
        let _runtime = shared
            .tasks
            .enter()
            .map_err(|err| err.operation(operation))?;
        let table = table(scope);
        let table = table.borrow();
        let resource = table
            .get_any(id)
            .ok_or_else(|| closed_error(operation, &format!("resource {id}")))?;
        pick(resource).ok_or_else(|| {
            KodeError::type_error(
                codes::EINVALID_ARG,
                format!("{} {refusal}", resource.name()),
            )
        })?
    };
    state(scope).borrow_mut().tasks.spawn(op_id, read);
    Ok(())
}

op! {
    /// `resource_write(opId, id, data)`: starts op `opId`, which settles with
    /// the number of bytes once all of `data` (bytes, or a string as UTF-8) is
    /// written to resource `id`; writes to one resource happen in call order.
    /// Throws `ECLOSED` when `id` is not open and `EINVALID_ARG` when it
    /// takes no writes.
    fn op_resource_write<'s>(scope, op_id: u64, id: u64, data: TextOrBytes) -> Result<(), KodeError> {
        let write = {
            let table = table(scope);
            let table = table.borrow();
            let resource = table
                .get_any(id)
                .ok_or_else(|| closed_error("resource_write", &format!("resource {id}")))?;
            let name = resource.name();
            resource.write(data.0).ok_or_else(|| {
                KodeError::type_error(codes::EINVALID_ARG, format!("{name} does not take writes"))
            })?
        };
        state(scope).borrow_mut().tasks.spawn(op_id, write);
        Ok(())
    }
}

op! {
    /// `resource_list()`: `[id, name, detail, openedMs, ...]` of every open resource.
    fn op_resource_list<'s>(scope) -> Result<v8::Local<'s, v8::Array>, KodeError> {
        let open: Vec<_> = table(scope).borrow().list().collect();
        let mut items = Vec::with_capacity(open.len() * 4);
        for (id, name, detail, opened_ms) in open {
            items.push(v8::Number::new(scope, id as f64).into());
            items.push(v8_str(scope, name).into());
            items.push(v8_str(scope, &detail).into());
            items.push(v8::Number::new(scope, opened_ms).into());
        }
        Ok(v8::Array::new_with_elements(scope, &items))
    }
}
