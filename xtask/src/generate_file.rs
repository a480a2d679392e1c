//! `cargo xtask generate-file OPENAPI-FILE OUT-DIR [--crates models,client,server]`: the crates
//! of one OpenAPI file that `codegen.toml` does not list, written to `OUT-DIR/<stem>-<kind>`,
//! each depending on this workspace's runtime by absolute path. For comparisons with other
//! generators as whole processes (`scripts/bench-progenitor.sh`); `codegen` is for the
//! configured APIs.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::bench_codegen::openapi_file;
use crate::pipeline::{self, CrateKind};

const USAGE: &str =
    "usage: cargo xtask generate-file OPENAPI-FILE OUT-DIR [--crates models,client,server]";

/// Runs the command.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let mut positional = Vec::new();
    let mut kinds = vec![CrateKind::Models, CrateKind::Client, CrateKind::Server];
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--crates" => {
                let list = it
                    .next()
                    .with_context(|| format!("--crates needs a list\n{USAGE}"))?;
                kinds = list
                    .split(',')
                    .map(|k| match k.trim() {
                        "models" => Ok(CrateKind::Models),
                        "client" => Ok(CrateKind::Client),
                        "server" => Ok(CrateKind::Server),
                        other => bail!("unknown crate kind `{other}`\n{USAGE}"),
                    })
                    .collect::<Result<_>>()?;
            }
            other if other.starts_with('-') => bail!("unknown argument `{other}`\n{USAGE}"),
            other => positional.push(PathBuf::from(other)),
        }
    }
    let [file, out] = &positional[..] else {
        bail!("{USAGE}")
    };
    let mut api = openapi_file(file);
    api.out_dir = out.clone();
    api.runtime_dir = Some(root.join(pipeline::RUNTIME_DIR));
    let ir = pipeline::lower(root, &api)?;
    let crates = pipeline::generate_kinds(&ir, &api, &kinds, crate::parallel::threads())?;
    let lines: usize = crates
        .iter()
        .flat_map(|c| &c.files)
        .filter(|f| f.path.ends_with(".rs"))
        .map(|f| f.contents.lines().count())
        .sum();
    println!(
        "{} operations, {} types: {} crates, {lines} lines of Rust in {}",
        ir.operations().count(),
        ir.types.len(),
        crates.len(),
        out.display()
    );
    for krate in &crates {
        for file in &krate.files {
            let path = krate.dir.join(&file.path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
            }
            std::fs::write(&path, &file.contents)
                .with_context(|| format!("writing {}", path.display()))?;
        }
    }
    Ok(())
}
