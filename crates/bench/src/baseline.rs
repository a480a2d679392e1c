//! The hand-written baseline: what one would write for the IONOS Auth API without a
//! generator, with reqwest and axum directly.
//!
//! The server's handlers parse the request by hand (axum extractors, `Authorization` decoded
//! here) and then call the reference implementation's `AuthApi` methods, so the handler logic
//! (authentication, token store, JWT signing) is the same code the generated router calls.
//! Its request and response types are the generated server's, because that is the signature
//! of the logic; everything around them is hand-written.

use std::time::Duration;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header::AUTHORIZATION, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine as _;
use ionos_auth_mock::AuthMock;
use ionos_auth_server::{
    AuthApi, CreateTokenRequest, CreateTokenResponse, Credentials, DeleteTokenByCriteriaRequest,
    DeleteTokenByCriteriaResponse, DeleteTokenByIdRequest, DeleteTokenByIdResponse,
    GetAllTokensRequest, GetAllTokensResponse, GetTokenByIdRequest, GetTokenByIdResponse, Secret,
};
use serde::{Deserialize, Serialize};

/// Plain hand-written model structs with the wire format of the spec's schemas.
pub mod models {
    use serde::{Deserialize, Serialize};

    /// A newly generated token.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Jwt {
        /// The JWT.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub token: Option<String>,
    }

    /// A token's details.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Token {
        /// Key ID.
        pub id: String,
        /// Its URL.
        pub href: String,
        /// Created at.
        pub created_date: String,
        /// Expires at.
        pub expiration_date: String,
    }

    /// A list of tokens.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Tokens {
        /// The tokens.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub tokens: Option<Vec<Token>>,
    }

    /// The outcome of a delete.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct DeleteResponse {
        /// Whether it worked.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub success: Option<bool>,
    }
}

// ---------------------------------------------------------------------------------------------
// Client

/// Why a baseline call failed.
#[derive(Debug)]
pub enum ClientError {
    /// Transport or decoding failure.
    Http(reqwest::Error),
    /// A status other than 200.
    Status(StatusCode, String),
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::Http(e) => write!(f, "{e}"),
            ClientError::Status(s, body) => write!(f, "{s}: {body}"),
        }
    }
}

impl std::error::Error for ClientError {}

impl From<reqwest::Error> for ClientError {
    fn from(e: reqwest::Error) -> Self {
        ClientError::Http(e)
    }
}

/// A hand-written reqwest client of the four operations the benchmark uses.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    user: String,
    password: String,
}

impl Client {
    /// A client of `base` with Basic credentials, with the generated client's default
    /// timeout (30 s) so that both do the same work per request.
    pub fn new(base: &str, user: &str, password: &str) -> Self {
        Client {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap_or_default(),
            base: base.trim_end_matches('/').to_string(),
            user: user.to_string(),
            password: password.to_string(),
        }
    }

    async fn send<T: serde::de::DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, ClientError> {
        let response = request
            .basic_auth(&self.user, Some(&self.password))
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await?;
        let status = response.status();
        if status != StatusCode::OK {
            return Err(ClientError::Status(status, response.text().await?));
        }
        Ok(response.json().await?)
    }

    /// `GET /tokens/generate?ttl=…`.
    pub async fn create_token(&self, ttl: i32) -> Result<models::Jwt, ClientError> {
        let url = format!("{}/tokens/generate", self.base);
        self.send(self.http.get(url).query(&[("ttl", ttl)])).await
    }

    /// `GET /tokens`.
    pub async fn get_all_tokens(&self) -> Result<models::Tokens, ClientError> {
        self.send(self.http.get(format!("{}/tokens", self.base)))
            .await
    }

    /// `GET /tokens/{id}` (the id is a UUID: nothing to escape).
    pub async fn get_token_by_id(&self, id: &str) -> Result<models::Token, ClientError> {
        self.send(self.http.get(format!("{}/tokens/{id}", self.base)))
            .await
    }

    /// `DELETE /tokens/{id}`.
    pub async fn delete_token_by_id(
        &self,
        id: &str,
    ) -> Result<models::DeleteResponse, ClientError> {
        self.send(self.http.delete(format!("{}/tokens/{id}", self.base)))
            .await
    }
}

// ---------------------------------------------------------------------------------------------
// Server

/// The hand-written axum router serving `mock`'s handler logic (no rate limiter, like the
/// generated router the benchmark compares it with).
pub fn router(mock: AuthMock) -> Router {
    Router::new()
        .route("/tokens/generate", get(create_token))
        .route("/tokens", get(get_all_tokens).delete(delete_by_criteria))
        .route(
            "/tokens/{id}",
            get(get_token_by_id).delete(delete_token_by_id),
        )
        .with_state(mock)
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    #[serde(rename = "httpStatus")]
    http_status: u16,
    messages: [ErrorMessage<'a>; 1],
}

#[derive(Serialize)]
struct ErrorMessage<'a> {
    #[serde(rename = "errorCode")]
    error_code: &'a str,
    message: &'a str,
}

/// Why a request is refused before the handler logic runs.
struct Refusal {
    status: StatusCode,
    code: &'static str,
    message: &'static str,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            http_status: self.status.as_u16(),
            messages: [ErrorMessage {
                error_code: self.code,
                message: self.message,
            }],
        };
        (self.status, Json(body)).into_response()
    }
}

