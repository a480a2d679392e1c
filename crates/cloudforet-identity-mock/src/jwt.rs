//! The JSON Web Tokens the mock issues (HS256, `kid` = token id), access and refresh alike.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

/// The issuer the mock signs as.
pub const ISSUER: &str = "cloudforet-identity-mock";

/// What a token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TokenType {
    /// Calls the API.
    Access,
    /// Exchanged for scoped access tokens with `grant`.
    Refresh,
}

/// The claims of an issued token (named as Cloudforet's: `did` domain, `wid` workspace).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Issuer.
    pub iss: String,
    /// The user id.
    pub sub: String,
    /// The user's domain.
    pub did: String,
    /// Access or refresh.
    pub ttype: TokenType,
    /// The scope of an access token (`DOMAIN`, `WORKSPACE`, `USER`).
    pub scope: String,
    /// The workspace of a WORKSPACE-scoped token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wid: Option<String>,
    /// Issued at (Unix seconds).
    pub iat: i64,
    /// Expires at (Unix seconds).
    pub exp: i64,
    /// The token id (also the header's `kid`).
    pub jti: String,
}

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

    /// The claims of a token whose signature, issuer and expiry (against `now`) check out.
    pub fn verify(&self, token: &str, now: i64) -> Option<Claims> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        validation.set_issuer(&[ISSUER]);
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation).ok()?;
        (data.header.kid.as_deref() == Some(data.claims.jti.as_str()) && data.claims.exp > now)
            .then_some(data.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_tamper_and_expiry() {
        let keys = Keys::new(b"secret");
        let claims = Claims {
            iss: ISSUER.into(),
            sub: "alice".into(),
            did: "domain-1".into(),
            ttype: TokenType::Refresh,
            scope: "USER".into(),
            wid: None,
            iat: 0,
            exp: 100,
            jti: "t1".into(),
        };
        let token = keys.sign(&claims).unwrap();
        assert_eq!(keys.verify(&token, 99), Some(claims));
        assert_eq!(keys.verify(&token, 100), None, "expired");
        assert_eq!(Keys::new(b"other").verify(&token, 0), None);
        assert_eq!(keys.verify("not.a.jwt", 0), None);
    }
}
