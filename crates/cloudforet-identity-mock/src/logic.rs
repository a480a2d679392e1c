//! The Token service itself, independent of the face it answers on: errors are [`Fault`]s,
//! which each face turns into its own status.

use std::collections::BTreeMap;

use apigen_runtime::grpc::Fault;
use cloudforet_identity_models::{
    GrantTokenInfo, GrantTokenInfoRoleType as RoleType, GrantTokenRequest,
    GrantTokenRequestGrantType as GrantType, GrantTokenRequestScope as Scope, IssueTokenRequest,
    IssueTokenRequestAuthType as AuthType, TokenInfo,
};
use tonic::Code;

use crate::jwt::{self, Claims, Keys, TokenType, ISSUER};
use crate::{Config, User};

/// The in-memory identity service: users by domain and user id, and the signing keys.
pub struct IdentityMock {
    users: BTreeMap<(String, String), User>,
    keys: Keys,
    config: Config,
}

fn fault(code: Code, error_code: &str, message: impl Into<String>) -> Fault {
    Fault::new(code, error_code, message)
}

fn authenticate_failure() -> Fault {
    fault(
        Code::Unauthenticated,
        "ERROR_AUTHENTICATE_FAILURE",
        "authentication failed: wrong domain, user id or password",
    )
}

impl IdentityMock {
    /// A mock with `config`'s users.
    pub fn new(config: Config) -> Self {
        let secret = config
            .secret
            .clone()
            .unwrap_or_else(|| uuid::Uuid::new_v4().as_bytes().to_vec());
        IdentityMock {
            users: config
                .users
                .iter()
                .map(|u| ((u.domain_id.clone(), u.user_id.clone()), u.clone()))
                .collect(),
            keys: jwt::keys(&secret),
            config,
        }
    }

    /// The users, sorted by domain then user id.
    pub fn users(&self) -> impl Iterator<Item = &User> {
        self.users.values()
    }

    /// The claims of a token this mock issued, if it is valid now.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        let now = chrono::Utc::now().timestamp();
        self.keys.verify::<Claims>(token).filter(|c| c.exp > now)
    }

    fn sign(&self, claims: Claims) -> Result<String, Fault> {
        self.keys.sign(&claims).map_err(|e| {
            fault(
                Code::Internal,
                "ERROR_INTERNAL",
                format!("cannot sign a token: {e}"),
            )
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn claims(
        &self,
        user: &str,
        domain: &str,
        ttype: TokenType,
        scope: &str,
        wid: Option<String>,
        ttl: i64,
    ) -> Claims {
        let now = chrono::Utc::now().timestamp();
        Claims {
            iss: ISSUER.into(),
            sub: user.into(),
            did: domain.into(),
            ttype,
            scope: scope.into(),
            wid,
            iat: now,
            exp: now + ttl.max(1),
            jti: uuid::Uuid::new_v4().to_string(),
        }
    }

    /// `issue`: LOCAL credentials → an access and a refresh token.
    pub fn issue(&self, request: &IssueTokenRequest) -> Result<TokenInfo, Fault> {
        if let auth_type @ (AuthType::External | AuthType::Mfa | AuthType::Unknown(_)) =
            &request.auth_type
        {
            return Err(fault(
                Code::InvalidArgument,
                "ERROR_NOT_SUPPORTED_AUTH_TYPE",
                format!("auth_type {auth_type} is not supported by this server (LOCAL only)"),
            ));
        }
        let text = |key: &str| {
            request
                .credentials
                .as_ref()
                .and_then(|c| c.get(key))
                .and_then(|v| v.as_str())
        };
        let (Some(user_id), Some(password)) = (text("user_id"), text("password")) else {
            return Err(fault(
                Code::InvalidArgument,
                "ERROR_REQUIRED_PARAMETER",
                "credentials need `user_id` and `password` (strings) for LOCAL authentication",
            ));
        };
        let domain_id = request.domain_id.as_str();
        let user = self
            .users
            .get(&(domain_id.to_string(), user_id.to_string()))
            .filter(|u| u.password == password)
            .ok_or_else(authenticate_failure)?;
        let ttl = match request.timeout {
            t if t > 0 => i64::from(t),
            _ => self.config.access_ttl,
        };
        let access = self.claims(
            &user.user_id,
            domain_id,
            TokenType::Access,
            "USER",
            None,
            ttl,
        );
        let refresh = self.claims(
            &user.user_id,
            domain_id,
            TokenType::Refresh,
            "USER",
            None,
            self.config.refresh_ttl,
        );
        Ok(TokenInfo {
            access_token: self.sign(access)?,
            refresh_token: self.sign(refresh)?,
        })
    }

    /// `grant`: a refresh token → an access token of the requested scope.
    pub fn grant(&self, request: &GrantTokenRequest) -> Result<GrantTokenInfo, Fault> {
        if request.grant_type != GrantType::RefreshToken {
            return Err(fault(
                Code::InvalidArgument,
                "ERROR_NOT_SUPPORTED_GRANT_TYPE",
                format!(
                    "grant_type {} is not supported (REFRESH_TOKEN only)",
                    request.grant_type
                ),
            ));
        }
        let claims = self
            .verify(&request.token)
            .filter(|c| c.ttype == TokenType::Refresh)
            .ok_or_else(|| {
                fault(
                    Code::Unauthenticated,
                    "ERROR_AUTHENTICATE_FAILURE",
                    "the token is not a valid refresh token of this server",
                )
            })?;
        let domain_id = claims.did.clone();
        let asked = request.domain_id.as_str();
        if !asked.is_empty() && asked != domain_id {
            return Err(fault(
                Code::PermissionDenied,
                "ERROR_PERMISSION_DENIED",
                format!("the refresh token is not valid for domain `{asked}`"),
            ));
        }
        let workspace_id = Some(request.workspace_id.clone()).filter(|w| !w.is_empty());
        let (role_type, role_id, wid) = match request.scope {
            Scope::Domain => (RoleType::DomainAdmin, "managed-domain-admin", None),
            Scope::Workspace => match workspace_id {
                Some(w) => (RoleType::WorkspaceOwner, "managed-workspace-owner", Some(w)),
                None => {
                    return Err(fault(
                        Code::InvalidArgument,
                        "ERROR_REQUIRED_PARAMETER",
                        "scope WORKSPACE needs `workspace_id`",
                    ))
                }
            },
            Scope::User => (RoleType::User, "", None),
            ref other => {
                return Err(fault(
                    Code::PermissionDenied,
                    "ERROR_PERMISSION_DENIED",
                    format!("scope {other} is not granted to users of this server"),
                ))
            }
        };
        let ttl = match request.timeout {
            t if t > 0 => i64::from(t),
            _ => self.config.access_ttl,
        };
        let scope = request.scope.to_string();
        let access = self.claims(
            &claims.sub,
            &domain_id,
            TokenType::Access,
            &scope,
            wid.clone(),
            ttl,
        );
        Ok(GrantTokenInfo {
            access_token: self.sign(access)?,
            role_type,
            domain_id,
            workspace_id: wid.unwrap_or_default(),
            role_id: role_id.to_string(),
        })
    }
}
