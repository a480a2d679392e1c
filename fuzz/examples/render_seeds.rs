//! Prints seed spec `N` (argument; JSON when a second argument `json` is given), to refresh
//! the `openapi_bytes` corpus: `cargo run --example render_seeds 1 > corpus/openapi_bytes/pets.yaml`.

fn main() {
    let mut args = std::env::args().skip(1);
    let n: u8 = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let json = args.next().as_deref() == Some("json");
    print!(
        "{}",
        apigen_fuzz::structured::render(&apigen_fuzz::seeds::seed(n), json)
    );
}
