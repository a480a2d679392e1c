//! Runs the fuzz checks on files without libFuzzer and prints what each one gave:
//! `cargo run --example check -- openapi|proto|structured FILE...` (`structured` reads the
//! file as a structured input and also prints the spec it stands for).

use apigen_fuzz::harness;
use arbitrary::{Arbitrary, Unstructured};

fn main() {
    let mut args = std::env::args().skip(1);
    let kind = args.next().unwrap_or_default();
    for file in args {
        let data = std::fs::read(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let text = String::from_utf8_lossy(&data);
        let outcome = match kind.as_str() {
            "openapi" => {
                let outcome = harness::check_openapi(&text);
                if let Err(e) = apigen_openapi::parse(&file, &text) {
                    println!("{e}");
                }
                outcome
            }
            "proto" => {
                let root = apigen_fuzz::proto_root();
                let outcome = harness::check_proto(root, &text);
                let files = [std::path::PathBuf::from(harness::PROTO_INPUT)];
                if let Err(e) = apigen_proto::load_files(root, &files) {
                    println!("{e}");
                }
                outcome
            }
            "structured" => {
                let input =
                    apigen_fuzz::structured::Input::arbitrary_take_rest(Unstructured::new(&data))
                        .expect("any bytes make an input");
                let spec = input.render();
                println!("{spec}");
                harness::check_openapi(&spec)
            }
            other => panic!("unknown kind {other:?}: openapi, proto or structured"),
        };
        println!("{file}: {outcome:?}");
    }
}
