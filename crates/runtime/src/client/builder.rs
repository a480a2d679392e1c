//! The methods every generated `ClientBuilder` has, written once.

/// Expands, inside a generated `impl ClientBuilder { … }` whose struct has a field
/// `config: ClientConfig` (and, when named, a field of client-wide header defaults), the
/// methods every generated client builder has: a private `new(base_url)` sending
/// `user_agent`, `base_url`, `timeout`, `no_timeout`, `retry`, `no_retry`, `credentials`,
/// `user_agent`, `http_client` and `build` (into `client`, whose fields are `core` and the
/// defaults). The generated crate adds the spec's own: credential setters and header defaults.
///
/// `client_builder_methods!(Client, "acme-client/1.0.0")` or
/// `client_builder_methods!(Client, "acme-client/1.0.0", defaults)`.
#[macro_export]
macro_rules! client_builder_methods {
    ($client:ident, $user_agent:expr $(, $defaults:ident)?) => {
        #[inline]
        fn new(base_url: impl ::std::convert::Into<::std::string::String>) -> Self {
            Self {
                config: $crate::client::ClientConfig::new(base_url, $user_agent),
                $($defaults: ::std::default::Default::default(),)?
            }
        }

        /// Sends requests to `url` instead (a trailing `/` is ignored).
        #[inline]
        pub fn base_url(mut self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
            self.config = self.config.base_url(url);
            self
        }

        /// Limits how long each attempt of a request may take (30 s unless set).
        #[inline]
        pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.config = self.config.timeout(::std::option::Option::Some(timeout));
            self
        }

        /// Lets requests take as long as they take.
        #[inline]
        pub fn no_timeout(mut self) -> Self {
            self.config = self.config.timeout(::std::option::Option::None);
            self
        }

        /// Retries throttled (429) and unavailable (503) responses, gateway errors (502,
        /// 504) of idempotent requests and failed connections per `policy`, honouring
        /// `Retry-After`. Without this, [`RetryPolicy::default`]($crate::client::RetryPolicy::default) applies.
        #[inline]
        pub fn retry(mut self, policy: $crate::client::RetryPolicy) -> Self {
            self.config = self.config.retry(::std::option::Option::Some(policy));
            self
        }

        /// Sends every request once: an answer is returned as it comes.
        #[inline]
        pub fn no_retry(mut self) -> Self {
            self.config = self.config.retry(::std::option::Option::None);
            self
        }

        /// Adds a credential (replacing one of the same kind).
        #[inline]
        pub fn credentials(mut self, credentials: $crate::client::Credentials) -> Self {
            self.config = self.config.credentials(credentials);
            self
        }

        /// Sets the `User-Agent` header.
        #[inline]
        pub fn user_agent(
            mut self,
            user_agent: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.config = self.config.user_agent(user_agent);
            self
        }

        /// Sends requests with this `reqwest::Client` (its pool, proxy and TLS settings).
        #[inline]
        pub fn http_client(mut self, client: $crate::client::reqwest::Client) -> Self {
            self.config = self.config.http_client(client);
            self
        }

        /// Builds the client.
        ///
        /// # Errors
        /// When the base URL is not an absolute http(s) URL, the user agent cannot be sent,
        /// or the HTTP client cannot be built.
        #[inline]
        pub fn build(self) -> ::std::result::Result<$client, $crate::client::BuildError> {
            ::std::result::Result::Ok($client {
                core: self.config.build()?,
                $($defaults: self.$defaults,)?
            })
        }
    };
}

/// Expands the `impl` of a generated `Client` (a struct with a field `core: ClientCore`):
/// with the spec's default base URL, `DEFAULT_BASE_URL`, `new`, `builder()`, `base_url` and
/// `Default`; without one, `builder(base_url)` and `base_url`.
///
/// `client_impl!(Client, ClientBuilder, "https://api.example.com")` or
/// `client_impl!(Client, ClientBuilder)`.
#[macro_export]
macro_rules! client_impl {
    ($client:ident, $builder:ident, $url:literal) => {
        impl $client {
            /// The base URL the spec names first.
            pub const DEFAULT_BASE_URL: &'static str = $url;

            /// A client of the default base URL with default settings and no credentials.
            ///
            /// # Panics
            /// When the TLS backend cannot be initialised, as `reqwest::Client::new` does.
            /// Use [`Client::builder`](Self::builder) to handle that as an error.
            #[inline]
            pub fn new() -> Self {
                match Self::builder().build() {
                    ::std::result::Result::Ok(client) => client,
                    ::std::result::Result::Err(e) => panic!("cannot build the client: {e}"),
                }
            }

            #[doc = concat!(" A builder for a client of `", $url, "` (the spec's first server).")]
            #[inline]
            pub fn builder() -> $builder {
                $builder::new(Self::DEFAULT_BASE_URL)
            }

            /// The base URL requests go to (without a trailing `/`).
            #[inline]
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }
        }

        impl ::std::default::Default for $client {
            #[inline]
            fn default() -> Self {
                Self::new()
            }
        }
    };
    ($client:ident, $builder:ident) => {
        impl $client {
            /// A builder for a client of `base_url` (the spec names no usable server).
            #[inline]
            pub fn builder(base_url: impl ::std::convert::Into<::std::string::String>) -> $builder {
                $builder::new(base_url)
            }

            /// The base URL requests go to (without a trailing `/`).
            #[inline]
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }
        }
    };
}

/// Expands one credential setter inside a generated `impl ClientBuilder` (after
/// [`client_builder_methods!`], which provides `credentials`): `basic` (`basic_auth`),
/// `bearer` (`bearer_auth`) or `setter = "Key-Name"` for an API key.
#[macro_export]
macro_rules! credential_setter {
    (basic) => {
        /// Authenticates with HTTP Basic credentials, for operations that accept them.
        #[inline]
        pub fn basic_auth(
            self,
            username: impl ::std::convert::Into<::std::string::String>,
            password: impl ::std::convert::Into<$crate::Secret>,
        ) -> Self {
            self.credentials($crate::client::Credentials::basic(username, password))
        }
    };
    (bearer) => {
        /// Authenticates with a bearer token, for operations that accept one.
        #[inline]
        pub fn bearer_auth(self, token: impl ::std::convert::Into<$crate::Secret>) -> Self {
            self.credentials($crate::client::Credentials::bearer(token))
        }
    };
    ($setter:ident = $key:literal) => {
        #[doc = concat!(" Authenticates with the API key sent as `", $key, "`.")]
        #[inline]
        pub fn $setter(self, key: impl ::std::convert::Into<$crate::Secret>) -> Self {
            self.credentials($crate::client::Credentials::api_key($key, key))
        }
    };
}
