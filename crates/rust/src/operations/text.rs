//! Text about parameters and types, for docs and error messages.

use apigen_ir::{Api, ParameterLocation, PrimitiveKind, TypeRef};

use super::{resolve, Param};
use crate::constraints;

/// A short description of what a parameter must look like, for error messages.
pub fn expected(api: &Api, p: &Param) -> String {
    fn scalar(ty: &TypeRef) -> String {
        match ty {
            TypeRef::Primitive(prim) => match prim.kind {
                PrimitiveKind::String | PrimitiveKind::Binary => "a string".into(),
                PrimitiveKind::Boolean => "`true` or `false`".into(),
                PrimitiveKind::Int32 => "an integer (int32)".into(),
                PrimitiveKind::Int64 | PrimitiveKind::Int64String => "an integer (int64)".into(),
                PrimitiveKind::Uint32 => "a non-negative integer (uint32)".into(),
                PrimitiveKind::Uint64 | PrimitiveKind::Uint64String => {
                    "a non-negative integer (uint64)".into()
                }
                PrimitiveKind::Float | PrimitiveKind::Double => "a number".into(),
                PrimitiveKind::DateTime => "an RFC 3339 date-time".into(),
                PrimitiveKind::Date => "a date (YYYY-MM-DD)".into(),
                PrimitiveKind::Uuid => "a UUID".into(),
                PrimitiveKind::Base64 => "base64".into(),
                PrimitiveKind::Duration => "a duration in seconds (`1.5s`)".into(),
                PrimitiveKind::FieldMask => "comma-separated field paths".into(),
            },
            TypeRef::Named(n) => format!("a valid `{n}`"),
            _ => "valid JSON".into(),
        }
    }
    match &p.resolved {
        TypeRef::Array(item) => scalar(&resolve(api, item)),
        other => scalar(other),
    }
}

/// Doc lines describing a parameter: its docs, bounds and default.
pub fn param_doc(p: &Param) -> String {
    let mut parts = Vec::new();
    let docs = &p.ir.docs;
    if let Some(s) = docs.summary.as_ref().or(docs.description.as_ref()) {
        parts.push(one_line(s));
    }
    if let TypeRef::Primitive(prim) = &p.resolved {
        parts.extend(constraints::describe(&prim.constraints));
    }
    if let Some(d) = &p.ir.default {
        parts.push(format!("Default: `{d}`."));
    }
    if p.ir.deprecated {
        parts.push("Deprecated.".into());
    }
    let location = match p.ir.location {
        ParameterLocation::Path => "path",
        ParameterLocation::Query => "query",
        ParameterLocation::Header => "header",
        ParameterLocation::Cookie => "cookie",
    };
    let required = if p.ir.required {
        "required"
    } else {
        "optional"
    };
    format!(
        "- `{}` ({location} `{}`, {required}){}{}",
        p.ident,
        p.ir.name,
        if parts.is_empty() { "" } else { ": " },
        parts.join(" ")
    )
}

/// Text on one line (for list items).
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The spec name of the type a reference shows in docs (`Jwt`, `[Token]`).
pub fn type_label(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(n) => n.clone(),
        TypeRef::Primitive(p) => format!("{:?}", p.kind).to_ascii_lowercase(),
        TypeRef::Array(i) => format!("[{}]", type_label(i)),
        TypeRef::Map(v) => format!("{{string: {}}}", type_label(v)),
        TypeRef::Any => "any JSON".into(),
        TypeRef::Unit => "empty".into(),
    }
}
