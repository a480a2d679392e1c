//! `ionos-auth-mock [--listen ADDR] [--user NAME:PASSWORD:CONTRACT[,CONTRACT…]]… [--secret S]
//! [--rate-limit N] [--rate-window-secs S]`: serves the mock Auth API.

use std::process::ExitCode;
use std::time::Duration;

use ionos_auth_mock::{AuthMock, Config, User};

const USAGE: &str = "usage: ionos-auth-mock [--listen ADDR] [--user NAME:PASSWORD:CONTRACT[,CONTRACT...]]... [--secret SECRET] [--rate-limit N] [--rate-window-secs S]";

fn parse(args: &[String]) -> Result<(String, Config), String> {
    let mut listen = "127.0.0.1:8080".to_string();
    let mut config = Config::default();
    let mut users = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--listen" => listen = value()?,
            "--user" => users.push(value()?.parse::<User>().map_err(|e| e.to_string())?),
            "--secret" => config.secret = Some(value()?.into_bytes()),
            "--rate-limit" => {
                config.rate_limit.limit = value()?
                    .parse()
                    .map_err(|_| format!("--rate-limit needs a number\n{USAGE}"))?
            }
            "--rate-window-secs" => {
                let secs: u64 = value()?
                    .parse()
                    .map_err(|_| format!("--rate-window-secs needs a number\n{USAGE}"))?;
                config.rate_limit.window = Duration::from_secs(secs.max(1));
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    if !users.is_empty() {
        config.users = users;
    }
    Ok((listen, config))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (listen, config) = match parse(&args) {
        Ok(v) => v,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(&listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {listen}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or(listen);
    println!("IONOS Auth API mock listening on http://{address}");
    for user in &config.users {
        println!(
            "  user {} / {} (contracts {:?})",
            user.name, user.password, user.contracts
        );
    }
    let limit = config.rate_limit;
    println!(
        "  rate limit: {} requests per {:?} per credential",
        limit.limit, limit.window
    );
    println!(
        "  try: curl -u {}:{} http://{address}/tokens/generate?ttl=60",
        config
            .users
            .first()
            .map(|u| u.name.as_str())
            .unwrap_or("user"),
        config
            .users
            .first()
            .map(|u| u.password.as_str())
            .unwrap_or("password")
    );
    match ionos_auth_mock::serve(listener, AuthMock::new(config)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("server error: {e}");
            ExitCode::FAILURE
        }
    }
}
