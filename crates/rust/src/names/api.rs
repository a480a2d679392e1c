//! API-wide names: the server trait, and the proto services (their gRPC clients, traits and
//! servers are named after them).

use std::collections::BTreeMap;

use apigen_ir::Api;

use crate::naming;

/// The server trait and the services of one API.
#[derive(Debug)]
pub struct ApiNames {
    /// The server crate's trait.
    pub server_trait: String,
    /// The names of each service, by its spec name.
    pub services: BTreeMap<String, ServiceNames>,
}

/// What a proto service's gRPC items are called.
#[derive(Debug, Clone)]
pub struct ServiceNames {
    /// The server trait (`Token`): the service's name in UpperCamelCase.
    pub service: String,
    /// The client (`TokenClient`).
    pub client: String,
    /// The tower service serving the trait (`TokenServer`).
    pub server: String,
}

impl ServiceNames {
    fn new(spec_name: &str) -> Self {
        let service = naming::pascal(spec_name);
        ServiceNames {
            client: naming::suffixed(&service, "Client"),
            server: naming::suffixed(&service, "Server"),
            service,
        }
    }
}

impl ApiNames {
    /// Assigns the names for `api`.
    pub fn new(api: &Api) -> Self {
        ApiNames {
            server_trait: server_trait(api),
            services: api
                .services
                .iter()
                .map(|s| (s.name.clone(), ServiceNames::new(&s.name)))
                .collect(),
        }
    }
}

/// The trait's name: the API title in UpperCamelCase, with `Api` appended unless it ends so.
/// A dotted title (a proto package or service, `spaceone.api.identity.v2.Token`) contributes
/// its last segment that is not a version (`Token`).
fn server_trait(api: &Api) -> String {
    let title = if api.title.contains('.') && !api.title.contains(' ') {
        api.title
            .rsplit('.')
            .find(|seg| !is_version(seg))
            .unwrap_or(&api.title)
    } else {
        &api.title
    };
    let base = naming::pascal(title);
    if base.ends_with("Api") {
        base
    } else {
        format!("{base}Api")
    }
}

/// `v2`, `v1beta1`: a version segment of a package name.
fn is_version(seg: &str) -> bool {
    seg.strip_prefix('v')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn trait_names() {
        let mut api = crate::operations::fixture::tokens_api();
        assert_eq!(super::server_trait(&api), "AuthApi");
        api.title = "spaceone.api.identity.v2".into();
        assert_eq!(super::server_trait(&api), "IdentityApi");
        api.title = "spaceone.api.identity.v2.Token".into();
        assert_eq!(super::server_trait(&api), "TokenApi");
    }
}
