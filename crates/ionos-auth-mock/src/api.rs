//! The generated `AuthApi` trait, implemented.

use axum::http::StatusCode;
use ionos_auth_server::models::{self, DeleteCriteria};
use ionos_auth_server::{
    AuthApi, CreateTokenRequest, CreateTokenResponse, Credentials, DeleteTokenByCriteriaRequest,
    DeleteTokenByCriteriaResponse, DeleteTokenByIdRequest, DeleteTokenByIdResponse, Error,
    GetAllTokensRequest, GetAllTokensResponse, GetTokenByIdRequest, GetTokenByIdResponse,
    Rejection,
};

use crate::store::TokenRecord;
use crate::{AuthMock, User};

/// The spec's `Error` body with one message.
pub fn error_body(status: StatusCode, code: &str, message: &str) -> models::Error {
    models::Error {
        http_status: Some(i32::from(status.as_u16())),
        messages: Some(vec![models::ErrorMessage {
            error_code: Some(code.to_string()),
            message: Some(message.to_string()),
        }]),
    }
}

/// Why a request fails: a status and the error code and message of the spec's `Error` body.
struct Failure {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl Failure {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Failure {
            status,
            code,
            message: message.into(),
        }
    }
}

/// Every failure is answered with its status and the spec's `Error` body, so `?` works in the
/// trait methods.
impl From<Failure> for Error {
    fn from(f: Failure) -> Self {
        Error::new(f.status, error_body(f.status, f.code, &f.message))
    }
}

/// Who is calling, and with which token (for Bearer authentication).
struct Principal<'a> {
    user: &'a User,
    /// Id and contract of the Bearer token.
    token: Option<(String, i32)>,
}

/// The user and contract a request acts for.
struct Caller<'a> {
    principal: Principal<'a>,
    contract: i32,
}

fn rfc3339(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

impl AuthMock {
    fn authenticate(&self, credentials: &Credentials) -> Result<Principal<'_>, Failure> {
        let invalid = || {
            Failure::new(
                StatusCode::UNAUTHORIZED,
                "INVALID_CREDENTIALS",
                "invalid username or password",
            )
        };
        match credentials {
            Credentials::Basic { username, password } => {
                let user = self.user(username).ok_or_else(invalid)?;
                if user.password != password.expose() {
                    return Err(invalid());
                }
                Ok(Principal { user, token: None })
            }
            Credentials::Bearer(token) => {
                let bad = |why: &str| Failure::new(StatusCode::UNAUTHORIZED, "INVALID_TOKEN", why);
                let claims: crate::jwt::Claims = self
                    .inner
                    .keys
                    .verify(token.expose())
                    .ok_or_else(|| bad("the token is not one this service signed"))?;
                let id = claims.jti.clone();
                let record = self
                    .store()
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| bad("the token was deleted"))?;
                if record.expired(self.inner.clock.now()) || claims.exp <= self.inner.clock.now() {
                    return Err(bad("the token has expired"));
                }
                let user = self
                    .user(&claims.sub)
                    .ok_or_else(|| bad("the token's user no longer exists"))?;
                Ok(Principal {
                    user,
                    token: Some((id, record.contract)),
                })
            }
            _ => Err(invalid()),
        }
    }

    fn caller(
        &self,
        credentials: &Credentials,
        contract: Option<i32>,
    ) -> Result<Caller<'_>, Failure> {
        let principal = self.authenticate(credentials)?;
        let forbidden = || {
            Failure::new(
                StatusCode::FORBIDDEN,
                "CONTRACT_NOT_ALLOWED",
                "the user or the contract is not valid for endpoint access",
            )
        };
        let contract = match (contract, principal.user.contracts.as_slice()) {
            (Some(c), contracts) if !contracts.contains(&c) => return Err(forbidden()),
            (Some(c), _) => c,
            (None, [only]) => *only,
            (None, _) => {
                return Err(Failure::new(
                    StatusCode::BAD_REQUEST,
                    "CONTRACT_REQUIRED",
                    "users with several contracts must send X-Contract-Number",
                ))
            }
        };
        if let Some((_, token_contract)) = &principal.token {
            if *token_contract != contract {
                return Err(forbidden());
            }
        }
        Ok(Caller {
            principal,
            contract,
        })
    }

    fn token_model(&self, t: &TokenRecord) -> models::Token {
        models::Token {
            id: t.id.clone(),
            href: format!("{}/tokens/{}", self.inner.href_prefix, t.id),
            created_date: rfc3339(t.created),
            expiration_date: rfc3339(t.expires),
        }
    }

    fn find(&self, caller: &Caller<'_>, id: &str) -> Result<TokenRecord, Failure> {
        self.store()
            .of(&caller.principal.user.name, caller.contract)
            .into_iter()
            .find(|t| t.id == id)
            .ok_or_else(|| {
                Failure::new(
                    StatusCode::NOT_FOUND,
                    "TOKEN_NOT_FOUND",
                    format!("no token `{id}`"),
                )
            })
    }
}