fn bad_request(message: &'static str) -> Refusal {
    Refusal {
        status: StatusCode::BAD_REQUEST,
        code: "INVALID_PARAMETER",
        message,
    }
}

/// Basic or Bearer credentials from `Authorization`.
fn credentials(headers: &HeaderMap) -> Result<Credentials, Refusal> {
    let unauthorized = || Refusal {
        status: StatusCode::UNAUTHORIZED,
        code: "MISSING_CREDENTIALS",
        message: "send Basic or Bearer credentials",
    };
    let value = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(unauthorized)?;
    if let Some(encoded) = value.strip_prefix("Basic ") {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or_else(unauthorized)?;
        let (user, password) = decoded.split_once(':').ok_or_else(unauthorized)?;
        Ok(Credentials::Basic {
            username: user.to_string(),
            password: Secret::new(password),
        })
    } else if let Some(token) = value.strip_prefix("Bearer ") {
        Ok(Credentials::Bearer(Secret::new(token.trim())))
    } else {
        Err(unauthorized())
    }
}

/// The credentials and the optional `X-Contract-Number` header.
fn inputs(headers: &HeaderMap) -> Result<(Credentials, Option<i32>), Refusal> {
    let credentials = credentials(headers)?;
    let contract = match headers.get("x-contract-number") {
        None => None,
        Some(v) => Some(
            v.to_str()
                .ok()
                .and_then(|s| s.trim().parse().ok())
                .ok_or_else(|| bad_request("X-Contract-Number must be an integer"))?,
        ),
    };
    Ok((credentials, contract))
}

/// The JSON answer of a trait method: the success body with 200, or the error's status and
/// body.
fn respond<T: Serialize>(result: Result<T, ionos_auth_server::Error>) -> Response {
    match result {
        Ok(body) => (StatusCode::OK, Json(body)).into_response(),
        Err(e) => (e.status, Json(e.body)).into_response(),
    }
}

#[derive(Deserialize)]
struct CreateQuery {
    ttl: Option<i32>,
}

async fn create_token(
    State(mock): State<AuthMock>,
    headers: HeaderMap,
    query: Result<Query<CreateQuery>, QueryRejection>,
) -> Response {
    let (credentials, x_contract_number) = match inputs(&headers) {
        Ok(v) => v,
        Err(r) => return r.into_response(),
    };
    let Ok(Query(query)) = query else {
        return bad_request("the query string is not valid").into_response();
    };
    let ttl = query.ttl.unwrap_or(31_536_000);
    if !(60..=31_536_000).contains(&ttl) {
        return bad_request("ttl must be within 60 .. 31536000").into_response();
    }
    let request = CreateTokenRequest {
        ttl,
        x_contract_number,
    };
    respond(
        mock.create_token(credentials, request)
            .await
            .map(|CreateTokenResponse::Ok(body, _)| body),
    )
}

async fn get_all_tokens(State(mock): State<AuthMock>, headers: HeaderMap) -> Response {
    let (credentials, x_contract_number) = match inputs(&headers) {
        Ok(v) => v,
        Err(r) => return r.into_response(),
    };
    let request = GetAllTokensRequest { x_contract_number };
    respond(
        mock.get_all_tokens(credentials, request)
            .await
            .map(|GetAllTokensResponse::Ok(body, _)| body),
    )
}

#[derive(Deserialize)]
struct CriteriaQuery {
    criteria: ionos_auth_models::DeleteCriteria,
}

async fn delete_by_criteria(
    State(mock): State<AuthMock>,
    headers: HeaderMap,
    query: Result<Query<CriteriaQuery>, QueryRejection>,
) -> Response {
    let (credentials, x_contract_number) = match inputs(&headers) {
        Ok(v) => v,
        Err(r) => return r.into_response(),
    };
    let Ok(Query(query)) = query else {
        return bad_request("criteria must be ALL, EXPIRED or CURRENT").into_response();
    };
    let request = DeleteTokenByCriteriaRequest {
        criteria: query.criteria,
        x_contract_number,
    };
    respond(
        mock.delete_token_by_criteria(credentials, request)
            .await
            .map(|DeleteTokenByCriteriaResponse::Ok(body, _)| body),
    )
}

async fn get_token_by_id(
    State(mock): State<AuthMock>,
    Path(token_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let (credentials, x_contract_number) = match inputs(&headers) {
        Ok(v) => v,
        Err(r) => return r.into_response(),
    };
    let request = GetTokenByIdRequest {
        token_id,
        x_contract_number,
    };
    respond(
        mock.get_token_by_id(credentials, request)
            .await
            .map(|GetTokenByIdResponse::Ok(body, _)| body),
    )
}

async fn delete_token_by_id(
    State(mock): State<AuthMock>,
    Path(token_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let (credentials, x_contract_number) = match inputs(&headers) {
        Ok(v) => v,
        Err(r) => return r.into_response(),
    };
    let request = DeleteTokenByIdRequest {
        token_id,
        x_contract_number,
    };
    respond(
        mock.delete_token_by_id(credentials, request)
            .await
            .map(|DeleteTokenByIdResponse::Ok(body, _)| body),
    )
}
