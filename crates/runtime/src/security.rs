//! How an operation expects to be authenticated, as generated code declares it.

/// One security scheme of an API, as far as the wire is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// `Authorization: Basic base64(user:password)`.
    Basic,
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// A key sent as is in a header, query parameter or cookie.
    ApiKey {
        /// Name of the header, query parameter or cookie.
        name: &'static str,
        /// Where the key is sent.
        location: KeyLocation,
    },
}

impl Scheme {
    /// A key named `name` sent in `location` (the short form generated tables use).
    pub const fn api_key(name: &'static str, location: KeyLocation) -> Self {
        Scheme::ApiKey { name, location }
    }
}

/// Where an API key is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// The security alternatives of an operation: any one alternative suffices, and all schemes of
/// an alternative are needed together. An empty list means no authentication; an empty
/// alternative means anonymous access is allowed.
pub type Alternatives = &'static [&'static [Scheme]];