fn deleted() -> models::DeleteResponse {
    models::DeleteResponse {
        success: Some(true),
    }
}

impl AuthApi for AuthMock {
    async fn create_token(
        &self,
        credentials: Credentials,
        request: CreateTokenRequest,
    ) -> Result<CreateTokenResponse, Error> {
        let caller = self.caller(&credentials, request.x_contract_number)?;
        let user = &caller.principal.user.name;
        let token = self
            .issue(user, caller.contract, i64::from(request.ttl))
            .map_err(|e| {
                Failure::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "SIGNING_FAILED",
                    e.to_string(),
                )
            })?;
        Ok(CreateTokenResponse::ok(models::Jwt { token: Some(token) }))
    }

    async fn get_all_tokens(
        &self,
        credentials: Credentials,
        request: GetAllTokensRequest,
    ) -> Result<GetAllTokensResponse, Error> {
        let caller = self.caller(&credentials, request.x_contract_number)?;
        let tokens = self
            .store()
            .of(&caller.principal.user.name, caller.contract);
        Ok(GetAllTokensResponse::ok(models::Tokens {
            tokens: Some(tokens.iter().map(|t| self.token_model(t)).collect()),
        }))
    }

    async fn delete_token_by_criteria(
        &self,
        credentials: Credentials,
        request: DeleteTokenByCriteriaRequest,
    ) -> Result<DeleteTokenByCriteriaResponse, Error> {
        let caller = self.caller(&credentials, request.x_contract_number)?;
        let now = self.inner.clock.now();
        let user = caller.principal.user.name.as_str();
        let mut store = self.store();
        match request.criteria {
            DeleteCriteria::All => {
                store.remove_where(user, caller.contract, |_| true);
            }
            DeleteCriteria::Expired => {
                store.remove_where(user, caller.contract, |t| t.expired(now));
            }
            DeleteCriteria::Current => {
                // The spec: "With value `CURRENT`, only the 'Token Authentication' with valid
                // credentials is required", so Basic credentials do not meet this request's
                // security requirement: 401, as the router answers credentials of a scheme an
                // operation does not accept.
                let Some((id, _)) = &caller.principal.token else {
                    return Err(Failure::new(
                        StatusCode::UNAUTHORIZED,
                        "CURRENT_NEEDS_TOKEN",
                        "criteria CURRENT deletes the token of the request: use Token Authentication",
                    )
                    .into());
                };
                store.remove_where(user, caller.contract, |t| t.id == *id);
            }
        }
        Ok(DeleteTokenByCriteriaResponse::ok(deleted()))
    }

    async fn get_token_by_id(
        &self,
        credentials: Credentials,
        request: GetTokenByIdRequest,
    ) -> Result<GetTokenByIdResponse, Error> {
        let caller = self.caller(&credentials, request.x_contract_number)?;
        let token = self.find(&caller, &request.token_id)?;
        Ok(GetTokenByIdResponse::ok(self.token_model(&token)))
    }

    async fn delete_token_by_id(
        &self,
        credentials: Credentials,
        request: DeleteTokenByIdRequest,
    ) -> Result<DeleteTokenByIdResponse, Error> {
        let caller = self.caller(&credentials, request.x_contract_number)?;
        let token = self.find(&caller, &request.token_id)?;
        self.store()
            .remove_where(&caller.principal.user.name, caller.contract, |r| {
                r.id == token.id
            });
        Ok(DeleteTokenByIdResponse::ok(deleted()))
    }

    fn rejection_body(&self, rejection: &Rejection) -> models::Error {
        error_body(rejection.status(), rejection.code(), rejection.message())
    }
}
