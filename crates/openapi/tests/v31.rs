//! OpenAPI 3.1: a 3.1 document and its 3.0 twin lower to the same IR; locations and errors
//! name the places written in the 3.1 text; the Cloudforet 3.1 documents lower.

use std::path::Path;

use apigen_ir::Api;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/conformance"
);
const CORPUS_31: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/corpus/openapi31"
);

fn load(name: &str) -> Api {
    let path = Path::new(FIXTURES).join(name);
    apigen_openapi::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The IR without what legitimately differs between the twins: locations, reports, API docs.
fn comparable(mut api: Api) -> Api {
    api.skipped.clear();
    api.docs = Default::default();
    for def in &mut api.types {
        def.location.clear();
    }
    for service in &mut api.services {
        for op in &mut service.operations {
            op.location.clear();
        }
    }
    api
}

fn error(text: &str) -> String {
    match apigen_openapi::parse("t.yaml", text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_31_document_lowers_like_its_30_twin() {
    let v31 = load("openapi31.yaml");
    let v30 = load("openapi31-as-30.yaml");
    assert_eq!(
        v31.docs.summary.as_deref(),
        Some("Pets, written in OpenAPI 3.1")
    );
    let (a, b) = (comparable(v31), comparable(v30));
    if a != b {
        let a = serde_json::to_string_pretty(&a).unwrap();
        let b = serde_json::to_string_pretty(&b).unwrap();
        panic!("3.1:\n{a}\n\n3.0:\n{b}");
    }
}

#[test]
fn locations_name_the_31_text() {
    let api = load("openapi31.yaml");
    let list = api.operations().find(|o| o.id == "listPets").unwrap();
    assert_eq!(list.location, "#/components/pathItems/Pets/get");
    let owner = api.type_def("Owner").unwrap();
    assert_eq!(owner.location, "#/components/schemas/Pet/$defs/Owner");
    let skipped: Vec<(&str, &str)> = api
        .skipped
        .iter()
        .map(|s| (s.location.as_str(), s.reason.as_str()))
        .collect();
    assert!(
        skipped.contains(&(
            "#/webhooks/newPet",
            "webhooks (requests the API sends to its users) are not generated"
        )),
        "{skipped:?}"
    );
    assert!(
        skipped
            .iter()
            .any(|(at, _)| *at == "#/components/schemas/Pet/properties/position/prefixItems"),
        "{skipped:?}"
    );
}

#[test]
fn errors_name_the_31_text() {
    let doc = |schema: &str| {
        format!("openapi: 3.1.0\ninfo: {{title: T, version: '1'}}\ncomponents: {{schemas: {{A: {schema}}}}}\n")
    };
    assert_eq!(
        error(&doc("{$ref: '#/components/schemas/Nope', description: d}")),
        "t.yaml#/components/schemas/A/$ref: dangling `$ref` \"#/components/schemas/Nope\": there is no schema named \"Nope\""
    );
    assert_eq!(
        error(&doc("{properties: {p: {$ref: '#/components/schemas/A/$defs/B'}}}")),
        "t.yaml#/components/schemas/A/properties/p/$ref: unsupported `$ref` \"#/components/schemas/A/$defs/B\": expected a reference to `#/components/schemas/NAME`"
    );
    assert_eq!(
        error(&doc("{type: [string, integer], oneOf: [{}]}")),
        "t.yaml#/components/schemas/A/type: a list of types beside `oneOf`/`anyOf` is not supported"
    );
    let api = apigen_openapi::parse(
        "t.yaml",
        &doc("{type: object, properties: {a: {type: [string, integer], not: {}}}}"),
    )
    .unwrap();
    let places: Vec<&str> = api.skipped.iter().map(|s| s.location.as_str()).collect();
    assert_eq!(places, ["#/components/schemas/A/properties/a/not"]);
}

#[test]
fn cloudforet_31_documents_lower() {
    let dir = Path::new(CORPUS_31);
    if !dir.is_dir() {
        eprintln!("skipped: {CORPUS_31} is absent (the shared corpus is not checked out)");
        return;
    }
    for name in [
        "cloudforet-identity-v2.json",
        "cloudforet-board-v1.json",
        "cloudforet-config-v1.json",
        "cloudforet-secret-v1.json",
    ] {
        let api = apigen_openapi::load(&dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
        assert!(api.operations().count() >= 7, "{name}");
        assert!(
            api.skipped
                .iter()
                .any(|s| s.location == "#/paths/securitySchemes"),
            "{name}: the misplaced securitySchemes entry is reported"
        );
    }
}

/// The 3.1 pre-pass never panics: the 3.1 fixture damaged line by line (every prefix, and
/// without each line in turn), and the fuzz findings read as 3.1 documents.
#[test]
fn damaged_31_documents_never_panic() {
    let mut texts = Vec::new();
    let fixture = std::fs::read_to_string(Path::new(FIXTURES).join("openapi31.yaml")).unwrap();
    let lines: Vec<&str> = fixture.lines().collect();
    for n in 0..lines.len() {
        texts.push(lines[..n].join("\n"));
        let mut damaged = lines.clone();
        damaged.remove(n);
        texts.push(damaged.join("\n"));
    }
    let fuzz = Path::new(FIXTURES).join("../fuzz/openapi");
    for entry in std::fs::read_dir(fuzz).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        texts.push(text.replace("3.0.3", "3.1.0").replace("3.0.0", "3.1.0"));
    }
    for text in texts {
        if let Err(e) = apigen_openapi::parse("t.yaml", &text) {
            assert!(!e.to_string().contains("panicked"), "{e}\n{text}");
        }
    }
}
