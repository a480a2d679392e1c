//! `cargo xtask <command>`: the workspace's developer commands.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  codegen [--check] [--config FILE]   generate the crates configured in codegen.toml;
                                      --check writes nothing and fails if generated/ is stale
  conformance [--clippy|--no-check] [--skipped] PATH...
                                      generate crates for every OpenAPI file and proto service
                                      under PATHs (directories or OpenAPI files) into
                                      target/conformance and `cargo check` them (--clippy: lint
                                      them too; --no-check: generate in memory only;
                                      --skipped: list what the specs' IR skipped)
  diff OLD [NEW] [--format markdown|json] [--fail-on breaking|client|server|wire]
                                      compare two versions of an API and classify each change;
                                      OLD/NEW: an OpenAPI file, a proto root or git:REV
                                      (git:REV alone: every configured API against the working tree)
  semver-checks OLD NEW               check the diff's semver bump against cargo-semver-checks
                                      on the client and server crates generated from OLD and NEW
  bench-codegen [--iterations N] [API|OPENAPI-FILE]...
                                      time the codegen phases in process (parse, lower, emit,
                                      format) and report peak memory; writes nothing. Use
                                      `cargo run --release -p xtask -- bench-codegen` for figures
  bench-diff [--iterations N] [OPENAPI-FILE]
                                      time `diff` of a large spec (default: the shared corpus's
                                      ionos-cloudapi-v6.yaml) against itself and against a copy
                                      with 20 edits; use --release for figures
  bench-proto-tree [--iterations N] ROOT
                                      time codegen of a whole proto tree by package (compiled
                                      once), REST crates and gRPC crates apart; writes nothing
  generate-file OPENAPI-FILE OUT-DIR [--crates models,client,server]
                                      write the crates of one OpenAPI file (not in codegen.toml)
                                      to OUT-DIR, e.g. to compare with other generators
  compile-cost [--release] [--runs N] [CRATE]...
                                      clean-build each generated crate (dependencies already
                                      built) and count its lines: the cost of generated code
  openapi SOURCE [FILE...] [--package NAME]
                                      print the OpenAPI 3.1 document (JSON) of an API, written
                                      from its IR: SOURCE an OpenAPI file, or a proto root with
                                      proto FILEs (paths or globs) or a --package
  proto-json-driver ROOT OUT FILE...  write a program decoding and re-encoding JSON with the
                                      models generated from proto FILEs (for
                                      scripts/proto-json-differential.sh)
";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let root = xtask::workspace_root();
    match args.next().as_deref() {
        Some("codegen") => {
            let mut check = false;
            let mut config = root.join("codegen.toml");
            while let Some(arg) = args.next() {
                match arg.as_str() {
                    "--check" => check = true,
                    "--config" => match args.next() {
                        Some(p) => config = PathBuf::from(p),
                        None => bail!("--config needs a file\n\n{USAGE}"),
                    },
                    other => bail!("unknown argument `{other}`\n\n{USAGE}"),
                }
            }
            xtask::codegen::run(&root, &config, check)
        }
        Some("conformance") => xtask::conformance::run_args(&root, &args.collect::<Vec<_>>()),
        Some("diff") => xtask::diff::run(&root, &args.collect::<Vec<_>>()),
        Some("semver-checks") => xtask::semver_checks::run(&root, &args.collect::<Vec<_>>()),
        Some("bench-codegen") => xtask::bench_codegen::run(&root, &args.collect::<Vec<_>>()),
        Some("bench-diff") => xtask::bench_diff::run(&root, &args.collect::<Vec<_>>()),
        Some("bench-proto-tree") => xtask::bench_proto_tree::run(&args.collect::<Vec<_>>()),
        Some("proto-json-driver") => {
            xtask::proto_json_driver::run(&root, &args.collect::<Vec<_>>())
        }
        Some("generate-file") => xtask::generate_file::run(&root, &args.collect::<Vec<_>>()),
        Some("openapi") => xtask::openapi::run(&root, &args.collect::<Vec<_>>()),
        Some("compile-cost") => xtask::compile_cost::run(&root, &args.collect::<Vec<_>>()),
        Some("help") | Some("--help") | Some("-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}
