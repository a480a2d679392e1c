//! Bad input: one clear message naming file and place, non-zero exit, `generated/` untouched.

use std::path::{Path, PathBuf};

use xtask::codegen;
use xtask::config::Config;

/// A scratch workspace holding a config, a spec and an already generated tree.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Self {
        let root = std::env::temp_dir().join(format!("apigen-bad-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("generated/demo-models/src")).unwrap();
        std::fs::write(root.join("generated/demo-models/src/lib.rs"), "// before\n").unwrap();
        Scratch { root }
    }

    fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    fn openapi_config(&self, spec: &str) -> &Self {
        self.write(
            "codegen.toml",
            &format!(
                "[[api]]\nname = \"demo\"\nkind = \"openapi\"\nsource = \"{spec}\"\nmodels = \"demo-models\"\nclient = \"demo-client\"\nserver = \"demo-server\"\nout_dir = \"generated\"\n"
            ),
        )
    }

    /// Runs codegen and returns its error message; asserts the tree was not touched.
    fn fails(&self) -> String {
        let err = codegen::run(&self.root, &self.root.join("codegen.toml"), false)
            .expect_err("codegen must fail");
        let lib =
            std::fs::read_to_string(self.root.join("generated/demo-models/src/lib.rs")).unwrap();
        assert_eq!(lib, "// before\n", "generated/ was touched");
        assert!(!self.root.join("generated/demo-models/Cargo.toml").exists());
        format!("{err:#}")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

const GOOD_HEAD: &str = "openapi: 3.0.3\ninfo:\n  title: Demo\n  version: '1'\npaths:\n";

#[test]
fn malformed_yaml_names_file_and_line() {
    let s = Scratch::new("yaml");
    s.openapi_config("spec.yaml").write(
        "spec.yaml",
        &format!("{GOOD_HEAD}  /a:\n    get: [unclosed\n"),
    );
    let msg = s.fails();
    assert!(msg.contains("spec.yaml:"), "{msg}");
    assert!(msg.contains("spec.yaml:8:1: "), "no line in: {msg}");
    assert!(msg.contains("line 7 column 10"), "{msg}");
}

#[test]
fn malformed_json_names_file_and_line() {
    let s = Scratch::new("json");
    s.openapi_config("spec.json").write(
        "spec.json",
        "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"x\",, }\n}\n",
    );
    let msg = s.fails();
    assert!(msg.contains("spec.json:3:"), "{msg}");
}

#[test]
fn dangling_ref_names_the_json_pointer() {
    let s = Scratch::new("ref");
    s.openapi_config("spec.yaml").write(
        "spec.yaml",
        &format!(
            "{GOOD_HEAD}  /a:\n    get:\n      operationId: a\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Missing'\n"
        ),
    );
    let msg = s.fails();
    assert!(
        msg.contains("spec.yaml#/paths/~1a/get/responses/200"),
        "{msg}"
    );
    assert!(msg.contains("Missing"), "{msg}");
}

#[test]
fn unsupported_construct_names_the_json_pointer() {
    let s = Scratch::new("not");
    s.openapi_config("spec.yaml").write(
        "spec.yaml",
        &format!(
            "{GOOD_HEAD}components:\n  schemas:\n    Odd:\n      oneOf: [{{type: string}}]\n      anyOf: [{{type: integer}}]\n"
        ),
    );
    let msg = s.fails();
    assert!(msg.contains("spec.yaml#/components/schemas/Odd"), "{msg}");
    assert!(msg.contains("not supported"), "{msg}");
}

#[test]
fn missing_spec_file_is_reported() {
    let s = Scratch::new("missing");
    s.openapi_config("nope.yaml");
    let msg = s.fails();
    assert!(msg.contains("nope.yaml"), "{msg}");
}

#[test]
fn config_errors_name_file_and_line() {
    let path = Path::new("codegen.toml");
    let err = Config::parse(path, "[[api]]\nname = \"x\"\nkind = \"graphql\"\n").unwrap_err();
    let msg = format!("{err:#}");
    assert!(msg.starts_with("codegen.toml:3:"), "{msg}");
    let err = Config::parse(path, "[[api]]\nname = \"x\"\nkind = \"openapi\"\n").unwrap_err();
    assert!(format!("{err:#}").contains("missing field"), "{err:#}");
    let err = Config::parse(path, "").unwrap_err();
    assert!(format!("{err:#}").contains("no [[api]] entries"), "{err:#}");
    let api = "[[api]]\nname = \"x\"\nkind = \"openapi\"\nsource = \"a.yaml\"\nmodels = \"m\"\nclient = \"c\"\nserver = \"s\"\nout_dir = \"generated\"\n";
    for bad in ["ionos", "1X", "A-B", ""] {
        let err = Config::parse(path, &format!("{api}env_prefix = \"{bad}\"\n")).unwrap_err();
        assert!(format!("{err:#}").contains("api `x`: env_prefix"), "{err:#}");
    }
    let ok = Config::parse(path, &format!("{api}env_prefix = \"IONOS_2\"\n")).unwrap();
    assert_eq!(ok.apis[0].env_prefix.as_deref(), Some("IONOS_2"));
}

#[test]
fn missing_config_file_is_reported() {
    let s = Scratch::new("noconfig");
    let msg = s.fails();
    assert!(msg.contains("codegen.toml"), "{msg}");
}

fn proto_config(s: &Scratch) -> &Scratch {
    s.write(
        "codegen.toml",
        "[[api]]\nname = \"demo\"\nkind = \"proto\"\nsource = \"protos\"\nfiles = [\"demo/v1/demo.proto\"]\nmodels = \"demo-models\"\nclient = \"demo-client\"\nserver = \"demo-server\"\nout_dir = \"generated\"\n",
    )
}

const PROTO_HEAD: &str =
    "syntax = \"proto3\";\npackage demo.v1;\nimport \"google/api/annotations.proto\";\n";

fn with_google_api(s: &Scratch) -> &Scratch {
    let root = xtask::workspace_root().join("spec/cloudforet/google/api");
    for f in ["annotations.proto", "http.proto"] {
        s.write(
            &format!("protos/google/api/{f}"),
            &std::fs::read_to_string(root.join(f)).unwrap(),
        );
    }
    s
}

#[test]
fn proto_syntax_error_names_file_line_and_column() {
    let s = Scratch::new("proto-syntax");
    with_google_api(proto_config(&s)).write(
        "protos/demo/v1/demo.proto",
        &format!("{PROTO_HEAD}message A {{\n  string name = 1\n}}\n"),
    );
    let msg = s.fails();
    assert!(msg.contains("demo/v1/demo.proto:6:1"), "{msg}");
}

#[test]
fn proto_unknown_path_variable_names_the_rpc() {
    let s = Scratch::new("proto-var");
    with_google_api(proto_config(&s)).write(
        "protos/demo/v1/demo.proto",
        &format!(
            "{PROTO_HEAD}message A {{\n  string name = 1;\n}}\nservice Demo {{\n  rpc Get(A) returns (A) {{\n    option (google.api.http) = {{ get: \"/v1/{{nope}}\" }};\n  }}\n}}\n"
        ),
    );
    let msg = s.fails();
    assert!(msg.contains("demo/v1/demo.proto:9:"), "{msg}");
    assert!(
        msg.contains("nope") && msg.contains("demo.v1.Demo.Get"),
        "{msg}"
    );
}

#[test]
fn proto_unresolved_import_is_located() {
    let s = Scratch::new("proto-import");
    with_google_api(proto_config(&s)).write(
        "protos/demo/v1/demo.proto",
        &format!(
            "{PROTO_HEAD}import \"demo/v1/missing.proto\";\nmessage A {{ string name = 1; }}\n"
        ),
    );
    let msg = s.fails();
    assert!(msg.contains("demo/v1/demo.proto:4:"), "{msg}");
    assert!(msg.contains("missing.proto"), "{msg}");
}
