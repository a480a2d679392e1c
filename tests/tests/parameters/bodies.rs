//! Bodies of other media types (`tests/fixtures/conformance/parameters.yaml`, the same API as
//! the parameter styles): `multipart/form-data` with a file, text, a number, a list and a JSON
//! part; raw bytes (`application/octet-stream`, `*/*`) both ways; `text/plain`; a form; a body
//! offered in JSON and XML. The generated client and server agree over real TCP, the server
//! reads what other clients send (reqwest's own multipart writer), and malformed bodies are
//! answered with 4xx and an error body, never 500.

use super::{client, filter, serve, EchoServer};
use parameters_models::Upload;

/// What the server's `download` answers: bytes that are not UTF-8.
pub const DOWNLOAD: &[u8] = b"\x89PNG\r\n\x1a\n\x00\xff";

fn upload() -> Upload {
    Upload {
        file: vec![0xff, 0x00, b'-', b'-', b'\r', b'\n'].into(),
        note: Some("hi \"there\"".into()),
        count: 3,
        tags: Some(vec!["a".into(), "b c".into()]),
        filter: Some(filter()),
    }
}

#[tokio::test]
async fn multipart_between_client_and_server() {
    let base = serve(parameters_server::router(EchoServer)).await;
    let summary = client(&base)
        .upload(upload())
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(summary.file_size, 6);
    assert_eq!(summary.first_byte, Some(0xff));
    assert_eq!(summary.note.as_deref(), Some("hi \"there\""));
    assert_eq!(summary.count, 3);
    assert_eq!(summary.tags, Some(vec!["a".to_string(), "b c".to_string()]));
    assert_eq!(summary.filter, Some(filter()));
}

#[tokio::test]
async fn parts_carry_the_media_types_the_encoding_object_sets() {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let capture = axum::Router::new().route(
        "/upload",
        axum::routing::post(move |body: axum::body::Bytes| {
            let tx = tx.clone();
            async move {
                tx.send(String::from_utf8_lossy(&body).into_owned()).unwrap();
                axum::Json(serde_json::json!({"fileSize": 0, "count": 0}))
            }
        }),
    );
    let base = serve(capture).await;
    client(&base).upload(upload()).send().await.unwrap();
    let text = rx.recv().await.unwrap();
    // `image/png, image/jpeg`: the first is sent.
    assert!(
        text.contains("filename=\"file\"\r\nContent-Type: image/png\r\n\r\n"),
        "{text}"
    );
    assert!(
        text.contains("name=\"note\"\r\nContent-Type: text/markdown\r\n\r\nhi"),
        "{text}"
    );
    assert!(
        text.contains("name=\"filter\"\r\nContent-Type: application/json\r\n"),
        "the default stays: {text}"
    );
}

