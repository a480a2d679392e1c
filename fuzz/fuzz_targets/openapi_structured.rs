//! Structure-aware OpenAPI specs: a seed spec mutated as the input says (see
//! `apigen_fuzz::structured`), written as YAML or JSON, through the same checks as
//! `openapi_bytes`. `cargo fuzz fmt openapi_structured <input>` prints the spec text.
#![no_main]

use apigen_fuzz::structured::Input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: Input| {
    apigen_fuzz::harness::check_openapi(&input.render());
});
