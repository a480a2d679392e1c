//! The OpenAPI frontend end to end: the IONOS Auth spec, error messages, determinism, and the
//! real-world corpus.

use std::path::Path;
use std::time::Instant;

use apigen_ir::{
    BodyEncoding, EnumRepr, ParameterLocation, PrimitiveKind, ResponseStatus, SecuritySchemeKind,
    TypeKind, TypeRef,
};

#[path = "frontend/kitchen_sink.rs"]
mod kitchen_sink;

const AUTH_SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/ionos/auth-v1.yaml");
const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/corpus/openapi"
);

fn auth() -> apigen_ir::Api {
    apigen_openapi::load(Path::new(AUTH_SPEC)).unwrap_or_else(|e| panic!("{e}"))
}

/// The error `parse` reports for `text` (named `t.yaml`), as displayed.
fn error(text: &str) -> String {
    match apigen_openapi::parse("t.yaml", text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

/// A minimal document with `paths` and `components` spliced in (YAML flow style).
fn doc(paths: &str, components: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {paths}\ncomponents: {components}\n"
    )
}

#[test]
fn auth_spec_has_five_operations_in_one_service() {
    let api = auth();
    assert_eq!(api.title, "Auth API");
    assert_eq!(api.version.as_deref(), Some("1.0"));
    assert_eq!(api.servers, ["https://api.ionos.com/auth/v1"]);
    assert_eq!(api.services.len(), 1);
    assert_eq!(api.services[0].name, "tokens");
    let ids: Vec<_> = api.operations().map(|o| o.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "CreateToken",
            "GetAllTokens",
            "DeleteTokenByCriteria",
            "GetTokenById",
            "DeleteTokenById"
        ]
    );
    let create = api.operations().next().unwrap();
    assert_eq!(create.docs.summary.as_deref(), Some("Create new tokens"));
    assert_eq!(create.http.path.raw, "/tokens/generate");
    assert_eq!(create.location, "#/paths/~1tokens~1generate/get");
    for op in api.operations() {
        let contract = op
            .parameters_in(ParameterLocation::Header)
            .find(|p| p.name == "X-Contract-Number")
            .unwrap_or_else(|| panic!("{} lacks X-Contract-Number", op.id));
        assert!(!contract.required);
        assert!(matches!(&contract.ty, TypeRef::Primitive(p) if p.kind == PrimitiveKind::Int32));
        let ok = op.responses.first().unwrap();
        assert_eq!(ok.status, ResponseStatus::Code(200));
        assert_eq!(ok.body.as_ref().unwrap().encoding, BodyEncoding::Json);
        for r in &op.responses {
            let names: Vec<_> = r.headers.iter().map(|h| h.name.as_str()).collect();
            // A 429 also says when to retry.
            let expected: &[&str] = if r.status == ResponseStatus::Code(429) {
                &[
                    "Retry-After",
                    "X-RateLimit-Burst",
                    "X-RateLimit-Limit",
                    "X-RateLimit-Remaining",
                ]
            } else {
                &[
                    "X-RateLimit-Burst",
                    "X-RateLimit-Limit",
                    "X-RateLimit-Remaining",
                ]
            };
            assert_eq!(names, expected, "{} {}", op.id, r.status);
            if !r.status.is_success() {
                let body = r.body.as_ref().unwrap();
                assert_eq!(
                    body.ty,
                    TypeRef::Named("Error".into()),
                    "{} {}",
                    op.id,
                    r.status
                );
            }
        }
    }
    let get = api.operations().find(|o| o.id == "GetTokenById").unwrap();
    let statuses: Vec<_> = get.responses.iter().map(|r| r.status.to_string()).collect();
    assert_eq!(
        statuses,
        ["200", "400", "401", "403", "404", "422", "429", "500"]
    );
    let path: Vec<_> = get.parameters_in(ParameterLocation::Path).collect();
    assert_eq!(path.len(), 1);
    assert!(path[0].required);
}