#[tokio::test]
async fn a_multipart_answer_has_its_boundary_and_decodes_back() {
    let base = serve(parameters_server::router(EchoServer)).await;
    let echoed = client(&base).echo_upload(upload()).send().await.unwrap();
    let content_type = echoed.headers()["content-type"].to_str().unwrap().to_string();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    assert_eq!(echoed.into_inner(), upload());
    // What another client reads: a well-formed form with one part per field (and list item).
    let response = reqwest::Client::new()
        .post(format!("{base}/upload/echo"))
        .header("content-type", "multipart/form-data; boundary=b0undary")
        .body(raw_upload_body("b0undary"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let boundary = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .split("boundary=")
        .nth(1)
        .unwrap()
        .to_string();
    let text = String::from_utf8_lossy(&response.bytes().await.unwrap()).into_owned();
    assert_eq!(text.matches(&format!("--{boundary}\r\n")).count(), 2, "{text}");
    assert!(text.contains("filename=\"file\"\r\nContent-Type: image/png\r\n\r\n\u{1}\r\n"), "{text}");
    assert!(text.contains("name=\"count\"\r\n\r\n7\r\n"), "{text}");
    assert!(text.ends_with(&format!("--{boundary}--\r\n")), "{text}");
}

/// A form with a file and a count, as another client writes it.
fn raw_upload_body(boundary: &str) -> String {
    format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\n\r\n\u{1}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\n7\r\n\
         --{boundary}--\r\n"
    )
}

#[tokio::test]
async fn the_server_reads_another_clients_multipart() {
    let base = serve(parameters_server::router(EchoServer)).await;
    let boundary = "b0undary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\nContent-Type: image/png\r\n\r\n\u{1}\u{2}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\n 7\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nx\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"filter\"\r\nContent-Type: application/json\r\n\r\n{{\"field\":\"f\"}}\r\n\
         --{boundary}--\r\n"
    );
    let response = reqwest::Client::new()
        .post(format!("{base}/upload"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let summary: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        summary,
        serde_json::json!({"fileSize": 2, "firstByte": 1, "count": 7, "tags": ["x"], "filter": {"field": "f"}})
    );
}

#[tokio::test]
async fn malformed_multipart_is_a_4xx_with_an_error_body() {
    let base = serve(parameters_server::router(EchoServer)).await;
    let part = |name: &str, value: &str| {
        format!("--B\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
    };
    let cases = [
        (
            "multipart/form-data; boundary=B",
            format!("{}{}--B--\r\n", part("file", "x"), part("count", "many")),
            400,
            "count",
        ),
        (
            "multipart/form-data; boundary=B",
            format!("{}--B--\r\n", part("count", "1")),
            400,
            "file",
        ),
        (
            "multipart/form-data; boundary=B",
            format!("{}{}--B--\r\n", part("file", "x"), part("count", "-1")),
            400,
            "count",
        ),
        (
            "multipart/form-data; boundary=B",
            format!(
                "{}{}{}--B--\r\n",
                part("file", "x"),
                part("count", "1"),
                part("note", &"n".repeat(21))
            ),
            400,
            "note",
        ),
        (
            "multipart/form-data; boundary=B",
            "--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nunterminated".to_string(),
            400,
            "",
        ),
        ("multipart/form-data", part("file", "x"), 415, ""),
        ("application/json", "{}".to_string(), 415, ""),
        ("multipart/form-data; boundary=B", String::new(), 400, ""),
    ];
    for (content_type, body, status, names) in cases {
        let response = reqwest::Client::new()
            .post(format!("{base}/upload"))
            .header("content-type", content_type)
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{content_type} {body:?}");
        let error: serde_json::Value = response.json().await.unwrap();
        let message = error["message"].as_str().unwrap_or_default();
        assert!(message.contains(names), "{message}");
    }
}

#[tokio::test]
async fn raw_bytes_both_ways() {
    let base = serve(parameters_server::router(EchoServer)).await;
    let c = client(&base);
    let reversed = c.reverse_blob(vec![0u8, 0xfe, 0xff]).send().await.unwrap();
    assert_eq!(
        reversed.headers()["content-type"],
        "application/octet-stream"
    );
    let reversed = reversed.into_inner().collect().await.unwrap();
    assert_eq!(&reversed[..], [0xff, 0xfe, 0]);
    let downloaded = c.download().send().await.unwrap().into_inner();
    assert_eq!(&*downloaded.collect().await.unwrap(), DOWNLOAD);
    // Other clients: the body is taken as sent, whatever its declared type.
    let response = reqwest::Client::new()
        .post(format!("{base}/blob"))
        .body(vec![1u8, 2, 3])
        .send()
        .await
        .unwrap();
    assert_eq!(response.bytes().await.unwrap().as_ref(), [3, 2, 1]);
    let empty = reqwest::Client::new()
        .post(format!("{base}/blob"))
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status(), 400, "a required body is missing");
}

#[tokio::test]
async fn text_form_and_several_media_types() {
    let base = serve(parameters_server::router(EchoServer)).await;
    let c = client(&base);
    let shouted = c.shout().body("héllo".into()).send().await.unwrap();
    assert_eq!(shouted.as_str(), "HÉLLO");
    assert!(shouted.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    assert_eq!(
        c.shout().send().await.unwrap().as_str(),
        "",
        "optional body left out"
    );
    let bad_text = reqwest::Client::new()
        .post(format!("{base}/shout"))
        .header("content-type", "text/plain")
        .body(vec![0xffu8])
        .send()
        .await
        .unwrap();
    assert_eq!(bad_text.status(), 400, "not UTF-8");
    assert_eq!(*c.submit_form(filter()).send().await.unwrap(), filter());
    let bad_form = reqwest::Client::new()
        .post(format!("{base}/form"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("field=a&min=lots")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_form.status(), 400);
    // JSON is chosen among JSON and XML, both for the body and the answer.
    assert_eq!(*c.put_filter(filter()).send().await.unwrap(), filter());
    let xml = reqwest::Client::new()
        .put(format!("{base}/filters"))
        .header("content-type", "application/xml")
        .body("<Filter/>")
        .send()
        .await
        .unwrap();
    assert_eq!(
        xml.status(),
        415,
        "the server takes the media type it generates"
    );
    let error: serde_json::Value = xml.json().await.unwrap();
    assert_eq!(
        error["message"],
        "unsupported media type: `application/xml`, expected application/json",
        "the answer names what is accepted"
    );
}
