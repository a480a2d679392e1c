//! What codegen does to the tree: rewrites only what changed, removes what a spec no longer
//! produces (only inside generated crates), and `--check` reports without writing.

use std::path::{Path, PathBuf};

use xtask::codegen;

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const SPEC: &str = "openapi: 3.0.3\ninfo:\n  title: Demo\n  version: '1'\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Pet'\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        name:\n          type: string\n";

fn scratch(name: &str) -> Scratch {
    let root = std::env::temp_dir().join(format!("apigen-out-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("spec.yaml"), SPEC).unwrap();
    std::fs::write(
        root.join("codegen.toml"),
        "[[api]]\nname = \"demo\"\nkind = \"openapi\"\nsource = \"spec.yaml\"\nmodels = \"demo-models\"\nclient = \"demo-client\"\nserver = \"demo-server\"\nout_dir = \"generated\"\n",
    )
    .unwrap();
    Scratch(root)
}

fn run(root: &Path, check: bool) -> anyhow::Result<()> {
    codegen::run(root, &root.join("codegen.toml"), check)
}

fn mtime(p: &Path) -> std::time::SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

#[test]
fn stale_files_are_removed_only_inside_generated_crates() {
    let s = scratch("stale");
    let root = &s.0;
    run(root, false).unwrap();
    let lib = root.join("generated/demo-models/src/lib.rs");
    assert!(lib.exists());
    run(root, true).expect("fresh tree passes --check");

    // Leftovers: a file in a generated crate, a whole generated crate the config no longer
    // names, and things that are not the generator's.
    std::fs::write(root.join("generated/demo-models/src/old.rs"), "// old\n").unwrap();
    std::fs::create_dir_all(root.join("generated/gone-models/src")).unwrap();
    std::fs::write(
        root.join("generated/gone-models/Cargo.toml"),
        format!("{} from x.\n[package]\n", xtask::output::MANIFEST_MARKER),
    )
    .unwrap();
    std::fs::write(root.join("generated/gone-models/src/lib.rs"), "").unwrap();
    std::fs::create_dir_all(root.join("generated/handwritten")).unwrap();
    std::fs::write(root.join("generated/handwritten/Cargo.toml"), "[package]\n").unwrap();
    std::fs::write(root.join("generated/notes.txt"), "mine\n").unwrap();

    let err = run(root, true).expect_err("--check sees the leftovers");
    let msg = format!("{err:#}");
    assert!(
        msg.contains("old.rs") && msg.contains("gone-models"),
        "{msg}"
    );
    assert!(
        root.join("generated/demo-models/src/old.rs").exists(),
        "--check wrote"
    );

    let before = mtime(&lib);
    std::thread::sleep(std::time::Duration::from_millis(20));
    run(root, false).unwrap();
    assert!(!root.join("generated/demo-models/src/old.rs").exists());
    assert!(!root.join("generated/gone-models").exists());
    assert!(root.join("generated/handwritten/Cargo.toml").exists());
    assert!(root.join("generated/notes.txt").exists());
    assert_eq!(mtime(&lib), before, "an unchanged file was rewritten");
    run(root, true).expect("clean again");
}

#[test]
fn a_hand_edit_is_reported_and_undone() {
    let s = scratch("edit");
    let root = &s.0;
    run(root, false).unwrap();
    let lib = root.join("generated/demo-client/src/lib.rs");
    let original = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, format!("{original}\n// hand edit\n")).unwrap();
    let msg = format!("{:#}", run(root, true).unwrap_err());
    assert!(msg.contains("demo-client/src/lib.rs"), "{msg}");
    run(root, false).unwrap();
    assert_eq!(std::fs::read_to_string(&lib).unwrap(), original);
}
