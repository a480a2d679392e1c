//! The `Validate` trait of a models crate: checks the spec's constraints (ranges, lengths)
//! that serde cannot express. Every type implements it; types without constraints anywhere
//! inside use the trait's provided method, which accepts everything.

use std::collections::{BTreeMap, BTreeSet};

use apigen_ir::{Api, Field, JsonMapping, TypeDef, TypeKind, TypeRef, UnionMatch};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::constraints;
use crate::runtime::validate::{BOUNDS, LENGTH};
use crate::models::objects::Presence;
use crate::models::sizes;
use crate::models::proto_checks;
use crate::typeref::TypeRenderer;

/// Which named types carry constraints somewhere inside.
pub struct Validation {
    checked: BTreeSet<String>,
    aliases: BTreeMap<String, TypeRef>,
    /// protobuf mapping: every message and enum is checked (unknown enum values, `oneof`s).
    protobuf: bool,
    /// Types that are request bodies: their `required` fields are checked (protobuf).
    requests: BTreeSet<String>,
}

impl Validation {
    /// Finds the types that need checks (a fixpoint over references).
    pub fn new(api: &Api) -> Self {
        let protobuf = api.json_mapping == JsonMapping::Protobuf;
        let requests: BTreeSet<String> = api
            .operations()
            .filter_map(|op| match op.request_body.as_ref().map(|b| &b.ty) {
                Some(TypeRef::Named(n)) => Some(n.clone()),
                _ => None,
            })
            .collect();
        let mut checked: BTreeSet<String> = if protobuf {
            api.types
                .iter()
                .filter(|d| matches!(d.kind, TypeKind::Object(_) | TypeKind::Enum(_)))
                .map(|d| d.name.clone())
                .collect()
        } else {
            BTreeSet::new()
        };
        let aliases: BTreeMap<String, TypeRef> = api
            .types
            .iter()
            .filter_map(|d| match &d.kind {
                TypeKind::Alias(t) => Some((d.name.clone(), t.clone())),
                _ => None,
            })
            .collect();
        loop {
            let before = checked.len();
            for def in &api.types {
                if !checked.contains(&def.name) && type_needs(def, &checked) {
                    checked.insert(def.name.clone());
                }
            }
            if checked.len() == before {
                break;
            }
        }
        Validation {
            checked,
            aliases,
            protobuf,
            requests,
        }
    }

    /// Whether a type is the body of a request (protobuf: its required fields are checked).
    pub fn is_request(&self, name: &str) -> bool {
        self.requests.contains(name)
    }

    /// Whether the named type has checks of its own (else its `Validate` impl is empty).
    pub fn checks(&self, name: &str) -> bool {
        self.checked.contains(name)
    }

    /// Whether a value of this reference needs checking.
    pub fn needs(&self, ty: &TypeRef) -> bool {
        ref_needs(ty, &self.checked)
    }

