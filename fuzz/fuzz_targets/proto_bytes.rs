//! Arbitrary bytes, read as (lossy) UTF-8, as a proto file beside copies of
//! `google/api/{annotations,http}.proto`: `discover` and `load_files` must not panic, and an
//! accepted file must generate crates whose every `.rs` file parses with `syn`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    apigen_fuzz::harness::check_proto(apigen_fuzz::proto_root(), &text);
});
