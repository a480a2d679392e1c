//! Regressions found by `scripts/wild-specs.sh` (large public specs nobody here wrote): each
//! test is the construct of one spec, cut down to a few lines.

use apigen_ir::Api;

fn parse(text: &str) -> Api {
    apigen_openapi::parse("t.yaml", text).unwrap_or_else(|e| panic!("{e}"))
}

fn skipped(api: &Api) -> Vec<(&str, &str)> {
    api.skipped
        .iter()
        .map(|s| (s.location.as_str(), s.reason.as_str()))
        .collect()
}

/// vercel.com (3.1): `additionalProperties: false` written inside `properties`, i.e. a property
/// named `additionalProperties` whose schema is `false`: it may never appear, so no field.
#[test]
fn a_property_with_the_false_schema_has_no_field() {
    let api = parse(
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\ncomponents: {schemas: {A: {type: object, properties: {additionalProperties: false, name: {type: string}}}}}\n",
    );
    let def = api.type_def("A").unwrap();
    let apigen_ir::TypeKind::Object(s) = &def.kind else {
        panic!("{def:?}")
    };
    let names: Vec<&str> = s.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["name"]);
    assert_eq!(
        skipped(&api),
        [(
            "#/components/schemas/A/properties/additionalProperties",
            "property `additionalProperties` has the `false` schema (it may never appear): no field generated"
        )]
    );
}

/// vercel.com: `minProperties` beside `properties` of an inline object: the field is a struct,
/// which has nothing to count (the entry limits are for maps).
#[test]
fn entry_limits_of_an_inline_record_are_not_checked() {
    let api = parse(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents: {schemas: {A: {type: object, properties: {locale: {type: object, minProperties: 1, properties: {c: {type: string}}}, tags: {type: object, minProperties: 2, additionalProperties: {type: string}}}}}}\n",
    );
    let def = api.type_def("A").unwrap();
    let apigen_ir::TypeKind::Object(o) = &def.kind else {
        panic!("{def:?}")
    };
    assert_eq!(o.fields[0].sizes, apigen_ir::Sizes::default());
    assert_eq!(o.fields[1].sizes.min_properties, Some(2));
}
