//! The in-memory identity service the Cloudforet end-to-end tests run behind the generated router.

use super::*;

/// A user of one domain.
pub(crate) struct User {
    pub(crate) password: &'static str,
    /// Whether the user administers the domain (DOMAIN scope, owner of every workspace).
    pub(crate) domain_admin: bool,
    /// Workspace role bindings of non-admins.
    pub(crate) workspaces: Vec<(&'static str, RoleType)>,
}

/// A domain: its users (by `user_id`) and workspaces.
pub(crate) struct Domain {
    pub(crate) users: HashMap<&'static str, User>,
    pub(crate) workspaces: Vec<&'static str>,
}

/// An issued token: whose it is and until when (logical seconds) it is valid.
#[derive(Debug, Clone)]
pub(crate) struct TokenRecord {
    pub(crate) domain_id: String,
    pub(crate) user_id: String,
    pub(crate) expires: i64,
}

#[derive(Default)]
pub(crate) struct Tokens {
    pub(crate) access: HashMap<String, TokenRecord>,
    pub(crate) refresh: HashMap<String, TokenRecord>,
}

/// The identity service; clones share state.
#[derive(Clone)]
pub(crate) struct Identity {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) domains: HashMap<&'static str, Domain>,
    pub(crate) tokens: Mutex<Tokens>,
    /// Logical time in seconds, advanced by tests.
    pub(crate) now: AtomicI64,
    pub(crate) counter: AtomicU64,
    pub(crate) seed: RandomState,
}

/// Why a call fails: the status, from which the error body's gRPC code follows.
pub(crate) struct Failure {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
}

impl Failure {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Failure {
            status,
            message: message.into(),
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::BAD_REQUEST, message)
    }

    pub(crate) fn unauthenticated(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::UNAUTHORIZED, message)
    }

    pub(crate) fn body(&self) -> ErrorStatus {
        ErrorStatus::new(self.status, self.message.clone())
    }
}

/// Every failure is answered with its status and an `ErrorStatus` body, so `?` works in the
/// trait methods.
impl From<Failure> for cloudforet_identity_server::Error {
    fn from(f: Failure) -> Self {
        cloudforet_identity_server::Error::new(f.status, f.body())
    }
}

/// A lifetime from an optional `timeout`: positive seconds, or the default.
/// The lifetime asked for: `0` (protobuf's default, the field omitted) means `default`.
pub(crate) fn lifetime(timeout: i32, default: i64) -> Result<i64, Failure> {
    match timeout {
        0 => Ok(default),
        t if t > 0 => Ok(i64::from(t)),
        t => Err(Failure::invalid(format!(
            "timeout must be a positive number of seconds, got {t}"
        ))),
    }
}

impl Identity {
    pub(crate) fn new() -> Self {
        let admin = || User {
            password: ADMIN_PASSWORD,
            domain_admin: true,
            workspaces: Vec::new(),
        };
        let main = Domain {
            users: HashMap::from([
                (ADMIN, admin()),
                (
                    MEMBER,
                    User {
                        password: MEMBER_PASSWORD,
                        domain_admin: false,
                        workspaces: vec![(WORKSPACE, RoleType::WorkspaceMember)],
                    },
                ),
            ]),
            workspaces: vec![WORKSPACE, OTHER_WORKSPACE],
        };
        // The same user id in another domain, with another password: users are per domain.
        let other = Domain {
            users: HashMap::from([(
                ADMIN,
                User {
                    password: "Other0*",
                    ..admin()
                },
            )]),
            workspaces: Vec::new(),
        };
        Identity {
            inner: Arc::new(Inner {
                domains: HashMap::from([(DOMAIN, main), (OTHER_DOMAIN, other)]),
                tokens: Mutex::new(Tokens::default()),
                now: AtomicI64::new(0),
                counter: AtomicU64::new(0),
                seed: RandomState::new(),
            }),
        }
    }

    pub(crate) fn now(&self) -> i64 {
        self.inner.now.load(Ordering::SeqCst)
    }

    /// Moves the logical clock forward.
    pub(crate) fn advance(&self, seconds: i64) {
        self.inner.now.fetch_add(seconds, Ordering::SeqCst);
    }

    pub(crate) fn tokens(&self) -> MutexGuard<'_, Tokens> {
        self.inner.tokens.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Seconds until an access token (issued or granted) expires; `None` if unknown.
    pub(crate) fn access_expires_in(&self, token: &str) -> Option<i64> {
        let expires = self.tokens().access.get(token)?.expires;
        Some(expires - self.now())
    }

    /// How many access tokens were issued or granted.
    pub(crate) fn access_token_count(&self) -> usize {
        self.tokens().access.len()
    }

    /// A fresh opaque token: a counter (unique) and a keyed hash of it (unguessable enough).
    pub(crate) fn new_token(&self, kind: &str) -> String {
        let n = self.inner.counter.fetch_add(1, Ordering::Relaxed);
        format!("{kind}-{n:06x}{:016x}", self.inner.seed.hash_one(n))
    }

    pub(crate) fn store(&self, refresh: bool, token: &str, record: TokenRecord) {
        let mut tokens = self.tokens();
        let table = if refresh {
            &mut tokens.refresh
        } else {
            &mut tokens.access
        };
        table.insert(token.to_string(), record);
    }

