//! Rules about named types, fields, enums and unions, including the proto-only ones.

use apigen_ir::*;

use super::*;
use crate::{diff, diff_with, ChangeKind as K, Options};

/// An API whose one operation sends `Req` and returns `Token`, with extra types.
fn types_api(types: Vec<TypeDef>) -> Api {
    let mut o = op("createToken", HttpMethod::Post, "/tokens");
    o.request_body = Some(body(named("Req"), true));
    api(vec![o], types)
}

fn req(fields: Vec<Field>) -> TypeDef {
    object("Req", fields)
}

/// Diff of the same API with `Req` and `Token` changed.
fn objects(old: (Vec<Field>, Vec<Field>), new: (Vec<Field>, Vec<Field>)) -> Report {
    diff(
        &types_api(vec![req(old.0), token(old.1)]),
        &types_api(vec![req(new.0), token(new.1)]),
    )
}

#[test]
fn type_added_removed() {
    let old = types_api(vec![req(vec![]), token(vec![])]);
    let new = types_api(vec![req(vec![]), token(vec![]), object("Extra", vec![])]);
    expect(&diff(&old, &new), K::TypeAdded, C, C, None);
    expect(&diff(&new, &old), K::TypeRemoved, B, B, None);
}

#[test]
fn renamed_type_is_found_where_it_is_used() {
    let old = types_api(vec![
        req(vec![]),
        token(vec![field(
            "messages",
            TypeRef::Array(Box::new(named("Error_messages"))),
            false,
        )]),
        object("Error_messages", vec![field("code", string(), false)]),
    ]);
    let new = types_api(vec![
        req(vec![]),
        token(vec![field(
            "messages",
            TypeRef::Array(Box::new(named("ErrorMessage"))),
            false,
        )]),
        object("ErrorMessage", vec![field("code", string(), false)]),
    ]);
    let r = diff(&old, &new);
    assert_eq!(kinds(&r), vec![K::TypeRenamed]);
    expect(&r, K::TypeRenamed, B, B, None);
}

#[test]
fn type_kind_changed() {
    let old = types_api(vec![req(vec![]), token(vec![])]);
    let new = types_api(vec![req(vec![]), enumeration("Token", &[("A", None)])]);
    expect(&diff(&old, &new), K::TypeKindChanged, B, B, Some(B));
    // An alias whose target widens, used in a response: deployed clients may not parse it.
    let old = types_api(vec![
        req(vec![]),
        alias("Token", prim(PrimitiveKind::Int32)),
    ]);
    let new = types_api(vec![
        req(vec![]),
        alias("Token", prim(PrimitiveKind::Int64)),
    ]);
    expect(&diff(&old, &new), K::TypeKindChanged, B, B, Some(B));
}

#[test]
fn field_added_breaks_the_side_that_builds_values() {
    let opt = || field("note", string(), false);
    let r = objects((vec![], vec![]), (vec![opt()], vec![]));
    expect(&r, K::FieldAdded, B, C, Some(C));
    let r = objects(
        (vec![], vec![]),
        (vec![field("note", string(), true)], vec![]),
    );
    expect(&r, K::FieldAdded, B, C, Some(B));
    let r = objects((vec![], vec![]), (vec![], vec![opt()]));
    expect(&r, K::FieldAdded, C, B, Some(C));
    // Non-exhaustive structs: an optional field is an addition for everyone.
    let opts = Options {
        exhaustive_structs: false,
        ..Options::default()
    };
    let r = diff_with(
        &types_api(vec![req(vec![]), token(vec![])]),
        &types_api(vec![req(vec![opt()]), token(vec![opt()])]),
        &opts,
    );
    assert!(
        r.changes.iter().all(|c| (c.client, c.server) == (C, C)),
        "{r:#?}"
    );
}

#[test]
fn field_removed() {
    let r = objects(
        (vec![], vec![field("id", string(), true)]),
        (vec![], vec![]),
    );
    expect(&r, K::FieldRemoved, B, B, Some(B));
    let r = objects(
        (vec![field("id", string(), true)], vec![]),
        (vec![], vec![]),
    );
    expect(&r, K::FieldRemoved, B, B, Some(C));
}

