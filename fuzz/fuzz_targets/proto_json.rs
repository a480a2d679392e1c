//! Arbitrary bytes as proto3 JSON for each message of the generated Cloudforet models: never a
//! panic; a value that decodes round-trips stably (`src/proto_json.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    apigen_fuzz::proto_json::check(data);
});
