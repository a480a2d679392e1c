//! The one naming rule on a spec built to collide (`tests/fixtures/conformance/naming-collisions.yaml`):
//! keywords, leading digits, punctuation, non-ASCII, std/prelude names, schemas that map to the
//! same Rust name, an inline type named like a component, and parameters that collide with each
//! other and with the generated code's own locals. (That the result compiles is checked by
//! `cargo xtask conformance tests/fixtures/conformance`, which CI runs.)

use std::path::PathBuf;

use xtask::config::{ApiConfig, SpecKind};
use xtask::pipeline;

fn generated() -> Vec<(String, String)> {
    generated_from("naming-collisions.yaml")
}

fn generated_from(fixture: &str) -> Vec<(String, String)> {
    let root = xtask::workspace_root();
    let config = ApiConfig {
        name: "naming".into(),
        kind: SpecKind::Openapi,
        source: PathBuf::from("tests/fixtures/conformance").join(fixture),
        files: Vec::new(),
        package: None,
        grpc: None,
        models: "naming-models".into(),
        client: "naming-client".into(),
        server: "naming-server".into(),
        out_dir: PathBuf::from("generated"),
        version: "0.1.0".into(),
        license: "Apache-2.0".into(),
        env_prefix: None,
        openapi: false,
        runtime_dir: None,
    };
    let api = pipeline::generate(&root, &config).expect("generates");
    api.crates
        .into_iter()
        .flat_map(|c| {
            c.files
                .into_iter()
                .map(move |f| (format!("{}/{}", c.name, f.path), f.contents))
        })
        .collect()
}

fn file(files: &[(String, String)], name: &str) -> String {
    files
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, c)| c.clone())
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn colliding_type_names_are_numbered_in_sorted_spec_order() {
    let models = file(&generated(), "naming-models/src/lib.rs");
    // `FooBar` < `foo-bar` < `foo_bar` in spec-name order.
    assert!(models.contains("pub struct FooBar {"), "{models}");
    assert!(models.contains("pub enum FooBar2 {"));
    assert!(models.contains("pub struct FooBar3 {"));
    // The inline body type `3d-render request owner` collides with the component of that name.
    assert!(models.contains("pub struct N3dRenderRequestOwner {"));
    assert!(models.contains("pub owner: crate::N3dRenderRequestOwner2,"));
    // A schema named like the generated trait gets a suffix; std names are fine (std is spelled out).
    assert!(models.contains("pub struct Validate2 {"));
    assert!(models.contains("pub struct Option {"));
    assert!(models.contains("pub struct Result {"));
    assert!(models.contains("pub type String = ::std::string::String;"));
    assert!(models.contains("pub type Vec = ::std::vec::Vec<crate::String>;"));
    assert!(models.contains("pub struct Self_ {"));
}

#[test]
fn fields_and_variants_follow_the_rule() {
    let models = file(&generated(), "naming-models/src/lib.rs");
    for field in [
        "pub r#type:",
        "pub self_:",
        "pub n3d:",
        "pub größe:",
        "pub foo:",
        "pub foo_2:",
        "pub crate_:",
        "pub additional_properties:",
        "pub additional_properties_2:",
    ] {
        assert!(models.contains(field), "missing `{field}`");
    }
    // A recursive field is boxed; wire names are kept.
    assert!(models.contains("pub next: ::std::boxed::Box<crate::FooBar>,"));
    assert!(models.contains("rename = \"Größe\""));
    // Enum values `a-b`, `a_b`, `A B` all want `AB`; digits get `N`; `+1`/`-1` collide too.
    for variant in ["AB,", "AB2,", "AB3,", "N1,", "N12,", "N13,", "Self_,"] {
        assert!(models.contains(variant), "missing variant `{variant}`");
    }
}

#[test]
fn parameters_never_shadow_each_other_or_generated_locals() {
    let files = generated();
    let server = file(&files, "naming-server/src/lib.rs");
    for field in [
        "pub thing_id: ::std::string::String,",
        "pub x_thing_id: ::std::option::Option<::std::string::String>,",
        "pub x_thing_id_2: ::std::option::Option<::std::string::String>,",
        "pub r#type: ::std::option::Option<crate::models::MatchType>,",
        "pub self_: ::std::option::Option<i64>,",
        "pub request_2: ::std::option::Option<bool>,",
    ] {
        assert!(server.contains(field), "missing `{field}`");
    }
    let client = file(&files, "naming-client/src/lib.rs");
    assert!(client.contains("pub fn r#match("), "keyword operation id");
    assert!(
        client.contains("pub fn n3d_render("),
        "leading digit operation id"
    );
}

/// The names the generated code defines itself, keywords and prelude names as operation ids and
/// parameters (`tests/fixtures/conformance/reserved-words.yaml`, compiled by conformance).
#[test]
fn reserved_words_get_their_own_names() {
    let files = generated_from("reserved-words.yaml");
    let client = file(&files, "naming-client/src/lib.rs");
    let server = file(&files, "naming-server/src/lib.rs");
    // `new` as an operation: the client's constructor keeps the name.
    assert!(client.contains("pub fn new_2("), "operation `new`");
    // A numbered escaped keyword loses its escape; appended suffixes drop it too.
    assert!(server.contains("fn self_2("), "{server}");
    assert!(server.contains("pub struct SelfRequest {"));
    assert!(server.contains("pub struct Self2Request {"));
    assert!(!server.contains("self__") && !server.contains("Self_Re"));
    // Optional parameters `new` and `items` (request builder setters) do not take the
    // builder's own `new` or shadow its local `items`.
    let send = client
        .split("pub struct Send<'a>")
        .nth(1)
        .and_then(|rest| rest.split("pub struct ").next())
        .expect("the `send` request builder");
    assert!(send.contains("pub fn new_2("), "{send}");
    assert!(send.contains("pub fn items_2("), "{send}");
    // A header named like a builder method gets a suffix.
    assert!(client.contains("pub fn timeout_2("));
}
