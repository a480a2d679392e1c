//! Names inside a type: the fields of an object, the variants of an enum or a union, and the
//! extra members the templates add (the flattened alternatives and additional properties of
//! an object, the unknown-value variant of a protobuf enum).

use std::collections::BTreeMap;

use apigen_ir::{Api, TypeKind, TypeRef, UnionMatch};

use super::scope::Scope;

/// The names inside one type.
#[derive(Debug)]
pub enum Members {
    /// An object's fields and the fields the templates add beside them.
    Object {
        /// One per IR field, in order.
        fields: Vec<String>,
        /// The flattened alternatives.
        alternatives: String,
        /// The map of additional properties.
        additional: String,
    },
    /// An enum's variants.
    Enum {
        /// One per IR value, in order.
        variants: Vec<String>,
        /// The variant of values this version does not know (protobuf enums).
        unknown: String,
    },
    /// A union's variants, one per IR variant, in order.
    Union(Vec<String>),
    /// The fields of an "any subset" union (a struct of `Option`s), one per IR variant, in order.
    Subset(Vec<String>),
}

impl Members {
    /// An object's or an "any subset" union's fields (empty for other types).
    pub fn fields(&self) -> &[String] {
        match self {
            Members::Object { fields, .. } | Members::Subset(fields) => fields,
            _ => &[],
        }
    }

    /// An enum's or a union's variants (empty for objects and "any subset" unions).
    pub fn variants(&self) -> &[String] {
        match self {
            Members::Enum { variants, .. } | Members::Union(variants) => variants,
            Members::Object { .. } | Members::Subset(_) => &[],
        }
    }

    /// The alternatives field of an object.
    pub fn alternatives(&self) -> &str {
        match self {
            Members::Object { alternatives, .. } => alternatives,
            _ => "variant",
        }
    }

    /// The additional-properties field of an object.
    pub fn additional(&self) -> &str {
        match self {
            Members::Object { additional, .. } => additional,
            _ => "additional_properties",
        }
    }

    /// The unknown-value variant of an enum.
    pub fn unknown(&self) -> &str {
        match self {
            Members::Enum { unknown, .. } => unknown,
            _ => "Unknown",
        }
    }
}

/// The members of every object, enum and union of `api`, by IR type name.
pub fn members(api: &Api) -> BTreeMap<String, Members> {
    let mut out = BTreeMap::new();
    for def in &api.types {
        let members = match &def.kind {
            TypeKind::Object(o) => {
                let mut scope = Scope::default();
                let fields: Vec<String> = o.fields.iter().map(|f| scope.snake(&f.name)).collect();
                // "Any subset" alternatives are several at once; other unions hold one variant.
                let subset = match &o.alternatives {
                    Some(TypeRef::Named(n)) => api.type_def(n).is_some_and(|d| {
                        matches!(&d.kind, TypeKind::Union(u) if u.matches == UnionMatch::AnySubset)
                    }),
                    _ => false,
                };
                let alternatives = if subset { "alternatives" } else { "variant" };
                // Each extra field avoids the fields, not the other extra field (they differ).
                Members::Object {
                    alternatives: scope.clone().snake(alternatives),
                    additional: scope.snake("additional_properties"),
                    fields,
                }
            }
            TypeKind::Enum(e) => {
                let mut scope = Scope::default();
                let variants: Vec<String> =
                    e.values.iter().map(|v| scope.pascal(&v.value)).collect();
                Members::Enum {
                    unknown: unknown(&variants),
                    variants,
                }
            }
            TypeKind::Union(u) if u.matches == UnionMatch::AnySubset => {
                let mut scope = Scope::default();
                Members::Subset(u.variants.iter().map(|v| scope.snake(&v.name)).collect())
            }
            TypeKind::Union(u) => {
                let mut scope = Scope::default();
                Members::Union(u.variants.iter().map(|v| scope.pascal(&v.name)).collect())
            }
            TypeKind::Alias(_) => continue,
        };
        out.insert(def.name.clone(), members);
    }
    out
}

/// `Unknown`, unless a known value took that name (then `UnknownValue`, `Unrecognized`,
/// `Unknown2`, …).
fn unknown(variants: &[String]) -> String {
    let taken = |name: &str| variants.iter().any(|v| v == name);
    ["Unknown", "UnknownValue", "Unrecognized"]
        .into_iter()
        .find(|n| !taken(n))
        .map(str::to_string)
        .unwrap_or_else(|| {
            (2..)
                .map(|i| format!("Unknown{i}"))
                .find(|n| !taken(n))
                .unwrap_or_default()
        })
}
