//! Stack traces that point at the original source of transpiled modules
//! (TypeScript, JSX; SPEC §2.3). Loading a module with a source map records
//! it here; the first one installs V8's prepare-stack-trace callback, so a
//! program without transpiled modules keeps V8's own formatting and pays
//! nothing. Maps are decoded on the first stack that needs them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use kode_pack::source_map::{original_path, MapSource, Original, SourceMap};

use crate::modules::{CacheOffer, LoadedModule};
use crate::v8_util::v8_str;

#[derive(Default)]
struct Maps {
    /// Script name → the raw map, then its decoded form (`None`: not a map).
    by_name: HashMap<String, Entry>,
    /// Scripts loaded from disk, whose original files may be read for a
    /// code frame (a bundle's sources are not on disk, or not the same).
    on_disk: std::collections::HashSet<String>,
}

enum Entry {
    Raw(MapSource),
    Decoded(Option<Rc<SourceMap>>),
}

type Shared = Rc<RefCell<Maps>>;

/// Records the source map of `module` (if it has one) as the map of the
/// script named `name`, taking it out of the module.
pub fn register(isolate: &mut v8::Isolate, name: &str, module: &mut LoadedModule) {
    let Some(map) = module.source_map.take() else {
        return;
    };
    // Only a module read from disk offers no code cache; a bundle's
    // original sources are not at hand (or not the same) for code frames.
    let on_disk = matches!(module.cache, CacheOffer::NotApplicable);
    let shared = match isolate.get_slot::<Shared>() {
        Some(shared) => shared.clone(),
        None => {
            let shared = Shared::default();
            isolate.set_slot(shared.clone());
            isolate.set_prepare_stack_trace_callback(prepare_stack_trace);
            shared
        }
    };
    let mut maps = shared.borrow_mut();
    maps.by_name.insert(name.to_string(), Entry::Raw(map));
    if on_disk {
        maps.on_disk.insert(name.to_string());
    }
}

/// Where a compile or link error V8 placed at `line:column` of the script
/// `file` really is: `(file, line, column, source line)`, the source line
/// only when the original file can be read (runs from disk).
pub fn original_place(
    isolate: &v8::Isolate,
    file: &str,
    line: u32,
    column: u32,
) -> Option<(String, u32, u32, Option<String>)> {
    let original = lookup(isolate, file)?.original(line, column)?;
    let shown = original_file(file, &original);
    let on_disk = isolate
        .get_slot::<Shared>()
        .is_some_and(|maps| maps.borrow().on_disk.contains(file));
    let source_line = on_disk
        .then(|| std::fs::read_to_string(&shown).ok())
        .flatten()
        .and_then(|text| {
            let line = text.lines().nth(original.line as usize - 1)?;
            Some(line.trim_end_matches('\r').to_string())
        });
    Some((shown, original.line, original.column, source_line))
}

/// The file a mapped position of the script `file` is in: a transpiled
/// module's map names the file itself; a package's map names its sources
/// relative to the built file.
fn original_file(file: &str, original: &Original) -> String {
    match &original.source {
        Some(source) if file.starts_with('/') => original_path(std::path::Path::new(file), source)
            .to_string_lossy()
            .into_owned(),
        _ => file.to_string(),
    }
}

/// The decoded map of the script `name`, if it has one.
fn lookup(isolate: &v8::Isolate, name: &str) -> Option<Rc<SourceMap>> {
    let shared = isolate.get_slot::<Shared>()?.clone();
    let mut maps = shared.borrow_mut();
    let entry = maps.by_name.get_mut(name)?;
    if let Entry::Raw(raw) = entry {
        let map = raw.bytes().and_then(|bytes| SourceMap::parse(&bytes));
        *entry = Entry::Decoded(map.map(Rc::new));
    }
    match entry {
        Entry::Decoded(map) => map.clone(),
        Entry::Raw(_) => None,
    }
}

/// V8's format (`Name: message` then `    at frame` lines), each frame as
/// V8's `CallSite.prototype.toString` writes it, with the position of a
/// transpiled module's frame moved to its original source. A program's own
/// `Error.prepareStackTrace` still wins, as it does without this callback.
fn prepare_stack_trace<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    error: v8::Local<v8::Value>,
    sites: v8::Local<v8::Array>,
) -> v8::Local<'s, v8::Value> {
    if let Some(custom) = user_prepare(scope) {
        let undefined = v8::undefined(scope).into();
        return custom
            .call(scope, undefined, &[error, sites.into()])
            .unwrap_or_else(|| v8::undefined(scope).into());
    }
    let mut text = header(scope, error);
    for i in 0..sites.length() {
        let Some(site) = sites.get_index(scope, i) else {
            continue;
        };
        let Ok(site) = v8::Local::<v8::Object>::try_from(site) else {
            continue;
        };
        text.push_str("\n    at ");
        text.push_str(&frame(scope, site).unwrap_or_default());
    }
    v8_str(scope, &text).into()
}

/// `Error.prepareStackTrace` when the program set it to a function.
fn user_prepare<'s>(scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Function>> {
    let global = scope.get_current_context().global(scope);
    let key = v8_str(scope, "Error");
    let error_class = global.get(scope, key.into())?;
    let error_class = v8::Local::<v8::Object>::try_from(error_class).ok()?;
    let key = v8_str(scope, "prepareStackTrace");
    let custom = error_class.get(scope, key.into())?;
    v8::Local::<v8::Function>::try_from(custom).ok()
}

/// `String(error)` as V8's default stack starts; an error whose `toString`
/// throws is shown by its class.
fn header(scope: &mut v8::PinScope<'_, '_>, error: v8::Local<v8::Value>) -> String {
    v8::tc_scope!(let tc, scope);
    match error.to_string(tc) {
        Some(text) => text.to_rust_string_lossy(tc),
        None => {
            tc.reset();
            "Error".to_string()
        }
    }
}

fn call_method<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    site: v8::Local<'s, v8::Object>,
    name: &str,
) -> Option<v8::Local<'s, v8::Value>> {
    let key = v8_str(scope, name);
    let method = site.get(scope, key.into())?;
    let method = v8::Local::<v8::Function>::try_from(method).ok()?;
    method.call(scope, site.into(), &[])
}

/// One frame's text, remapped when its script has a source map.
fn frame<'s>(scope: &mut v8::PinScope<'s, '_>, site: v8::Local<'s, v8::Object>) -> Option<String> {
    let text = call_method(scope, site, "toString")?.to_rust_string_lossy(scope);
    let file = call_method(scope, site, "getFileName")?;
    if !file.is_string() {
        return Some(text);
    }
    let file = file.to_rust_string_lossy(scope);
    let Some(map) = lookup(scope, &file) else {
        return Some(text);
    };
    let line = call_method(scope, site, "getLineNumber")?.uint32_value(scope)?;
    let column = call_method(scope, site, "getColumnNumber")?.uint32_value(scope)?;
    let Some(original) = map.original(line, column) else {
        return Some(text);
    };
    let written = format!("{file}:{line}:{column}");
    let shown = original_file(&file, &original);
    let mapped = format!("{shown}:{}:{}", original.line, original.column);
    Some(match text.rfind(&written) {
        Some(at) => format!("{}{mapped}{}", &text[..at], &text[at + written.len()..]),
        None => text,
    })
}
