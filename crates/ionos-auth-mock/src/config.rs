//! Users and settings of the mock.

use std::str::FromStr;
use std::time::Duration;

/// An account the mock knows: Basic credentials and the contracts it may act for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The user name (Basic authentication).
    pub name: String,
    /// The password (Basic authentication).
    pub password: String,
    /// The contract numbers of the user; the first is not special.
    pub contracts: Vec<i32>,
}

impl User {
    /// A user with the given contracts.
    pub fn new(name: &str, password: &str, contracts: &[i32]) -> Self {
        User {
            name: name.to_string(),
            password: password.to_string(),
            contracts: contracts.to_vec(),
        }
    }
}

/// Why a `--user` argument could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected `name:password:contract[,contract…]`, got `{0}`")]
pub struct ParseUserError(String);

impl FromStr for User {
    type Err = ParseUserError;

    /// Reads `name:password:contract[,contract…]`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseUserError(s.to_string());
        let mut parts = s.splitn(3, ':');
        let (Some(name), Some(password), Some(contracts)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err(err());
        };
        let contracts = contracts
            .split(',')
            .map(|c| c.trim().parse::<i32>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| err())?;
        if name.is_empty() || contracts.is_empty() {
            return Err(err());
        }
        Ok(User::new(name, password, &contracts))
    }
}

/// Request limits per credential, in fixed windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed per window (sent as `X-RateLimit-Limit`).
    pub limit: u32,
    /// The window length (a minute in the real API; shorter in tests).
    pub window: Duration,
    /// Sent as `X-RateLimit-Burst`.
    pub burst: u32,
}

impl Default for RateLimit {
    /// 600 requests a minute, bursts of 50.
    fn default() -> Self {
        RateLimit {
            limit: 600,
            window: Duration::from_secs(60),
            burst: 50,
        }
    }
}

/// How the mock is set up.
#[derive(Debug, Clone)]
pub struct Config {
    /// Known users.
    pub users: Vec<User>,
    /// The HS256 key tokens are signed with; random per start when `None`.
    pub secret: Option<Vec<u8>>,
    /// Request limits.
    pub rate_limit: RateLimit,
    /// Prefix of the `href` of tokens (`/tokens/{id}` by default).
    pub href_prefix: String,
}

/// The demo user of the default configuration.
pub const DEMO_USER: &str = "demo";
/// The demo user's password.
pub const DEMO_PASSWORD: &str = "demo-password";
/// The demo user's contract.
pub const DEMO_CONTRACT: i32 = 31415;

impl Default for Config {
    /// The demo user (`demo` / `demo-password`, contract 31415), a random key, default limits.
    fn default() -> Self {
        Config {
            users: vec![User::new(DEMO_USER, DEMO_PASSWORD, &[DEMO_CONTRACT])],
            secret: None,
            rate_limit: RateLimit::default(),
            href_prefix: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users_parse() {
        assert_eq!(
            "ann:pa:ss:1,2".parse::<User>().unwrap_err(),
            ParseUserError("ann:pa:ss:1,2".into()),
            "the password may not contain `:` before the contracts"
        );
        assert_eq!(
            "ann:pw:1, 2".parse::<User>().unwrap(),
            User::new("ann", "pw", &[1, 2])
        );
        assert!("ann:pw".parse::<User>().is_err());
        assert!("ann:pw:x".parse::<User>().is_err());
        assert!(":pw:1".parse::<User>().is_err());
    }
}
