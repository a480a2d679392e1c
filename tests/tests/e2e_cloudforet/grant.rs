//! `grant`: scoped access tokens for refresh tokens the service issued, its errors, and
//! refresh-token expiry.

use super::*;

#[tokio::test]
async fn grant_domain_and_workspace_scopes() {
    let s = start().await;
    let client = s.client();
    let admin = s.login(ADMIN, ADMIN_PASSWORD).await;

    let domain = client
        .grant(grant_request(&admin.refresh_token, Scope::Domain))
        .send()
        .await
        .unwrap();
    assert_eq!(domain.status(), 200);
    let domain = domain.into_inner();
    assert_eq!(domain.role_type, RoleType::DomainAdmin);
    assert_eq!(domain.role_id, "role-domain-admin");
    assert_eq!(domain.domain_id, DOMAIN);
    assert_eq!(domain.workspace_id, "");
    assert_eq!(
        s.identity.access_expires_in(&domain.access_token),
        Some(DEFAULT_TIMEOUT)
    );

    let mut request = grant_request(&admin.refresh_token, Scope::Workspace);
    request.workspace_id = OTHER_WORKSPACE.into();
    request.timeout = 600;
    request.permissions = vec!["identity:Workspace.read".into()];
    let workspace = client.grant(request).send().await.unwrap().into_inner();
    assert_eq!(workspace.role_type, RoleType::WorkspaceOwner);
    assert_eq!(workspace.workspace_id, OTHER_WORKSPACE);
    assert_ne!(workspace.access_token, domain.access_token);
    assert_eq!(
        s.identity.access_expires_in(&workspace.access_token),
        Some(600)
    );

    // A member: workspace role only; domain_id may be left out (the token's domain).
    let member = s.login(MEMBER, MEMBER_PASSWORD).await;
    let mut request = grant_request(&member.refresh_token, Scope::Workspace);
    request.domain_id = String::new();
    request.workspace_id = WORKSPACE.into();
    let granted = client.grant(request).send().await.unwrap().into_inner();
    assert_eq!(
        (granted.role_type, granted.domain_id.as_str()),
        (RoleType::WorkspaceMember, DOMAIN)
    );
    let user = client
        .grant(grant_request(&member.refresh_token, Scope::User))
        .send()
        .await
        .unwrap();
    assert_eq!(user.role_type, RoleType::User);

    // A refresh token may be exchanged again.
    let again = client
        .grant(grant_request(&admin.refresh_token, Scope::Domain))
        .send()
        .await
        .unwrap();
    assert_ne!(again.access_token, domain.access_token);
}

#[tokio::test]
async fn grant_errors() {
    let s = start().await;
    let client = s.client();
    let admin = s.login(ADMIN, ADMIN_PASSWORD).await;
    let member = s.login(MEMBER, MEMBER_PASSWORD).await;
    let grant = |request: GrantTokenRequest| {
        let client = client.clone();
        async move { api_error(client.grant(request).send().await) }
    };
    let before = s.identity.access_token_count();

    let (status, message) = grant(grant_request("refresh-bogus", Scope::Domain)).await;
    assert_eq!((status, message.as_str()), (401, "invalid refresh token"));
    // An access token is not a refresh token.
    assert_eq!(
        grant(grant_request(&admin.access_token, Scope::Domain))
            .await
            .0,
        401
    );

    let (status, message) = grant(grant_request(&admin.refresh_token, Scope::Workspace)).await;
    assert_eq!(
        (status, message.as_str()),
        (400, "workspace_id is required for scope WORKSPACE")
    );
    let mut request = grant_request(&admin.refresh_token, Scope::Workspace);
    request.workspace_id = String::new();
    assert_eq!(grant(request).await.0, 400);
    request = grant_request(&admin.refresh_token, Scope::Workspace);
    request.workspace_id = "workspace-nope".into();
    assert_eq!(grant(request).await.0, 404);

    for scope in [Scope::System, Scope::Project] {
        let (status, message) = grant(grant_request(&admin.refresh_token, scope.clone())).await;
        assert_eq!(status, 400);
        assert!(message.contains(scope.as_str()), "{message}");
    }
    // A required field at its default (the zero enum value) is refused before sending.
    let refused = client
        .grant(grant_request(&admin.refresh_token, Scope::ScopeNone))
        .send()
        .await
        .unwrap_err();
    assert!(refused.status().is_none(), "{refused}");
    assert!(
        refused.to_string().contains("`scope` is required"),
        "{refused}"
    );
    let mut request = grant_request(&admin.refresh_token, Scope::Domain);
    request.grant_type = GrantType::SystemToken;
    assert_eq!(grant(request).await.0, 400);
    request = grant_request(&admin.refresh_token, Scope::Domain);
    request.timeout = -5;
    assert_eq!(grant(request).await.0, 400);

    // Roles: a member administers no domain and only its own workspace.
    assert_eq!(
        grant(grant_request(&member.refresh_token, Scope::Domain))
            .await
            .0,
        403
    );
    let mut request = grant_request(&member.refresh_token, Scope::Workspace);
    request.workspace_id = OTHER_WORKSPACE.into();
    assert_eq!(grant(request).await.0, 403);
    request = grant_request(&admin.refresh_token, Scope::Domain);
    request.domain_id = OTHER_DOMAIN.into();
    assert_eq!(grant(request).await.0, 403);

    // Unknown enum values never reach the implementation.
    let response = s
        .post_json(
            GRANT,
            &json!({"grant_type": "PASSWORD", "token": admin.refresh_token, "scope": "DOMAIN"}),
        )
        .await;
    assert_eq!(raw_error(response).await.0, 400);
    let response = s
        .post_json(
            GRANT,
            &json!({"grant_type": "REFRESH_TOKEN", "token": admin.refresh_token}),
        )
        .await;
    let (status, message) = raw_error(response).await;
    assert_eq!(status, 400);
    assert!(message.contains("`scope` is required"), "{message}");

    assert_eq!(s.identity.access_token_count(), before);
}

#[tokio::test]
async fn refresh_tokens_expire() {
    let s = start().await;
    let admin = s.login(ADMIN, ADMIN_PASSWORD).await;
    let client = s.client();
    s.identity.advance(REFRESH_LIFETIME - 1);
    client
        .grant(grant_request(&admin.refresh_token, Scope::Domain))
        .send()
        .await
        .unwrap();
    s.identity.advance(1);
    let result = client
        .grant(grant_request(&admin.refresh_token, Scope::Domain))
        .send()
        .await;
    assert_eq!(
        api_error(result),
        (401, "the refresh token has expired".into())
    );
}

// ---------------------------------------------------------------------------------------------
// +noauth, routing, concurrency
// ---------------------------------------------------------------------------------------------
