//! The client backend on hand-built APIs: the generated file parses and has the expected shape.
//! (Whether it compiles warning-free is checked on the configured specs by building the
//! generated crates; `write_fixture_crates` writes the kitchen sink for the same check.)

use crate::operations::fixture::{self, opts};
use crate::Options;

/// The generated `lib.rs` with all whitespace removed, for `contains` checks.
fn squeezed(api: &apigen_ir::Api) -> (String, String) {
    let files = crate::client(api, &opts()).unwrap();
    let lib = files
        .iter()
        .find(|f| f.path == "src/lib.rs")
        .unwrap()
        .contents
        .clone();
    let manifest = files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .unwrap()
        .contents
        .clone();
    (squeeze(&lib), manifest)
}

/// Without whitespace and the trailing commas prettyplease adds where it breaks lines.
pub(crate) fn squeeze(text: &str) -> String {
    let s: String = text.split_whitespace().collect();
    s.replace(",)", ")")
        .replace(",]", "]")
        .replace(",}", "}")
        .replace(",>", ">")
}

#[test]
fn kitchen_sink_shape() {
    let (lib, manifest) = squeezed(&fixture::api());
    for expected in [
        // No usable default server (`{region}`): the base URL is an argument.
        "::apigen_runtime::client_impl!(Client,ClientBuilder);",
        // Two API keys: one setter each; Basic; no bearer scheme.
        "credential_setter!(api_key_x_api_key=\"X-Api-Key\");",
        "credential_setter!(api_key_api_key=\"api_key\");",
        "credential_setter!(basic);",
        // The optional X-Request-Id header becomes a client-wide default.
        "pubfnx_request_id(mutself,value:::uuid::Uuid)",
        // Several success and error bodies: enums.
        "pubenumCreatePetSuccess{",
        "Created(models::Pet),",
        "NoContent,",
        "pubenumCreatePetErrorBody{",
        "Conflict,",
        "Status5xx(::serde_json::Value),",
        "201=>response.json_with(crate::responses::CreatePetSuccess::Created),",
        "response.api_error_empty(crate::responses::CreatePetErrorBody::Conflict)",
        "500..=599=>",
        // `default` catches everything else: no trailing unexpected arm after it.
        "_=>Err(response.api_error()),}",
        // Keyword operation and deprecation.
        "#[deprecated]pubfnr#type(&self)",
        // Proto-like operation: no documented error → any non-2xx is `Error::Api` with JSON.
        "_=>response.undocumented(),",
        "200=>Ok(response.empty(())),",
        // Client-side checks: alias bounds, bounds of list items.
        "ifletSome(value)=&self.limit{letchecked=rt::Bounds::new().min(1).max(100).check(*value);request.check_param(\"limit\",checked);}",
        "forvalueinself.ids.iter().flatten(){letchecked=rt::Bounds::new().min(1).check(*value);request.check_param(\"ids\",checked);}",
        // Query encodings: exploded list, comma list, RFC 3339, JSON object.
        "foriteminvalue.iter(){request.query(\"tags\",",
        ".join(\",\")",
        "to_rfc3339()",
        "::apigen_runtime::client::to_json_text(value)?",
        "request.cookie(\"session\",",
        // Multi-segment path variable keeps `/`.
        "request.path_param(&self.path_2,true);",
        // Typed response headers.
        "fnx_total(&self)->::std::option::Option<i64>",
        "pubtraitResponseHeaders:::apigen_runtime::client::HeaderSource",
        // Checks and encodings refuse the request inside it: built in `send` itself.
        "rt::send(&self.client.core,request,decode)",
        "request.check_body(models::Validate::validate(&self.body));",
    ] {
        assert!(lib.contains(squeeze(expected).trim_end_matches(',')), "missing `{expected}`");
    }
    assert!(!lib.contains("credential_setter!(bearer)"));
    assert!(manifest.contains("kitchen-models = { version = \"0.1.0\", path = \"../kitchen-models\" }"));
    assert!(!manifest.contains("workspace"), "generated manifests stand alone");
    assert!(manifest.contains("doctest = true"));
}

