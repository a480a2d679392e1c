//! A client for the IONOS Auth API that nobody here wrote: progenitor generates it from
//! `spec/ionos/auth-v1.yaml` when this crate is built (`build.rs`). The tests drive the
//! reference server (`ionos-auth-mock`) with it, so the server is checked by a reading of the
//! spec independent of our generator's.

#![allow(missing_docs, clippy::all, unused_imports, irrefutable_let_patterns)]

include!(concat!(env!("OUT_DIR"), "/client.rs"));
