//! The external-reference table: every native function a heap snapshot
//! may refer to (V8 serializes them as indices into it), and the isolate
//! parameters that carry it and the bootstrap snapshot in use.

use std::borrow::Cow;
use std::sync::OnceLock;

/// Parameters for every isolate Kode makes: the external-reference table
/// and, once [`crate::snapshot::use_bootstrap`] accepted one, the
/// bootstrap snapshot.
pub fn create_params() -> v8::CreateParams {
    let params = v8::CreateParams::default().external_references(table());
    match crate::snapshot::in_use() {
        Some(blob) => params.snapshot_blob(blob.into()),
        None => params,
    }
}

/// Parameters for an isolate started from `blob`, a snapshot made with
/// this table (the build's own, before it is in use; an application's).
pub fn create_params_from(blob: impl Into<Cow<'static, [u8]>>) -> v8::CreateParams {
    create_params_with(blob, Vec::new())
}

/// [`create_params_from`] for a snapshot made with `extra` entries after
/// the table (an application's module texts, `snapshot_texts`).
pub fn create_params_with(
    blob: impl Into<Cow<'static, [u8]>>,
    extra: Vec<v8::ExternalReference>,
) -> v8::CreateParams {
    v8::CreateParams::default()
        .external_references(table_with(extra))
        .snapshot_blob(blob.into().into())
}

/// The table with `extra` entries before its terminator.
pub fn table_with(extra: Vec<v8::ExternalReference>) -> Cow<'static, [v8::ExternalReference]> {
    if extra.is_empty() {
        return table();
    }
    let own = &references().0;
    let mut table = own[..own.len() - 1].to_vec();
    table.extend(extra);
    table.push(v8::ExternalReference {
        pointer: std::ptr::null_mut(),
    });
    Cow::Owned(table)
}

/// The table, NULL-terminated so V8 takes it as is: every op, then the
/// functions Rust makes at run time.
pub fn table() -> Cow<'static, [v8::ExternalReference]> {
    Cow::Borrowed(&references().0[..])
}

struct References(Vec<v8::ExternalReference>);

// SAFETY: the table holds addresses of functions in this binary; it is
// built once and never written again.
unsafe impl Sync for References {}
unsafe impl Send for References {}

fn references() -> &'static References {
    static TABLE: OnceLock<References> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<v8::ExternalReference> =
            entries().map(|(_, reference)| reference).collect();
        table.push(v8::ExternalReference {
            pointer: std::ptr::null_mut(),
        });
        References(table)
    })
}

fn entries() -> impl Iterator<Item = (&'static str, v8::ExternalReference)> {
    let esm = crate::esm::callbacks()
        .into_iter()
        .map(|(name, function)| (name, v8::ExternalReference { function }));
    crate::ext::op_references()
        .chain(esm)
        .chain(crate::esm::pointers())
}

/// The names of the table's entries, in order: what a snapshot was made
/// against (the build embeds them; [`crate::snapshot::use_bootstrap`]
/// compares).
pub fn names() -> impl Iterator<Item = &'static str> {
    entries().map(|(name, _)| name)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    #[test]
    fn the_table_names_every_entry_once() {
        let names: Vec<&str> = super::names().collect();
        let table = super::table();
        // The table ends with V8's NULL terminator.
        assert_eq!(names.len() + 1, table.len());
        let unique: HashSet<&str> = names.iter().copied().collect();
        assert_eq!(unique.len(), names.len(), "a name appears twice");
        assert!(names.contains(&"op_builtin") && names.contains(&"meta_resolve"));
        assert!(names.contains(&"synthetic_steps") && names.contains(&"find_op"));
        let addresses: HashSet<usize> = table
            .iter()
            .map(|r| unsafe { r.pointer } as usize)
            .collect();
        assert_eq!(addresses.len(), table.len(), "two entries share an address");
    }
}
