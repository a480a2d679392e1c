//! The size limits (`minItems`, `maxItems`, `uniqueItems`, `minProperties`,
//! `maxProperties`) a property carries: its own, or those of the schema it names.

use openapiv3::ReferenceOr;

use super::Types;
use crate::shape::as_any;

impl Types<'_> {
    /// The size limits of a property: its own, else those of its `allOf` parts (a 3.1 `$ref`
    /// with sibling keywords reads as `allOf: [{$ref}, {minItems…}]`), else those of the named
    /// list or map it refers to.
    pub(super) fn property_sizes<S: std::borrow::Borrow<openapiv3::Schema>>(
        &self,
        schema: &ReferenceOr<S>,
    ) -> apigen_ir::Sizes {
        match schema {
            ReferenceOr::Reference { reference } => self.referenced_sizes(reference),
            ReferenceOr::Item(schema) => {
                let any = as_any(&schema.borrow().schema_kind);
                let own = fitting(&any);
                if own != apigen_ir::Sizes::default() {
                    return own;
                }
                any.all_of
                    .iter()
                    .map(|part| self.property_sizes(part))
                    .find(|s| *s != apigen_ir::Sizes::default())
                    .unwrap_or_default()
            }
        }
    }

    /// The size limits of a named list or map schema a property refers to (`$ref`), checked
    /// on the property as if they were its own; none for other schemas (a record's
    /// `minProperties` has no place on a Rust struct).
    fn referenced_sizes(&self, reference: &str) -> apigen_ir::Sizes {
        let Some(name) = reference.strip_prefix("#/components/schemas/") else {
            return Default::default();
        };
        let name = name.replace("~1", "/").replace("~0", "~");
        let Some(ReferenceOr::Item(target)) = self.schemas.and_then(|m| m.get(&name)) else {
            return Default::default();
        };
        let any = as_any(&target.schema_kind);
        let list = any.typ.as_deref() == Some("array") || any.items.is_some();
        if list || (is_map(&any) && any.additional_properties.is_some()) {
            crate::shape::sizes(&any)
        } else {
            Default::default()
        }
    }
}

/// The limits of an inline schema that its Rust type can check: item limits on a list, entry
/// limits on a map; none on a record (`minProperties` beside `properties`, as vercel.com
/// writes it, has no place on a Rust struct: the struct's fields say what may be there).
fn fitting(any: &openapiv3::AnySchema) -> apigen_ir::Sizes {
    let mut sizes = crate::shape::sizes(any);
    if !is_map(any) {
        sizes.min_properties = None;
        sizes.max_properties = None;
    }
    sizes
}

/// Whether an object schema is read as a map (no named properties, no composition).
fn is_map(any: &openapiv3::AnySchema) -> bool {
    any.properties.is_empty()
        && any.one_of.is_empty()
        && any.any_of.is_empty()
        && any.all_of.is_empty()
}
