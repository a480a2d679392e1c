//! The hand-written baseline of the runtime benchmark does the same work as the generated
//! stack: same answers on the wire for the benchmark's cycle. No timing is checked here.

use apigen_bench::load::{self, LoadConfig};
use apigen_bench::stack::{self, Kind};
use ionos_auth_mock::{DEMO_PASSWORD, DEMO_USER};

/// Status and JSON body of a raw request with the demo user's credentials.
async fn raw(method: reqwest::Method, url: String) -> (u16, serde_json::Value) {
    let response = reqwest::Client::new()
        .request(method, url)
        .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn both_stacks_answer_alike() {
    let mut answers = Vec::new();
    for kind in Kind::ALL {
        let s = stack::start(kind).await.unwrap();
        s.caller.cycle().await.unwrap();
        assert_eq!(s.mock.token_count(), 0);
        let (status, jwt) = raw(
            reqwest::Method::GET,
            format!("{}/tokens/generate?ttl=60", s.base),
        )
        .await;
        assert_eq!(status, 200);
        let id = stack::kid(jwt["token"].as_str().unwrap()).unwrap();
        let (_, mut one) = raw(reqwest::Method::GET, format!("{}/tokens/{id}", s.base)).await;
        // Ids and dates differ between runs; the shape must not.
        for key in ["id", "href", "createdDate", "expirationDate"] {
            assert!(one[key].is_string(), "{kind:?}: {key} in {one}");
            one[key] = serde_json::Value::Null;
        }
        let list = raw(reqwest::Method::GET, format!("{}/tokens", s.base)).await;
        let deleted = raw(reqwest::Method::DELETE, format!("{}/tokens/{id}", s.base)).await;
        let mut missing = raw(reqwest::Method::GET, format!("{}/tokens/{id}", s.base)).await;
        let message = &mut missing.1["messages"][0]["message"];
        *message = message.as_str().unwrap().replace(&id, "ID").into();
        answers.push((
            one,
            list.1["tokens"].as_array().unwrap().len(),
            deleted,
            missing,
        ));
    }
    assert_eq!(answers[0], answers[1]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_loop_runs() {
    let generated = stack::start(Kind::Generated).await.unwrap();
    let baseline = stack::start(Kind::Baseline).await.unwrap();
    let report = load::run(&[&generated, &baseline], &LoadConfig::smoke())
        .await
        .unwrap();
    let samples = report.samples("generated").unwrap();
    assert_eq!(samples.len(), 1);
    assert_eq!(samples[0].sequential.requests, 20);
    assert_eq!(
        report.samples("baseline").unwrap()[0].concurrent.requests,
        32
    );
    assert!(report.table().contains("generated/base"));
    assert_eq!(
        generated.mock.token_count() + baseline.mock.token_count(),
        0
    );
}

#[test]
fn serde_baseline_matches_the_generated_model() {
    let generated = apigen_bench::sample_tokens(3);
    let bytes = serde_json::to_vec(&generated).unwrap();
    let hand: apigen_bench::baseline::models::Tokens = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(serde_json::to_vec(&hand).unwrap(), bytes);
    let empty = serde_json::to_string(&apigen_bench::baseline::models::Tokens { tokens: None });
    assert_eq!(empty.unwrap(), "{}");
}
