//! The macro that gives a generated `<Op>Response` enum its `status()` and `IntoResponse`.

/// `status()` and axum's `IntoResponse` for a generated response enum, from one pair of arms
/// per variant: the variant's status, and its response built from that status (bound to the
/// name given before the braces).
///
/// ```ignore
/// ::apigen_runtime::response_impls!(GetPetResponse, status {
///     Self::Ok(..) => rt::StatusCode::OK, Self::Ok(body) => rt::json_response(status, body);
///     Self::NotFound => rt::StatusCode::NOT_FOUND, Self::NotFound => rt::empty_response(status);
/// });
/// ```
#[macro_export]
macro_rules! response_impls {
    ($name:ident, $status:ident {}) => {
        impl $name {
            /// The status of this answer.
            pub fn status(&self) -> $crate::server::StatusCode {
                match *self {}
            }
        }

        impl $crate::server::axum::response::IntoResponse for $name {
            fn into_response(self) -> $crate::server::axum::response::Response {
                match self {}
            }
        }
    };
    ($name:ident, $status:ident { $($sp:pat => $s:expr, $rp:pat => $r:expr;)+ }) => {
        impl $name {
            /// The status of this answer.
            pub fn status(&self) -> $crate::server::StatusCode {
                match self {
                    $($sp => $s,)+
                }
            }
        }

        impl $crate::server::axum::response::IntoResponse for $name {
            fn into_response(self) -> $crate::server::axum::response::Response {
                let $status = self.status();
                match self {
                    $($rp => $r,)+
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::server::{self as rt, StatusCode};
    use axum::response::IntoResponse;

    #[derive(Debug)]
    enum Answer {
        Ok(Vec<u8>),
        Gone,
        Default(StatusCode, String),
    }

    crate::response_impls!(Answer, status {
        Self::Ok(..) => rt::StatusCode::OK, Self::Ok(body) => rt::json_response(status, body);
        Self::Gone => rt::StatusCode::GONE, Self::Gone => rt::empty_response(status);
        Self::Default(status, ..) => *status,
            Self::Default(_, text) => rt::text_response(status, "text/plain", text);
    });

    enum Never {}

    crate::response_impls!(Never, status {});

    #[test]
    fn each_variant_answers_with_its_status_and_body() {
        let ok = Answer::Ok(vec![1, 2]);
        assert_eq!(ok.status(), StatusCode::OK);
        let response = ok.into_response();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-type"], "application/json");
        assert_eq!(Answer::Gone.into_response().status(), StatusCode::GONE);
        let teapot = Answer::Default(StatusCode::IM_A_TEAPOT, "short and stout".into());
        assert_eq!(teapot.status(), StatusCode::IM_A_TEAPOT);
        assert_eq!(teapot.into_response().status(), StatusCode::IM_A_TEAPOT);
        let _ = |never: Never| (never.status(), never.into_response());
    }
}
