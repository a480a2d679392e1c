//! A proto API is a package: file globs, package selection, and a tree compiled once with the
//! files that clash with it set aside.

use std::path::{Path, PathBuf};

use apigen_proto::{compile_tree, package_files, resolve_files, Error};

/// A directory of proto files under the system temp dir, removed on drop.
struct Tree(PathBuf);

impl Tree {
    fn new(name: &str, files: &[(&str, &str)]) -> Tree {
        let dir = std::env::temp_dir().join(format!("apigen-select-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (file, text) in files {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        Tree(dir)
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const A: &str = "syntax = \"proto3\";\npackage p.v1;\nmessage A { string x = 1; }\nservice SA { rpc Get(A) returns (A); }\n";
const B: &str = "syntax = \"proto3\";\npackage p.v1;\nimport \"p/v1/a.proto\";\nmessage B { A a = 1; }\nservice SB { rpc Get(B) returns (B); }\n";
const C: &str = "syntax = \"proto3\";\npackage q;\nmessage C { int32 y = 1; }\n";
// Declares package p.v1 and redefines `A`: clashes with a.proto when compiled together.
const CLASH: &str = "syntax = \"proto3\";\npackage p.v1;\nmessage A { int64 z = 1; }\n";

fn paths(v: &[&str]) -> Vec<PathBuf> {
    v.iter().map(PathBuf::from).collect()
}

#[test]
fn globs_select_files_within_one_directory() {
    let tree = Tree::new(
        "glob",
        &[("p/v1/a.proto", A), ("p/v1/b.proto", B), ("q/c.proto", C)],
    );
    let files = resolve_files(&tree.0, &paths(&["p/v1/*.proto"])).unwrap();
    assert_eq!(files, paths(&["p/v1/a.proto", "p/v1/b.proto"]));
    // `*` does not cross directories, `**` does.
    let err = resolve_files(&tree.0, &paths(&["*.proto"])).unwrap_err();
    assert!(matches!(err, Error::Pattern { .. }), "{err}");
    assert!(err.to_string().contains("matches no proto file"), "{err}");
    let all = resolve_files(&tree.0, &paths(&["**/*.proto", "q/c.proto"])).unwrap();
    assert_eq!(all.len(), 3);
    let err = resolve_files(&tree.0, &paths(&["p/v1/[.proto"])).unwrap_err();
    assert!(
        err.to_string().starts_with("file pattern `p/v1/[.proto`"),
        "{err}"
    );
}

#[test]
fn a_package_is_every_file_declaring_it() {
    let tree = Tree::new(
        "pkg",
        &[("p/v1/a.proto", A), ("p/v1/b.proto", B), ("q/c.proto", C)],
    );
    assert_eq!(
        package_files(&tree.0, "p.v1").unwrap(),
        paths(&["p/v1/a.proto", "p/v1/b.proto"])
    );
    let err = package_files(&tree.0, "nope").unwrap_err();
    assert!(
        err.to_string()
            .ends_with("no proto file declares package `nope`"),
        "{err}"
    );
    let api = apigen_proto::load_files(&tree.0, &package_files(&tree.0, "p.v1").unwrap()).unwrap();
    assert_eq!(api.services.len(), 2);
    assert_eq!(api.title, "p.v1");
}

#[test]
fn a_tree_compiles_once_and_reports_clashing_files_with_their_place() {
    let tree = Tree::new(
        "tree",
        &[
            ("p/v1/a.proto", A),
            ("p/v1/b.proto", B),
            ("q/c.proto", C),
            ("z/clash.proto", CLASH),
        ],
    );
    let compiled = compile_tree(&tree.0).unwrap();
    assert_eq!(compiled.service_packages(), vec!["p.v1"]);
    assert_eq!(
        compiled.files_of("p.v1"),
        paths(&["p/v1/a.proto", "p/v1/b.proto"])
    );
    let clashes = compiled.clashes();
    assert_eq!(clashes.len(), 1);
    assert_eq!(clashes[0].file, Path::new("z/clash.proto"));
    let at = clashes[0].error.position().expect("a position");
    assert_eq!(
        (at.file.as_str(), at.line),
        ("z/clash.proto", 3),
        "{}",
        clashes[0].error
    );
    let api = compiled.lower_package("p.v1").unwrap();
    let names: Vec<&str> = api.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["SA", "SB"]);
    assert!(compiled.lower_package("q").unwrap().services.is_empty());
    // The clashing file still lowers alone.
    apigen_proto::load_files(&tree.0, &[clashes[0].file.clone()]).unwrap();
}
