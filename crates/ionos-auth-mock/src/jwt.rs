//! Signing and verifying the JSON Web Tokens the mock issues (HS256, `kid` = token id).
//! Signing and checking are `apigen_mock_jwt`'s; the claims are this mock's.

pub use apigen_mock_jwt::Keys;
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
            sub: "demo".into(),
            contract: 1,
            iat: 0,
            exp: 1,
            jti: "k1".into(),
        };
        let token = keys.sign(&claims).unwrap();
        assert_eq!(keys.verify(&token), Some(claims));
        assert_eq!(super::keys(b"other").verify::<Claims>(&token), None);
    }
}
