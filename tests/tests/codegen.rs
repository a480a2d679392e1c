//! The generator as a whole: snapshots of the IR and of every generated file, staleness of
//! `generated/`, determinism, and bad input through `cargo xtask codegen`.

mod codegen {
    mod bad_input;
    mod determinism;
    mod naming;
    mod output;
    mod publishing;
    mod snapshots;
}
