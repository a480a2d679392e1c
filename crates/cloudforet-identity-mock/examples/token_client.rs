//! The generated Rust gRPC client (`cloudforet-identity-grpc`) calling a Token server:
//! `cargo run -p cloudforet-identity-mock --example token_client -- http://127.0.0.1:50051
//! DOMAIN USER PASSWORD`. Issues tokens, grants DOMAIN and WORKSPACE scopes, tries a wrong
//! password; prints one `ok: …` line per check and exits non-zero on the first failure.
//! `scripts/grpc-interop.sh` runs it against a server built on Cloudforet's Python stubs.

use std::collections::BTreeMap;
use std::process::ExitCode;

use cloudforet_identity_grpc::client::TokenClient;
use cloudforet_identity_grpc::models::{
    GrantTokenInfoRoleType, GrantTokenRequest, GrantTokenRequestGrantType, GrantTokenRequestScope,
    IssueTokenRequest, IssueTokenRequestAuthType,
};
use cloudforet_identity_grpc::Fault;

fn check(ok: bool, what: &str) -> Result<(), String> {
    if ok {
        println!("ok: {what}");
        Ok(())
    } else {
        Err(format!("FAILED: {what}"))
    }
}

async fn run(args: &[String]) -> Result<(), String> {
    let [endpoint, domain, user, password] = args else {
        return Err("usage: token_client ENDPOINT DOMAIN USER PASSWORD".into());
    };
    let client = TokenClient::connect(endpoint.clone())
        .await
        .map_err(|e| e.to_string())?;
    let credentials = |password: &str| {
        let mut c = BTreeMap::new();
        c.insert("user_id".to_string(), serde_json::json!(user));
        c.insert("password".to_string(), serde_json::json!(password));
        IssueTokenRequest {
            credentials: Some(c),
            domain_id: domain.clone(),
            auth_type: IssueTokenRequestAuthType::Local,
            ..Default::default()
        }
    };
    let tokens = client
        .issue(credentials(password))
        .await
        .map_err(|e| format!("issue: {e}"))?;
    check(
        !tokens.access_token.is_empty() && !tokens.refresh_token.is_empty(),
        "issue answers both tokens",
    )?;
    let grant = |scope, workspace: &str| GrantTokenRequest {
        grant_type: GrantTokenRequestGrantType::RefreshToken,
        token: tokens.refresh_token.clone(),
        scope,
        workspace_id: workspace.into(),
        ..Default::default()
    };
    let domain_grant = client
        .grant(grant(GrantTokenRequestScope::Domain, ""))
        .await
        .map_err(|e| format!("grant: {e}"))?;
    check(
        domain_grant.role_type == GrantTokenInfoRoleType::DomainAdmin,
        "grant DOMAIN: role DOMAIN_ADMIN",
    )?;
    check(
        domain_grant.domain_id == *domain && domain_grant.workspace_id.is_empty(),
        "grant DOMAIN: domain, no workspace",
    )?;
    let ws = client
        .grant(grant(GrantTokenRequestScope::Workspace, "workspace-9"))
        .await
        .map_err(|e| format!("grant: {e}"))?;
    check(
        ws.workspace_id == "workspace-9",
        "grant WORKSPACE: workspace_id",
    )?;
    let err = client.issue(credentials("wrong")).await.err();
    let fault = err
        .as_ref()
        .and_then(|e| e.status())
        .map(Fault::from_status);
    check(
        fault.as_ref().is_some_and(|f| {
            f.code == tonic::Code::Unauthenticated && f.error_code == "ERROR_AUTHENTICATE_FAILURE"
        }),
        &format!("wrong password: UNAUTHENTICATED with ERROR_AUTHENTICATE_FAILURE ({fault:?})"),
    )
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
