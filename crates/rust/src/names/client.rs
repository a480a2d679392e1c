//! Names of the client's and server's API-wide members: response-header getters and fields,
//! and `ClientBuilder`'s setters for header defaults and API keys.

use apigen_ir::{Api, ParameterLocation};

use super::reserved;
use super::scope::Scope;
use crate::naming;
use crate::operations::{response_headers, security, SchemeKind};

/// API-wide names of the client and server crates.
#[derive(Debug)]
pub struct HeaderAndSetterNames {
    /// Getters of the client's `ResponseHeaders`, one per `response_headers(api)`.
    pub header_getters: Vec<String>,
    /// Fields of the server's `ResponseHeaders`, one per `response_headers(api)`.
    pub header_fields: Vec<String>,
    /// (header name, setter) for every optional header parameter, once per name.
    pub header_defaults: Vec<(String, String)>,
    /// (key name, setter) for every API key the operations use, once per name.
    pub api_key_setters: Vec<(String, String)>,
}

impl HeaderAndSetterNames {
    /// Assigns the names for `api`.
    pub fn new(api: &Api) -> Self {
        let headers = response_headers(api);
        let mut getters = Scope::with_reserved(reserved::HEADER_GETTERS);
        let mut fields = Scope::default();
        let mut setters = Scope::with_reserved(reserved::BUILDER_METHODS);
        let mut header_defaults: Vec<(String, String)> = Vec::new();
        for op in api.operations() {
            for p in &op.parameters {
                if p.location != ParameterLocation::Header
                    || p.required
                    || lookup(&header_defaults, &p.name).is_some()
                {
                    continue;
                }
                header_defaults.push((p.name.clone(), setters.snake(&p.name)));
            }
        }
        let mut keys: Vec<String> = Vec::new();
        for op in api.operations() {
            for s in security(api, op).iter().flatten() {
                if let SchemeKind::ApiKey { name, .. } = s {
                    if !keys.iter().any(|k| k.eq_ignore_ascii_case(name)) {
                        keys.push(name.clone());
                    }
                }
            }
        }
        // One key: the builder's own `api_key` sets it; several: one setter each.
        let single = keys.len() == 1;
        let api_key_setters = keys
            .into_iter()
            .map(|key| {
                let setter = if single {
                    "api_key".to_string()
                } else {
                    setters.claim(format!("api_key_{}", naming::snake(&key)), "_")
                };
                (key, setter)
            })
            .collect();
        HeaderAndSetterNames {
            header_getters: headers
                .iter()
                .map(|h| {
                    // A getter takes `&self`: `new`, `into_…` and `from_…` would break the
                    // naming convention (clippy `wrong_self_convention`): `header_…` instead.
                    let name = naming::snake(&h.name);
                    if name == "new" || name.starts_with("into_") || name.starts_with("from_") {
                        getters.claim(format!("header_{name}"), "_")
                    } else {
                        getters.claim(name, "_")
                    }
                })
                .collect(),
            header_fields: headers.iter().map(|h| fields.snake(&h.name)).collect(),
            header_defaults,
            api_key_setters,
        }
    }
}

/// The name paired with `key` (compared case-insensitively, as header names are).
pub fn lookup<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.as_str())
}
