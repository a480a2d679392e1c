//! Same inputs, byte-identical output: twice in a row, and with the config's APIs reversed.

use xtask::config::Config;
use xtask::{codegen, workspace_root};

fn files(config: &Config) -> Vec<(String, String)> {
    let root = workspace_root();
    let mut out: Vec<(String, String)> = codegen::generate_all(&root, config)
        .expect("generates")
        .into_iter()
        .flat_map(|api| {
            api.crates.into_iter().flat_map(|c| {
                let dir = c.dir.display().to_string();
                c.files
                    .into_iter()
                    .map(move |f| (format!("{dir}/{}", f.path), f.contents))
            })
        })
        .collect();
    out.sort();
    out
}

#[test]
fn generating_twice_and_in_reverse_order_gives_identical_bytes() {
    let root = workspace_root();
    let config = Config::load(&root.join("codegen.toml")).expect("config");
    let first = files(&config);
    let second = files(&config);
    assert_eq!(first, second, "two runs differ");
    let mut reversed = config.clone();
    reversed.apis.reverse();
    assert_eq!(first, files(&reversed), "output depends on config order");
    assert!(!first.is_empty());
}

/// The crates of an API are emitted and formatted on several threads; the bytes and the order
/// of the crates must not depend on how many.
#[test]
fn thread_count_does_not_change_the_output() {
    use xtask::pipeline;
    let root = workspace_root();
    let config = Config::load(&root.join("codegen.toml")).expect("config");
    for api in &config.apis {
        let ir = pipeline::lower(&root, api).expect("lowers");
        let crates = |threads| -> Vec<(String, Vec<(String, String)>)> {
            pipeline::generate_crates_on(&ir, api, threads)
                .expect("generates")
                .into_iter()
                .map(|c| {
                    let files = c.files.into_iter().map(|f| (f.path, f.contents)).collect();
                    (c.name, files)
                })
                .collect()
        };
        let one = crates(1);
        assert!(one.len() >= 3, "{}: {} crates", api.name, one.len());
        assert_eq!(one[0].0, api.models, "models first");
        for threads in [2, 3, 8] {
            assert_eq!(one, crates(threads), "{}: {threads} threads", api.name);
        }
    }
}
