//! Configuration from environment variables, for clients generated with an environment prefix.
//!
//! The generator derives the variable names from the API's configured prefix (`IONOS` →
//! `IONOS_API_URL`, `IONOS_TOKEN`, `IONOS_USERNAME`, `IONOS_PASSWORD`); nothing here knows a
//! particular API.

use super::config::ClientConfig;
use super::credentials::Credentials;

/// The names of the variables a client reads; `None` for a setting the API has no use for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EnvVars {
    /// The base URL (`<PREFIX>_API_URL`).
    pub api_url: Option<&'static str>,
    /// A bearer token (`<PREFIX>_TOKEN`).
    pub token: Option<&'static str>,
    /// The user name of Basic credentials (`<PREFIX>_USERNAME`).
    pub username: Option<&'static str>,
    /// The password of Basic credentials (`<PREFIX>_PASSWORD`).
    pub password: Option<&'static str>,
    /// An API key (`<PREFIX>_API_KEY`) and the name it is sent as.
    pub api_key: Option<(&'static str, &'static str)>,
}

impl ClientConfig {
    /// Applies the variables `vars` names, looked up with `lookup` (`std::env::var` in
    /// generated clients). Unset and empty variables change nothing; Basic credentials need
    /// both the user name and the password. Credentials found replace configured ones of the
    /// same kind. Which credential a request carries is decided per operation (a token is
    /// preferred over Basic, see [`Credentials`]).
    pub fn env_with(mut self, vars: &EnvVars, lookup: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: Option<&str>| name.and_then(&lookup).filter(|v| !v.is_empty());
        if let Some(url) = get(vars.api_url) {
            self = self.base_url(url);
        }
        if let Some(token) = get(vars.token) {
            self = self.credentials(Credentials::bearer(token));
        }
        if let (Some(user), Some(password)) = (get(vars.username), get(vars.password)) {
            self = self.credentials(Credentials::basic(user, password));
        }
        if let Some((var, name)) = vars.api_key {
            if let Some(key) = get(Some(var)) {
                self = self.credentials(Credentials::api_key(name, key));
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VARS: EnvVars = EnvVars {
        api_url: Some("X_API_URL"),
        token: Some("X_TOKEN"),
        username: Some("X_USERNAME"),
        password: Some("X_PASSWORD"),
        api_key: None,
    };

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn reads_url_token_and_basic() {
        let config = ClientConfig::new("https://default", "t").env_with(
            &VARS,
            env(&[
                ("X_API_URL", "http://127.0.0.1:9/v1"),
                ("X_TOKEN", "tok"),
                ("X_USERNAME", "u"),
                ("X_PASSWORD", "p"),
            ]),
        );
        let text = format!("{config:?}");
        assert!(text.contains("http://127.0.0.1:9/v1"), "{text}");
        assert!(text.contains("Bearer") && text.contains("Basic"), "{text}");
        assert!(!text.contains("tok\"") && !text.contains("\"p\""), "secrets hidden: {text}");
    }

    #[test]
    fn unset_empty_and_half_basic_change_nothing() {
        let before = format!("{:?}", ClientConfig::new("https://default", "t"));
        let after = ClientConfig::new("https://default", "t").env_with(
            &VARS,
            env(&[("X_API_URL", ""), ("X_TOKEN", ""), ("X_USERNAME", "u")]),
        );
        assert_eq!(before, format!("{after:?}"));
    }
}
