//! The baseline of the gRPC benchmark (benches/grpc.rs): plain tonic-build output
//! (tonic-prost-build fed with protox's file descriptors; no protoc) for spec/cloudforet's
//! identity Token service, the proto the generated `cloudforet-identity-grpc` crate comes from.

use std::path::Path;

fn main() {
    // Read at run time: `env!` would bake in the path of the checkout that compiled this
    // script, and cargo reuses the compiled script for another checkout sharing the target dir.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("../../spec/cloudforet");
    println!("cargo:rerun-if-changed={}", root.display());
    let fds = protox::compile(["spaceone/api/identity/v2/token.proto"], [&root])
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()));
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .include_file("tonic_baseline.rs")
        .compile_fds(fds)
        .unwrap_or_else(|e| panic!("tonic-prost-build: {e}"));
}
