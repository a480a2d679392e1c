//! The mock's users: `DOMAIN:USER:PASSWORD`, kept in memory.

use std::str::FromStr;

/// A user of a domain with a password (LOCAL authentication).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The domain (`domain-1`).
    pub domain_id: String,
    /// The user id (`alice`).
    pub user_id: String,
    /// The password.
    pub password: String,
}

/// A `--user` value that is not `DOMAIN:USER:PASSWORD`.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("`{0}`: a user is DOMAIN:USER:PASSWORD, each part non-empty (the password may hold `:`)")]
pub struct BadUser(String);

impl FromStr for User {
    type Err = BadUser;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.splitn(3, ':');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(d), Some(u), Some(p)) if !d.is_empty() && !u.is_empty() && !p.is_empty() => {
                Ok(User {
                    domain_id: d.to_string(),
                    user_id: u.to_string(),
                    password: p.to_string(),
                })
            }
            _ => Err(BadUser(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users_parse_from_the_command_line_form() {
        let u: User = "domain-1:alice:se:cret".parse().unwrap();
        assert_eq!(
            (
                u.domain_id.as_str(),
                u.user_id.as_str(),
                u.password.as_str()
            ),
            ("domain-1", "alice", "se:cret")
        );
        assert!("domain-1:alice".parse::<User>().is_err());
        assert!(":alice:x".parse::<User>().is_err());
    }
}