#[test]
fn field_type_changed() {
    let int = |k| vec![field("n", prim(k), false)];
    let r = objects(
        (int(PrimitiveKind::Int32), vec![]),
        (int(PrimitiveKind::Int64), vec![]),
    );
    expect(&r, K::FieldTypeChanged, B, B, Some(C));
    let r = objects(
        (vec![], int(PrimitiveKind::Int64)),
        (vec![], int(PrimitiveKind::Int32)),
    );
    expect(&r, K::FieldTypeChanged, B, B, Some(C));
    let r = objects(
        (vec![], int(PrimitiveKind::Int32)),
        (vec![], int(PrimitiveKind::Int64)),
    );
    expect(&r, K::FieldTypeChanged, B, B, Some(B));
}

#[test]
fn field_requiredness_nullability_access_default_constraints() {
    let f = |required| vec![field("n", string(), required)];
    let r = objects((f(false), vec![]), (f(true), vec![]));
    expect(&r, K::FieldBecameRequired, B, B, Some(B));
    let r = objects((vec![], f(true)), (vec![], f(false)));
    expect(&r, K::FieldBecameOptional, B, B, Some(B));
    let r = objects((vec![], f(false)), (vec![], f(true)));
    expect(&r, K::FieldBecameRequired, B, B, Some(C));

    let mut nullable = field("n", string(), false);
    nullable.nullable = true;
    let r = objects((vec![], f(false)), (vec![], vec![nullable.clone()]));
    expect(&r, K::FieldNullableChanged, B, B, Some(B));
    let r = objects((vec![nullable], vec![]), (f(false), vec![]));
    expect(&r, K::FieldNullableChanged, B, B, Some(B));

    let mut ro = field("n", string(), false);
    ro.read_only = true;
    let r = objects((vec![], f(false)), (vec![], vec![ro]));
    expect(&r, K::FieldAccessChanged, C, C, Some(C));

    let mut dflt = field("n", string(), false);
    dflt.default = Some(serde_json::json!("a"));
    let r = objects((f(false), vec![]), (vec![dflt], vec![]));
    expect(&r, K::FieldDefaultChanged, C, C, Some(C));

    let mut p = Primitive::new(PrimitiveKind::String);
    p.constraints.max_length = Some(8);
    let short = vec![field("n", TypeRef::Primitive(p), false)];
    let r = objects((f(false), vec![]), (short.clone(), vec![]));
    expect(&r, K::FieldConstraintsChanged, B, C, Some(B));
    let r = objects((vec![], f(false)), (vec![], short));
    expect(&r, K::FieldConstraintsChanged, C, C, Some(C));
}

#[test]
fn additional_properties() {
    let mut old = types_api(vec![req(vec![]), token(vec![])]);
    let new = old.clone();
    if let TypeKind::Object(o) = &mut old.types[1].kind {
        o.additional_properties = Some(string());
    }
    let r = diff(&old, &new);
    expect(&r, K::AdditionalPropertiesChanged, B, B, Some(C));
}

#[test]
fn proto_field_numbers() {
    let s = string;
    // Renamed field, same number: the JSON name changes.
    let r = objects(
        (vec![], vec![numbered("a", s(), 1)]),
        (vec![], vec![numbered("b", s(), 1)]),
    );
    assert_eq!(kinds(&r), vec![K::FieldRenamed]);
    expect(&r, K::FieldRenamed, B, B, Some(B));
    // Same name, new number: only the binary encoding breaks.
    let r = objects(
        (vec![], vec![numbered("a", s(), 1)]),
        (vec![], vec![numbered("a", s(), 2)]),
    );
    assert_eq!(kinds(&r), vec![K::FieldNumberChanged]);
    expect(&r, K::FieldNumberChanged, N, N, Some(B));
    assert_eq!(r.semver_bump(), crate::Bump::Patch);
    // A removed field's number reused by a field of another type.
    let int = prim(PrimitiveKind::Int32);
    let r = objects(
        (vec![], vec![numbered("a", s(), 1)]),
        (vec![], vec![numbered("b", int, 1)]),
    );
    assert_eq!(
        kinds(&r),
        vec![K::FieldRemoved, K::FieldAdded, K::FieldNumberReused]
    );
    expect(&r, K::FieldNumberReused, N, N, Some(B));
    expect(&r, K::FieldRemoved, B, B, Some(B));
    // Any type change of a proto field breaks the wire, even a widening.
    let r = objects(
        (vec![numbered("n", prim(PrimitiveKind::Int32), 1)], vec![]),
        (vec![numbered("n", prim(PrimitiveKind::Int64), 1)], vec![]),
    );
    expect(&r, K::FieldTypeChanged, B, B, Some(B));
    // Into a oneof.
    let mut in_oneof = numbered("a", s(), 1);
    in_oneof.oneof = Some("choice".into());
    let r = objects(
        (vec![], vec![numbered("a", s(), 1)]),
        (vec![], vec![in_oneof]),
    );
    expect(&r, K::FieldOneofChanged, B, B, Some(B));
}

