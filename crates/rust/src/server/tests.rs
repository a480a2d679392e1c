//! The server backend on hand-built APIs: the generated file parses and has the expected
//! shape. Behaviour is tested end to end against the IONOS mock (`tests/tests/e2e_ionos.rs`).

use crate::client::tests::squeeze;
use crate::operations::fixture;

fn lib(api: &apigen_ir::Api) -> String {
    let files = crate::server(api, &fixture::opts()).unwrap();
    let manifest = &files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .unwrap()
        .contents;
    assert!(manifest.contains("apigen-runtime = { version = \"0.1.0\", default-features = false, features = [\"server\"] }"));
    squeeze(
        &files
            .iter()
            .find(|f| f.path == "src/lib.rs")
            .unwrap()
            .contents,
    )
}

fn assert_has(lib: &str, expected: &[&str]) {
    for e in expected {
        assert!(
            lib.contains(squeeze(e).trim_end_matches(',')),
            "missing `{e}`"
        );
    }
}

#[test]
fn kitchen_sink_shape() {
    let lib = lib(&fixture::api());
    assert_has(
        &lib,
        &[
            "pubtraitKitchenSinkApi:Send+Sync+'static",
            // Anonymous access allowed: optional credentials; AND-ed schemes: required ones.
            "fnlist_pets(&self,credentials:::std::option::Option<rt::Credentials>,request:ListPetsRequest)",
            "fncreate_pet(&self,credentials:rt::Credentials,request:CreatePetRequest)",
            // No security: no credentials argument.
            "fnping(&self,request:PingRequest)",
            "#[deprecated]fnr#type(&self,request:TypeRequest)",
            // The API's error schema for the router's own answers.
            "fnrejection_body(&self,rejection:&rt::Rejection)->crate::models::Problem;",
            // Defaults applied, bounds of the alias checked.
            "publimit:crate::models::Limit,",
            // (one statement: the value parsed, or the default when absent)
            "letlimit=query.value(\"limit\",",
            ")?.unwrap_or(20);",
            "pubkind:crate::models::PetKind,",
            ")?.unwrap_or(crate::models::PetKind::Dog);",
            "rt::check_param(\"limit\",rt::ParamLocation::Query,rt::Bounds::new().min(1).max(100).check(limit))?;",
            "forvalueinids.iter().flatten(){rt::check_param(\"ids\",rt::ParamLocation::Query,rt::Bounds::new().min(1).check(*value))?;}",
            // Lists: exploded and comma-separated; objects as JSON; cookies.
            "letraws=query.all(\"tags\");",
            "rt::split_list(raw)",
            "rt::parse_json(raw,\"filter\",",
            "rt::cookie(&parts,\"session\").as_deref()",
            // Required header, body checked against the schema.
            // (a required parameter is one statement: its value, refused when absent)
            "letx_request_id=rt::required(rt::header_value(&parts,\"X-Request-Id\",",
            ",\"X-Request-Id\",rt::ParamLocation::Header,)?;",
            // (a required JSON body: read, decoded, required and validated in one runtime call)
            "=rt::json_request(&parts,body).await?;",
            // Methods answer `Result<Response, Error>`.
            "->implrt::Future<Output=Result<CreatePetResponse,Error>>+Send;",
            "pubtypeError=rt::ApiError<crate::models::Problem,ResponseHeaders>;",
            // Response variants by reason phrase, ranges and default with a status; errors in
            // the API's error schema are `Error`s, not variants.
            "pubenumCreatePetResponse{",
            "Created(crate::models::Pet,ResponseHeaders),",
            "NoContent,",
            "Conflict,",
            "Status5xx(rt::StatusCode,::serde_json::Value),",
            "pubfncreated(body:crate::models::Pet)->Self{Self::Created(body,ResponseHeaders::default())}",
            "Self::Created(..)=>rt::StatusCode::CREATED,",
            "Self::Status5xx(status,..)=>*status,",
            "Self::NoContent=>rt::empty_response(status);",
            "rt::with_headers(rt::json_response(status,body),headers)",
            // Routes: positional captures, wildcard, grouped methods, fallbacks.
            ".route(\"/pets/{v0}/photo/{*v1}\",",
            ".on(rt::MethodFilter::POST,handle_create_pet::<T>)",
            ".method_not_allowed_fallback(method_not_allowed::<T>).fallback(not_found::<T>)",
            // Unroutable operations are reported, not routed (axum would panic).
            "not served: `GET /files/{name}.json`",
            "`GET /pets` is already served by `ListPets`",
            "pubstructResponseHeaders{",
            "implrt::WriteHeadersforResponseHeaders{fnwrite_headers(&self,response:&mutrt::Response)",
        ],
    );
    assert!(
        !lib.contains("Default(rt::StatusCode,crate::models::Problem)"),
        "`default` in the error schema is an `Error`"
    );
    assert!(
        !lib.contains("fnget_file"),
        "unroutable operations are not in the trait"
    );
}

#[test]
fn tokens_shape() {
    let lib = lib(&fixture::tokens_api());
    assert_has(
        &lib,
        &[
            "pubtraitAuthApi:",
            "fncreate_token(&self,credentials:rt::Credentials,request:CreateTokenRequest)",
            // Each distinct list of security alternatives is one constant.
            "constSECURITY_0:&[&[rt::Scheme]]=&[&[rt::Scheme::Basic],&[rt::Scheme::Bearer]];",
            "letcredentials=rt::require_credentials(&parts,SECURITY_0)?;",
            "letttl=query.value(\"ttl\",\"aninteger(int32)\")?.unwrap_or(3600);",
            "pubx_rate_limit_remaining:::std::option::Option<i32>,",
            "fnrejection_body(&self,rejection:&rt::Rejection)->crate::models::Error;",
        ],
    );
}

#[test]
fn default_error_body_when_none_is_declared() {
    let mut api = fixture::tokens_api();
    for op in api
        .services
        .iter_mut()
        .flat_map(|s| s.operations.iter_mut())
    {
        op.responses.retain(|r| r.status.is_success());
        op.security.clear();
    }
    let lib = lib(&api);
    assert_has(
        &lib,
        &[
            "pubuse::apigen_runtime::server::ErrorStatus;",
            "fncreate_token(&self,request:CreateTokenRequest)",
            "pubtypeError=rt::ApiError<rt::ErrorStatus,ResponseHeaders>;",
            "&rt::ErrorStatus::from(rejection)",
            "asyncfnnot_found(uri:::axum::http::Uri)",
        ],
    );
    assert!(!lib.contains("rejection_body"));
}

/// The server's parts dealt into any number of shares (printed apart, on threads of their
/// own in codegen) join into the same files as printing them in one go, and into the same text
/// as formatting the whole emitted token stream.
#[test]
fn shares_join_into_the_same_files() {
    let api = fixture::api();
    let opts = fixture::opts();
    let whole = crate::server(&api, &opts).unwrap();
    let naming = crate::Naming::new(&api);
    assert_eq!(
        whole,
        crate::emit_server(&api, &opts, &naming).format().unwrap()
    );
    for n in [2, 3, 7, 100] {
        let shares = (0..n)
            .map(|k| crate::server_share(&api, &opts, &naming, k, n).unwrap())
            .collect();
        assert_eq!(
            whole,
            crate::server_from_shares(&api, &opts, &naming, shares).unwrap(),
            "{n} shares"
        );
    }
    let two = (0..2)
        .map(|k| crate::server_share(&api, &opts, &naming, k, 2).unwrap())
        .collect::<Vec<_>>();
    assert!(crate::server_from_shares(&api, &opts, &naming, two[..1].to_vec()).is_err());
}
