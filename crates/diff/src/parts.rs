//! The media types of `multipart/form-data` parts (the `encoding` object): a part sent with
//! another media type is a wire change, though the Rust types stay the same.

use apigen_ir::{BodyEncoding, PartType};

/// One message per field whose part media type differs between `old` and `new` (both
/// multipart bodies; a field without an entry is sent with the default for its type). Fields
/// in the order of the old list, then the new fields.
pub(crate) fn changed_parts(
    old: (&BodyEncoding, &[PartType]),
    new: (&BodyEncoding, &[PartType]),
    what: &str,
) -> Vec<String> {
    if *old.0 != BodyEncoding::Multipart || *new.0 != BodyEncoding::Multipart {
        return Vec::new();
    }
    let find = |parts: &[PartType], field: &str| {
        parts
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.media_type.to_ascii_lowercase())
    };
    let mut fields: Vec<&str> = old.1.iter().map(|p| p.field.as_str()).collect();
    for p in new.1 {
        if !fields.contains(&p.field.as_str()) {
            fields.push(&p.field);
        }
    }
    let shown = |m: &Option<String>| match m {
        Some(m) => format!("`{m}`"),
        None => "the default".to_string(),
    };
    fields
        .into_iter()
        .filter_map(|field| {
            let (a, b) = (find(old.1, field), find(new.1, field));
            (a != b).then(|| {
                format!(
                    "part `{field}` of {what} is sent as {} instead of {}",
                    shown(&b),
                    shown(&a)
                )
            })
        })
        .collect()
}
