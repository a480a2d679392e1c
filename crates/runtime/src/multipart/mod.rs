//! `multipart/form-data` bodies as generated clients and servers both read and write them: one
//! part per field of the body's models struct (files for [`Binary`](crate::Binary) fields, text
//! for scalars, one part per list item, JSON for objects).

mod decode;
mod encode;

pub(crate) use decode::{decode, DecodeError};
pub(crate) use encode::encode;
