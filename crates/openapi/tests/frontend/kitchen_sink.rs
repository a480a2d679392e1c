//! The lowering rules the IONOS spec does not exercise, on one kitchen-sink spec.

use super::*;

/// A spec exercising the lowering rules the IONOS spec does not.
const KITCHEN_SINK: &str = r##"
openapi: 3.0.3
info: {title: Sink, version: '2', description: '  Many features.  '}
servers:
  - url: https://{region}.example.com/v1
    variables: {region: {default: eu}}
security: [{key: []}, {}]
paths:
  /pets/{petId}:
    parameters:
      - {name: petId, in: path, required: true, schema: {type: string, format: uuid}}
      - {name: verbose, in: query, schema: {type: boolean}}
    get:
      parameters:
        - {name: verbose, in: query, description: overridden, schema: {type: integer}}
        - {name: tags, in: query, schema: {type: array, items: {type: string}}}
        - {name: sort, in: query, schema: {type: string, enum: [asc, desc]}}
        - {name: session, in: cookie, schema: {type: string}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
        default:
          description: error
          content: {application/problem+json: {schema: {type: object, properties: {code: {type: integer, enum: [1, 2]}}}}}
        4XX: {description: client error, content: {}}
        '201':
          description: created
          content: {text/plain: {schema: {type: string}}}
          links: {self: {operationId: getPet}}
      security: []
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded: {schema: {type: object, properties: {name: {type: string}}}}
          text/plain: {schema: {type: string}}
      responses: {'204': {description: none}}
      callbacks: {onEvent: {'{$request.body#/url}': {post: {responses: {'200': {description: ok}}}}}}
  /upload:
    put:
      operationId: upload
      security: [{oauth: [write]}]
      requestBody:
        required: true
        content: {application/octet-stream: {schema: {type: string, format: binary}}}
      responses: {'200': {description: ok, content: {'*/*': {schema: {$ref: '#/components/schemas/Pet'}}}}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
    oauth: {type: oauth2, flows: {implicit: {authorizationUrl: 'https://x', scopes: {write: w}}}}
  schemas:
    Pet:
      type: object
      required: [kind]
      properties:
        kind: {type: string}
        owner: {type: object, properties: {name: {type: string}}}
        labels: {type: object, additionalProperties: {type: string}}
        extra: {}
        born: {type: string, format: date-time, nullable: true, readOnly: true, default: '2000-01-01T00:00:00Z'}
    Pet owner: {type: string}
    Labels: {type: object, additionalProperties: true}
    Animal:
      oneOf: [{$ref: '#/components/schemas/Pet'}, {$ref: '#/components/schemas/Fish'}, {type: string}]
      discriminator: {propertyName: kind, mapping: {dog: '#/components/schemas/Pet'}}
    Fish: {type: object, properties: {kind: {type: string}}}
    GoldFish:
      allOf:
        - $ref: '#/components/schemas/Fish'
        - {type: object, required: [kind], properties: {shine: {type: number, format: float}}}
    Level: {type: integer, enum: [1, 2, 3]}
"##;

fn sink() -> apigen_ir::Api {
    apigen_openapi::parse("sink.yaml", KITCHEN_SINK).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn kitchen_sink_operations() {
    let api = sink();
    assert_eq!(api.servers, ["https://eu.example.com/v1"]);
    assert_eq!(api.docs.description.as_deref(), Some("Many features."));
    let names: Vec<_> = api.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["default"]);
    let ids: Vec<_> = api.operations().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["get_pets_petId", "post_pets_petId", "upload"]);

    let get = api.operations().next().unwrap();
    let params: Vec<_> = get
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.explode))
        .collect();
    assert_eq!(
        params,
        [
            ("petId", ParameterLocation::Path, false),
            ("verbose", ParameterLocation::Query, true),
            ("tags", ParameterLocation::Query, true),
            ("sort", ParameterLocation::Query, true),
            ("session", ParameterLocation::Cookie, true),
        ]
    );
    assert_eq!(
        get.parameters[1].docs.description.as_deref(),
        Some("overridden")
    );
    assert_eq!(
        get.parameters[3].ty,
        TypeRef::Named("get_pets_petId sort".into())
    );
    assert!(
        get.security.is_empty(),
        "security: [] means no authentication"
    );
    let statuses: Vec<_> = get.responses.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            ResponseStatus::Code(200),
            ResponseStatus::Code(201),
            ResponseStatus::Range(4),
            ResponseStatus::Default
        ]
    );
    let created = get.responses[1].body.as_ref().unwrap();
    assert_eq!(
        (created.encoding, created.media_type.as_str()),
        (BodyEncoding::Bytes, "text/plain")
    );
    assert!(get.responses[2].body.is_none());
    let error = get.responses[3].body.as_ref().unwrap();
    assert_eq!(
        error.ty,
        TypeRef::Named("get_pets_petId default response".into())
    );
    let code = api
        .type_def("get_pets_petId default response code")
        .unwrap();
    assert!(matches!(&code.kind, TypeKind::Enum(e) if e.repr == EnumRepr::Integer));

    let post = api.operations().nth(1).unwrap();
    let alternatives: Vec<_> = post.security.iter().map(|r| r.schemes.clone()).collect();
    assert_eq!(alternatives, [vec!["key".to_string()], vec![]]);
    let body = post.request_body.as_ref().unwrap();
    assert_eq!(body.encoding, BodyEncoding::FormUrlEncoded);
    assert_eq!(body.ty, TypeRef::Named("post_pets_petId request".into()));

    let upload = api.operations().nth(2).unwrap();
    let body = upload.request_body.as_ref().unwrap();
    assert!(body.required);
    assert_eq!(body.encoding, BodyEncoding::Bytes);
    assert!(matches!(&body.ty, TypeRef::Primitive(p) if p.kind == PrimitiveKind::Binary));
    let ok = upload.responses[0].body.as_ref().unwrap();
    assert_eq!(
        (ok.encoding, ok.media_type.as_str()),
        (BodyEncoding::Json, "application/json")
    );
    assert_eq!(upload.security[0].schemes, ["oauth"]);
    assert_eq!(
        api.security_scheme("oauth").unwrap().kind,
        SecuritySchemeKind::HttpBearer { format: None }
    );

    let skipped: Vec<_> = api.skipped.iter().map(|s| s.location.as_str()).collect();
    assert_eq!(
        skipped,
        [
            "#/paths/~1pets~1{petId}/get/responses/201/links",
            "#/paths/~1pets~1{petId}/post/callbacks/onEvent"
        ]
    );
}

