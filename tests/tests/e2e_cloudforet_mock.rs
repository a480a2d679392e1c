//! End to end: the Cloudforet identity mock (`crates/cloudforet-identity-mock`) over gRPC with
//! the generated tonic client and over REST with plain HTTP, on real TCP on 127.0.0.1; and the
//! generated `prost::Message` impls against the protobuf descriptors of the same proto.

use std::collections::BTreeMap;
use std::sync::Arc;

use apigen_runtime::grpc::Fault;
use cloudforet_identity_grpc::client::TokenClient;
use cloudforet_identity_grpc::models::{
    GrantTokenInfoRoleType, GrantTokenRequest, GrantTokenRequestGrantType, GrantTokenRequestScope,
    IssueTokenRequest, IssueTokenRequestAuthType,
};
use cloudforet_identity_mock::jwt::TokenType;
use cloudforet_identity_mock::{Config, IdentityMock, User};
use serde_json::{json, Value};
use tonic::Code;

struct Mock {
    mock: Arc<IdentityMock>,
    rest: String,
    grpc: String,
}

async fn start() -> Mock {
    let config = Config {
        users: vec![
            "domain-1:alice:secret".parse::<User>().unwrap(),
            "domain-2:bob:hunter2".parse::<User>().unwrap(),
        ],
        ..Config::default()
    };
    let mock = Arc::new(IdentityMock::new(config));
    let rest = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let grpc = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let urls = (
        format!("http://{}", rest.local_addr().unwrap()),
        format!("http://{}", grpc.local_addr().unwrap()),
    );
    tokio::spawn(cloudforet_identity_mock::serve(rest, grpc, mock.clone()));
    Mock {
        mock,
        rest: urls.0,
        grpc: urls.1,
    }
}

fn issue_request(domain: &str, user: &str, password: &str) -> IssueTokenRequest {
    let credentials: BTreeMap<String, Value> = [
        ("user_id".to_string(), json!(user)),
        ("password".to_string(), json!(password)),
    ]
    .into_iter()
    .collect();
    IssueTokenRequest {
        credentials: Some(credentials),
        domain_id: domain.into(),
        auth_type: IssueTokenRequestAuthType::Local,
        ..Default::default()
    }
}

