//! Choosing the media type of a body among those a `content` map offers.

use apigen_ir::BodyEncoding;
use indexmap::IndexMap;
use openapiv3::{MediaType, ReferenceOr};

use crate::shape::as_any;

/// The media type chosen for a body.
pub(crate) struct Chosen<'a> {
    /// Its key in the `content` map.
    pub key: &'a str,
    /// The media type to report (and send).
    pub media_type: String,
    /// How the body is encoded.
    pub encoding: BodyEncoding,
    /// The media type object.
    pub media: &'a MediaType,
}

/// Picks the media type of a body: the first JSON one (`application/json`, `*/*+json`), else
/// the first form (`application/x-www-form-urlencoded`), else the first `multipart/form-data`,
/// else the first wildcard (`*/*`, `application/*`) whose schema is a `$ref` or an
/// object/array (taken as JSON, reported as `application/json`), else the first `text/*` (as
/// text), else the first one, as raw bytes. `None` when there is no content.
pub(crate) fn choose(content: &IndexMap<String, MediaType>) -> Option<Chosen<'_>> {
    let first_with = |essence_is: &dyn Fn(&str) -> bool| {
        content.iter().find(|(key, _)| essence_is(&essence(key)))
    };
    if let Some(entry) = first_with(&|e| is_json(e)) {
        return chosen(entry, entry.0, BodyEncoding::Json);
    }
    if let Some(entry) = first_with(&|e| e == "application/x-www-form-urlencoded") {
        return chosen(entry, entry.0, BodyEncoding::FormUrlEncoded);
    }
    if let Some(entry) = first_with(&|e| e == "multipart/form-data") {
        return chosen(entry, entry.0, BodyEncoding::Multipart);
    }
    let wildcard_json = |(key, media): &(&String, &MediaType)| {
        matches!(essence(key).as_str(), "*/*" | "application/*") && looks_like_json(media)
    };
    if let Some(entry) = content.iter().find(wildcard_json) {
        return chosen(entry, "application/json", BodyEncoding::Json);
    }
    if let Some(entry) = first_with(&|e| e.starts_with("text/")) {
        return chosen(entry, entry.0, BodyEncoding::Text);
    }
    let first = content.iter().next()?;
    chosen(first, first.0, BodyEncoding::Bytes)
}

/// The media types of `content` other than the chosen one, in spec order.
pub(crate) fn alternatives(
    content: &IndexMap<String, MediaType>,
    chosen: &Chosen<'_>,
) -> Vec<String> {
    content
        .keys()
        .filter(|key| key.as_str() != chosen.key)
        .cloned()
        .collect()
}

/// A choice of `entry`, reported as `media_type`.
fn chosen<'a>(
    (key, media): (&'a String, &'a MediaType),
    media_type: &str,
    encoding: BodyEncoding,
) -> Option<Chosen<'a>> {
    Some(Chosen {
        key: key.as_str(),
        media_type: media_type.to_string(),
        encoding,
        media,
    })
}

/// The media type without parameters, lowercased.
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether a media type is JSON.
pub(crate) fn is_json(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence == "application/json" || essence.ends_with("+json")
}

/// Whether a wildcard body's schema describes JSON: a `$ref`, or an object or array schema.
fn looks_like_json(media: &MediaType) -> bool {
    match &media.schema {
        None => false,
        Some(ReferenceOr::Reference { .. }) => true,
        Some(ReferenceOr::Item(schema)) => {
            let any = as_any(&schema.schema_kind);
            matches!(any.typ.as_deref(), Some("object" | "array"))
                || !any.properties.is_empty()
                || !any.all_of.is_empty()
                || !any.one_of.is_empty()
                || !any.any_of.is_empty()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pick(content: serde_json::Value) -> Option<(String, String, BodyEncoding)> {
        let content: IndexMap<String, MediaType> = serde_json::from_value(content).unwrap();
        choose(&content).map(|c| (c.key.to_string(), c.media_type, c.encoding))
    }

    #[test]
    fn prefers_json_then_form_then_multipart_then_wildcard_json_then_text_then_first() {
        let s = json!({"schema": {"$ref": "#/components/schemas/A"}});
        let p = |v| pick(v).unwrap();
        assert_eq!(
            p(json!({"text/plain": {}, "application/problem+json": s})).2,
            BodyEncoding::Json
        );
        assert_eq!(
            p(json!({"text/plain": {}, "application/x-www-form-urlencoded": s})).2,
            BodyEncoding::FormUrlEncoded
        );
        assert_eq!(
            p(json!({"*/*": s})),
            ("*/*".into(), "application/json".into(), BodyEncoding::Json)
        );
        assert_eq!(
            p(json!({"*/*": {"schema": {"type": "string", "format": "binary"}}})),
            ("*/*".into(), "*/*".into(), BodyEncoding::Bytes)
        );
        assert_eq!(
            p(json!({"application/yaml": {}, "text/plain": {}})),
            ("text/plain".into(), "text/plain".into(), BodyEncoding::Text)
        );
        assert_eq!(
            p(json!({"image/png": {}, "multipart/form-data": s})).2,
            BodyEncoding::Multipart
        );
        assert_eq!(
            p(json!({"image/png": {}, "video/mp4": {}})),
            ("image/png".into(), "image/png".into(), BodyEncoding::Bytes)
        );
        assert!(pick(json!({})).is_none());
    }
}
