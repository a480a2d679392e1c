//! Typed number and boolean enums, and the size limits of a named list schema a property
//! refers to (`PUT /settings` in `tests/fixtures/conformance/parameters.yaml`): values
//! round-trip as the numbers and booleans they are, the server answers values outside the
//! enum or the limits with 400 naming the field, the client refuses them before sending.

use super::{client, serve, EchoServer};
use parameters_models::{Ratio, Settings, SettingsEnabled};

fn settings(ratio: Ratio, tags: &[&str]) -> Settings {
    Settings {
        ratio,
        enabled: Some(SettingsEnabled::True),
        tags: tags.iter().map(|t| t.to_string()).collect(),
    }
}

#[test]
fn number_and_boolean_enums_are_their_json_values() {
    let json = serde_json::to_value(settings(Ratio::N05, &["a"])).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"ratio": 0.5, "enabled": true, "tags": ["a"]})
    );
    let read: Settings = serde_json::from_str(r#"{"ratio": 2.5, "tags": ["x"]}"#).unwrap();
    assert_eq!(read.ratio, Ratio::N25);
    let one: Settings = serde_json::from_str(r#"{"ratio": 1, "tags": ["x"]}"#).unwrap();
    assert_eq!(one.ratio, Ratio::N10, "1 and 1.0 are the same JSON number");
    for bad in [
        r#"{"ratio": 0.7, "tags": ["x"]}"#,
        r#"{"ratio": "0.5", "tags": ["x"]}"#,
        r#"{"ratio": 0.5, "enabled": false, "tags": ["x"]}"#,
        r#"{"ratio": 0.5, "enabled": "true", "tags": ["x"]}"#,
    ] {
        assert!(serde_json::from_str::<Settings>(bad).is_err(), "{bad}");
    }
    assert_eq!("2.5".parse::<Ratio>().unwrap(), Ratio::N25);
}

#[tokio::test]
async fn enums_and_list_limits_between_client_and_server() {
    let base = serve(parameters_server::router(EchoServer)).await;
    let c = client(&base);
    let stored = c
        .put_settings(settings(Ratio::N25, &["a", "b"]))
        .send()
        .await
        .unwrap();
    assert_eq!(*stored, settings(Ratio::N25, &["a", "b"]));
    for tags in [&[][..], &["a", "a"], &["a", "b", "c", "d"]] {
        let err = c
            .put_settings(settings(Ratio::N05, tags))
            .send()
            .await
            .unwrap_err();
        assert!(err.to_string().contains("tags"), "{tags:?}: {err}");
    }
    let http = reqwest::Client::new();
    for body in [
        serde_json::json!({"ratio": 0.7, "tags": ["a"]}),
        serde_json::json!({"ratio": 0.5, "enabled": false, "tags": ["a"]}),
        serde_json::json!({"ratio": 0.5, "tags": []}),
        serde_json::json!({"ratio": 0.5, "tags": ["a", "a"]}),
        serde_json::json!({"ratio": 0.5, "tags": ["a", "b", "c", "d"]}),
    ] {
        let response = http
            .put(format!("{base}/settings"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{body}");
        let error: serde_json::Value = response.json().await.unwrap();
        let message = error["message"].as_str().unwrap_or_default();
        assert!(
            ["ratio", "enabled", "tags"]
                .iter()
                .any(|f| message.contains(f)),
            "{body}: {message}"
        );
    }
}
