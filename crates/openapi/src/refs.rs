//! `$ref` resolution. Only references to `#/components/{section}/{name}` are supported;
//! chains of references are followed, and cycles reported.

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema};

use crate::error::{Fault, Result};
use crate::pointer::{unescape, Ptr};

/// The sections of `components` a `$ref` may point into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Schemas,
    Parameters,
    Responses,
    RequestBodies,
    Headers,
}

impl Section {
    /// The key under `components`.
    pub fn key(self) -> &'static str {
        match self {
            Section::Schemas => "schemas",
            Section::Parameters => "parameters",
            Section::Responses => "responses",
            Section::RequestBodies => "requestBodies",
            Section::Headers => "headers",
        }
    }

    /// What one entry is called in messages.
    fn noun(self) -> &'static str {
        match self {
            Section::Schemas => "schema",
            Section::Parameters => "parameter",
            Section::Responses => "response",
            Section::RequestBodies => "request body",
            Section::Headers => "header",
        }
    }
}

/// The component name a `$ref` names. `at` is the pointer of the `$ref` itself.
///
/// Leniency: `#/definitions/X` (a Swagger 2.0 leftover) is read as `#/components/schemas/X`.
pub(crate) fn target(reference: &str, section: Section, at: &Ptr) -> Result<String> {
    let Some(fragment) = reference.strip_prefix('#') else {
        return Err(Fault::new(
            at,
            format!("external `$ref` \"{reference}\" is not supported (only `#/components/…` references)"),
        ));
    };
    let prefix = format!("/components/{}/", section.key());
    let name = fragment.strip_prefix(prefix.as_str()).or_else(|| {
        (section == Section::Schemas)
            .then(|| fragment.strip_prefix("/definitions/"))
            .flatten()
    });
    match name {
        Some(name) if !name.is_empty() && !name.contains('/') => Ok(unescape(name)),
        _ => Err(Fault::new(
            at,
            format!("unsupported `$ref` \"{reference}\": expected a reference to `#{prefix}NAME`"),
        )),
    }
}

/// An item found by following references.
pub(crate) struct Resolved<'a, T> {
    /// The item.
    pub item: &'a T,
    /// Where it stands.
    pub ptr: Ptr,
    /// The component it is, if it was reached through a `$ref`.
    pub name: Option<String>,
}

/// Follows `$ref`s from `start` (which stands at `at`) through `section` of the components
/// (`map`) to an item.
pub(crate) fn resolve<'a, T>(
    map: Option<&'a IndexMap<String, ReferenceOr<T>>>,
    start: &'a ReferenceOr<T>,
    section: Section,
    at: &Ptr,
) -> Result<Resolved<'a, T>> {
    let mut current = start;
    let mut ptr = at.clone();
    let mut seen: Vec<String> = Vec::new();
    loop {
        let reference = match current {
            ReferenceOr::Item(item) => {
                return Ok(Resolved {
                    item,
                    ptr,
                    name: seen.pop(),
                })
            }
            ReferenceOr::Reference { reference } => reference,
        };
        let ref_at = ptr.at("$ref");
        let name = target(reference, section, &ref_at)?;
        if seen.contains(&name) {
            seen.push(name);
            return Err(Fault::new(
                &ptr,
                format!("`$ref` cycle: {}", seen.join(" → ")),
            ));
        }
        current = lookup(map, &name, reference, section, &ref_at)?;
        ptr = Ptr::component(section.key(), &name);
        seen.push(name);
    }
}

/// Looks up a component; a missing one is a dangling `$ref` at `at`.
pub(crate) fn lookup<'a, T>(
    map: Option<&'a IndexMap<String, T>>,
    name: &str,
    reference: &str,
    section: Section,
    at: &Ptr,
) -> Result<&'a T> {
    map.and_then(|m| m.get(name)).ok_or_else(|| {
        Fault::new(
            at,
            format!(
                "dangling `$ref` \"{reference}\": there is no {} named \"{name}\"",
                section.noun()
            ),
        )
    })
}

/// A schema or a reference to one, whether boxed (`properties`, `items`) or not.
#[derive(Clone, Copy)]
pub(crate) enum SchemaRef<'a> {
    /// `$ref` text.
    Ref(&'a str),
    /// An inline schema.
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        let at = Ptr::root().at("x");
        let t = |r: &str| target(r, Section::Schemas, &at);
        assert_eq!(t("#/components/schemas/A~1B").unwrap(), "A/B");
        assert_eq!(t("#/definitions/A").unwrap(), "A");
        assert!(t("other.yaml#/components/schemas/A")
            .unwrap_err()
            .message
            .starts_with("external `$ref`"));
        assert!(t("#/components/parameters/A").is_err());
        assert!(t("#/components/schemas/A/properties/b").is_err());
        assert!(target("#/definitions/A", Section::Parameters, &at).is_err());
    }
}
