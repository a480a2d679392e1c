//! Size limits of list and map fields (`minItems`, `maxItems`, `uniqueItems`,
//! `minProperties`, `maxProperties`) → checks in `Validate`.

use apigen_ir::{Field, Sizes, TypeRef};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Whether the field has limits the generated code checks. The frontend sets item limits on
/// lists and entry limits on maps only, whether the field's type is the list or map itself or
/// names one (`$ref` to a named array schema, a Rust type alias of a `Vec`).
pub fn checked(field: &Field) -> bool {
    match field.ty {
        TypeRef::Array(_) | TypeRef::Named(_) if items(&field.sizes) => true,
        TypeRef::Map(_) | TypeRef::Named(_) => {
            field.sizes.min_properties.is_some() || field.sizes.max_properties.is_some()
        }
        _ => false,
    }
}

/// Whether any item limit is set.
fn items(s: &Sizes) -> bool {
    s.min_items.is_some() || s.max_items.is_some() || s.unique_items
}

/// Checks of `value` (an expression of type `&Vec<T>` or `&BTreeMap<String, T>`) against the
/// field's limits, returning a `ValidationError` at `path` from the enclosing function.
pub fn check(field: &Field, value: &TokenStream, path: &str) -> TokenStream {
    let Sizes {
        min_items,
        max_items,
        unique_items,
        min_properties,
        max_properties,
    } = &field.sizes;
    let list = items(&field.sizes);
    let (min, max, noun) = match field.ty {
        TypeRef::Array(_) | TypeRef::Named(_) if list => (min_items, max_items, "items"),
        TypeRef::Map(_) | TypeRef::Named(_) => (min_properties, max_properties, "entries"),
        _ => return TokenStream::new(),
    };
    let mut checks = Vec::new();
    if let Some(min) = min {
        let msg = format!("must have at least {min} {noun}");
        let lit = Literal::u64_unsuffixed(*min);
        checks.push(quote!(if (value.len() as u64) < #lit { return Err(invalid(#msg)); }));
    }
    if let Some(max) = max {
        let msg = format!("must have at most {max} {noun}");
        let lit = Literal::u64_unsuffixed(*max);
        checks.push(quote!(if (value.len() as u64) > #lit { return Err(invalid(#msg)); }));
    }
    if *unique_items && list {
        checks.push(quote! {
            if value.iter().enumerate().any(|(i, item)| value[..i].contains(item)) {
                return Err(invalid("must not hold the same item twice"));
            }
        });
    }
    quote! {{
        let invalid = |m: &str| crate::ValidationError::new(#path, m.to_string());
        let value = #value;
        #(#checks)*
    }}
}

/// Doc notes for the limits.
pub fn describe(sizes: &Sizes) -> Vec<String> {
    let mut notes = Vec::new();
    let range = |min: Option<u64>, max: Option<u64>, noun: &str| match (min, max) {
        (Some(a), Some(b)) => Some(format!("{a} ..= {b} {noun}.")),
        (Some(a), None) => Some(format!("At least {a} {noun}.")),
        (None, Some(b)) => Some(format!("At most {b} {noun}.")),
        (None, None) => None,
    };
    notes.extend(range(sizes.min_items, sizes.max_items, "items"));
    if sizes.unique_items {
        notes.push("Items are unique.".to_string());
    }
    notes.extend(range(sizes.min_properties, sizes.max_properties, "entries"));
    notes
}
