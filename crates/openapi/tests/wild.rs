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

/// codat.io (3.1): `$ref`s into another schema's property, into a parameter's schema and into
/// an operation's answer; each target becomes a component of its own, located where written.
#[test]
fn deep_refs_point_at_copies_of_their_targets() {
    let api = parse(concat!(
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\n",
        "paths: {'/x/{id}': {get: {operationId: getX, parameters: [{$ref: '#/components/parameters/id'}], responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {logo: {type: object, properties: {full: {type: string}}}}}}}}}}}}\n",
        "components:\n  parameters: {id: {name: id, in: path, required: true, schema: {type: string, format: uuid}}}\n",
        "  schemas:\n    T: {allOf: [{type: object}, {type: object, properties: {currency: {type: string, enum: [EUR, USD]}}}]}\n",
        "    U: {type: object, properties: {\n",
        "      c: {$ref: '#/components/schemas/T/allOf/1/properties/currency'},\n",
        "      id: {$ref: '#/components/parameters/id/schema'},\n",
        "      full: {$ref: '#/paths/~1x~1%7Bid%7D/get/responses/200/content/application~1json/schema/properties/logo/properties/full'}}}\n",
    ));
    let def = api.type_def("T currency").unwrap();
    assert_eq!(def.location, "#/components/schemas/T/allOf/1/properties/currency");
    let apigen_ir::TypeKind::Object(u) = &api.type_def("U").unwrap().kind else {
        panic!()
    };
    assert_eq!(u.fields[0].ty, apigen_ir::TypeRef::Named("T currency".into()));
    assert_eq!(u.fields.len(), 3);
}
