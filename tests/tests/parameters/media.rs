//! Several media types on one body or response (`PUT /filters`: a body in JSON or XML, an
//! answer in JSON or CSV). The generated client sends JSON and decodes JSON by default;
//! `body_as` sends another declared media type as raw bytes, `send_as` asks for another
//! declared response media type and gives the raw bytes; undeclared media types are refused
//! before anything is sent. Checked on a capturing listener over real TCP on 127.0.0.1.

use super::{client, filter, serve};
use axum::http::{HeaderMap, StatusCode};
use parameters_client::Error;

/// What the listener saw: `Content-Type`, `Accept` and the body.
type Seen = (String, String, String);

/// A listener on `PUT /filters` that reports each request and answers CSV when asked for it,
/// 400 with a JSON body when the body says `fail`, JSON otherwise.
async fn capture() -> (String, tokio::sync::mpsc::UnboundedReceiver<Seen>) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<Seen>();
    let router = axum::Router::new().route(
        "/filters",
        axum::routing::put(move |headers: HeaderMap, body: axum::body::Bytes| {
            let tx = tx.clone();
            async move {
                let header = |name: &str| {
                    headers
                        .get(name)
                        .map(|v| v.to_str().unwrap().to_string())
                        .unwrap_or_default()
                };
                let body = String::from_utf8_lossy(&body).into_owned();
                let (ct, accept) = (header("content-type"), header("accept"));
                tx.send((ct, accept.clone(), body.clone())).unwrap();
                if body.contains("fail") {
                    let error = serde_json::json!({"message": "no"}).to_string();
                    return (
                        StatusCode::BAD_REQUEST,
                        [("content-type", "application/json")],
                        error,
                    );
                }
                if accept == "text/csv" {
                    return (
                        StatusCode::OK,
                        [("content-type", "text/csv")],
                        "field,min\nname,2\n".into(),
                    );
                }
                let json = serde_json::json!({"field": "name", "min": 2}).to_string();
                (StatusCode::OK, [("content-type", "application/json")], json)
            }
        }),
    );
    (serve(router).await, rx)
}

#[tokio::test]
async fn a_body_in_another_declared_media_type_is_sent_as_is() {
    let (base, mut rx) = capture().await;
    let c = client(&base);
    let answer = c.put_filter(filter()).send().await.unwrap();
    assert_eq!(*answer, filter());
    let (ct, accept, body) = rx.recv().await.unwrap();
    assert_eq!(
        (ct.as_str(), accept.as_str()),
        ("application/json", "application/json")
    );
    assert_eq!(body, r#"{"field":"name","min":2}"#);

    let answer = c
        .put_filter(filter())
        .body_as("application/xml", "<Filter field=\"x\"/>")
        .send()
        .await
        .unwrap();
    assert_eq!(*answer, filter(), "the answer is still decoded as JSON");
    let (ct, _, body) = rx.recv().await.unwrap();
    assert_eq!(ct, "application/xml");
    assert_eq!(body, "<Filter field=\"x\"/>", "the typed body is not sent");

    // Parameters and case do not matter; the media type is sent as given.
    c.put_filter(filter())
        .body_as("Application/XML; charset=utf-8", "<Filter/>")
        .send()
        .await
        .unwrap();
    assert_eq!(rx.recv().await.unwrap().0, "Application/XML; charset=utf-8");
}

#[tokio::test]
async fn an_undeclared_media_type_is_refused_before_sending() {
    let (base, mut rx) = capture().await;
    let c = client(&base);
    let err = c
        .put_filter(filter())
        .body_as("application/yaml", "field: x")
        .send()
        .await
        .unwrap_err();
    let Error::InvalidRequest(message) = err else {
        panic!("expected InvalidRequest, got {err:?}")
    };
    assert_eq!(
        message,
        "the body media type `application/yaml` is not declared by the operation \
         (it declares `application/json`, `application/xml`)"
    );
    let err = c
        .put_filter(filter())
        .send_as("application/pdf")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidRequest(m) if m.contains("`text/csv`")),
        "{err:?}"
    );
    assert!(rx.try_recv().is_err(), "nothing was sent");
}

#[tokio::test]
async fn a_response_in_another_declared_media_type_is_raw_bytes() {
    let (base, mut rx) = capture().await;
    let c = client(&base);
    let csv = c.put_filter(filter()).send_as("text/csv").await.unwrap();
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()["content-type"], "text/csv");
    let bytes = csv.into_inner().collect().await.unwrap();
    assert_eq!(&bytes[..], b"field,min\nname,2\n");
    let (ct, accept, body) = rx.recv().await.unwrap();
    assert_eq!(
        (ct.as_str(), accept.as_str()),
        ("application/json", "text/csv")
    );
    assert_eq!(
        body, r#"{"field":"name","min":2}"#,
        "the typed body as usual"
    );

    // Both at once: XML in, CSV out.
    let csv = c
        .put_filter(filter())
        .body_as("application/xml", "<Filter/>")
        .send_as("text/csv")
        .await
        .unwrap();
    assert_eq!(
        &csv.into_inner().collect().await.unwrap()[..],
        b"field,min\nname,2\n"
    );
    assert_eq!(rx.recv().await.unwrap().0, "application/xml");

    // An error status: the JSON body as a free-form value.
    let err = c
        .put_filter(filter())
        .body_as("application/xml", "<fail/>")
        .send_as("text/csv")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(err.api_body().unwrap()["message"], "no");
}
