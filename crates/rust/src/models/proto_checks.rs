//! Checks of protobuf messages that JSON decoding deliberately does not make: a required field
//! (an API rule, Cloudforet's "no `+optional`") is set, at most one `oneof` member is set, and
//! no enum value is unknown. Generated servers run them on requests, clients before sending;
//! responses are never refused for them.

use std::collections::BTreeMap;

use apigen_ir::ObjectType;
use proc_macro2::{Ident, TokenStream};
use quote::quote;


/// Statements refusing a request message whose required fields are unset (explicit presence)
/// or at their default value (implicit presence, as protobuf JSON omits those).
pub fn required(obj: &ObjectType, fields: Vec<Ident>) -> TokenStream {
    // Unset is the default value: `None` for explicit presence, `0`/`""`/… otherwise.
    let checks = obj
        .fields
        .iter()
        .zip(fields)
        .filter(|(f, _)| f.required)
        .map(|(f, id)| {
            let name = f.name.as_str();
            quote!(crate::ValidationError::required(&self.#id, #name)?;)
        });
    quote!(#(#checks)*)
}

/// Statements refusing a message with more than one member of a `oneof` set.
pub fn oneofs(obj: &ObjectType, fields: Vec<Ident>) -> TokenStream {
    let mut groups: BTreeMap<&str, Vec<(&str, Ident)>> = BTreeMap::new();
    for (f, id) in obj.fields.iter().zip(fields) {
        if let Some(group) = &f.oneof {
            groups.entry(group).or_default().push((&f.name, id));
        }
    }
    let checks = groups
        .into_iter()
        .filter(|(_, m)| m.len() > 1)
        .map(|(group, members)| {
            let ids = members.iter().map(|(_, id)| id);
            let names: Vec<&str> = members.iter().map(|(n, _)| *n).collect();
            let message = format!(
                "sets more than one member of oneof `{group}` ({})",
                names.join(", ")
            );
            quote! {
                if [#(self.#ids.is_some()),*].iter().filter(|set| **set).count() > 1 {
                    return Err(crate::ValidationError::new("", #message));
                }
            }
        });
    quote!(#(#checks)*)
}
