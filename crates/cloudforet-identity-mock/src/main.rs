//! `cloudforet-identity-mock [--listen ADDR] [--grpc-listen ADDR] [--user DOMAIN:USER:PASSWORD]…
//! [--secret S]`: serves the mock Token service over REST and gRPC.

use std::process::ExitCode;
use std::sync::Arc;

use cloudforet_identity_mock::{Config, IdentityMock, User};

const USAGE: &str = "usage: cloudforet-identity-mock [--listen ADDR] [--grpc-listen ADDR] [--user DOMAIN:USER:PASSWORD]... [--secret SECRET]";

struct Args {
    listen: String,
    grpc_listen: String,
    config: Config,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut out = Args {
        listen: "127.0.0.1:8081".into(),
        grpc_listen: "127.0.0.1:50051".into(),
        config: Config::default(),
    };
    let mut users = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--listen" => out.listen = value()?,
            "--grpc-listen" => out.grpc_listen = value()?,
            "--user" => users.push(value()?.parse::<User>().map_err(|e| e.to_string())?),
            "--secret" => out.config.secret = Some(value()?.into_bytes()),
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    if !users.is_empty() {
        out.config.users = users;
    }
    Ok(out)
}

async fn bind(address: &str) -> Result<(tokio::net::TcpListener, String), String> {
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| format!("cannot listen on {address}: {e}"))?;
    let bound = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| address.to_string());
    Ok((listener, bound))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse(&args) {
        Ok(v) => v,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let (rest, grpc) = match (bind(&args.listen).await, bind(&args.grpc_listen).await) {
        (Ok(r), Ok(g)) => (r, g),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    println!("Cloudforet identity mock (spaceone.api.identity.v2.Token)");
    println!("  REST listening on http://{}", rest.1);
    println!("  gRPC listening on http://{}", grpc.1);
    for user in &args.config.users {
        println!(
            "  user {} / {} (domain {})",
            user.user_id, user.password, user.domain_id
        );
    }
    if let Some(u) = args.config.users.first() {
        println!(
            "  try: curl -s http://{}/identity/v2/token/issue -H 'content-type: application/json' -d '{{\"credentials\":{{\"user_id\":\"{}\",\"password\":\"{}\"}},\"auth_type\":\"LOCAL\",\"domain_id\":\"{}\"}}'",
            rest.1, u.user_id, u.password, u.domain_id
        );
    }
    let mock = Arc::new(IdentityMock::new(args.config));
    match cloudforet_identity_mock::serve(rest.0, grpc.0, mock).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("server error: {e}");
            ExitCode::FAILURE
        }
    }
}
