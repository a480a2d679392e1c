//! The proto frontend on the Cloudforet spec, on small protos written into temp dirs (every
//! binding rule and field mapping), and over the shared corpus when it is present.
//! Bad input with exact positions is tested in `src/tests.rs`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use apigen_ir::{
    Api, HttpMethod, Operation, ParameterLocation, Primitive, PrimitiveKind, TypeKind, TypeRef,
};
use apigen_proto::{discover, load_files, load_service, Error, ServiceRef};

fn spec_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/cloudforet")
}

const TOKEN: &str = "spaceone/api/identity/v2/token.proto";
const PKG: &str = "spaceone.api.identity.v2";

/// A directory of proto files under the system temp dir, removed on drop. It holds a copy of
/// the project's `google/api` annotation files so test protos can import them.
struct Tree(PathBuf);

impl Tree {
    fn new(name: &str, files: &[(&str, &str)]) -> Tree {
        let dir = std::env::temp_dir().join(format!("apigen-proto-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for file in ["google/api/annotations.proto", "google/api/http.proto"] {
            let text = std::fs::read_to_string(spec_root().join(file)).unwrap();
            write(&dir, file, &text);
        }
        for (file, text) in files {
            write(&dir, file, text);
        }
        Tree(dir)
    }

    fn load(&self, file: &str) -> Result<Api, Error> {
        load_files(&self.0, &[PathBuf::from(file)])
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn write(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Lines 1-4 of every test file; test bodies start on line 5.
fn with_header(body: &str) -> String {
    format!("syntax = \"proto3\";\npackage t;\nimport \"google/api/annotations.proto\";\n\n{body}")
}

fn load_ok(name: &str, body: &str) -> Api {
    let tree = Tree::new(name, &[("a.proto", &with_header(body))]);
    tree.load("a.proto").unwrap_or_else(|e| panic!("{e}"))
}

/// A request and a response message for rpc tests (lines 5-9).
const SVC: &str = "message Req {\n  string id = 1;\n  int64 big = 2;\n}\nmessage Res {}\n";

fn op<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("no operation {id}"))
}

fn prim(kind: PrimitiveKind) -> TypeRef {
    TypeRef::Primitive(Primitive::new(kind))
}

fn field<'a>(api: &'a Api, ty: &str, name: &str) -> &'a apigen_ir::Field {
    match &api
        .type_def(ty)
        .unwrap_or_else(|| panic!("no type {ty}"))
        .kind
    {
        TypeKind::Object(o) => o.fields.iter().find(|f| f.name == name).unwrap(),
        other => panic!("{ty} is not an object: {other:?}"),
    }
}

