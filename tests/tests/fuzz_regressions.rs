//! Regression tests of the fuzz targets in `fuzz/` (which need nightly and cargo-fuzz): every
//! input kept under `tests/fixtures/fuzz/{openapi,proto,proto-json}/` — crashes the fuzzers found, and
//! hand-made nasty specs — goes through the very checks the targets run (`fuzz/src/harness.rs`,
//! included below): no panic, no backend error, every generated `.rs` file parses with `syn`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

#[path = "../../fuzz/src/harness.rs"]
#[allow(dead_code)]
mod harness;

#[path = "../../fuzz/src/proto_json.rs"]
mod proto_json;

use harness::Outcome;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate is inside the workspace")
        .to_path_buf()
}

/// The fixture files of one kind, sorted.
fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures/fuzz").join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

/// The text of a fixture, read as the fuzz targets read their bytes (lossy UTF-8).
fn text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Runs `check` on every fixture of `kind`; fails listing every fixture that panicked.
/// Returns the outcome of each fixture by file name.
fn run_all(kind: &str, check: impl Fn(&str) -> Outcome) -> Vec<(String, Outcome)> {
    let mut outcomes = Vec::new();
    let mut failures = Vec::new();
    for path in fixtures(kind) {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let text = text(&path);
        match catch_unwind(AssertUnwindSafe(|| check(&text))) {
            Ok(outcome) => outcomes.push((name, outcome)),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                let first_line = message.lines().next().unwrap_or_default().to_string();
                failures.push(format!("{name}: {first_line}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "fuzz regressions:\n{}",
        failures.join("\n")
    );
    outcomes
}

/// A proto root of this test's own below the temp directory, removed when dropped.
struct ProtoRoot(PathBuf);

impl ProtoRoot {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("apigen-fuzz-regress-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        ProtoRoot(dir)
    }
}

impl Drop for ProtoRoot {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn openapi_fixtures_pass_the_fuzz_checks() {
    let outcomes = run_all("openapi", harness::check_openapi);
    assert!(
        outcomes.iter().any(|(_, o)| *o == Outcome::Generated),
        "no fixture reaches the backends: {outcomes:?}"
    );
}

#[test]
fn proto_fixtures_pass_the_fuzz_checks() {
    let dir = ProtoRoot::new("fixtures");
    let outcomes = run_all("proto", |text| harness::check_proto(&dir.0, text));
    assert!(
        outcomes.iter().any(|(_, o)| *o == Outcome::Generated),
        "no fixture reaches the backends: {outcomes:?}"
    );
}

/// The project's own specs, the fuzzers' seeds, go all the way through.
#[test]
fn project_specs_pass_the_fuzz_checks() {
    let openapi = text(&root().join("spec/ionos/auth-v1.yaml"));
    assert_eq!(harness::check_openapi(&openapi), Outcome::Generated);
    let dir = ProtoRoot::new("spec");
    let proto = text(&root().join("spec/cloudforet/spaceone/api/identity/v2/token.proto"));
    assert_eq!(harness::check_proto(&dir.0, &proto), Outcome::Generated);
}

/// The `proto_json` target's check on every kept input (raw bytes, not lossy text).
#[test]
fn proto_json_fixtures_pass_the_fuzz_checks() {
    let mut failures = Vec::new();
    for path in fixtures("proto-json") {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if catch_unwind(|| proto_json::check(&bytes)).is_err() {
            failures.push(path.display().to_string());
        }
    }
    assert!(failures.is_empty(), "panicked: {failures:?}");
}
