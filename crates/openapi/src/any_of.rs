//! When `anyOf` means "any subset": the one place that decides it.
//!
//! `anyOf` lets a value match several alternatives at once. That can only happen when the
//! alternatives can hold at the same time, and the rule is:
//!
//! - an `anyOf` **without** a `discriminator`, of **two or more** alternatives that are all
//!   **objects** (object schemas or `$ref`s to them — records with `properties`, `allOf`
//!   merges, a base with its own alternatives — or unions whose alternatives are all objects)
//!   is "any subset" ([`UnionMatch::AnySubset`]): each alternative is decoded from the whole
//!   value on its own, and any non-empty set of them may hold;
//! - any other `anyOf` is exclusive ([`UnionMatch::AnyExclusive`]): its alternatives have
//!   different JSON types (`anyOf: [string, integer]`, an id or the expanded object, a `$ref`
//!   or `enum: [""]`, a list or a single item), or a discriminator picks one, or there is a
//!   single alternative, or the objects are told apart by the values of a property they all
//!   require (Stripe's `object: {enum: [card]}` / `{enum: [bank_account]}`: the sets of
//!   values do not overlap). A value matches at most one of them, so it reads like `oneOf`.
//!
//! Maps (`additionalProperties` only) and free-form values are not objects here: they match
//! every object, so the subset shape would only repeat the value.
//!
//! The decision needs every type, since an alternative may be a `$ref` to a component lowered
//! later; it runs once, after all schemas are lowered.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use apigen_ir::{ObjectType, TypeDef, TypeKind, TypeRef, UnionMatch, UnionVariant};

/// Marks each exclusive `anyOf` union of `defs` whose alternatives can hold together as
/// [`UnionMatch::AnySubset`] (rule in the module docs).
pub(crate) fn decide(defs: &mut [TypeDef]) {
    let kinds: HashMap<&str, &TypeKind> = defs.iter().map(|d| (d.name.as_str(), &d.kind)).collect();
    let subsets: BTreeSet<String> = defs
        .iter()
        .filter(|def| match &def.kind {
            TypeKind::Union(u) => {
                u.matches == UnionMatch::AnyExclusive
                    && u.discriminator.is_none()
                    && u.variants.len() >= 2
                    && u.variants
                        .iter()
                        .all(|v| is_object(&kinds, &v.ty, &mut BTreeSet::new()))
                    && !told_apart_by_values(&kinds, &u.variants)
            }
            _ => false,
        })
        .map(|def| def.name.clone())
        .collect();
    for def in defs {
        if let TypeKind::Union(u) = &mut def.kind {
            if subsets.contains(&def.name) {
                u.matches = UnionMatch::AnySubset;
            }
        }
    }
}

/// Whether every value of `ty` is a JSON object with named properties. `seen` guards against
/// unions and aliases that lead back to themselves.
fn is_object<'a>(
    kinds: &HashMap<&str, &'a TypeKind>,
    ty: &'a TypeRef,
    seen: &mut BTreeSet<&'a str>,
) -> bool {
    let TypeRef::Named(name) = ty else {
        return false;
    };
    if !seen.insert(name) {
        return false;
    }
    match kinds.get(name.as_str()) {
        Some(TypeKind::Object(_)) => true,
        Some(TypeKind::Alias(target)) => is_object(kinds, target, seen),
        Some(TypeKind::Union(u)) => {
            !u.variants.is_empty() && u.variants.iter().all(|v| is_object(kinds, &v.ty, seen))
        }
        Some(TypeKind::Enum(_)) | None => false,
    }
}

/// Whether every alternative is a record requiring one same property, whose values (an
/// `enum`) differ from one alternative to the next: then a value matches one at most.
fn told_apart_by_values(kinds: &HashMap<&str, &TypeKind>, variants: &[UnionVariant]) -> bool {
    let tags: Option<Vec<BTreeMap<&str, BTreeSet<&str>>>> = variants
        .iter()
        .map(|v| record(kinds, &v.ty).map(|o| required_values(kinds, o)))
        .collect();
    let Some(tags) = tags else {
        return false;
    };
    let Some((first, rest)) = tags.split_first() else {
        return false;
    };
    first.keys().any(|property| {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        tags.iter().all(|t| t.contains_key(property))
            && std::iter::once(first)
                .chain(rest)
                .all(|t| t[property].iter().all(|value| seen.insert(value)))
    })
}

/// The record a reference names, through aliases.
fn record<'a>(kinds: &HashMap<&str, &'a TypeKind>, ty: &TypeRef) -> Option<&'a ObjectType> {
    let mut ty = ty;
    for _ in 0..kinds.len() + 1 {
        let TypeRef::Named(name) = ty else {
            return None;
        };
        match kinds.get(name.as_str())? {
            TypeKind::Object(o) => return Some(o),
            TypeKind::Alias(target) => ty = target,
            _ => return None,
        }
    }
    None
}