fn grant_request(token: &str, scope: GrantTokenRequestScope, workspace: &str) -> GrantTokenRequest {
    GrantTokenRequest {
        grant_type: GrantTokenRequestGrantType::RefreshToken,
        token: token.into(),
        scope,
        workspace_id: workspace.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn grpc_issue_and_grant_answer_like_cloudforet() {
    let m = start().await;
    let client = TokenClient::connect(m.grpc.clone()).await.unwrap();
    let tokens = client
        .issue(issue_request("domain-1", "alice", "secret"))
        .await
        .unwrap();
    let access = m
        .mock
        .verify(&tokens.access_token)
        .expect("a valid access token");
    let refresh = m
        .mock
        .verify(&tokens.refresh_token)
        .expect("a valid refresh token");
    assert_eq!(
        (access.ttype, refresh.ttype),
        (TokenType::Access, TokenType::Refresh)
    );
    assert_eq!(
        (access.sub.as_str(), access.did.as_str()),
        ("alice", "domain-1")
    );

    let domain = client
        .grant(grant_request(
            &tokens.refresh_token,
            GrantTokenRequestScope::Domain,
            "",
        ))
        .await
        .unwrap();
    assert_eq!(domain.role_type, GrantTokenInfoRoleType::DomainAdmin);
    assert_eq!(domain.domain_id, "domain-1");
    assert_eq!(domain.workspace_id, "", "no workspace for DOMAIN scope");
    assert_eq!(m.mock.verify(&domain.access_token).unwrap().scope, "DOMAIN");

    let ws = client
        .grant(grant_request(
            &tokens.refresh_token,
            GrantTokenRequestScope::Workspace,
            "workspace-7",
        ))
        .await
        .unwrap();
    assert_eq!(ws.role_type, GrantTokenInfoRoleType::WorkspaceOwner);
    assert_eq!(ws.workspace_id, "workspace-7");
    assert_eq!(
        m.mock.verify(&ws.access_token).unwrap().wid.as_deref(),
        Some("workspace-7")
    );
}

#[tokio::test]
async fn grpc_failures_carry_status_codes_and_cloudforet_error_codes() {
    let m = start().await;
    let client = TokenClient::connect(m.grpc.clone()).await.unwrap();
    let err = client
        .issue(issue_request("domain-1", "alice", "wrong"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(Code::Unauthenticated), "{err}");
    let fault = Fault::from_status(err.status().unwrap());
    assert_eq!(fault.error_code, "ERROR_AUTHENTICATE_FAILURE");
    // A user of another domain is not found in this one.
    let err = client
        .issue(issue_request("domain-1", "bob", "hunter2"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(Code::Unauthenticated));
    // An access token is not a refresh token.
    let tokens = client
        .issue(issue_request("domain-2", "bob", "hunter2"))
        .await
        .unwrap();
    let err = client
        .grant(grant_request(
            &tokens.access_token,
            GrantTokenRequestScope::Domain,
            "",
        ))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(Code::Unauthenticated));
    let err = client
        .grant(grant_request(
            &tokens.refresh_token,
            GrantTokenRequestScope::Workspace,
            "",
        ))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(Code::InvalidArgument), "{err}");
    let err = client
        .grant(grant_request(
            &tokens.refresh_token,
            GrantTokenRequestScope::System,
            "",
        ))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(Code::PermissionDenied));
}

async fn post(url: &str, body: Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(url)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn rest_face_answers_the_same_with_absent_fields_omitted() {
    let m = start().await;
    let issue = format!("{}/identity/v2/token/issue", m.rest);
    let grant = format!("{}/identity/v2/token/grant", m.rest);
    let (status, tokens) = post(
        &issue,
        json!({"credentials": {"user_id": "alice", "password": "secret"}, "auth_type": "LOCAL", "domain_id": "domain-1"}),
    )
    .await;
    assert_eq!(status, 200, "{tokens}");
    let refresh = tokens["refresh_token"].as_str().unwrap();
    assert!(m.mock.verify(refresh).is_some());

    let (status, body) = post(
        &grant,
        json!({"grant_type": "REFRESH_TOKEN", "token": refresh, "scope": "DOMAIN"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let mut keys: Vec<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["access_token", "domain_id", "role_id", "role_type"],
        "{body}"
    );
    assert_eq!(body["role_type"], "DOMAIN_ADMIN");

    let (status, body) = post(
        &grant,
        json!({"grant_type": "REFRESH_TOKEN", "token": refresh, "scope": "WORKSPACE", "workspace_id": "ws-1"}),
    )
    .await;
    assert_eq!(
        (status, &body["workspace_id"]),
        (200, &json!("ws-1")),
        "{body}"
    );

    // The same failure as over gRPC: 401, gRPC code 16, the same message.
    let (status, body) = post(
        &issue,
        json!({"credentials": {"user_id": "alice", "password": "nope"}, "domain_id": "domain-1"}),
    )
    .await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["code"], 16);
    let client = TokenClient::connect(m.grpc.clone()).await.unwrap();
    let err = client
        .issue(issue_request("domain-1", "alice", "nope"))
        .await
        .unwrap_err();
    assert_eq!(body["message"], err.status().unwrap().message());
}

/// The generated `prost::Message` impls write what protobuf's own descriptors read, field by
/// field (prost-reflect over protox's compilation of the same proto), and read it back.
#[test]
fn binary_encoding_matches_the_proto_descriptors() {
    use prost::Message as _;
    use prost_reflect::{DynamicMessage, Value as Dyn};

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/cloudforet");
    let pool = protox::Compiler::new([&root])
        .unwrap()
        .open_file("spaceone/api/identity/v2/token.proto")
        .unwrap()
        .descriptor_pool();
    let mut request = issue_request("domain-1", "alice", "secret");
    request.timeout = -5;
    let bytes = request.encode_to_vec();
    let desc = pool
        .get_message_by_name("spaceone.api.identity.v2.IssueTokenRequest")
        .unwrap();
    let dynamic = DynamicMessage::decode(desc, bytes.as_slice()).unwrap();
    assert_eq!(
        dynamic.get_field_by_name("domain_id").unwrap().as_str(),
        Some("domain-1")
    );
    assert_eq!(
        dynamic
            .get_field_by_name("auth_type")
            .unwrap()
            .as_enum_number(),
        Some(1)
    );
    assert_eq!(
        dynamic.get_field_by_name("timeout").unwrap().as_i32(),
        Some(-5)
    );
    assert!(
        !dynamic.has_field_by_name("verify_code"),
        "defaults are not written"
    );
    let creds = dynamic.get_field_by_name("credentials").unwrap();
    let fields = creds
        .as_message()
        .unwrap()
        .get_field_by_name("fields")
        .unwrap();
    let Dyn::Map(map) = fields.as_ref() else {
        panic!("Struct.fields is a map")
    };
    assert_eq!(map.len(), 2);
    // And back: bytes written by prost-reflect decode into the generated type.
    let again = IssueTokenRequest::decode(dynamic.encode_to_vec().as_slice()).unwrap();
    assert_eq!(again, request);

    let grant = GrantTokenRequest {
        permissions: vec!["a".into(), "b".into()],
        scope: GrantTokenRequestScope::from_number(42),
        ..grant_request("t", GrantTokenRequestScope::Domain, "ws")
    };
    let decoded = GrantTokenRequest::decode(grant.encode_to_vec().as_slice()).unwrap();
    assert_eq!(decoded, grant, "unknown enum numbers survive");
    assert_eq!(decoded.scope.number(), Some(42));
}
