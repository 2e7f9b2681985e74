//! Ops behind `CompressionStream` and `DecompressionStream`.
//!
//! A stream's [`Flate`] lives here, in the isolate's [`FlateStreams`] slot,
//! under an id from the run's id space that the stream's algorithms hold. It
//! is dropped by `streams_flate_finish` (the stream flushed), by a
//! `streams_flate_write` that fails (the stream errors), by
//! `streams_flate_free` (canceled or aborted, or collected mid-stream: a
//! `FinalizationRegistry` in `streams_transform.js`), or with the isolate.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::error::{codes, KodeError};
use crate::ext::args::{op, Binary};

use super::flate::{Flate, FlateError, Format};

/// The compressors of the streams in progress, by id.
#[derive(Default)]
pub struct FlateStreams(RefCell<HashMap<u64, Flate>>);

pub fn install(isolate: &mut v8::Isolate) {
    isolate.set_slot(FlateStreams::default());
}

fn streams(isolate: &v8::Isolate) -> &RefCell<HashMap<u64, Flate>> {
    &isolate
        .get_slot::<FlateStreams>()
        .expect("the streams area installs its state with the isolate")
        .0
}

fn operation(decompress: bool) -> &'static str {
    if decompress {
        "DecompressionStream"
    } else {
        "CompressionStream"
    }
}

fn to_js_error(err: FlateError) -> KodeError {
    KodeError::type_error(codes::ECORRUPT_DATA, err.to_string()).operation(operation(true))
}

fn closed() -> KodeError {
    KodeError::type_error(codes::EINVALID_ARG, "The compression stream has ended")
}

op! {
    /// `streams_flate_open(id, format, decompress)`: a compressor (or a
    /// decompressor) for stream `id`.
    fn op_streams_flate_open<'s>(scope, id: u64, format: String, decompress: bool) -> Result<(), KodeError> {
        let Some(format) = Format::parse(&format) else {
            let message = format!("'{format}' is not a supported format");
            return Err(KodeError::type_error(codes::EINVALID_ARG, message).operation(operation(decompress)));
        };
        streams(scope).borrow_mut().insert(id, Flate::new(format, decompress));
        Ok(())
    }
}

op! {
    /// `streams_flate_write(id, chunk)` → the output of one chunk (a
    /// `Uint8Array`, maybe empty). A failure drops the stream's state.
    fn op_streams_flate_write<'s>(scope, id: u64, chunk: Binary) -> Result<Vec<u8>, KodeError> {
        let mut streams = streams(scope).borrow_mut();
        let flate = streams.get_mut(&id).ok_or_else(closed)?;
        let result = flate.write(&chunk.0);
        if result.is_err() {
            streams.remove(&id);
        }
        result.map_err(to_js_error)
    }
}

op! {
    /// `streams_flate_finish(id)` → the last output; checks that compressed
    /// input ended. Drops the stream's state either way.
    fn op_streams_flate_finish<'s>(scope, id: u64) -> Result<Vec<u8>, KodeError> {
        let flate = streams(scope).borrow_mut().remove(&id).ok_or_else(closed)?;
        flate.finish().map_err(to_js_error)
    }
}

op! {
    /// `streams_flate_free(id)`: drops stream `id`'s state, if it has any.
    fn op_streams_flate_free<'s>(scope, id: u64) -> Result<(), KodeError> {
        streams(scope).borrow_mut().remove(&id);
        Ok(())
    }
}
