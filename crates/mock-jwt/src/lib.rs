//! The JSON Web Tokens the reference mocks issue and check: HS256 with a shared secret, the
//! token id as the header's `kid` and the `jti` claim, the issuer checked. Each mock defines
//! its own claims; expiry is left to the mock's clock.
//!
//! A crate of its own (rather than a feature of `apigen-runtime`) because generated code never
//! needs it: it costs one tiny crate on top of `jsonwebtoken`, which both mocks use anyway.

#![warn(missing_docs)]

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use jsonwebtoken::errors::Error;

/// Claims a mock puts into its tokens.
pub trait Claims: Serialize + DeserializeOwned {
    /// The token id (`jti`), also written as the header's `kid`.
    fn id(&self) -> &str;
}

/// HS256 keys from one shared secret, for tokens of one issuer.
pub struct Keys {
    issuer: &'static str,
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl Keys {
    /// Keys for tokens `issuer` signs with `secret`.
    pub fn new(issuer: &'static str, secret: &[u8]) -> Self {
        Keys {
            issuer,
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }

    /// A signed token for `claims`, with `kid` = its id.
    pub fn sign<C: Claims>(&self, claims: &C) -> Result<String, Error> {
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(claims.id().to_string());
        jsonwebtoken::encode(&header, claims, &self.encoding)
    }

    /// The claims of a token whose signature and issuer check out and whose `kid` is its id;
    /// `None` for anything else. Expiry is not checked here.
    pub fn verify<C: Claims>(&self, token: &str) -> Option<C> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        validation.set_issuer(&[self.issuer]);
        let data = jsonwebtoken::decode::<C>(token, &self.decoding, &validation).ok()?;
        (data.header.kid.as_deref() == Some(data.claims.id())).then_some(data.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Demo {
        iss: String,
        jti: String,
    }

    impl Claims for Demo {
        fn id(&self) -> &str {
            &self.jti
        }
    }

    #[test]
    fn round_trip_tamper_issuer_and_kid() {
        let keys = Keys::new("me", b"secret");
        let claims = Demo {
            iss: "me".into(),
            jti: "t1".into(),
        };
        let token = keys.sign(&claims).unwrap();
        assert_eq!(keys.verify::<Demo>(&token), Some(claims));
        assert_eq!(Keys::new("me", b"other").verify::<Demo>(&token), None);
        assert_eq!(Keys::new("you", b"secret").verify::<Demo>(&token), None);
        assert_eq!(keys.verify::<Demo>("not.a.jwt"), None);
        // A header `kid` that is not the token id.
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some("t2".into());
        let forged = jsonwebtoken::encode(
            &header,
            &Demo {
                iss: "me".into(),
                jti: "t1".into(),
            },
            &EncodingKey::from_secret(b"secret"),
        )
        .unwrap();
        assert_eq!(keys.verify::<Demo>(&forged), None);
    }
}
