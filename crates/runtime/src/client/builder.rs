//! The setters every generated `ClientBuilder` has, written once.

/// Expands, inside a generated `impl ClientBuilder { … }` whose struct has a field
/// `config: ClientConfig`, the setters every generated client builder has: `base_url`,
/// `timeout`, `no_timeout`, `retry`, `no_retry`, `credentials`, `user_agent` and
/// `http_client`. The generated crate adds the spec's own: credential setters, header defaults
/// and `build`.
#[macro_export]
macro_rules! client_builder_setters {
    () => {
        /// Sends requests to `url` instead (a trailing `/` is ignored).
        pub fn base_url(mut self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
            self.config = self.config.base_url(url);
            self
        }

        /// Limits how long each attempt of a request may take (30 s unless set).
        pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.config = self.config.timeout(::std::option::Option::Some(timeout));
            self
        }

        /// Lets requests take as long as they take.
        pub fn no_timeout(mut self) -> Self {
            self.config = self.config.timeout(::std::option::Option::None);
            self
        }

        /// Retries throttled (429) and unavailable (503) responses, gateway errors (502,
        /// 504) of idempotent requests and failed connections per `policy`, honouring
        /// `Retry-After`. Without this, [`RetryPolicy::default`]($crate::client::RetryPolicy::default) applies.
        pub fn retry(mut self, policy: $crate::client::RetryPolicy) -> Self {
            self.config = self.config.retry(::std::option::Option::Some(policy));
            self
        }

        /// Sends every request once: an answer is returned as it comes.
        pub fn no_retry(mut self) -> Self {
            self.config = self.config.retry(::std::option::Option::None);
            self
        }

        /// Adds a credential (replacing one of the same kind).
        pub fn credentials(mut self, credentials: $crate::client::Credentials) -> Self {
            self.config = self.config.credentials(credentials);
            self
        }

        /// Sets the `User-Agent` header.
        pub fn user_agent(
            mut self,
            user_agent: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.config = self.config.user_agent(user_agent);
            self
        }

        /// Sends requests with this `reqwest::Client` (its pool, proxy and TLS settings).
        pub fn http_client(mut self, client: $crate::client::reqwest::Client) -> Self {
            self.config = self.config.http_client(client);
            self
        }
    };
}
