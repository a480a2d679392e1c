//! Signing and verifying the JSON Web Tokens the mock issues (HS256, `kid` = token id).

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

/// The claims of an issued token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Issuer.
    pub iss: String,
    /// The user name.
    pub sub: String,
    /// The contract the token is for.
    pub contract: i32,
    /// Issued at (Unix seconds).
    pub iat: i64,
    /// Expires at (Unix seconds).
    pub exp: i64,
    /// The token id (also the header's `kid`).
    pub jti: String,
}

/// The issuer the mock signs as.
pub const ISSUER: &str = "ionos-auth-mock";

/// HS256 keys.
pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl Keys {
    /// Keys from a shared secret.
    pub fn new(secret: &[u8]) -> Self {
        Keys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }

    /// A signed token for `claims`, with `kid` = `claims.jti`.
    pub fn sign(&self, claims: &Claims) -> Result<String, jsonwebtoken::errors::Error> {
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(claims.jti.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding)
    }

    /// The token id (`kid`) and claims of a token whose signature and issuer check out.
    /// Expiry is not checked here: the mock's clock decides.
    pub fn verify(&self, token: &str) -> Option<(String, Claims)> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        validation.set_issuer(&[ISSUER]);
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation).ok()?;
        let kid = data.header.kid?;
        (kid == data.claims.jti).then_some((kid, data.claims))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_tamper() {
        let keys = Keys::new(b"secret");
        let claims = Claims {
            iss: ISSUER.into(),
            sub: "demo".into(),
            contract: 1,
            iat: 0,
            exp: 1,
            jti: "k1".into(),
        };
        let token = keys.sign(&claims).unwrap();
        assert_eq!(keys.verify(&token), Some(("k1".into(), claims)));
        assert_eq!(Keys::new(b"other").verify(&token), None);
        assert_eq!(keys.verify("not.a.jwt"), None);
    }
}
