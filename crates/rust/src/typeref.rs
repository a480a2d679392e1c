//! IR type references → Rust types, and the serde adapters some of them need.

use apigen_ir::{Primitive, PrimitiveKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

use crate::names::Names;
use crate::runtime::proto_json::{DURATION, FIELD_MASK};

/// Renders type references for one crate: `root` is the path of the models crate from there.
pub struct TypeRenderer<'a> {
    /// Names of all types.
    pub names: &'a Names,
    /// Path to the models crate root (`crate` inside it, `crate::models` elsewhere).
    pub root: TokenStream,
}

impl TypeRenderer<'_> {
    /// The Rust type of a reference.
    pub fn ty(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::Named(n) => self.names.path(&self.root, n),
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

/// The Rust type of a primitive.
pub fn primitive(kind: PrimitiveKind) -> TokenStream {
    match kind {
        PrimitiveKind::String | PrimitiveKind::Binary => quote!(::std::string::String),
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