    /// `impl Validate for T`.
    /// Aliases get none: they name types that implement it already (or need no checks).
    pub fn impl_for(&self, def: &TypeDef, ident: &Ident, render: &TypeRenderer<'_>) -> TokenStream {
        if matches!(def.kind, TypeKind::Alias(_)) {
            return TokenStream::new();
        }
        if self.protobuf && matches!(def.kind, TypeKind::Enum(_)) {
            // The runtime's `proto_enum!` writes it.
            return TokenStream::new();
        }
        if !self.checked.contains(&def.name) {
            return quote!(impl crate::Validate for #ident {});
        }
        let body = match &def.kind {
            TypeKind::Object(obj) => {
                let required = if self.protobuf && self.requests.contains(&def.name) {
                    proto_checks::required(obj, render.names.fields(&def.name))
                } else {
                    TokenStream::new()
                };
                let oneofs = if self.protobuf {
                    proto_checks::oneofs(obj, render.names.fields(&def.name))
                } else {
                    TokenStream::new()
                };
                let checks = obj
                    .fields
                    .iter()
                    .zip(render.names.fields(&def.name))
                    .filter(|(f, _)| self.needs(&f.ty) || sizes::checked(f))
                    .map(|(f, id)| self.field_check(f, &id));
                // The alternatives stand in the same object: no path of their own.
                let alternatives = obj
                    .alternatives
                    .as_ref()
                    .filter(|t| self.needs(t))
                    .map(|t| {
                        let id = render.names.alternatives_field(&def.name);
                        self.value_check(&quote!((&self.#id)), t, &quote!(""))
                    });
                quote!(#required #oneofs #(#checks)* #alternatives)
            }
            TypeKind::Union(u) if u.matches == UnionMatch::AnySubset => {
                let ids = render.names.fields(&def.name);
                let names: Vec<String> =
                    u.variants.iter().map(|v| format!("`{}`", v.name)).collect();
                let message = format!("must match at least one of {}", names.join(", "));
                let checks = u
                    .variants
                    .iter()
                    .zip(&ids)
                    .filter(|(v, _)| self.needs(&v.ty))
                    .map(|(v, id)| {
                        let check = self.value_check(&quote!(v), &v.ty, &quote!(""));
                        quote!(if let Some(v) = &self.#id { #check })
                    });
                quote! {
                    if #(self.#ids.is_none())&&* {
                        return ::std::result::Result::Err(crate::ValidationError::new("", #message));
                    }
                    #(#checks)*
                }
            }
            TypeKind::Union(u) => {
                let idents = render.names.variants(&def.name);
                let arms = u.variants.iter().zip(idents).map(|(v, id)| {
                    let check = self.value_check(&quote!(v), &v.ty, &quote!(""));
                    quote!(Self::#id(v) => { #check })
                });
                quote!(match self { #(#arms)* })
            }
            TypeKind::Alias(_) | TypeKind::Enum(_) => TokenStream::new(),
        };
        let _ = render;
        quote! {
            impl crate::Validate for #ident {
                fn validate(&self) -> ::std::result::Result<(), crate::ValidationError> {
                    #body
                    Ok(())
                }
            }
        }
    }

    fn field_check(&self, f: &Field, id: &Ident) -> TokenStream {
        let path = f.name.as_str();
        // The value checks, then the size limits (`sizes`) of a list or map.
        let check = |value: TokenStream, plain: TokenStream| {
            let mut check = self.value_check(&value, &f.ty, &quote!(#path));
            if sizes::checked(f) {
                check.extend(sizes::check(f, &plain, path));
            }
            check
        };
        match Presence::of(f) {
            Presence::Required | Presence::EmptyWhenAbsent => {
                check(quote!((&self.#id)), quote!(&self.#id))
            }
            Presence::Optional | Presence::RequiredNullable => {
                let check = check(quote!(v), quote!(v));
                quote!(if let Some(v) = &self.#id { #check })
            }
            Presence::OptionalNullable => {
                let check = check(quote!(v), quote!(v));
                quote!(if let Some(Some(v)) = &self.#id { #check })
            }
        }
    }

    /// Checks of `value` (an expression of type `&T`) at `path` (an expression of `&str`).
    fn value_check(&self, value: &TokenStream, ty: &TypeRef, path: &TokenStream) -> TokenStream {
        match ty {
            TypeRef::Named(n) if self.aliases.contains_key(n) => match self.aliases.get(n) {
                Some(target) if !matches!(target, TypeRef::Named(t) if t == n) => {
                    self.value_check(value, target, path)
                }
                _ => TokenStream::new(),
            },
            TypeRef::Named(_) => {
                let value = unparenthesize(value);
                quote! {
                    crate::Validate::validate(#value).map_err(|e| e.within(#path))?;
                }
            }
            TypeRef::Primitive(p) => {
                // `&self.x` is checked as the place `self.x` (no `*&`, which clippy flags).
                let value = unparenthesize(value);
                let place = strip_borrow(&value);
                let at = match &place {
                    Some(place) => constraints::Value::Place(place),
                    None => constraints::Value::Ref(&value),
                };
                match constraints::check(p.kind, &p.constraints, at, &BOUNDS, &LENGTH) {
                    Some(c) => quote!(crate::ValidationError::check(#path, #c)?;),
                    None => TokenStream::new(),
                }
            }
            // A list or map of messages/records: the runtime's `Validate` for `Vec` and
            // `BTreeMap` adds the index or key to the path, as the loops below do.
            TypeRef::Array(item) | TypeRef::Map(item)
                if self.needs(item)
                    && matches!(item.as_ref(), TypeRef::Named(n) if !self.aliases.contains_key(n)) =>
            {
                let value = unparenthesize(value);
                quote! {
                    crate::Validate::validate(#value).map_err(|e| e.within(#path))?;
                }
            }
            // `IntoIterator::into_iter(&x)`, not `(&x).iter()` (clippy: needless borrow).
            TypeRef::Array(item) if self.needs(item) => {
                let inner = self.value_check(&quote!(item), item, &quote!(&__p));
                let value = unparenthesize(value);
                quote! {
                    for (i, item) in ::std::iter::IntoIterator::into_iter(#value).enumerate() {
                        let __p = format!("{}/{}", #path, i);
                        #inner
                    }
                }
            }
            TypeRef::Map(v) if self.needs(v) => {
                let inner = self.value_check(&quote!(item), v, &quote!(&__p));
                let value = unparenthesize(value);
                quote! {
                    for (k, item) in ::std::iter::IntoIterator::into_iter(#value) {
                        let __p = format!("{}/{}", #path, k);
                        #inner
                    }
                }
            }
            _ => TokenStream::new(),
        }
    }

    /// The runtime's `Validate` and `ValidationError`, re-exported at the models crate root.
    pub fn support_items(&self) -> TokenStream {
        use crate::runtime::validate::MODULE;
        quote! {
            pub use #MODULE::{Validate, ValidationError};
        }
    }
}

/// `x` of `&x`, or `None` when `tokens` is no borrow.
fn strip_borrow(tokens: &TokenStream) -> Option<TokenStream> {
    let mut iter = tokens.clone().into_iter();
    match iter.next() {
        Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '&' => Some(iter.collect()),
        _ => None,
    }
}

/// The tokens inside `( … )`, or the tokens themselves.
fn unparenthesize(tokens: &TokenStream) -> TokenStream {
    let mut iter = tokens.clone().into_iter();
    match (iter.next(), iter.next()) {
        (Some(proc_macro2::TokenTree::Group(g)), None)
            if g.delimiter() == proc_macro2::Delimiter::Parenthesis =>
        {
            g.stream()
        }
        _ => tokens.clone(),
    }
}

fn type_needs(def: &TypeDef, checked: &BTreeSet<String>) -> bool {
    match &def.kind {
        TypeKind::Object(o) => {
            o.fields
                .iter()
                .any(|f| ref_needs(&f.ty, checked) || sizes::checked(f))
                || o.alternatives
                    .as_ref()
                    .is_some_and(|t| ref_needs(t, checked))
        }
        // "Any subset": at least one alternative must be present.
        TypeKind::Union(u) if u.matches == UnionMatch::AnySubset => true,
        TypeKind::Union(u) => u.variants.iter().any(|v| ref_needs(&v.ty, checked)),
        TypeKind::Alias(t) => ref_needs(t, checked),
        TypeKind::Enum(_) => false,
    }
}

fn ref_needs(ty: &TypeRef, checked: &BTreeSet<String>) -> bool {
    match ty {
        TypeRef::Named(n) => checked.contains(n),
        TypeRef::Primitive(p) => constraints::checkable(p.kind, &p.constraints),
        TypeRef::Array(i) | TypeRef::Map(i) => ref_needs(i, checked),
        TypeRef::Any | TypeRef::Unit => false,
    }
}
