//! The writer on small APIs from both frontends: what goes where in the document.

use std::path::Path;

use apigen_ir::{Api, PathSegment, PathTemplate, TypeRef};
use apigen_openapi_export::{document, Error, Options};
use serde_json::{json, Value};

fn cloudforet() -> Api {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/cloudforet");
    let files = apigen_proto::package_files(&root, "spaceone.api.identity.v2").unwrap();
    apigen_proto::load_files(&root, &files).unwrap()
}

fn write(api: &Api) -> Value {
    document(api, &Options::default()).unwrap().to_value()
}

const V2: &str = "spaceone.api.identity.v2";

#[test]
fn a_proto_api_is_written_as_its_generated_server_answers() {
    let doc = write(&cloudforet());
    assert_eq!(doc["openapi"], "3.1.0");
    let issue = &doc["paths"]["/identity/v2/token/issue"]["post"];
    assert_eq!(issue["operationId"], "issue");
    assert_eq!(issue["security"], json!([]), "+noauth");
    assert_eq!(
        issue["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        format!("#/components/schemas/{V2}.IssueTokenRequest")
    );
    assert_eq!(
        issue["responses"]["default"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/google.rpc.Status"
    );
    let schemas = &doc["components"]["schemas"];
    let request = &schemas[format!("{V2}.IssueTokenRequest")];
    assert_eq!(request["required"], json!(["credentials", "domain_id"]));
    // Required: not the default value; optional: `null` allowed (proto3 JSON: not set).
    assert_eq!(request["properties"]["domain_id"]["minLength"], 1);
    assert_eq!(
        request["properties"]["timeout"]["type"],
        json!(["integer", "null"])
    );
    assert_eq!(request["properties"]["timeout"]["format"], "int32");
    // Struct is an object of anything.
    assert_eq!(
        request["properties"]["credentials"]["additionalProperties"],
        json!({})
    );
    // Enums by name, or by number.
    let auth = &schemas[format!("{V2}.IssueTokenRequest.AuthType")];
    assert_eq!(
        auth["anyOf"][0]["enum"],
        json!(["NONE", "LOCAL", "EXTERNAL", "MFA"])
    );
    assert_eq!(auth["anyOf"][1]["enum"], json!([0, 1, 2, 3]));
    let grant = &schemas[format!("{V2}.GrantTokenRequest")];
    assert_eq!(
        grant["properties"]["scope"]["not"],
        json!({"enum": ["SCOPE_NONE", 0]})
    );
    // Only answered: no `required` (answers leave fields at their default out).
    let info = &schemas[format!("{V2}.TokenInfo")];
    assert!(info.get("required").is_none(), "{info}");
    assert!(info["properties"]["access_token"].is_object());
    assert_eq!(
        schemas["google.rpc.Status"]["required"],
        json!(["code", "message"])
    );
}

#[test]
fn authenticated_rpcs_name_the_bearer_scheme_and_ids_stay_unique() {
    let mut api = cloudforet();
    for op in &mut api.services[0].operations {
        op.security = vec![apigen_ir::SecurityRequirement {
            schemes: vec!["bearer".into()],
        }];
    }
    api.security_schemes = vec![apigen_ir::SecurityScheme {
        id: "bearer".into(),
        kind: apigen_ir::SecuritySchemeKind::HttpBearer { format: None },
        docs: Default::default(),
    }];
    // A second service with the same rpc names on other paths.
    let mut other = api.services[0].clone();
    other.name = "Other".into();
    for op in &mut other.operations {
        let raw = op.http.path.raw.replace("token", "other");
        op.http.path = PathTemplate::parse(&raw).unwrap();
    }
    api.services.push(other);
    let doc = write(&api);
    let issue = &doc["paths"]["/identity/v2/token/issue"]["post"];
    assert_eq!(issue["security"], json!([{"bearer": []}]));
    assert_eq!(issue["operationId"], "Token_issue");
    assert_eq!(
        doc["paths"]["/identity/v2/other/issue"]["post"]["operationId"],
        "Other_issue"
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"],
        json!({"type": "http", "scheme": "bearer"})
    );
}

#[test]
fn bad_irs_are_errors_not_panics() {
    let mut api = cloudforet();
    let copy = api.services[0].operations[0].clone();
    api.services[0].operations.push(copy);
    match document(&api, &Options::default()) {
        Err(Error::DuplicateRoute { method, path, .. }) => {
            assert_eq!(
                (method.as_str(), path.as_str()),
                ("POST", "/identity/v2/token/issue")
            );
        }
        other => panic!("{other:?}"),
    }
    let mut api = cloudforet();
    api.services[0].operations[0]
        .request_body
        .as_mut()
        .unwrap()
        .ty = TypeRef::Named("Nope".into());
    let e = document(&api, &Options::default()).unwrap_err();
    assert_eq!(e.to_string(), "type `Nope` is referenced but not defined");
}

#[test]
fn multi_segment_variables_and_notes() {
    let mut api = cloudforet();
    let op = &mut api.services[0].operations[0];
    op.http.path = PathTemplate {
        raw: "/v1/{name=**}".into(),
        segments: vec![
            PathSegment::Literal("/v1/".into()),
            PathSegment::Variable {
                name: "name".into(),
                multi_segment: true,
            },
        ],
    };
    let options = Options {
        generated_note: Some("do not edit".into()),
    };
    let doc = document(&api, &options).unwrap();
    let value = doc.to_value();
    assert!(value["paths"]["/v1/{name}"]["post"].is_object());
    assert_eq!(value["x-generated"], "do not edit");
    // Same IR, same bytes.
    assert_eq!(doc.to_json(), document(&api, &options).unwrap().to_json());
}

#[test]
fn an_openapi_spec_keeps_its_shapes() {
    let spec = r#"
openapi: 3.0.3
info: {title: Pets, version: "1.0"}
servers: [{url: "https://pets.example/v1"}]
paths:
  /pets/{id}:
    get:
      operationId: getPet
      tags: [pets]
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, format: int64}}
        - {name: tags, in: query, explode: false, schema: {type: array, items: {type: string}}}
      security: [{key: []}]
      responses:
        "200":
          description: The pet.
          content:
            application/json:
              schema:
                type: object
                required: [name]
                properties:
                  name: {type: string, maxLength: 10}
                  born: {type: string, format: date-time, nullable: true}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
"#;
    let api = apigen_openapi::parse("pets.yaml", spec).unwrap();
    let doc = write(&api);
    assert_eq!(doc["servers"], json!([{"url": "https://pets.example/v1"}]));
    let get = &doc["paths"]["/pets/{id}"]["get"];
    assert_eq!(get["tags"], json!(["pets"]));
    assert_eq!(
        get["parameters"][0],
        json!({"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "format": "int64"}})
    );
    assert_eq!(get["parameters"][1]["explode"], false);
    assert_eq!(get["security"], json!([{"key": []}]));
    assert!(
        get["responses"].get("default").is_none(),
        "plain APIs keep their answers"
    );
    // The inline answer schema is inline again.
    let body = &get["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(body["required"], json!(["name"]));
    assert_eq!(body["properties"]["name"]["maxLength"], 10);
    assert_eq!(
        body["properties"]["born"]["type"],
        json!(["string", "null"])
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["key"],
        json!({"type": "apiKey", "name": "X-Key", "in": "header"})
    );
}

#[test]
fn unions_keep_their_keyword() {
    let spec = r##"
openapi: 3.0.3
info: {title: Unions, version: "1.0"}
paths: {}
components:
  schemas:
    A: {type: object, properties: {a: {type: string}}}
    B: {type: object, properties: {b: {type: string}}}
    Both: {anyOf: [{$ref: "#/components/schemas/A"}, {$ref: "#/components/schemas/B"}]}
    Either: {oneOf: [{$ref: "#/components/schemas/A"}, {$ref: "#/components/schemas/B"}]}
    IdOrA: {anyOf: [{type: string}, {$ref: "#/components/schemas/A"}]}
    Based:
      properties: {id: {type: string}}
      anyOf: [{$ref: "#/components/schemas/A"}, {$ref: "#/components/schemas/B"}]
"##;
    let api = apigen_openapi::parse("unions.yaml", spec).unwrap();
    let doc = write(&api);
    let schemas = &doc["components"]["schemas"];
    let refs = json!([{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]);
    assert_eq!(schemas["Both"]["anyOf"], refs);
    assert_eq!(schemas["Either"]["oneOf"], refs);
    assert_eq!(schemas["IdOrA"]["anyOf"][0], json!({"type": "string"}));
    assert_eq!(schemas["Based"]["anyOf"], refs);
    assert!(schemas["Based"].get("oneOf").is_none());
}
