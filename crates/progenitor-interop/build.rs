//! Generates the progenitor client from the IONOS Auth spec into `OUT_DIR`, on every build
//! where the spec changed: there is no checked-in output that could go stale.

use std::path::Path;

const SPEC: &str = "../../spec/ionos/auth-v1.yaml";

fn main() {
    println!("cargo:rerun-if-changed={SPEC}");
    let text = std::fs::read_to_string(SPEC).unwrap_or_else(|e| panic!("{SPEC}: {e}"));
    let spec: openapiv3::OpenAPI =
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{SPEC}: {e}"));
    let mut settings = progenitor::GenerationSettings::default();
    settings.with_interface(progenitor::InterfaceStyle::Builder);
    let tokens = progenitor::Generator::new(&settings)
        .generate_tokens(&spec)
        .unwrap_or_else(|e| panic!("progenitor cannot generate a client for {SPEC}: {e}"));
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("client.rs");
    std::fs::write(&out, tokens.to_string()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
