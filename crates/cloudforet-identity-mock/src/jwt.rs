//! The JSON Web Tokens the mock issues (HS256, `kid` = token id), access and refresh alike.
//! Signing and checking are `apigen_mock_jwt`'s; the claims are this mock's.

pub use apigen_mock_jwt::Keys;
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

/// HS256 keys from `secret`, for tokens of this mock's issuer.
pub fn keys(secret: &[u8]) -> Keys {
    Keys::new(ISSUER, secret)
}

impl apigen_mock_jwt::Claims for Claims {
    fn id(&self) -> &str {
        &self.jti
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_tamper() {
        let keys = keys(b"secret");
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
        assert_eq!(keys.verify(&token), Some(claims));
        assert_eq!(super::keys(b"other").verify::<Claims>(&token), None);
    }
}
