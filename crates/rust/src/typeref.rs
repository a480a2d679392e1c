//! IR type references → Rust types, and the serde adapters some of them need.

use std::collections::BTreeMap;

use apigen_ir::{Primitive, PrimitiveKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

use crate::names::Names;
use crate::runtime::proto_json::{DURATION, FIELD_MASK};
use crate::runtime::BINARY;

/// Renders type references for one crate: `root` is the path of the models crate from there.
pub struct TypeRenderer<'a> {
    /// Names of all types.
    pub names: &'a Names,
    /// Path to the models crate root (`crate` inside it, `crate::models` elsewhere).
    pub root: TokenStream,
    /// The module whose types are named `pkg::Type`, for a crate that imports it as `pkg`
    /// (see [`home_module`]); `None`: every type by its path from `root`.
    pub home: Option<Vec<String>>,
}

impl TypeRenderer<'_> {
    /// The Rust type of a reference.
    pub fn ty(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::Named(n) => match (&self.home, self.names.get(n)) {
                (Some(home), Some(t)) if t.module == *home => {
                    let ident = crate::naming::ident(&t.ident);
                    quote!(pkg::#ident)
                }
                _ => self.names.path(&self.root, n),
            },
            TypeRef::Primitive(p) => primitive(p.kind),
            TypeRef::Array(item) => {
                let item = self.ty(item);
                quote!(::std::vec::Vec<#item>)
            }
            TypeRef::Map(value) => {
                let value = self.ty(value);
                quote!(::std::collections::BTreeMap<::std::string::String, #value>)
            }
            TypeRef::Any => quote!(::serde_json::Value),
            TypeRef::Unit => quote!(()),
        }
    }
}

/// The module most of the types a crate names live in (a proto package's, `spaceone::api::
/// identity::v2`), when types live in modules at all: a crate that names many of them imports
/// it as `pkg` (see [`home_import`]) and names them `pkg::Type`. `refs`: the type references
/// the crate renders (so the import is never unused). Ties go to the module first in order.
pub fn home_module<'t>(names: &Names, refs: impl IntoIterator<Item = &'t TypeRef>) -> Option<Vec<String>> {
    fn count<'n>(names: &'n Names, ty: &TypeRef, counts: &mut BTreeMap<&'n [String], usize>) {
        match ty {
            TypeRef::Named(n) => {
                if let Some(t) = names.get(n).filter(|t| !t.module.is_empty()) {
                    *counts.entry(&t.module).or_default() += 1;
                }
            }
            TypeRef::Array(item) | TypeRef::Map(item) => count(names, item, counts),
            _ => {}
        }
    }
    let mut counts: BTreeMap<&[String], usize> = BTreeMap::new();
    for ty in refs {
        count(names, ty, &mut counts);
    }
    let mut best: Option<(&[String], usize)> = None;
    for (module, n) in counts {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((module, n));
        }
    }
    best.map(|(module, _)| module.to_vec())
}

/// `use <root>::<home> as pkg;`, or nothing without a home module.
pub fn home_import(root: &TokenStream, home: Option<&[String]>) -> TokenStream {
    let Some(home) = home else {
        return TokenStream::new();
    };
    let segs = home.iter().map(|m| crate::naming::ident(m));
    quote!(use #root #(:: #segs)* as pkg;)
}

/// The Rust type of a primitive.
pub fn primitive(kind: PrimitiveKind) -> TokenStream {
    match kind {
        PrimitiveKind::String => quote!(::std::string::String),
        PrimitiveKind::Binary => quote!(#BINARY),
        PrimitiveKind::Boolean => quote!(bool),
        PrimitiveKind::Int32 => quote!(i32),
        PrimitiveKind::Int64 | PrimitiveKind::Int64String => quote!(i64),
        PrimitiveKind::Uint32 => quote!(u32),
        PrimitiveKind::Uint64 | PrimitiveKind::Uint64String => quote!(u64),
        PrimitiveKind::Float => quote!(f32),
        PrimitiveKind::Double => quote!(f64),
        PrimitiveKind::DateTime => quote!(::chrono::DateTime<::chrono::Utc>),
        PrimitiveKind::Date => quote!(::chrono::NaiveDate),
        PrimitiveKind::Uuid => quote!(::uuid::Uuid),
        PrimitiveKind::Base64 => quote!(::std::vec::Vec<u8>),
        PrimitiveKind::Duration => quote!(#DURATION),
        PrimitiveKind::FieldMask => quote!(#FIELD_MASK),
    }
}

/// Whether values of this primitive need a `serde_with` adapter on the wire.
fn needs_adapter(kind: PrimitiveKind) -> bool {
    matches!(
        kind,
        PrimitiveKind::Int64String | PrimitiveKind::Uint64String | PrimitiveKind::Base64
    )
}

/// Whether a reference contains, anywhere inline, a value that needs a `serde_with` adapter.
pub fn needs_serde_as(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(p) => needs_adapter(p.kind),
        TypeRef::Array(i) | TypeRef::Map(i) => needs_serde_as(i),
        _ => false,
    }
}

/// The `serde_as` pattern mirroring a type (`Option<Vec<PickFirst<(DisplayFromStr, _)>>>`).
pub fn serde_as_pattern(ty: &TypeRef, optional: bool) -> String {
    let inner = pattern(ty);
    if optional {
        format!("::std::option::Option<{inner}>")
    } else {
        inner
    }
}

fn pattern(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(Primitive { kind, .. }) => match kind {
            PrimitiveKind::Int64String | PrimitiveKind::Uint64String => {
                "::serde_with::PickFirst<(::serde_with::DisplayFromStr, _)>".to_string()
            }
            PrimitiveKind::Base64 => "::serde_with::base64::Base64".to_string(),
            _ => "_".to_string(),
        },
        TypeRef::Array(i) => format!("::std::vec::Vec<{}>", pattern(i)),
        TypeRef::Map(v) => format!(
            "::std::collections::BTreeMap<::serde_with::Same, {}>",
            pattern(v)
        ),
        _ => "_".to_string(),
    }
}

/// Crates a set of references needs beyond serde and serde_json.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Uses {
    /// `chrono` for dates and times.
    pub chrono: bool,
    /// `uuid` for UUIDs.
    pub uuid: bool,
    /// `serde_with` for string-encoded integers and base64.
    pub serde_with: bool,
    /// `serde_with`'s base64 feature.
    pub base64: bool,
}

impl Uses {
    /// Records what `ty` needs.
    pub fn visit(&mut self, ty: &TypeRef) {
        match ty {
            TypeRef::Primitive(p) => match p.kind {
                PrimitiveKind::DateTime | PrimitiveKind::Date => self.chrono = true,
                PrimitiveKind::Uuid => self.uuid = true,
                PrimitiveKind::Int64String | PrimitiveKind::Uint64String => self.serde_with = true,
                PrimitiveKind::Base64 => {
                    self.serde_with = true;
                    self.base64 = true;
                }
                _ => {}
            },
            TypeRef::Array(i) | TypeRef::Map(i) => self.visit(i),
            _ => {}
        }
    }
}
