//! The gRPC backend of proto APIs: the binary protobuf codec of the models (`codec`), and the
//! `-grpc` crate with a tonic client and server per service (`services`).

mod codec;
mod services;
mod wire_check;

pub use codec::codec_module;
pub use services::grpc_tokens;
