//! Bad input: every error carries `FILE:LINE:COL` (and the rpc for binding errors), and no
//! input panics. Each test writes small protos into its own temp dir.

use std::path::{Path, PathBuf};

use apigen_ir::Api;

use crate::{load_files, Error};

/// A directory of proto files under the system temp dir, removed on drop, holding a copy of
/// the project's `google/api` annotation files so test protos can import them.
struct Tree(PathBuf);

impl Tree {
    fn new(name: &str, files: &[(&str, &str)]) -> Tree {
        let dir =
            std::env::temp_dir().join(format!("apigen-proto-unit-{}-{name}", std::process::id()));
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

fn spec_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/cloudforet")
}

const TOKEN: &str = "spaceone/api/identity/v2/token.proto";

fn write(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Loads `a.proto` (the given lines after a 4-line proto3 header with package `t` and the
/// annotations import, so they start on line 5) and returns the error's display.
fn error_of(name: &str, body: &str) -> String {
    let text = format!(
        "syntax = \"proto3\";\npackage t;\nimport \"google/api/annotations.proto\";\n\n{body}"
    );
    let tree = Tree::new(name, &[("a.proto", &text)]);
    match tree.load("a.proto") {
        Ok(api) => panic!("expected an error, got {api:#?}"),
        Err(err) => err.to_string(),
    }
}

/// A request and a response message for rpc tests (lines 5-9).
const SVC: &str = "message Req {\n  string id = 1;\n  int64 big = 2;\n}\nmessage Res {}\n";

#[test]
fn syntax_error_has_file_line_col() {
    let err = error_of("syntax", "message A {\n  string a = 1\n}\n");
    assert!(err.starts_with("a.proto:7:1: "), "{err}");
}

#[test]
fn unresolved_import_has_file_line_col() {
    let err = error_of("import", "import \"nope/missing.proto\";\n");
    assert_eq!(err, "a.proto:5:1: import 'nope/missing.proto' not found");
}

#[test]
fn unresolved_type_has_file_line_col() {
    let err = error_of("type", "message A {\n  Missing m = 1;\n}\n");
    assert!(err.starts_with("a.proto:6:3: "), "{err}");
    assert!(err.contains("Missing"), "{err}");
}

#[test]
fn errors_in_imported_files_name_that_file() {
    let tree = Tree::new(
        "imported",
        &[
            ("a.proto", "syntax = \"proto3\";\nimport \"dir/b.proto\";\n"),
            (
                "dir/b.proto",
                "syntax = \"proto3\";\nmessage B {\n  Nope n = 1;\n}\n",
            ),
        ],
    );
    let err = tree.load("a.proto").unwrap_err().to_string();
    assert_eq!(err, "dir/b.proto:3:3: name 'Nope' is not defined");
}

#[test]
fn truncated_input_never_panics() {
    let text = std::fs::read_to_string(spec_root().join(TOKEN)).unwrap();
    let tree = Tree::new("truncated", &[]);
    let cuts = text.char_indices().map(|(i, _)| i).filter(|i| i % 7 == 0);
    let (mut ok, mut failed) = (0, 0);
    for cut in cuts {
        write(&tree.0, "t.proto", &text[..cut]);
        match tree.load("t.proto") {
            Ok(_) => ok += 1,
            Err(err) => {
                let shown = err.to_string();
                assert!(shown.starts_with("t.proto:"), "{shown}");
                failed += 1;
            }
        }
    }
    assert!(ok > 0 && failed > 0, "{ok} loaded, {failed} failed");
}

#[test]
fn missing_file_is_an_io_error() {
    let err = load_files(&spec_root(), &[PathBuf::from("nope.proto")]).unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err}");
}

#[test]
fn unknown_path_variable_names_the_rpc() {
    let body = format!(
        "{SVC}service S {{\n  rpc get (Req) returns (Res) {{\n    option (google.api.http) = {{ get: \"/r/{{nope}}\" }};\n  }}\n}}\n"
    );
    let err = error_of("pathvar", &body);
    assert_eq!(
        err,
        "a.proto:12:5: path variable `nope` names no field of `t.Req` (in rpc t.S.get)"
    );
}

#[test]
fn unsupported_pattern_and_nested_variable_are_errors() {
    let rpc = |path: &str| {
        format!("{SVC}service S {{\n  rpc get (Req) returns (Res) {{\n    option (google.api.http) = {{ get: \"{path}\" }};\n  }}\n}}\n")
    };
    let err = error_of("pattern", &rpc("/r/{id=things/*}"));
    assert!(
        err.starts_with("a.proto:12:5: unsupported variable pattern `things/*`"),
        "{err}"
    );
    assert!(err.ends_with("(in rpc t.S.get)"), "{err}");
    let err = error_of("nested", &rpc("/r/{a.b}"));
    assert_eq!(
        err,
        "a.proto:12:5: nested path variable `a.b` is not supported (in rpc t.S.get)"
    );
    let custom = format!(
        "{SVC}service S {{\n  rpc get (Req) returns (Res) {{\n    option (google.api.http) = {{ custom: {{ kind: \"FETCH\" path: \"/r\" }} }};\n  }}\n}}\n"
    );
    let err = error_of("custom", &custom);
    assert_eq!(
        err,
        "a.proto:12:5: custom HTTP method `FETCH` is not supported (in rpc t.S.get)"
    );
}

#[test]
fn message_fields_cannot_go_in_the_query() {
    let err = error_of(
        "querymsg",
        "message Inner {}\nmessage Req {\n  Inner inner = 1;\n}\nmessage Res {}\nservice S {\n  rpc get (Req) returns (Res) {\n    option (google.api.http) = { get: \"/r\" };\n  }\n}\n",
    );
    assert_eq!(
        err,
        "a.proto:12:5: field `inner` of `t.Req` is a message or map and cannot be a query parameter (in rpc t.S.get)"
    );
}
