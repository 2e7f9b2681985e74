//! Module texts an application heap snapshot refers to instead of holding
//! (`kpk::SnapshotTexts`). V8 serializes an external string whose resource
//! is an entry of the external-reference table as that entry's index, and
//! points the string at the same entry when it deserializes. So the
//! snapshot maker compiles each module from an external string whose
//! resource sits in a slot it added to the table, and a run rebuilds the
//! table with resources over the texts in the file: a 9 MB source is not
//! copied into the heap at start-up, and is stored once.

use std::borrow::Cow;
use std::cell::RefCell;

use kode_pack::kpk::SnapshotTexts;

/// An application heap snapshot and the table entries of the module texts
/// it refers to ([`references`]).
pub struct AppHeap {
    pub blob: Cow<'static, [u8]>,
    pub references: Vec<v8::ExternalReference>,
}

/// The empty text of a slot the maker did not fill.
static UNUSED: v8::OneByteConst = v8::String::create_external_onebyte_const(b"");

/// The maker's slots: resources the table points at, filled in order.
struct Slots {
    resources: &'static mut [v8::OneByteConst],
    texts: Vec<&'static [u8]>,
}

thread_local! {
    static SLOTS: RefCell<Option<Slots>> = const { RefCell::new(None) };
}

/// For the snapshot maker, before it creates its isolate: `count` slots
/// (one per module it may compile), returned as table entries to append.
pub fn start(count: usize) -> Vec<v8::ExternalReference> {
    // Leaked: the maker's process ends after it writes the snapshot.
    let resources: &'static mut [v8::OneByteConst] = Vec::leak(vec![UNUSED; count]);
    let entries = entries(resources);
    SLOTS.with(|slots| {
        *slots.borrow_mut() = Some(Slots {
            resources,
            texts: Vec::new(),
        })
    });
    entries
}

/// The maker's slot count and the texts it put in them, in slot order.
pub fn finish() -> SnapshotTexts {
    let slots = SLOTS.with(|slots| slots.borrow_mut().take());
    match slots {
        Some(slots) => SnapshotTexts {
            slots: slots.resources.len() as u32,
            texts: slots.texts.into_iter().map(Cow::Borrowed).collect(),
        },
        None => SnapshotTexts::default(),
    }
}

/// A module's text as V8 compiles it: in the snapshot maker, an external
/// string in the next free slot when the text is ASCII (what the resource
/// type requires); otherwise an ordinary string.
pub fn module_string<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    text: Cow<'_, str>,
) -> v8::Local<'s, v8::String> {
    let slot = SLOTS.with(|slots| {
        let mut slots = slots.borrow_mut();
        let slots = slots.as_mut()?;
        let index = slots.texts.len();
        if index == slots.resources.len() || !text.is_ascii() || text.is_empty() {
            return None;
        }
        let bytes: &'static [u8] = String::leak(text.to_string()).as_bytes();
        slots.resources[index] = v8::String::create_external_onebyte_const(bytes);
        slots.texts.push(bytes);
        // SAFETY: the slot is leaked (static) and never written again.
        Some(unsafe { &*std::ptr::from_ref(&slots.resources[index]) })
    });
    slot.and_then(|resource| v8::String::new_from_onebyte_const(scope, resource))
        .unwrap_or_else(|| crate::error::v8_str(scope, &text))
}

/// For a run from a snapshot with `texts`: the entries to append to the
/// table, the same count the maker added, each over its text in the file.
pub fn references(texts: SnapshotTexts) -> Vec<v8::ExternalReference> {
    let mut resources = Vec::with_capacity(texts.slots as usize);
    for text in texts.texts {
        let text: &'static [u8] = match text {
            Cow::Borrowed(bytes) => bytes,
            Cow::Owned(bytes) => Vec::leak(bytes),
        };
        // SAFETY: the type asks for ASCII only for its `&str` view, which
        // Kode never takes; V8 reads the bytes as Latin-1, valid whatever
        // they are. (The maker stored ASCII, and the section's hash was
        // checked: scanning 9 MB again at each start would buy nothing.)
        resources.push(unsafe { v8::String::create_external_onebyte_const_unchecked(text) });
    }
    resources.resize(texts.slots as usize, UNUSED);
    // Leaked: V8 reads them for the life of the isolate, which is the
    // process's.
    entries(Vec::leak(resources))
}

/// The table entries of `resources`, in order.
fn entries(resources: &[v8::OneByteConst]) -> Vec<v8::ExternalReference> {
    resources
        .iter()
        .map(|resource| v8::ExternalReference {
            pointer: std::ptr::from_ref(resource).cast_mut().cast(),
        })
        .collect()
}
