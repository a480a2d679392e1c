//! Every generated file of every configured API, and the IR of each spec, pinned by insta.
//! A spec change shows up here as a reviewable diff (`cargo insta review`).

use xtask::config::Config;
use xtask::{codegen, output, workspace_root};

fn generated() -> Vec<xtask::pipeline::GeneratedApi> {
    let root = workspace_root();
    let config = Config::load(&root.join("codegen.toml")).expect("codegen.toml loads");
    codegen::generate_all(&root, &config).expect("every configured API generates")
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

#[test]
fn ir_of_every_spec() {
    settings().bind(|| {
        for api in generated() {
            let json = serde_json::to_string_pretty(&api.ir).expect("IR serializes");
            insta::assert_snapshot!(format!("ir__{}", api.config.name), json);
        }
    });
}

#[test]
fn every_generated_file() {
    settings().bind(|| {
        for api in generated() {
            for krate in &api.crates {
                for file in &krate.files {
                    let name = format!("{}__{}", krate.name, file.path.replace('/', "__"));
                    insta::assert_snapshot!(name, file.contents);
                }
            }
        }
    });
}

#[test]
fn generated_tree_is_up_to_date() {
    let root = workspace_root();
    let plan = output::plan(&root, &generated()).expect("plan");
    let stale: Vec<_> = plan
        .writes
        .iter()
        .map(|(p, _)| p.display().to_string())
        .chain(plan.deletes.iter().map(|p| p.display().to_string()))
        .collect();
    assert!(
        stale.is_empty(),
        "generated/ is stale; run `cargo xtask codegen` and commit:\n{}",
        stale.join("\n")
    );
}