/// The required, non-nullable properties of a record whose values are an `enum`, with them.
fn required_values<'a>(
    kinds: &HashMap<&str, &'a TypeKind>,
    o: &'a ObjectType,
) -> BTreeMap<&'a str, BTreeSet<&'a str>> {
    o.fields
        .iter()
        .filter(|f| f.required && !f.nullable)
        .filter_map(|f| match &f.ty {
            TypeRef::Named(n) => match kinds.get(n.as_str()) {
                Some(TypeKind::Enum(e)) => Some((
                    f.name.as_str(),
                    e.values.iter().map(|v| v.value.as_str()).collect(),
                )),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use apigen_ir::{TypeDef, TypeKind, UnionMatch};

    fn matches_of(yaml: &str, name: &str) -> UnionMatch {
        let spec = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{yaml}"
        );
        let api = crate::parse("spec.yaml", &spec).unwrap();
        let def: &TypeDef = api.types.iter().find(|d| d.name == name).unwrap();
        match &def.kind {
            TypeKind::Union(u) => u.matches,
            other => panic!("{name} is {other:?}"),
        }
    }

    const OBJECTS: &str = "    A: {type: object, properties: {a: {type: string}}}\n    B: {type: object, properties: {b: {type: string}}}\n";

    #[test]
    fn object_alternatives_are_any_subset() {
        let yaml = format!("{OBJECTS}    U: {{anyOf: [{{$ref: '#/components/schemas/A'}}, {{$ref: '#/components/schemas/B'}}]}}\n");
        assert_eq!(matches_of(&yaml, "U"), UnionMatch::AnySubset);
        let inline = "    U:\n      anyOf:\n        - {properties: {a: {type: string}}}\n        - {type: object, required: [b], properties: {b: {type: integer}}}\n";
        assert_eq!(matches_of(inline, "U"), UnionMatch::AnySubset);
    }

    #[test]
    fn alternatives_of_different_types_are_exclusive() {
        let cases = [
            "    U: {anyOf: [{type: string}, {type: integer}]}\n".to_string(),
            format!("{OBJECTS}    U: {{anyOf: [{{type: string}}, {{$ref: '#/components/schemas/A'}}]}}\n"),
            format!("{OBJECTS}    U: {{anyOf: [{{$ref: '#/components/schemas/A'}}, {{type: string, enum: ['']}}]}}\n"),
            format!("{OBJECTS}    U: {{anyOf: [{{$ref: '#/components/schemas/A'}}]}}\n"),
            format!("{OBJECTS}    U: {{anyOf: [{{$ref: '#/components/schemas/A'}}, {{type: object, additionalProperties: {{type: string}}}}]}}\n"),
        ];
        for yaml in cases {
            assert_eq!(matches_of(&yaml, "U"), UnionMatch::AnyExclusive, "{yaml}");
        }
    }

    #[test]
    fn objects_told_apart_by_a_required_value_are_exclusive() {
        let objects = "    Card: {type: object, required: [object, id], properties: {id: {type: string}, object: {type: string, enum: [card]}}}\n    Bank: {type: object, required: [object], properties: {object: {type: string, enum: [bank_account]}}}\n";
        let yaml = format!("{objects}    U: {{anyOf: [{{$ref: '#/components/schemas/Card'}}, {{$ref: '#/components/schemas/Bank'}}]}}\n");
        assert_eq!(matches_of(&yaml, "U"), UnionMatch::AnyExclusive);
        // The same value in both, or a property one of them does not require: any subset.
        let overlapping = yaml.replace("enum: [bank_account]", "enum: [bank_account, card]");
        assert_eq!(matches_of(&overlapping, "U"), UnionMatch::AnySubset);
        let optional = yaml.replace("required: [object]", "required: []");
        assert_eq!(matches_of(&optional, "U"), UnionMatch::AnySubset);
    }

    #[test]
    fn a_discriminator_or_one_of_keeps_exactly_one() {
        let tagged = format!("{OBJECTS}    U: {{anyOf: [{{$ref: '#/components/schemas/A'}}, {{$ref: '#/components/schemas/B'}}], discriminator: {{propertyName: a}}}}\n");
        assert_eq!(matches_of(&tagged, "U"), UnionMatch::AnyExclusive);
        let one_of = format!("{OBJECTS}    U: {{oneOf: [{{$ref: '#/components/schemas/A'}}, {{$ref: '#/components/schemas/B'}}]}}\n");
        assert_eq!(matches_of(&one_of, "U"), UnionMatch::ExactlyOne);
    }

    #[test]
    fn unions_of_objects_and_refs_declared_later_count_as_objects() {
        let yaml = format!("    U: {{anyOf: [{{$ref: '#/components/schemas/V'}}, {{$ref: '#/components/schemas/C'}}]}}\n    V: {{oneOf: [{{$ref: '#/components/schemas/A'}}, {{$ref: '#/components/schemas/B'}}]}}\n    C: {{$ref: '#/components/schemas/A'}}\n{OBJECTS}");
        assert_eq!(matches_of(&yaml, "U"), UnionMatch::AnySubset);
    }
}
