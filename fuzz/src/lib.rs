//! Support for the apigen fuzz targets (see `fuzz_targets/` and README.md).
//!
//! - [`harness`]: the checks run on every input (shared with the regression tests);
//! - [`structured`]: structure-aware OpenAPI inputs built from seed specs ([`seeds`]) and
//!   mutations that insert [`vocabulary`];
//! - [`proto_json`]: decoding of the generated proto3 JSON models;
//! - [`proto_root`]: the per-process directory the proto target writes its inputs to.

pub mod harness;
pub mod proto_json;
pub mod seeds;
pub mod structured;
pub mod vocabulary;

use std::path::PathBuf;
use std::sync::OnceLock;

/// A directory of this process's own (`$TMPDIR/apigen-fuzz-<pid>`), created once, where the
/// proto target lays out its root. It is left behind when the fuzzer exits (it is small).
pub fn proto_root() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("apigen-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("create the proto root");
        root
    })
}
