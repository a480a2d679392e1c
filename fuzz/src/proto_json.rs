//! The check of the `proto_json` target: arbitrary bytes decoded as each message of the
//! generated Cloudforet models (proto3 JSON). Decoding may fail with an error, never panic; a
//! value that decodes encodes, decodes again to the same value and encodes to the same text
//! (the round trip is stable); `Validate` never panics.

use cloudforet_identity_models::{
    GrantTokenInfo, GrantTokenRequest, IssueTokenRequest, TokenInfo, Validate,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

fn stable<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug + Validate>(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<T>(data) else {
        return;
    };
    let _ = value.validate();
    let text = serde_json::to_string(&value).expect("a decoded value encodes");
    let again: T =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text} does not decode again: {e}"));
    assert_eq!(again, value, "{text} decodes to another value");
    assert_eq!(serde_json::to_string(&again).unwrap(), text);
}

/// Runs every message type on `data`.
pub fn check(data: &[u8]) {
    stable::<IssueTokenRequest>(data);
    stable::<TokenInfo>(data);
    stable::<GrantTokenRequest>(data);
    stable::<GrantTokenInfo>(data);
}