#[test]
fn tokens_shape() {
    let (lib, _) = squeezed(&fixture::tokens_api());
    for expected in [
        "client_impl!(Client,ClientBuilder,\"https://api.example.com/auth/v1\");",
        "credential_setter!(bearer);",
        "pubfnx_contract_number(mutself,value:i32)->Self",
        "self.x_contract_number.as_ref().or(self.client.defaults.x_contract_number.as_ref())",
        "#[inline]pubfnsend(self)->rt::Sending<'a,",
        "letdecode=|response:rt::RawResponse|matchresponse.code(){",
        "request.header(\"X-Contract-Number\",&(value).to_string());",
        "rt::send(&self.client.core,request,decode)",
        "models::Error>",
        "200=>response.json(),401=>Err(response.api_error()),_=>response.otherwise(),",
        "&[&[rt::Scheme::Basic],&[rt::Scheme::Bearer]]",
        "fnx_rate_limit_remaining(&self)->::std::option::Option<i32>",
        "//!.basic_auth(\"user\",\"password\")",
    ] {
        assert!(lib.contains(squeeze(expected).trim_end_matches(',')), "missing `{expected}`");
    }
    // A header value that cannot be sent refuses the request inside the `RequestSpec`: the
    // request is built in `send` itself, no `request()` beside it.
    assert!(!lib.contains("fnrequest("));
}

#[test]
fn output_is_deterministic() {
    let a = crate::client(&fixture::api(), &opts()).unwrap();
    let b = crate::client(&fixture::api(), &opts()).unwrap();
    assert_eq!(a, b);
}

/// Writes the kitchen-sink crates for a compile check:
/// `APIGEN_FIXTURE_DIR=generated cargo test -p apigen-rust write_fixture_crates -- --ignored`,
/// then `cargo clippy -p kitchen-client -p kitchen-server`, then delete the three directories.
#[test]
#[ignore = "writes files; run by hand to compile-check the fixture"]
fn write_fixture_crates() {
    let Ok(dir) = std::env::var("APIGEN_FIXTURE_DIR") else {
        return;
    };
    let api = fixture::api();
    let o = opts();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(dir);
    for (name, files) in [
        (&o.models_crate, crate::models(&api, &o).unwrap()),
        (&o.client_crate, crate::client(&api, &o).unwrap()),
        (&o.server_crate, crate::server(&api, &o).unwrap()),
    ] {
        for f in files {
            let path = root.join(name).join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, f.contents).unwrap();
        }
    }
}

/// With an environment prefix the builder reads `<PREFIX>_API_URL` and the variables of the
/// schemes the API has (kitchen sink: Basic and two API keys, so no `_TOKEN` and no `_API_KEY`);
/// without one there is no `env`.
#[test]
fn environment_variables_follow_the_prefix_and_the_schemes() {
    let lib = |opts: &Options| {
        let files = crate::client(&fixture::api(), opts).unwrap();
        squeeze(&files.iter().find(|f| f.path == "src/lib.rs").unwrap().contents)
    };
    let plain = lib(&opts());
    assert!(!plain.contains("pubfnenv(") && !plain.contains("_API_URL"));
    let with = lib(&Options {
        env_prefix: Some("ACME".into()),
        ..opts()
    });
    for expected in [
        "pubfnenv(self)->Self",
        "api_url:::std::option::Option::Some(\"ACME_API_URL\")",
        "username:::std::option::Option::Some(\"ACME_USERNAME\")",
        "password:::std::option::Option::Some(\"ACME_PASSWORD\")",
        "token:::std::option::Option::None",
        "api_key:::std::option::Option::None",
    ] {
        assert!(with.contains(expected), "missing `{expected}`");
    }
    assert!(!with.contains("pubfnfrom_env()"), "no default base URL, no from_env");
}

/// The client printed operation by operation (`client_files`, what `client` and the pipeline
/// use) is the same text as its tokens printed in one part (`emit_client` + `format`).
#[test]
fn streamed_client_is_the_whole_client() {
    let mut empty = fixture::tokens_api();
    empty.services.iter_mut().for_each(|s| s.operations.clear());
    for api in [fixture::api(), fixture::tokens_api(), empty] {
        let naming = crate::Naming::new(&api);
        let streamed = crate::client_files(&api, &fixture::opts(), &naming).unwrap();
        let whole = crate::emit_client(&api, &fixture::opts(), &naming)
            .format()
            .unwrap();
        assert_eq!(streamed, whole);
    }
}
