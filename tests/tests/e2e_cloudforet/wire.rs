//! The JSON on the wire: what the server writes and reads (snake_case, proto3 JSON's other
//! spellings, required fields, non-objects), and what the client decodes from answers written
//! as real Cloudforet servers write them.

use super::*;

#[tokio::test]
async fn issue_json_is_snake_case_on_the_wire() {
    let s = start().await;
    // The request as the Cloudforet documentation writes it, sent raw.
    let response = s
        .post_json(
            ISSUE,
            &json!({
                "credentials": {"user_id": ADMIN, "password": ADMIN_PASSWORD},
                "auth_type": "LOCAL",
                "domain_id": DOMAIN,
                "timeout": 60,
            }),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(keys(&body), ["access_token", "refresh_token"]);
    let access = body["access_token"].as_str().unwrap();
    assert_eq!(s.identity.access_expires_in(access), Some(60));

    // camelCase names (`MessageToJson`'s spelling) and enum numbers are the same fields.
    let response = s
        .post_json(
            ISSUE,
            &json!({
                "credentials": {"user_id": ADMIN, "password": ADMIN_PASSWORD},
                "domainId": DOMAIN,
                "authType": 1,
                "timeout": "30",
            }),
        )
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    let access = body["access_token"].as_str().unwrap();
    assert_eq!(s.identity.access_expires_in(access), Some(30));

    // A required field left out (or at its default) is refused, naming the field.
    for body in [
        json!({"credentials": {"user_id": ADMIN, "password": ADMIN_PASSWORD}}),
        json!({"credentials": {"user_id": ADMIN, "password": ADMIN_PASSWORD}, "domain_id": ""}),
        json!({"credentials": {"user_id": ADMIN, "password": ADMIN_PASSWORD}, "domain_id": null}),
    ] {
        let (status, message) = raw_error(s.post_json(ISSUE, &body).await).await;
        assert_eq!(status, 400, "{body}");
        assert!(message.contains("domain_id"), "{message}");
    }

    // Anything but a JSON object where a message is expected is refused.
    for body in [
        json!([{"user_id": ADMIN, "password": ADMIN_PASSWORD}, DOMAIN]),
        json!("x"),
        json!(null),
        json!({"credentials": [ADMIN, ADMIN_PASSWORD], "domain_id": DOMAIN}),
    ] {
        let (status, _) = raw_error(s.post_json(ISSUE, &body).await).await;
        assert_eq!(status, 400, "{body}");
    }

    // An enum value the server does not know is a 400 naming the field.
    let (status, message) = raw_error(
        s.post_json(
            ISSUE,
            &json!({"credentials": {}, "domain_id": DOMAIN, "auth_type": "PASSKEY"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        message.contains("auth_type") && message.contains("PASSKEY"),
        "{message}"
    );
}

#[tokio::test]
async fn grant_json_is_snake_case_on_the_wire() {
    let s = start().await;
    let admin = s.login(ADMIN, ADMIN_PASSWORD).await;
    let response = s
        .post_json(
            GRANT,
            &json!({
                "grant_type": "REFRESH_TOKEN",
                "token": admin.refresh_token,
                "scope": "WORKSPACE",
                "domain_id": DOMAIN,
                "workspace_id": WORKSPACE,
                "permissions": [],
            }),
        )
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        keys(&body),
        [
            "access_token",
            "domain_id",
            "role_id",
            "role_type",
            "workspace_id"
        ]
    );
    assert_eq!(body["role_type"], "WORKSPACE_OWNER");
    assert_eq!(body["workspace_id"], WORKSPACE);
}

/// Answers as real Cloudforet servers write them (`MessageToDict`: defaults omitted, or
/// `MessageToJson`: lowerCamelCase, plus enum numbers and values from a newer server), served
/// over TCP and decoded by the generated client.
#[tokio::test]
async fn the_client_decodes_answers_as_cloudforet_servers_write_them() {
    let answers = [
        (json!({}), GrantTokenInfo::default()),
        (
            json!({"access_token": "a", "role_type": "DOMAIN_ADMIN", "domain_id": "d"}),
            GrantTokenInfo {
                access_token: "a".into(),
                role_type: RoleType::DomainAdmin,
                domain_id: "d".into(),
                ..Default::default()
            },
        ),
        (
            json!({"accessToken": "a", "roleType": 3, "domainId": "d", "workspaceId": "w", "roleId": null}),
            GrantTokenInfo {
                access_token: "a".into(),
                role_type: RoleType::WorkspaceMember,
                domain_id: "d".into(),
                workspace_id: "w".into(),
                ..Default::default()
            },
        ),
        (
            json!({"access_token": "a", "role_type": "SYSTEM_ADMIN", "unknown_field": [1]}),
            GrantTokenInfo {
                access_token: "a".into(),
                role_type: RoleType::Unknown(
                    cloudforet_identity_client::models::UnknownEnumValue::from_name("SYSTEM_ADMIN"),
                ),
                ..Default::default()
            },
        ),
    ];
    for (answer, expected) in answers {
        let body = answer.clone();
        let app = axum::Router::new().route(
            GRANT,
            axum::routing::post(move || {
                let body = body.clone();
                async move { axum::Json(body) }
            }),
        );
        let base = serve(app).await;
        let client = Client::builder(&base).build().unwrap();
        let granted = client
            .grant(grant_request("refresh-1", Scope::Domain))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{answer} did not decode: {e}"))
            .into_inner();
        assert_eq!(granted, expected, "{answer}");
    }

    let app = axum::Router::new().route(
        ISSUE,
        axum::routing::post(|| async { axum::Json(json!({})) }),
    );
    let base = serve(app).await;
    let client = Client::builder(&base).build().unwrap();
    let info = client
        .issue(issue_request(ADMIN, ADMIN_PASSWORD))
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(info, TokenInfo::default());
}
