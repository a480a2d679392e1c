//! One error for both faces of an API: a gRPC status code, Cloudforet's error code and a
//! message; answered as a gRPC status or as Cloudforet's REST error body.

use http::StatusCode;
use tonic::{Code, Status};

/// An API error as Cloudforet reports it: on gRPC, the status `code` with the message
/// `"{error_code}: {message}"`; on REST, the HTTP status [`http_status`] maps the code to and
/// the body `{"detail": {"code": error_code, "message": message}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// The gRPC status code.
    pub code: Code,
    /// Cloudforet's error code (`ERROR_AUTHENTICATE_FAILURE`).
    pub error_code: String,
    /// What went wrong, for people.
    pub message: String,
}

impl Fault {
    /// A fault with a code, an error code and a message.
    pub fn new(code: Code, error_code: impl Into<String>, message: impl Into<String>) -> Self {
        Fault {
            code,
            error_code: error_code.into(),
            message: message.into(),
        }
    }

    /// Reads a status answered by a Cloudforet server: `"ERROR_X: message"` splits into the
    /// error code and the message; any other message keeps the name of the gRPC code.
    pub fn from_status(status: &Status) -> Self {
        let text = status.message();
        match text.split_once(": ") {
            Some((code, message))
                if code.starts_with("ERROR_")
                    && code.chars().all(|c| c.is_ascii_uppercase() || c == '_') =>
            {
                Fault::new(status.code(), code, message)
            }
            _ => Fault::new(
                status.code(),
                format!("ERROR_{:?}", status.code()).to_uppercase(),
                text,
            ),
        }
    }

    /// The HTTP status of the REST answer.
    pub fn http_status(&self) -> StatusCode {
        http_status(self.code)
    }

    /// The REST body: `{"detail": {"code": …, "message": …}}`.
    pub fn rest_body(&self) -> serde_json::Value {
        serde_json::json!({"detail": {"code": self.error_code, "message": self.message}})
    }
}

impl From<Fault> for Status {
    fn from(fault: Fault) -> Self {
        Status::new(
            fault.code,
            format!("{}: {}", fault.error_code, fault.message),
        )
    }
}

/// The HTTP status Cloudforet's REST face answers for a gRPC code (INVALID_ARGUMENT 400,
/// UNAUTHENTICATED 401, PERMISSION_DENIED 403, NOT_FOUND 404, ALREADY_EXISTS and ABORTED 409,
/// UNIMPLEMENTED 501, UNAVAILABLE 503, DEADLINE_EXCEEDED 504, others 500).
pub fn http_status(code: Code) -> StatusCode {
    match code {
        Code::Ok => StatusCode::OK,
        Code::InvalidArgument | Code::OutOfRange | Code::FailedPrecondition => {
            StatusCode::BAD_REQUEST
        }
        Code::Unauthenticated => StatusCode::UNAUTHORIZED,
        Code::PermissionDenied => StatusCode::FORBIDDEN,
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::AlreadyExists | Code::Aborted => StatusCode::CONFLICT,
        Code::ResourceExhausted => StatusCode::TOO_MANY_REQUESTS,
        Code::Unimplemented => StatusCode::NOT_IMPLEMENTED,
        Code::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Code::DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_reads_back_from_its_status_and_maps_to_rest() {
        let fault = Fault::new(
            Code::Unauthenticated,
            "ERROR_AUTHENTICATE_FAILURE",
            "wrong password",
        );
        let status = Status::from(fault.clone());
        assert_eq!(
            status.message(),
            "ERROR_AUTHENTICATE_FAILURE: wrong password"
        );
        assert_eq!(Fault::from_status(&status), fault);
        assert_eq!(fault.http_status(), StatusCode::UNAUTHORIZED);
        assert_eq!(
            fault.rest_body(),
            serde_json::json!({"detail": {"code": "ERROR_AUTHENTICATE_FAILURE", "message": "wrong password"}})
        );
        let plain = Fault::from_status(&Status::not_found("no such user"));
        assert_eq!(plain.error_code, "ERROR_NOTFOUND");
        assert_eq!(plain.http_status(), StatusCode::NOT_FOUND);
        assert_eq!(http_status(Code::Aborted), StatusCode::CONFLICT);
        assert_eq!(
            http_status(Code::DataLoss),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
