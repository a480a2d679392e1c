//! Times the OpenAPI checks on one file: `cargo run --release --example bench -- FILE [N]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("a spec file");
    let n: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let text = std::fs::read_to_string(&file).expect("readable");
    let start = std::time::Instant::now();
    for _ in 0..n {
        apigen_fuzz::harness::check_openapi(&text);
    }
    let per = start.elapsed() / n;
    let parse = std::time::Instant::now();
    for _ in 0..n {
        let _ = apigen_openapi::parse("x.yaml", &text);
    }
    println!(
        "{file}: {per:?} per check, {:?} per parse",
        parse.elapsed() / n
    );
    steps(&apigen_openapi::parse("x.yaml", &text).unwrap());
}

/// Times each backend and the re-parse of its output.
#[allow(dead_code)]
fn steps(api: &apigen_ir::Api) {
    let opts = apigen_rust::Options {
        source: "x".into(),
        models_crate: "m".into(),
        client_crate: "c".into(),
        server_crate: "s".into(),
        version: "0.1.0".into(),
        ..Default::default()
    };
    type Backend = fn(
        &apigen_ir::Api,
        &apigen_rust::Options,
    ) -> Result<Vec<apigen_rust::GeneratedFile>, apigen_rust::Error>;
    let backends: [(&str, Backend); 3] = [
        ("models", apigen_rust::models),
        ("client", apigen_rust::client),
        ("server", apigen_rust::server),
    ];
    for (name, backend) in backends {
        let t = std::time::Instant::now();
        let files = backend(api, &opts).unwrap();
        let gen = t.elapsed();
        let t = std::time::Instant::now();
        let lines: usize = files.iter().map(|f| f.contents.lines().count()).sum();
        for f in files.iter().filter(|f| f.path.ends_with(".rs")) {
            syn::parse_file(&f.contents).unwrap();
        }
        println!(
            "{name}: {gen:?} to generate {lines} lines, {:?} to re-parse",
            t.elapsed()
        );
    }
}