#[test]
fn cloudforet_token_lowers() {
    let api = load_files(&spec_root(), &[PathBuf::from(TOKEN)]).unwrap();
    assert_eq!(api.title, "spaceone.api.identity.v2.Token");
    assert_eq!(api.version.as_deref(), Some("v2"));
    assert!(api.docs.description.is_some());
    assert!(api.skipped.is_empty());
    assert!(api.security_schemes.is_empty(), "both rpcs are +noauth");
    let ops: Vec<_> = api.operations().collect();
    assert_eq!(ops.len(), 2);
    for (op, id, path, input, output) in [
        (
            ops[0],
            "issue",
            "/identity/v2/token/issue",
            "IssueTokenRequest",
            "TokenInfo",
        ),
        (
            ops[1],
            "grant",
            "/identity/v2/token/grant",
            "GrantTokenRequest",
            "GrantTokenInfo",
        ),
    ] {
        assert_eq!(op.id, id);
        assert_eq!(op.http.method, HttpMethod::Post);
        assert_eq!(op.http.path.raw, path);
        assert!(op.parameters.is_empty());
        assert!(op.security.is_empty());
        let body = op.request_body.as_ref().unwrap();
        assert_eq!(body.media_type, "application/json");
        assert_eq!(body.ty, TypeRef::Named(format!("{PKG}.{input}")));
        let response = &op.responses[0];
        assert_eq!(response.status, apigen_ir::ResponseStatus::Code(200));
        assert_eq!(
            response.body.as_ref().unwrap().ty,
            TypeRef::Named(format!("{PKG}.{output}"))
        );
        assert!(op
            .docs
            .description
            .as_deref()
            .is_some_and(|d| !d.contains("+noauth")));
        assert_eq!(op.location, format!("{TOKEN}: {PKG}.Token.{id}"));
    }
    let names: Vec<_> = api
        .types
        .iter()
        .map(|t| t.name.strip_prefix("spaceone.api.identity.v2.").unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "GrantTokenInfo",
            "GrantTokenInfo.RoleType",
            "GrantTokenRequest",
            "GrantTokenRequest.GrantType",
            "GrantTokenRequest.Scope",
            "IssueTokenRequest",
            "IssueTokenRequest.AuthType",
            "TokenInfo",
        ]
    );
    for t in &api.types {
        assert_eq!(t.namespace, ["spaceone", "api", "identity", "v2"]);
        assert!(t.docs.description.is_some(), "{} has no docs", t.name);
        match &t.kind {
            TypeKind::Object(o) => o
                .fields
                .iter()
                .for_each(|f| assert!(f.docs.description.is_some(), "{}.{}", t.name, f.name)),
            TypeKind::Enum(e) => e
                .values
                .iter()
                .for_each(|v| assert!(v.docs.description.is_some(), "{}.{}", t.name, v.value)),
            other => panic!("unexpected {other:?}"),
        }
    }
    let issue = format!("{PKG}.IssueTokenRequest");
    let names: Vec<_> = match &api.type_def(&issue).unwrap().kind {
        TypeKind::Object(o) => o
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.required, f.proto_number))
            .collect(),
        _ => unreachable!(),
    };
    assert_eq!(
        names,
        [
            ("credentials", true, Some(1)),
            ("domain_id", true, Some(21)),
            ("auth_type", false, Some(2)),
            ("timeout", false, Some(3)),
            ("verify_code", false, Some(4)),
        ],
        "declaration order, +optional fields optional"
    );
    assert_eq!(
        field(&api, &issue, "credentials").ty,
        TypeRef::Map(Box::new(TypeRef::Any))
    );
    let auth_type = field(&api, &issue, "auth_type");
    assert_eq!(
        auth_type.docs.description.as_deref(),
        Some("LOCAL, EXTERNAL")
    );
    assert_eq!(auth_type.ty, TypeRef::Named(format!("{issue}.AuthType")));
    let verify = field(&api, &issue, "verify_code");
    assert_eq!(
        verify.docs.description.as_deref(),
        Some("if MFA is enabled, verify_code is required")
    );
    let permissions = field(&api, &format!("{PKG}.GrantTokenRequest"), "permissions");
    assert!(!permissions.required);
    assert_eq!(
        permissions.ty,
        TypeRef::Array(Box::new(prim(PrimitiveKind::String)))
    );
    let TypeKind::Enum(scope) = &api
        .type_def(&format!("{PKG}.GrantTokenRequest.Scope"))
        .unwrap()
        .kind
    else {
        panic!("Scope is not an enum")
    };
    assert_eq!(scope.repr, apigen_ir::EnumRepr::String);
    let values: Vec<_> = scope
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.number))
        .collect();
    assert_eq!(values[0], ("SCOPE_NONE", Some(0)));
    assert_eq!(values[2], ("DOMAIN", Some(2)));
    let example = api
        .type_def(&issue)
        .unwrap()
        .docs
        .description
        .as_deref()
        .unwrap();
    assert!(example.contains("```json\n{"), "{example}");
}

#[test]
fn one_service_loads_the_same_as_its_file() {
    let by_service = load_service(
        &spec_root(),
        Path::new(TOKEN),
        "spaceone.api.identity.v2.Token",
    )
    .unwrap();
    let by_file = load_files(&spec_root(), &[PathBuf::from(TOKEN)]).unwrap();
    assert_eq!(by_service, by_file);
    let err = load_service(
        &spec_root(),
        Path::new(TOKEN),
        "spaceone.api.identity.v2.Nope",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{TOKEN}: service `spaceone.api.identity.v2.Nope` is not declared in this file")
    );
}

#[test]
fn discover_lists_services_sorted() {
    let found = discover(&spec_root()).unwrap();
    assert_eq!(
        found,
        [ServiceRef {
            file: PathBuf::from(TOKEN),
            name: "spaceone.api.identity.v2.Token".into()
        }]
    );
}

#[test]
fn streaming_and_unannotated_rpcs_are_skipped() {
    let api = load_ok(
        "skipped",
        &format!(
            "{SVC}service S {{\n  rpc plain (Req) returns (Res);\n  rpc watch (Req) returns (stream Res) {{\n    option (google.api.http) = {{ get: \"/w\" }};\n  }}\n  rpc ok (Req) returns (Res) {{\n    option (google.api.http) = {{ post: \"/ok\" body: \"*\" }};\n  }}\n}}\n"
        ),
    );
    let skipped: Vec<_> = api
        .skipped
        .iter()
        .map(|s| (s.location.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            ("a.proto: t.S.plain", "no google.api.http annotation"),
            ("a.proto: t.S.watch", "server-streaming rpc"),
        ]
    );
    assert_eq!(
        api.operations().map(|o| o.id.as_str()).collect::<Vec<_>>(),
        ["ok"]
    );
    let ok = op(&api, "ok");
    assert_eq!(ok.security.len(), 1, "no +noauth: bearer");
    assert_eq!(ok.security[0].schemes, [apigen_proto::BEARER_SCHEME]);
    assert_eq!(api.security_schemes.len(), 1);
    assert_eq!(api.security_schemes[0].id, "bearer");
}