fn enum_api(values: &[(&str, Option<i32>)], request: bool) -> Api {
    let mut o = get("getToken", "/tokens");
    if request {
        o.parameters.push(param(
            "state",
            ParameterLocation::Query,
            false,
            named("State"),
        ));
    } else {
        o.responses[0].body.as_mut().unwrap().ty = named("State");
    }
    api(vec![o], vec![enumeration("State", values), token(vec![])])
}

#[test]
fn enum_value_added_breaks_the_side_that_matches() {
    let old = &[("A", None)];
    let new = &[("A", None), ("B", None)];
    let r = diff(&enum_api(old, true), &enum_api(new, true));
    expect(&r, K::EnumValueAdded, C, B, Some(C));
    let r = diff(&enum_api(old, false), &enum_api(new, false));
    expect(&r, K::EnumValueAdded, B, C, Some(B));
    let opts = Options {
        exhaustive_enums: false,
        ..Options::default()
    };
    let r = diff_with(&enum_api(old, false), &enum_api(new, false), &opts);
    expect(&r, K::EnumValueAdded, C, C, Some(B));
}

#[test]
fn enum_value_removed() {
    let old = &[("A", None), ("B", None)];
    let new = &[("A", None)];
    expect(
        &diff(&enum_api(old, true), &enum_api(new, true)),
        K::EnumValueRemoved,
        B,
        B,
        Some(B),
    );
    expect(
        &diff(&enum_api(old, false), &enum_api(new, false)),
        K::EnumValueRemoved,
        B,
        B,
        Some(C),
    );
}

#[test]
fn proto_enum_values() {
    let r = diff(
        &enum_api(&[("A", Some(0))], false),
        &enum_api(&[("B", Some(0))], false),
    );
    assert_eq!(kinds(&r), vec![K::EnumValueRenamed]);
    expect(&r, K::EnumValueRenamed, B, B, Some(B));
    let r = diff(
        &enum_api(&[("A", Some(0))], false),
        &enum_api(&[("A", Some(1))], false),
    );
    expect(&r, K::EnumValueNumberChanged, N, N, Some(B));
    let mut ints = enum_api(&[("A", Some(0))], false);
    if let TypeKind::Enum(e) = &mut ints.types[0].kind {
        e.repr = EnumRepr::Integer;
    }
    expect(
        &diff(&enum_api(&[("A", Some(0))], false), &ints),
        K::EnumReprChanged,
        B,
        B,
        Some(B),
    );
}

#[test]
fn string_parameter_narrowed_to_an_enum() {
    let mut old = enum_api(&[("A", None)], true);
    old.services[0].operations[0].parameters[0].ty = string();
    old.types.retain(|t| t.name != "State");
    let new = enum_api(&[("A", None)], true);
    let r = diff(&old, &new);
    expect(&r, K::ParameterTypeChanged, B, B, Some(B));
    expect(&r, K::TypeAdded, C, C, None);
    // And back: widened, compatible on the wire.
    expect(&diff(&new, &old), K::ParameterTypeChanged, B, B, Some(C));
}

