//! Configuration from the environment: `ClientBuilder::env` / `env_with` and
//! `Client::from_env`, generated when the API is configured with an environment prefix.
//! The variable names are the prefix and a fixed suffix per setting (`<PREFIX>_API_URL`,
//! `_TOKEN`, `_USERNAME`, `_PASSWORD`, `_API_KEY`); only those the API's security schemes
//! use are read. The reading itself is `apigen_runtime::client::ClientConfig::env_with`.

use proc_macro2::TokenStream;
use quote::quote;

use super::builder::{default_base_url, scheme_kinds};
use super::Plan;
use crate::docs::text_attrs;

/// One variable: its name, what it sets (for docs) and which `EnvVars` field it fills.
struct Var {
    name: String,
    sets: &'static str,
    field: Field,
}

enum Field {
    ApiUrl,
    Token,
    Username,
    Password,
    ApiKey(String),
}

fn vars(plan: &Plan<'_>) -> Vec<Var> {
    let Some(prefix) = &plan.opts.env_prefix else {
        return Vec::new();
    };
    let var = |suffix: &str, sets, field| Var {
        name: format!("{prefix}_{suffix}"),
        sets,
        field,
    };
    let (basic, bearer, keys) = scheme_kinds(plan);
    let mut out = vec![var("API_URL", "the base URL (`base_url`)", Field::ApiUrl)];
    if bearer {
        out.push(var("TOKEN", "a bearer token (`bearer_auth`)", Field::Token));
    }
    if basic {
        out.push(var(
            "USERNAME",
            "the user name of Basic credentials (`basic_auth`; with the password)",
            Field::Username,
        ));
        out.push(var(
            "PASSWORD",
            "the password of Basic credentials",
            Field::Password,
        ));
    }
    if let [key] = keys.as_slice() {
        out.push(var(
            "API_KEY",
            "the API key (`api_key`)",
            Field::ApiKey(key.clone()),
        ));
    }
    out
}

/// The variables and what each sets, for the README.
pub fn variables(plan: &Plan<'_>) -> Vec<(String, &'static str)> {
    vars(plan).into_iter().map(|v| (v.name, v.sets)).collect()
}

/// Lines of the crate docs on the environment (none without a prefix).
pub fn crate_doc_lines(plan: &Plan<'_>) -> Vec<String> {
    let vars = vars(plan);
    if vars.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        String::new(),
        "# Configuration from the environment".into(),
        String::new(),
        "[`ClientBuilder::env`] (and `Client::from_env`, when the spec names a server) reads:".into(),
        String::new(),
    ];
    for v in &vars {
        lines.push(format!("- `{}`: {}", v.name, v.sets));
    }
    lines.push(String::new());
    lines.push("Unset or empty variables change nothing. When a token and Basic credentials are both configured, operations that accept a token are sent with the token.".into());
    lines
}

/// `env` / `env_with` on the builder and `from_env` on the client (nothing without a prefix).
pub fn items(plan: &Plan<'_>) -> TokenStream {
    let vars = vars(plan);
    if vars.is_empty() {
        return TokenStream::new();
    }
    let find = |pick: fn(&Field) -> bool| vars.iter().find(|v| pick(&v.field));
    let name_of = |pick: fn(&Field) -> bool| match find(pick) {
        Some(v) => {
            let name = &v.name;
            quote!(::std::option::Option::Some(#name))
        }
        None => quote!(::std::option::Option::None),
    };
    let api_url = name_of(|f| matches!(f, Field::ApiUrl));
    let token = name_of(|f| matches!(f, Field::Token));
    let username = name_of(|f| matches!(f, Field::Username));
    let password = name_of(|f| matches!(f, Field::Password));
    let api_key = match find(|f| matches!(f, Field::ApiKey(_))) {
        Some(Var {
            name,
            field: Field::ApiKey(key),
            ..
        }) => quote!(::std::option::Option::Some((#name, #key))),
        _ => quote!(::std::option::Option::None),
    };
    let list: Vec<String> = vars.iter().map(|v| format!("`{}`", v.name)).collect();
    let env_doc = text_attrs(&format!(
        "Reads settings from the environment: {}. Unset or empty variables change nothing; Basic credentials need both user name and password. Settings made later on the builder win.",
        list.join(", ")
    ));
    let from_env = default_base_url(plan).map(|_| {
        quote! {
            impl Client {
                /// A client configured from the environment (see [`ClientBuilder::env`]).
                ///
                /// # Errors
                /// As [`ClientBuilder::build`], for instance when the base URL variable is not
                /// an http(s) URL.
                pub fn from_env() -> ::std::result::Result<Client, ::apigen_runtime::client::BuildError> {
                    Self::builder().env().build()
                }
            }
        }
    });
    quote! {
        impl ClientBuilder {
            #env_doc
            pub fn env(self) -> Self {
                self.env_with(|name| ::std::env::var(name).ok())
            }

            /// [`ClientBuilder::env`] with the variables looked up by `lookup` instead of in
            /// the process environment.
            pub fn env_with(mut self, lookup: impl Fn(&str) -> ::std::option::Option<::std::string::String>) -> Self {
                const VARS: ::apigen_runtime::client::EnvVars = ::apigen_runtime::client::EnvVars {
                    api_url: #api_url,
                    token: #token,
                    username: #username,
                    password: #password,
                    api_key: #api_key,
                };
                self.config = self.config.env_with(&VARS, lookup);
                self
            }
        }

        #from_env
    }
}