#[test]
fn additional_bindings_become_operations() {
    let api = load_ok(
        "additional",
        &format!(
            "{SVC}service S {{\n  rpc get (Req) returns (Res) {{\n    option (google.api.http) = {{\n      get: \"/r/{{id}}\"\n      additional_bindings {{ post: \"/r/{{id}}:get\" body: \"*\" }}\n      additional_bindings {{ get: \"/v2/r/{{id=**}}\" }}\n    }};\n  }}\n}}\n"
        ),
    );
    let ops: Vec<_> = api
        .operations()
        .map(|o| (o.id.as_str(), o.http.method, o.http.path.raw.as_str()))
        .collect();
    assert_eq!(
        ops,
        [
            ("get", HttpMethod::Get, "/r/{id}"),
            ("get_1", HttpMethod::Post, "/r/{id}:get"),
            ("get_2", HttpMethod::Get, "/v2/r/{id=**}"),
        ]
    );
    assert_eq!(
        op(&api, "get_2").location,
        "a.proto: t.S.get (additional_bindings[1])"
    );
    assert_eq!(
        op(&api, "get_2").http.path.segments[1],
        apigen_ir::PathSegment::Variable {
            name: "id".into(),
            multi_segment: true
        }
    );
    // With body "*" the path field stays in the body message; nothing goes to the query.
    let post = op(&api, "get_1");
    assert_eq!(post.parameters.len(), 1);
    assert_eq!(
        post.request_body.as_ref().unwrap().ty,
        TypeRef::Named("t.Req".into())
    );
}

#[test]
fn get_sends_fields_in_path_and_query() {
    let api = load_ok(
        "query",
        "enum Color {\n  RED = 0;\n  BLUE = 1;\n}\nmessage Req {\n  // The id.\n  string id = 1;\n  // +optional\n  int64 big = 2;\n  repeated Color colors = 3;\n  uint64 count = 4;\n}\nmessage Res {}\n\
         service S {\n  rpc get (Req) returns (Res) {\n    option (google.api.http) = { get: \"/r/{id}\" };\n  }\n}\n",
    );
    let get = op(&api, "get");
    let params: Vec<_> = get
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect();
    use ParameterLocation::{Path as InPath, Query};
    let expected = [
        ("id", InPath, true),
        ("big", Query, false),
        ("colors", Query, false),
        ("count", Query, true),
    ];
    assert_eq!(params, expected);
    let types: Vec<_> = get.parameters.iter().map(|p| p.ty.clone()).collect();
    let colors = TypeRef::Array(Box::new(TypeRef::Named("t.Color".into())));
    let uint64 = prim(PrimitiveKind::Uint64String);
    let expected = [
        prim(PrimitiveKind::String),
        prim(PrimitiveKind::Int64String),
        colors,
        uint64,
    ];
    assert_eq!(types, expected);
    assert_eq!(
        get.parameters[0].docs.description.as_deref(),
        Some("The id.")
    );
    assert!(get.request_body.is_none());
    assert_eq!(
        get.responses[0].body.as_ref().unwrap().ty,
        TypeRef::Named("t.Res".into())
    );
    assert!(api.type_def("t.Color").is_some());
}

#[test]
fn body_field_sends_the_rest_in_the_query() {
    let api = load_ok(
        "bodyfield",
        "import \"google/protobuf/empty.proto\";\nmessage Thing {\n  string name = 1;\n}\nmessage Req {\n  string id = 1;\n  Thing thing = 2;\n  bool force = 3;\n}\n\
         service S {\n  // +noauth\n  rpc put (Req) returns (google.protobuf.Empty) {\n    option (google.api.http) = { patch: \"/things/{id}\" body: \"thing\" };\n  }\n}\n",
    );
    let put = op(&api, "put");
    assert_eq!(put.http.method, HttpMethod::Patch);
    let body = put.request_body.as_ref().unwrap();
    assert_eq!(body.ty, TypeRef::Named("t.Thing".into()));
    assert!(body.required);
    let params: Vec<_> = put
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location))
        .collect();
    assert_eq!(
        params,
        [
            ("id", ParameterLocation::Path),
            ("force", ParameterLocation::Query)
        ]
    );
    assert_eq!(put.responses[0].body.as_ref().unwrap().ty, TypeRef::Unit);
    assert!(put.security.is_empty());
    assert!(api.security_schemes.is_empty());
    assert!(api.type_def("google.protobuf.Empty").is_none());
}

