//! Credentials a client sends.

use crate::security::Scheme;
use crate::Secret;

/// A credential the client holds; which one is sent depends on the operation's security.
/// Secrets are [`Secret`]s, so `Debug` output never shows them.
///
/// When the client holds credentials for several of an operation's alternatives, a token
/// (bearer or API key) is sent in preference to Basic, whatever the spec's order: a token is
/// what the holder asked for last (it is usually obtained with the Basic credentials), and
/// some operations act on "the token the request carries" (the official IONOS SDKs behave
/// the same way).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// HTTP Basic authentication.
    Basic {
        /// The user name.
        username: String,
        /// The password.
        password: Secret,
    },
    /// A bearer token (`Authorization: Bearer …`).
    Bearer(Secret),
    /// An API key for the header, query parameter or cookie `name`.
    ApiKey {
        /// Name of the header, query parameter or cookie the key is sent in.
        name: String,
        /// The key.
        value: Secret,
    },
}

impl Credentials {
    /// Basic credentials.
    pub fn basic(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Credentials::Basic {
            username: username.into(),
            password: password.into(),
        }
    }

    /// A bearer token.
    pub fn bearer(token: impl Into<Secret>) -> Self {
        Credentials::Bearer(token.into())
    }

    /// An API key sent as `name`.
    pub fn api_key(name: impl Into<String>, value: impl Into<Secret>) -> Self {
        Credentials::ApiKey {
            name: name.into(),
            value: value.into(),
        }
    }

    /// Whether this credential is what `scheme` asks for.
    pub fn satisfies(&self, scheme: &Scheme) -> bool {
        match (self, scheme) {
            (Credentials::Basic { .. }, Scheme::Basic) => true,
            (Credentials::Bearer(_), Scheme::Bearer) => true,
            (Credentials::ApiKey { name, .. }, Scheme::ApiKey { name: wanted, .. }) => {
                name.eq_ignore_ascii_case(wanted)
            }
            _ => false,
        }
    }

    /// Whether `other` would take this credential's place (same kind; same key name).
    pub(crate) fn same_slot(&self, other: &Credentials) -> bool {
        match (self, other) {
            (Credentials::Basic { .. }, Credentials::Basic { .. }) => true,
            (Credentials::Bearer(_), Credentials::Bearer(_)) => true,
            (Credentials::ApiKey { name: a, .. }, Credentials::ApiKey { name: b, .. }) => {
                a.eq_ignore_ascii_case(b)
            }
            _ => false,
        }
    }
}

/// The credentials to send for an operation: the first alternative without Basic all of whose
/// schemes the client holds a credential for, else the first such alternative with Basic.
/// `None` when no alternative can be satisfied (the request is then sent without credentials
/// and the server decides) or when the operation needs none.
pub(crate) fn select<'a>(
    held: &'a [Credentials],
    alternatives: &[&[Scheme]],
) -> Option<Vec<(&'a Credentials, Scheme)>> {
    let (tokens, basic): (Vec<&[Scheme]>, Vec<&[Scheme]>) = alternatives
        .iter()
        .partition(|alt| !alt.contains(&Scheme::Basic));
    tokens.into_iter().chain(basic).find_map(|alt| {
        alt.iter()
            .map(|scheme| {
                held.iter()
                    .find(|c| c.satisfies(scheme))
                    .map(|c| (c, *scheme))
            })
            .collect::<Option<Vec<_>>>()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::security::KeyLocation;

    #[test]
    fn first_satisfiable_alternative_wins() {
        let held = vec![Credentials::bearer("t")];
        let alts: &[&[Scheme]] = &[&[Scheme::Basic], &[Scheme::Bearer]];
        let chosen = select(&held, alts).unwrap();
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].1, Scheme::Bearer);
        // Both held: the token wins, though the spec lists Basic first.
        let both = vec![Credentials::basic("u", "p"), Credentials::bearer("t")];
        assert_eq!(select(&both, alts).unwrap()[0].1, Scheme::Bearer);
        let basic_only = vec![Credentials::basic("u", "p")];
        assert_eq!(select(&basic_only, alts).unwrap()[0].1, Scheme::Basic);
        assert!(select(&[], alts).is_none());
        let key = Scheme::ApiKey {
            name: "X-Key",
            location: KeyLocation::Header,
        };
        assert!(Credentials::api_key("x-key", "k").satisfies(&key));
    }

    #[test]
    fn secrets_are_not_printed() {
        let c = Credentials::basic("user", "hunter2");
        assert!(!format!("{c:?}").contains("hunter2"));
        assert!(!format!("{:?}", Credentials::bearer("tok3n")).contains("tok3n"));
    }
}