#[test]
fn kitchen_sink_types() {
    let api = sink();
    let pet = api.type_def("Pet").unwrap();
    let TypeKind::Object(o) = &pet.kind else {
        panic!("Pet is {:?}", pet.kind)
    };
    let fields: Vec<_> = o
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(
        fields,
        [
            ("kind", true),
            ("owner", false),
            ("labels", false),
            ("extra", false),
            ("born", false)
        ]
    );
    // `Pet owner` is a component name, so the inline type takes the next free name.
    assert_eq!(o.fields[1].ty, TypeRef::Named("Pet owner 2".into()));
    assert_eq!(
        api.type_def("Pet owner 2").unwrap().name_origin,
        apigen_ir::NameOrigin::Derived
    );
    assert_eq!(
        o.fields[2].ty,
        TypeRef::Map(Box::new(TypeRef::Primitive(apigen_ir::Primitive::new(
            PrimitiveKind::String
        ))))
    );
    assert_eq!(o.fields[3].ty, TypeRef::Any);
    let born = &o.fields[4];
    assert!(born.nullable && born.read_only);
    assert_eq!(
        born.default,
        Some(serde_json::json!("2000-01-01T00:00:00Z"))
    );

    assert_eq!(
        api.type_def("Labels").unwrap().kind,
        TypeKind::Alias(TypeRef::Map(Box::new(TypeRef::Any)))
    );
    let TypeKind::Union(u) = &api.type_def("Animal").unwrap().kind else {
        panic!("Animal is not a union")
    };
    assert_eq!(u.discriminator.as_deref(), Some("kind"));
    let variants: Vec<_> = u
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.tag.as_deref()))
        .collect();
    assert_eq!(
        variants,
        [
            ("Pet", Some("dog")),
            ("Fish", Some("Fish")),
            ("string", None)
        ]
    );
    let TypeKind::Object(gold) = &api.type_def("GoldFish").unwrap().kind else {
        panic!("GoldFish is not an object")
    };
    let fields: Vec<_> = gold
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(fields, [("kind", true), ("shine", false)]);
    let TypeKind::Enum(level) = &api.type_def("Level").unwrap().kind else {
        panic!("Level is not an enum")
    };
    let values: Vec<_> = level.values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["1", "2", "3"]);
    let mut sorted: Vec<_> = api.types.iter().map(|t| t.name.clone()).collect();
    sorted.sort();
    assert_eq!(
        sorted,
        api.types.iter().map(|t| t.name.clone()).collect::<Vec<_>>()
    );
}