#[test]
fn auth_spec_parameters_and_security() {
    let api = auth();
    let create = api.operations().find(|o| o.id == "CreateToken").unwrap();
    let ttl = create.parameters.iter().find(|p| p.name == "ttl").unwrap();
    assert_eq!(ttl.location, ParameterLocation::Query);
    assert!(!ttl.required);
    assert_eq!(ttl.default, Some(serde_json::json!(31536000)));
    let TypeRef::Primitive(p) = &ttl.ty else {
        panic!("ttl is {:?}", ttl.ty)
    };
    assert_eq!(p.kind, PrimitiveKind::Int32);
    assert_eq!(p.constraints.minimum, Some(60.0));
    assert_eq!(p.constraints.maximum, Some(31536000.0));

    let delete = api
        .operations()
        .find(|o| o.id == "DeleteTokenByCriteria")
        .unwrap();
    let criteria = delete
        .parameters
        .iter()
        .find(|p| p.name == "criteria")
        .unwrap();
    assert!(criteria.required);
    let TypeRef::Named(name) = &criteria.ty else {
        panic!("criteria is {:?}", criteria.ty)
    };
    let TypeKind::Enum(e) = &api.type_def(name).unwrap().kind else {
        panic!("{name} is not an enum")
    };
    assert_eq!(e.repr, EnumRepr::String);
    let values: Vec<_> = e.values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["ALL", "EXPIRED", "CURRENT"]);

    let ids: Vec<_> = api.security_schemes.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["Basic Authentication", "Token Authentication"]);
    assert_eq!(api.security_schemes[0].kind, SecuritySchemeKind::HttpBasic);
    assert_eq!(
        api.security_schemes[1].kind,
        SecuritySchemeKind::HttpBearer {
            format: Some("JWT".into())
        }
    );
    for op in api.operations() {
        let alternatives: Vec<_> = op.security.iter().map(|r| r.schemes.clone()).collect();
        assert_eq!(
            alternatives,
            [vec!["Basic Authentication"], vec!["Token Authentication"]]
        );
    }
}

#[test]
fn auth_spec_types() {
    let api = auth();
    let names: Vec<_> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "DeleteCriteria",
            "DeleteResponse",
            "Error",
            "ErrorMessage",
            "Jwt",
            "Token",
            "Tokens"
        ]
    );
    let token = api.type_def("Token").unwrap();
    assert_eq!(token.location, "#/components/schemas/Token");
    assert!(token.docs.description.is_some());
    let TypeKind::Object(o) = &token.kind else {
        panic!("Token is not an object")
    };
    assert!(o
        .fields
        .iter()
        .all(|f| f.required && f.docs.description.is_some()));
    let TypeKind::Object(tokens) = &api.type_def("Tokens").unwrap().kind else {
        panic!("Tokens is not an object")
    };
    assert_eq!(
        tokens.fields[0].ty,
        TypeRef::Array(Box::new(TypeRef::Named("Token".into())))
    );
    assert!(tokens.fields[0].read_only);
}