fn union_api(variants: &[(&str, &str)]) -> Api {
    let mut o = get("getToken", "/tokens");
    o.responses[0].body.as_mut().unwrap().ty = named("Shape");
    let mut types = vec![union("Shape", variants), token(vec![])];
    types.extend(variants.iter().map(|(n, _)| object(n, vec![])));
    api(vec![o], types)
}

#[test]
fn union_rules() {
    let one = union_api(&[("Circle", "circle")]);
    let two = union_api(&[("Circle", "circle"), ("Square", "square")]);
    expect(&diff(&one, &two), K::UnionVariantAdded, B, C, Some(B));
    expect(&diff(&two, &one), K::UnionVariantRemoved, B, B, Some(C));
    let retagged = union_api(&[("Circle", "round")]);
    expect(
        &diff(&one, &retagged),
        K::UnionDiscriminatorChanged,
        B,
        B,
        Some(B),
    );
    let mut other_disc = one.clone();
    if let TypeKind::Union(u) = &mut other_disc.types[1].kind {
        u.discriminator = Some("type".into());
    }
    expect(
        &diff(&one, &other_disc),
        K::UnionDiscriminatorChanged,
        B,
        B,
        Some(B),
    );
    let two_as = |matches: apigen_ir::UnionMatch| {
        let mut api = two.clone();
        if let TypeKind::Union(u) = &mut api.types[1].kind {
            u.matches = matches;
            u.discriminator = None;
        }
        api
    };
    let (one_of, exclusive, subset) = (
        two_as(apigen_ir::UnionMatch::ExactlyOne),
        two_as(apigen_ir::UnionMatch::AnyExclusive),
        two_as(apigen_ir::UnionMatch::AnySubset),
    );
    // A response union that now allows several alternatives at once: deployed clients may
    // get values they refuse; the enum becomes a struct of `Option`s.
    expect(&diff(&one_of, &subset), K::UnionMatchChanged, B, B, Some(B));
    expect(&diff(&subset, &one_of), K::UnionMatchChanged, B, B, Some(C));
    // Exclusive `anyOf` is read like `oneOf`: same Rust enum, same values.
    expect(
        &diff(&one_of, &exclusive),
        K::UnionMatchChanged,
        N,
        N,
        Some(C),
    );
    expect(
        &diff(&exclusive, &subset),
        K::UnionMatchChanged,
        B,
        B,
        Some(C),
    );
    let mut retyped = one.clone();
    if let TypeKind::Union(u) = &mut retyped.types[1].kind {
        u.variants[0].ty = string();
    }
    expect(
        &diff(&one, &retyped),
        K::UnionVariantTypeChanged,
        B,
        B,
        Some(B),
    );
}

#[test]
fn field_deprecated_and_documented() {
    let mut dep = field("n", string(), false);
    dep.deprecated = true;
    let r = objects(
        (vec![], vec![field("n", string(), false)]),
        (vec![], vec![dep]),
    );
    expect(&r, K::DeprecationChanged, C, N, None);
    let mut doc = field("n", string(), false);
    doc.docs = Docs::description("The n.");
    let r = objects(
        (vec![], vec![field("n", string(), false)]),
        (vec![], vec![doc]),
    );
    expect(&r, K::DocsChanged, N, N, None);
}

#[test]
fn renames_that_keep_the_rust_name_change_nothing_in_rust() {
    assert!(crate::ctx::same_rust_name("Token_owner", "TokenOwner"));
    assert!(crate::ctx::same_rust_name("getToken", "GetToken"));
    assert!(crate::ctx::same_rust_name("HTTPStatus", "http_status"));
    assert!(!crate::ctx::same_rust_name(
        "Error_messages",
        "ErrorMessage"
    ));
    assert!(!crate::ctx::same_rust_name("tokenowner", "TokenOwner"));
    let with = |name: &str| {
        types_api(vec![
            req(vec![]),
            token(vec![field("owner", named(name), false)]),
            object(name, vec![]),
        ])
    };
    let r = diff(&with("Token_owner"), &with("TokenOwner"));
    expect(&r, K::TypeRenamed, N, N, None);
    assert_eq!(r.semver_bump(), crate::Bump::Patch);
    let r = diff(&with("Owner"), &with("TokenOwner"));
    expect(&r, K::TypeRenamed, B, B, None);
}
