//! Arbitrary bytes, read as (lossy) UTF-8, as an OpenAPI spec: the frontend must not panic,
//! and an accepted spec must generate crates whose every `.rs` file parses with `syn`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    apigen_fuzz::harness::check_openapi(&text);
});
