//! Credentials a request carries, checked against an operation's security alternatives.

use base64::Engine as _;
use http::header::AUTHORIZATION;
use http::request::Parts;

use super::params::{cookie, QueryParams};
use super::rejection::{Rejection, RejectionKind};
use crate::security::{KeyLocation, Scheme};
use crate::Secret;

/// The credentials of a request, for the alternative of the operation's security they satisfy.
/// Secrets are [`Secret`]s: `Debug` output never shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// HTTP Basic: the decoded user name and password (not yet checked: that is the
    /// application's job).
    Basic {
        /// The user name.
        username: String,
        /// The password.
        password: Secret,
    },
    /// A bearer token (not yet verified).
    Bearer(Secret),
    /// An API key.
    ApiKey {
        /// The header, query parameter or cookie it was sent in.
        name: &'static str,
        /// The key.
        value: Secret,
    },
    /// Several credentials an alternative requires together, in the order it lists them.
    All(Vec<Credentials>),
}

/// What the `Authorization` header holds.
enum Authorization {
    Absent,
    Basic(String, Secret),
    Bearer(Secret),
    /// Unreadable, or a scheme other than Basic and Bearer: why.
    Unusable(String),
}

fn authorization(parts: &Parts) -> Authorization {
    let Some(value) = parts.headers.get(AUTHORIZATION) else {
        return Authorization::Absent;
    };
    let Ok(text) = value.to_str() else {
        return Authorization::Unusable("the Authorization header is not visible ASCII".into());
    };
    let text = text.trim();
    let (scheme, rest) = text.split_once(' ').unwrap_or((text, ""));
    let rest = rest.trim();
    if scheme.eq_ignore_ascii_case("basic") {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(rest)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok());
        match decoded.as_deref().and_then(|d| d.split_once(':')) {
            Some((user, password)) => Authorization::Basic(user.to_string(), Secret::new(password)),
            None => Authorization::Unusable(
                "Basic credentials must be base64 of `user:password`".into(),
            ),
        }
    } else if scheme.eq_ignore_ascii_case("bearer") {
        if rest.is_empty() || rest.contains(char::is_whitespace) {
            Authorization::Unusable("the Bearer token is empty or contains spaces".into())
        } else {
            Authorization::Bearer(Secret::new(rest))
        }
    } else {
        Authorization::Unusable(format!("unsupported authorization scheme `{scheme}`"))
    }
}

/// The credential for one scheme, if the request carries it.
fn credential(parts: &Parts, auth: &Authorization, scheme: &Scheme) -> Option<Credentials> {
    match (scheme, auth) {
        (Scheme::Basic, Authorization::Basic(user, password)) => Some(Credentials::Basic {
            username: user.clone(),
            password: password.clone(),
        }),
        (Scheme::Bearer, Authorization::Bearer(token)) => Some(Credentials::Bearer(token.clone())),
        (Scheme::ApiKey { name, location }, _) => {
            let value = match location {
                KeyLocation::Header => parts
                    .headers
                    .get(*name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string),
                KeyLocation::Query => QueryParams::parse(parts)
                    .ok()
                    .and_then(|q| q.first(name).map(str::to_string)),
                KeyLocation::Cookie => cookie(parts, name),
            }?;
            Some(Credentials::ApiKey {
                name,
                value: Secret::new(value),
            })
        }
        _ => None,
    }
}