#[test]
fn maps_oneofs_well_known_and_64_bit_fields() {
    let api = load_ok(
        "fields",
        "import \"google/protobuf/struct.proto\";\nimport \"google/protobuf/timestamp.proto\";\nimport \"google/protobuf/wrappers.proto\";\n\
         message Thing {\n  map<string, Inner> inners = 1;\n  map<int32, string> labels = 2;\n  oneof choice {\n    string text = 3;\n    Inner inner = 4;\n  }\n\
         \x20 optional string maybe = 5;\n  int64 i64 = 6;\n  fixed64 u64 = 7;\n  sint32 s32 = 8;\n  bytes data = 9;\n  double d = 10;\n  google.protobuf.Timestamp at = 11;\n\
         \x20 google.protobuf.StringValue wrapped = 12;\n  google.protobuf.Value any = 13;\n  google.protobuf.ListValue list = 14;\n  message Inner {\n    float f = 1;\n  }\n}\n",
    );
    let t = "t.Thing";
    assert_eq!(
        field(&api, t, "inners").ty,
        TypeRef::Map(Box::new(TypeRef::Named("t.Thing.Inner".into())))
    );
    assert_eq!(
        field(&api, t, "labels").ty,
        TypeRef::Map(Box::new(prim(PrimitiveKind::String)))
    );
    assert!(!field(&api, t, "inners").required);
    for name in ["text", "inner"] {
        let f = field(&api, t, name);
        assert_eq!(f.oneof.as_deref(), Some("choice"));
        assert!(!f.required);
    }
    let maybe = field(&api, t, "maybe");
    assert!(!maybe.required);
    assert_eq!(
        maybe.oneof, None,
        "synthetic oneofs of proto3 optional are hidden"
    );
    let kinds = [
        ("i64", PrimitiveKind::Int64String),
        ("u64", PrimitiveKind::Uint64String),
        ("s32", PrimitiveKind::Int32),
        ("data", PrimitiveKind::Base64),
        ("d", PrimitiveKind::Double),
        ("at", PrimitiveKind::DateTime),
        ("wrapped", PrimitiveKind::String),
    ];
    for (name, kind) in kinds {
        assert_eq!(field(&api, t, name).ty, prim(kind), "{name}");
        assert!(field(&api, t, name).required, "{name}");
    }
    assert!(field(&api, t, "wrapped").nullable);
    assert_eq!(field(&api, t, "any").ty, TypeRef::Any);
    assert_eq!(
        field(&api, t, "list").ty,
        TypeRef::Array(Box::new(TypeRef::Any))
    );
    let names: Vec<_> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["t.Thing", "t.Thing.Inner"],
        "no map entries, no google.protobuf types"
    );
    assert!(api.services.is_empty());
    assert_eq!(api.title, "t");
}

#[test]
fn corpus_services_all_lower() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/proto");
    if !root.is_dir() {
        println!("skipped: {} is absent", root.display());
        return;
    }
    let start = Instant::now();
    let services = discover(&root).unwrap();
    let (mut rpcs, mut operations, mut failures) = (0, 0, Vec::new());
    let mut skipped = std::collections::BTreeMap::<String, usize>::new();
    for service in &services {
        match load_service(&root, &service.file, &service.name) {
            Ok(api) => {
                let binding_of_rpc = |location: &str| !location.contains("(additional_bindings[");
                operations += api.operations().count();
                rpcs += api
                    .operations()
                    .filter(|o| binding_of_rpc(&o.location))
                    .count();
                for s in &api.skipped {
                    rpcs += usize::from(binding_of_rpc(&s.location));
                    *skipped.entry(s.reason.clone()).or_default() += 1;
                }
            }
            Err(err) => failures.push(err.to_string()),
        }
    }
    let elapsed = start.elapsed();
    let files = count_protos(&root);
    println!(
        "corpus: {files} proto files, {} services, {rpcs} rpcs, {operations} operations, skipped {skipped:?}, {} failures, {elapsed:?}",
        services.len(),
        failures.len(),
    );
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(!services.is_empty());
    // Compiled all together, files that redefine names clash; the clash must carry a position.
    let files: Vec<PathBuf> = services.iter().map(|s| s.file.clone()).collect();
    let start = Instant::now();
    match load_files(&root, &files) {
        Ok(api) => println!(
            "corpus merged: {} operations, {:?}",
            api.operations().count(),
            start.elapsed()
        ),
        Err(err) => {
            assert!(err.position().is_some(), "{err}");
            println!("corpus merged: {err} ({:?})", start.elapsed());
        }
    }
}

fn count_protos(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            if p.is_dir() {
                count_protos(&p)
            } else {
                usize::from(p.extension().is_some_and(|e| e == "proto"))
            }
        })
        .sum()
}
