//! The macros generated gRPC crates invoke: a client's connection methods and a service's
//! tonic server, the same for every service.

/// The methods every generated gRPC client has (inside its `impl`): `connect`, `new`,
/// `with_token`, `set_token` and `clear_token`, on a field `inner` holding the runtime's
/// [`Client`](crate::grpc::Client).
#[macro_export]
macro_rules! grpc_client_methods {
    () => {
        /// Connects to a server (`http://127.0.0.1:50051`).
        pub async fn connect(
            endpoint: impl ::std::convert::Into<::std::string::String>,
        ) -> ::std::result::Result<Self, $crate::grpc::Error> {
            ::std::result::Result::Ok(Self {
                inner: $crate::grpc::Client::connect(endpoint).await?,
            })
        }

        /// A client on an existing channel.
        pub fn new(channel: $crate::grpc::tonic::transport::Channel) -> Self {
            Self {
                inner: $crate::grpc::Client::new(channel),
            }
        }

        /// Sends `token` with every rpc that needs authentication.
        pub fn with_token(mut self, token: &str) -> ::std::result::Result<Self, $crate::grpc::Error> {
            self.inner.set_token(token)?;
            ::std::result::Result::Ok(self)
        }

        /// Sets the access token sent from now on.
        pub fn set_token(&mut self, token: &str) -> ::std::result::Result<(), $crate::grpc::Error> {
            self.inner.set_token(token)
        }

        /// Sends no access token from now on.
        pub fn clear_token(&mut self) {
            self.inner.clear_token();
        }
    };
}

/// The tonic server of a generated service trait: `grpc_server!(#[doc = "…"] AgentServer:
/// Agent = "pkg.Agent" { "/pkg.Agent/create" => unary(true, create), … })` declares
/// `AgentServer<T>` (`new`, `from_arc`, `Clone`, `NamedService`) and its `Service`, which
/// routes each path to the trait's method through [`unary`](crate::grpc::unary) or
/// [`server_streaming`](crate::grpc::server_streaming) (the flag: whether the rpc needs the
/// access token) and answers other paths UNIMPLEMENTED.
#[macro_export]
macro_rules! grpc_server {
    (
        $(#[$doc:meta])*
        $server:ident: $service:ident = $name:literal {
            $($path:literal => $serve:ident($auth:literal, $method:ident)),* $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $server<T> {
            inner: ::std::sync::Arc<T>,
        }

        impl<T: $service> $server<T> {
            /// Serves `inner`.
            pub fn new(inner: T) -> Self {
                Self::from_arc(::std::sync::Arc::new(inner))
            }

            /// Serves a shared implementation.
            pub fn from_arc(inner: ::std::sync::Arc<T>) -> Self {
                Self { inner }
            }
        }

        impl<T> ::std::clone::Clone for $server<T> {
            fn clone(&self) -> Self {
                Self { inner: self.inner.clone() }
            }
        }

        impl<T> $crate::grpc::tonic::server::NamedService for $server<T> {
            const NAME: &'static str = $name;
        }

        impl<T: $service>
            $crate::grpc::tonic::codegen::Service<
                $crate::grpc::tonic::codegen::http::Request<$crate::grpc::tonic::body::Body>,
            > for $server<T>
        {
            type Response =
                $crate::grpc::tonic::codegen::http::Response<$crate::grpc::tonic::body::Body>;
            type Error = ::std::convert::Infallible;
            type Future = $crate::grpc::tonic::codegen::BoxFuture<Self::Response, Self::Error>;

            fn poll_ready(
                &mut self,
                _cx: &mut ::std::task::Context<'_>,
            ) -> ::std::task::Poll<::std::result::Result<(), Self::Error>> {
                ::std::task::Poll::Ready(::std::result::Result::Ok(()))
            }

            fn call(
                &mut self,
                request: $crate::grpc::tonic::codegen::http::Request<
                    $crate::grpc::tonic::body::Body,
                >,
            ) -> Self::Future {
                match request.uri().path() {
                    $(
                        $path => $crate::grpc::$serve(
                            request,
                            $auth,
                            &self.inner,
                            |s, r| async move { s.$method(r).await },
                        ),
                    )*
                    path => {
                        let answer = $crate::grpc::unimplemented(path);
                        ::std::boxed::Box::pin(async move { ::std::result::Result::Ok(answer) })
                    }
                }
            }
        }
    };
}
