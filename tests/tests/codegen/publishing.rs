//! Generated crates stand alone: explicit dependency versions from the generator's one table
//! (which the workspace repeats), the runtime by version and path, a README per crate; and a
//! documented error status without content is an `Error::Api` without a body.

use apigen_rust::{Options, DEPENDENCIES, EDITION, RUNTIME_VERSION, RUST_VERSION};
use xtask::config::Config;
use xtask::{codegen, workspace_root};

fn manifest(path: &str) -> toml::Table {
    let text = std::fs::read_to_string(workspace_root().join(path)).expect("manifest reads");
    toml::from_str(&text).expect("manifest parses")
}

/// `[workspace.dependencies]` says what `apigen_rust::DEPENDENCIES` says, so the workspace
/// builds the generated crates with the versions and features they will be published with.
#[test]
fn workspace_dependencies_match_the_generator_table() {
    let root = manifest("Cargo.toml");
    let deps = &root["workspace"]["dependencies"];
    for d in DEPENDENCIES {
        let entry = deps
            .get(d.name)
            .unwrap_or_else(|| panic!("{} is missing from [workspace.dependencies]", d.name));
        let (version, default_features, features) = match entry {
            toml::Value::String(v) => (v.as_str(), true, Vec::new()),
            toml::Value::Table(t) => (
                t["version"].as_str().unwrap(),
                t.get("default-features")
                    .and_then(|v| v.as_bool())
                    .unwrap_or(true),
                t.get("features")
                    .and_then(|f| f.as_array())
                    .map(|a| a.iter().map(|f| f.as_str().unwrap()).collect())
                    .unwrap_or_default(),
            ),
            other => panic!("{}: unexpected entry {other:?}", d.name),
        };
        assert_eq!(version, d.version, "{}: version", d.name);
        assert_eq!(
            default_features, d.default_features,
            "{}: default-features",
            d.name
        );
        assert_eq!(features, d.features, "{}: features", d.name);
    }
    let package = &root["workspace"]["package"];
    assert_eq!(package["edition"].as_str(), Some(EDITION));
    assert_eq!(package["rust-version"].as_str(), Some(RUST_VERSION));
    let runtime = manifest("crates/runtime/Cargo.toml");
    assert_eq!(
        runtime["package"]["version"].as_str(),
        Some(RUNTIME_VERSION),
        "the generator writes the runtime's version into every manifest"
    );
}

/// Every generated manifest spells its dependencies out (nothing inherited from a workspace),
/// depends on the runtime and its sibling by version and path, and names its README.
#[test]
fn generated_manifests_stand_alone() {
    let root = workspace_root();
    let config = Config::load(&root.join("codegen.toml")).unwrap();
    for api in codegen::generate_all(&root, &config).unwrap() {
        for krate in &api.crates {
            let file = |p: &str| krate.files.iter().find(|f| f.path == p);
            let text = &file("Cargo.toml").expect("a manifest").contents;
            assert!(!text.contains("workspace"), "{}: {text}", krate.name);
            let m: toml::Table = toml::from_str(text).unwrap();
            let package = m["package"].as_table().unwrap();
            for key in ["version", "license", "description", "edition", "rust-version"] {
                assert!(package.contains_key(key), "{}: no {key}", krate.name);
            }
            assert_eq!(package["readme"].as_str(), Some("README.md"));
            let runtime = m["dependencies"]["apigen-runtime"].as_table().unwrap();
            assert_eq!(runtime["version"].as_str(), Some(RUNTIME_VERSION));
            assert_eq!(runtime["path"].as_str(), Some("../../crates/runtime"));
            if krate.name != api.config.models {
                let models = m["dependencies"][&api.config.models].as_table().unwrap();
                assert_eq!(models["version"].as_str(), Some(api.config.version.as_str()));
            }
            let readme = &file("README.md").expect("a README").contents;
            assert!(readme.starts_with(&format!("# {}\n", krate.name)));
            assert!(readme.contains("cargo xtask codegen"), "says how to regenerate");
        }
    }
}

/// The published IONOS Auth spec 1.0.6 documents `422` of the DELETE operations with no
/// content (`content: {}`), beside `Error` bodies for other statuses: the client answers such a
/// 422 with `Error::Api` and a variant without a body, never by decoding the (empty) body.
#[test]
fn error_status_without_content_is_an_api_error_without_body() {
    let spec = workspace_root().join("../shared/corpus/openapi/ionos-auth-1.0.6.yaml");
    if !spec.exists() {
        eprintln!("skipped: {} is absent", spec.display());
        return;
    }
    let api = apigen_openapi::load(&spec).expect("1.0.6 lowers");
    let files = apigen_rust::client(&api, &Options::default()).expect("client generates");
    let lib = &files.iter().find(|f| f.path == "src/lib.rs").unwrap().contents;
    let squeezed: String = lib.chars().filter(|c| !c.is_whitespace()).collect();
    let arm = "422=>{Err(response.api_error_empty(crate::responses::TokensDeleteByIdErrorBody::UnprocessableEntity,),)}";
    assert!(squeezed.contains(arm), "no body-less 422 arm in:\n{lib}");
    assert!(lib.contains("/// Status 422.") && lib.contains("    UnprocessableEntity,\n"));
}