    pub(crate) fn domain(&self, domain_id: &str) -> Result<&Domain, Failure> {
        self.inner.domains.get(domain_id).ok_or_else(|| {
            Failure::new(
                StatusCode::NOT_FOUND,
                format!("domain `{domain_id}` not found"),
            )
        })
    }

    pub(crate) fn issue_tokens(&self, request: &IssueTokenRequest) -> Result<TokenInfo, Failure> {
        match request.auth_type {
            AuthType::None | AuthType::Local => {}
            ref other => {
                return Err(Failure::invalid(format!(
                    "auth_type {other} is not supported, use LOCAL"
                )))
            }
        }
        let access_lifetime = lifetime(request.timeout, DEFAULT_TIMEOUT)?;
        let credentials = request.credentials.as_ref();
        let credential = |key: &str| match credentials.and_then(|c| c.get(key)) {
            Some(Value::String(s)) if !s.is_empty() => Ok(s.as_str()),
            _ => Err(Failure::invalid(format!(
                "credentials.{key} is required (a non-empty string)"
            ))),
        };
        let (user_id, password) = (credential("user_id")?, credential("password")?);
        let domain = self.domain(&request.domain_id)?;
        match domain.users.get(user_id) {
            Some(user) if user.password == password => {}
            _ => return Err(Failure::unauthenticated("invalid user_id or password")),
        }
        let now = self.now();
        let record = |seconds: i64| TokenRecord {
            domain_id: request.domain_id.clone(),
            user_id: user_id.to_string(),
            expires: now + seconds,
        };
        let access_token = self.new_token("access");
        let refresh_token = self.new_token("refresh");
        self.store(false, &access_token, record(access_lifetime));
        self.store(true, &refresh_token, record(REFRESH_LIFETIME));
        Ok(TokenInfo {
            access_token,
            refresh_token,
        })
    }

    pub(crate) fn grant_token(
        &self,
        request: &GrantTokenRequest,
    ) -> Result<GrantTokenInfo, Failure> {
        if request.grant_type != GrantType::RefreshToken {
            return Err(Failure::invalid(format!(
                "grant_type {} is not supported, use REFRESH_TOKEN",
                request.grant_type
            )));
        }
        let access_lifetime = lifetime(request.timeout, DEFAULT_TIMEOUT)?;
        let now = self.now();
        let holder = match self.tokens().refresh.get(&request.token) {
            Some(t) if t.expires > now => t.clone(),
            Some(_) => return Err(Failure::unauthenticated("the refresh token has expired")),
            None => return Err(Failure::unauthenticated("invalid refresh token")),
        };
        let domain_id = &request.domain_id;
        if !domain_id.is_empty() && *domain_id != holder.domain_id {
            return Err(Failure::new(
                StatusCode::FORBIDDEN,
                format!("the token does not belong to domain `{domain_id}`"),
            ));
        }
        let domain = self.domain(&holder.domain_id)?;
        let user = domain
            .users
            .get(holder.user_id.as_str())
            .ok_or_else(|| Failure::unauthenticated("the user no longer exists"))?;
        let denied = |what: &str| {
            Failure::new(
                StatusCode::FORBIDDEN,
                format!("{} has no role in {what}", holder.user_id),
            )
        };
        let (role_type, role_id, workspace_id) = match &request.scope {
            Scope::Domain if user.domain_admin => {
                (RoleType::DomainAdmin, "role-domain-admin", String::new())
            }
            Scope::Domain => return Err(denied("the domain")),
            Scope::Workspace => {
                let workspace_id = match request.workspace_id.as_str() {
                    "" => {
                        return Err(Failure::invalid(
                            "workspace_id is required for scope WORKSPACE",
                        ))
                    }
                    w => w,
                };
                if !domain.workspaces.contains(&workspace_id) {
                    return Err(Failure::new(
                        StatusCode::NOT_FOUND,
                        format!("workspace `{workspace_id}` not found"),
                    ));
                }
                let bound = user.workspaces.iter().find(|(w, _)| *w == workspace_id);
                match (user.domain_admin, bound) {
                    (true, _) => (
                        RoleType::WorkspaceOwner,
                        "role-workspace-owner",
                        workspace_id.to_string(),
                    ),
                    (false, Some((_, role))) => (
                        role.clone(),
                        "role-workspace-member",
                        workspace_id.to_string(),
                    ),
                    (false, None) => return Err(denied(&format!("workspace `{workspace_id}`"))),
                }
            }
            Scope::User => (RoleType::User, "", String::new()),
            other => return Err(Failure::invalid(format!("scope {other} is not supported"))),
        };
        let access_token = self.new_token("granted");
        self.store(
            false,
            &access_token,
            TokenRecord {
                expires: now + access_lifetime,
                ..holder.clone()
            },
        );
        Ok(GrantTokenInfo {
            access_token,
            role_type,
            domain_id: holder.domain_id,
            workspace_id,
            role_id: role_id.to_string(),
        })
    }
}

impl TokenApi for Identity {
    async fn issue(
        &self,
        request: IssueRequest,
    ) -> Result<IssueResponse, cloudforet_identity_server::Error> {
        Ok(IssueResponse::Ok(self.issue_tokens(&request.body)?))
    }

    async fn grant(
        &self,
        request: GrantRequest,
    ) -> Result<GrantResponse, cloudforet_identity_server::Error> {
        Ok(GrantResponse::Ok(self.grant_token(&request.body)?))
    }
}