/// The `WWW-Authenticate` challenge listing the schemes that use the `Authorization` header.
fn challenge(alternatives: &[&[Scheme]]) -> Option<String> {
    let mut parts = Vec::new();
    for scheme in alternatives.iter().flat_map(|a| a.iter()) {
        let text = match scheme {
            Scheme::Basic => "Basic",
            Scheme::Bearer => "Bearer",
            Scheme::ApiKey { .. } => continue,
        };
        if !parts.contains(&text) {
            parts.push(text);
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// `Basic, Bearer` → `Basic or Bearer`.
fn or_list(challenge: &str) -> String {
    challenge.replace(", ", " or ")
}

/// The credentials of the first alternative the request satisfies; `Ok(None)` when an
/// alternative is empty (anonymous access) and no other is satisfied, or when there are no
/// alternatives at all.
///
/// # Errors
/// A 401 [`Rejection`]: `MalformedCredentials` when an `Authorization` header is sent that none
/// of the Basic/Bearer schemes the operation accepts can read, `MissingCredentials` otherwise.
pub fn authenticate(
    parts: &Parts,
    alternatives: &[&[Scheme]],
) -> Result<Option<Credentials>, Rejection> {
    if alternatives.is_empty() {
        return Ok(None);
    }
    let auth = authorization(parts);
    let mut anonymous = false;
    for alt in alternatives {
        if alt.is_empty() {
            anonymous = true;
            continue;
        }
        let found: Option<Vec<Credentials>> =
            alt.iter().map(|s| credential(parts, &auth, s)).collect();
        if let Some(mut found) = found {
            return Ok(Some(if found.len() == 1 {
                found.remove(0)
            } else {
                Credentials::All(found)
            }));
        }
    }
    let uses_header = challenge(alternatives);
    let rejection = match (&auth, &uses_header) {
        (Authorization::Unusable(why), Some(_)) => Rejection::new(
            RejectionKind::MalformedCredentials,
            format!("malformed credentials: {why}"),
        ),
        (Authorization::Basic(..) | Authorization::Bearer(_), Some(accepted)) => Rejection::new(
            RejectionKind::MalformedCredentials,
            format!(
                "this operation accepts {} credentials only",
                or_list(accepted)
            ),
        ),
        _ if anonymous => return Ok(None),
        _ => Rejection::new(
            RejectionKind::MissingCredentials,
            match &uses_header {
                Some(accepted) => {
                    format!(
                        "authentication required: send {} credentials",
                        or_list(accepted)
                    )
                }
                None => "authentication required: send the API key".to_string(),
            },
        ),
    };
    Err(match uses_header {
        Some(c) => rejection.with_challenge(c),
        None => rejection,
    })
}

/// Like [`authenticate`], for operations that do not allow anonymous access.
///
/// # Errors
/// A 401 [`Rejection`] when no alternative is satisfied.
pub fn require_credentials(
    parts: &Parts,
    alternatives: &[&[Scheme]],
) -> Result<Credentials, Rejection> {
    match authenticate(parts, alternatives)? {
        Some(c) => Ok(c),
        None => {
            let r = Rejection::new(RejectionKind::MissingCredentials, "authentication required");
            Err(match challenge(alternatives) {
                Some(c) => r.with_challenge(c),
                None => r,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASIC_OR_BEARER: &[&[Scheme]] = &[&[Scheme::Basic], &[Scheme::Bearer]];

    fn parts(auth: Option<&str>) -> Parts {
        let mut b = http::Request::builder().uri("/x?key=k1");
        if let Some(a) = auth {
            b = b.header("authorization", a);
        }
        b.body(()).unwrap().into_parts().0
    }

    #[test]
    fn basic_and_bearer() {
        let c =
            require_credentials(&parts(Some("Basic dXNlcjpwYTpzcw==")), BASIC_OR_BEARER).unwrap();
        assert_eq!(
            c,
            Credentials::Basic {
                username: "user".into(),
                password: Secret::new("pa:ss")
            }
        );
        let c = require_credentials(&parts(Some("bearer abc.def")), BASIC_OR_BEARER).unwrap();
        assert_eq!(c, Credentials::Bearer(Secret::new("abc.def")));
        assert!(!format!("{c:?}").contains("abc.def"));
    }

    #[test]
    fn missing_and_malformed() {
        let r = require_credentials(&parts(None), BASIC_OR_BEARER).unwrap_err();
        assert_eq!(r.kind(), &RejectionKind::MissingCredentials);
        assert_eq!(r.challenge(), Some("Basic, Bearer"));
        for bad in [
            "Basic !!!",
            "Basic dXNlcg==",
            "Bearer",
            "Digest x",
            "Bearer a b",
        ] {
            let r = require_credentials(&parts(Some(bad)), BASIC_OR_BEARER).unwrap_err();
            assert_eq!(r.kind(), &RejectionKind::MalformedCredentials, "{bad}");
            assert_eq!(r.status(), http::StatusCode::UNAUTHORIZED);
        }
        let r = require_credentials(&parts(Some("Bearer t")), &[&[Scheme::Basic]]).unwrap_err();
        assert_eq!(r.kind(), &RejectionKind::MalformedCredentials);
    }

    #[test]
    fn anonymous_and_api_keys() {
        assert_eq!(authenticate(&parts(None), &[]).unwrap(), None);
        assert_eq!(
            authenticate(&parts(None), &[&[Scheme::Bearer], &[]]).unwrap(),
            None
        );
        let key: &[&[Scheme]] = &[&[Scheme::ApiKey {
            name: "key",
            location: KeyLocation::Query,
        }]];
        assert_eq!(
            require_credentials(&parts(None), key).unwrap(),
            Credentials::ApiKey {
                name: "key",
                value: Secret::new("k1")
            }
        );
    }
}