#[test]
fn lowering_is_deterministic() {
    let text = std::fs::read_to_string(AUTH_SPEC).unwrap();
    let a = apigen_openapi::parse("auth", &text).unwrap();
    let b = apigen_openapi::parse("auth", &text).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

#[test]
fn malformed_yaml_names_line_and_column() {
    let e = error("openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: '1'\n");
    assert_eq!(
        e,
        "t.yaml:4:10: did not find expected ',' or ']', \
         while parsing a flow sequence at line 3 column 10"
    );
}

#[test]
fn malformed_json_names_line_and_column() {
    let e = error("{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"T\",}\n}\n");
    assert_eq!(e, "t.yaml:3:25: trailing comma");
}

#[test]
fn unknown_versions_are_refused() {
    let e = error("openapi: 4.0.0\ninfo: {title: T, version: '1'}\n");
    assert_eq!(
        e,
        "t.yaml#/openapi: unsupported OpenAPI version \"4.0.0\" (expected 3.0.x or 3.1.x)"
    );
}

#[test]
fn dangling_ref_names_the_ref() {
    let paths = "{/a: {get: {responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Nope'}}}}}}}}";
    assert_eq!(
        error(&doc(paths, "{}")),
        "t.yaml#/paths/~1a/get/responses/200/content/application~1json/schema/$ref: \
         dangling `$ref` \"#/components/schemas/Nope\": there is no schema named \"Nope\""
    );
}

#[test]
fn not_schema_is_reported() {
    let text = doc("{}", "{schemas: {A: {not: {type: string}}}}");
    let api = apigen_openapi::parse("t.yaml", &text).unwrap();
    assert_eq!(api.skipped.len(), 1, "{:?}", api.skipped);
    assert_eq!(api.skipped[0].location, "#/components/schemas/A/not");
    assert!(api.skipped[0].reason.contains("not checked"));
}

#[test]
fn undeclared_security_scheme_is_refused() {
    let paths = "{/a: {get: {security: [{Missing: []}], responses: {'200': {description: ok}}}}}";
    assert_eq!(
        error(&doc(paths, "{}")),
        "t.yaml#/paths/~1a/get/security/0/Missing: \
         security requirement names undeclared scheme \"Missing\""
    );
}

#[test]
fn allof_cycle_is_refused() {
    let components = "{schemas: {\
        A: {allOf: [{$ref: '#/components/schemas/B'}, {properties: {a: {type: string}}}]},\
        B: {allOf: [{$ref: '#/components/schemas/A'}, {properties: {b: {type: string}}}]}}}";
    assert_eq!(
        error(&doc("{}", components)),
        "t.yaml#/components/schemas/B/allOf/0: `allOf` cycle: A → B → A"
    );
}

#[test]
fn alias_cycle_is_refused() {
    let components =
        "{schemas: {A: {$ref: '#/components/schemas/B'}, B: {$ref: '#/components/schemas/A'}}}";
    assert_eq!(
        error(&doc("{}", components)),
        "t.yaml#/components/schemas/A: type alias cycle: A → B → A"
    );
}

#[test]
fn recursive_schemas_are_named_references() {
    let components = "{schemas: {Node: {type: object, properties: {next: {$ref: '#/components/schemas/Node'}, kids: {type: array, items: {$ref: '#/components/schemas/Node'}}}}}}";
    let api = apigen_openapi::parse("t.yaml", &doc("{}", components)).unwrap();
    let TypeKind::Object(node) = &api.type_def("Node").unwrap().kind else {
        panic!()
    };
    assert_eq!(node.fields[0].ty, TypeRef::Named("Node".into()));
}

#[test]
fn more_located_errors() {
    let op = |extra: &str| {
        format!("{{'/a/{{id}}': {{get: {{{extra} responses: {{'200': {{description: ok}}}}}}}}}}")
    };
    assert_eq!(
        error(&doc(&op(""), "{}")),
        "t.yaml#/paths/~1a~1{id}/get: path variable `id` has no path parameter"
    );
    assert_eq!(
        error(&doc(&op("parameters: [{$ref: 'other.yaml#/p'}],"), "{}")),
        "t.yaml#/paths/~1a~1{id}/get/parameters/0/$ref: \
         external `$ref` \"other.yaml#/p\" is not supported (only `#/components/…` references)"
    );
    assert_eq!(
        error(&doc("{}", "{schemas: {A: {allOf: [{type: string}, {type: object}]}}}")),
        "t.yaml#/components/schemas/A/allOf/0: cannot merge `allOf`: this part is of type `string`, not an object"
    );
    assert_eq!(
        error(&doc("{}", "{schemas: {A: {type: text}}}")),
        "t.yaml#/components/schemas/A/type: unsupported schema type \"text\""
    );
    assert_eq!(
        error(&doc("{}", "{schemas: {A: {type: object, properties: {b: {type: array, items: 7}}}}}")),
        "t.yaml#/components/schemas/A/properties/b/items: invalid type: integer `7`, expected struct Schema"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    // Runs on a test thread (2 MiB stack). Deeper than the YAML parser's limit…
    let mut schema = String::from("{type: string}");
    for _ in 0..200 {
        schema = format!("{{properties: {{a: {schema}}}}}");
    }
    let e = error(&doc("{}", &format!("{{schemas: {{A: {schema}}}}}")));
    assert!(e.starts_with("t.yaml:"), "{e}");
    // …and within it, but deeper than the lowering allows.
    let mut schema = String::from("{type: string}");
    for _ in 0..100 {
        schema = format!("{{items: {schema}}}");
    }
    let e = error(&doc("{}", &format!("{{schemas: {{A: {schema}}}}}")));
    let deep = format!("t.yaml#/components/schemas/A{}", "/items".repeat(65));
    assert_eq!(e, format!("{deep}: schemas nest more than 64 levels deep"));
}

#[test]
fn damaged_specs_never_panic() {
    let text = std::fs::read_to_string(AUTH_SPEC).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Every prefix at a line boundary, and the spec without each line in turn.
    for n in 0..lines.len() {
        let _ = apigen_openapi::parse("t.yaml", &lines[..n].join("\n"));
        let mut damaged = lines.clone();
        damaged.remove(n);
        let _ = apigen_openapi::parse("t.yaml", &damaged.join("\n"));
    }
}

#[test]
fn corpus_specs_lower() {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        println!("skipped: corpus directory {} is absent", dir.display());
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "json"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    for file in &files {
        let start = Instant::now();
        match apigen_openapi::load(file) {
            Ok(api) => println!(
                "{}: {} operations, {} types, {} skipped, in {:?}",
                file.display(),
                api.operations().count(),
                api.types.len(),
                api.skipped.len(),
                start.elapsed()
            ),
            Err(e) => {
                // A failure must be precise: it names the file and a place in it.
                let shape = e.to_string();
                assert!(shape.starts_with(&file.display().to_string()), "{shape}");
                assert!(!e.location().is_empty(), "{shape}");
                failures.push(shape);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "corpus failures:\n{}",
        failures.join("\n")
    );
}
