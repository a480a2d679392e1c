//! Streamed binary bodies (`POST /count`, `POST /echo`, `POST /blob` of
//! `tests/fixtures/conformance/parameters.yaml`): the generated client sends a body from a
//! stream and reads a binary answer chunk by chunk, the generated server hands the trait method
//! the upload as a stream (with a size limit, 413 past it) and answers with a stream. Bodies
//! are larger than the 2 MiB limit of buffered bodies.

use std::convert::Infallible;
use std::time::Duration;

use apigen_runtime::server::StreamLimit;
use apigen_runtime::ByteStream;
use tokio::sync::{mpsc, Notify};
use tokio::time::timeout;

use super::{client, serve, EchoServer};

/// Notified by the server's `count_bytes` when it has read the first chunk.
pub static FIRST_CHUNK: Notify = Notify::const_new();

const MIB: usize = 1024 * 1024;

/// A body whose chunks the test sends one by one through the returned sender.
fn channel_body() -> (mpsc::Sender<Vec<u8>>, ByteStream) {
    let (tx, rx) = mpsc::channel::<Vec<u8>>(1);
    let chunks = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|c| (Ok::<_, Infallible>(c), rx))
    });
    (tx, ByteStream::from_stream(chunks))
}

#[tokio::test]
async fn an_upload_streams_to_the_trait_method_before_it_ends() {
    let base = serve(parameters_server::router(EchoServer)).await;
    let (tx, body) = channel_body();
    let sending = tokio::spawn(async move {
        tx.send(vec![1; MIB]).await.unwrap();
        // The rest is sent only once the server's trait method has read the first chunk: a
        // server (or client) buffering the whole body would never get there.
        timeout(Duration::from_secs(20), FIRST_CHUNK.notified())
            .await
            .expect("the server did not see the first chunk while the client was sending");
        for _ in 0..4 {
            tx.send(vec![2; MIB]).await.unwrap();
        }
    });
    let count = client(&base)
        .count_bytes(body)
        .send()
        .await
        .unwrap()
        .into_inner();
    sending.await.unwrap();
    assert_eq!(count.bytes, 5 * MIB as i64, "more than the 2 MiB of buffered bodies");
    assert!(count.chunks >= 2, "{count:?}");
}

#[tokio::test]
async fn a_binary_answer_streams_back_while_the_upload_goes_on() {
    let base = serve(parameters_server::router(EchoServer)).await;
    let (tx, body) = channel_body();
    tx.send(b"first".to_vec()).await.unwrap();
    let response = timeout(
        Duration::from_secs(20),
        client(&base).echo_bytes(body).send(),
    )
    .await
    .expect("the answer did not start before the upload ended")
    .unwrap();
    assert_eq!(response.headers()["content-type"], "image/png");
    let mut answer = response.into_inner();
    let first = timeout(Duration::from_secs(20), answer.next_chunk())
        .await
        .expect("no chunk came back before the upload ended");
    assert_eq!(first.unwrap().unwrap(), "first");
    tx.send(vec![7; 3 * MIB]).await.unwrap();
    drop(tx);
    let rest = answer.collect().await.unwrap();
    assert_eq!(rest.len(), 3 * MIB);
    assert!(rest.iter().all(|&b| b == 7));
}

#[tokio::test]
async fn bytes_at_hand_are_sent_whole_and_answers_can_be_read_whole() {
    let base = serve(parameters_server::router(EchoServer)).await;
    let body = vec![9u8; 3 * MIB];
    let echoed = client(&base)
        .echo_bytes(body.clone())
        .send()
        .await
        .unwrap()
        .into_inner()
        .collect()
        .await
        .unwrap();
    assert_eq!(echoed.to_vec(), body);
}

/// The server of these tests with a 1 MiB limit on binary bodies.
async fn limited_server() -> String {
    let router = parameters_server::router(EchoServer).layer(axum::Extension(StreamLimit(MIB as u64)));
    serve(router).await
}

async fn assert_413(result: Result<impl std::fmt::Debug, parameters_client::Error<serde_json::Value>>) {
    let error = result.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(413), "{error:?}");
    let body = error.api_body().expect("an error body");
    assert!(
        body["message"].as_str().unwrap_or_default().contains("larger than 1048576 bytes"),
        "{body}"
    );
}

#[tokio::test]
async fn past_the_limit_is_413_with_the_error_body() {
    let base = limited_server().await;
    let c = client(&base);
    // A length known up front: refused before the trait method runs.
    assert_413(c.count_bytes(vec![0u8; 2 * MIB]).send().await).await;
    // A stream of unknown length: the trait method's `?` on the chunk past the limit.
    let (tx, body) = channel_body();
    tokio::spawn(async move {
        for _ in 0..3 {
            if tx.send(vec![0; MIB]).await.is_err() {
                break;
            }
        }
    });
    assert_413(c.reverse_blob(body).send().await).await;
    // Up to the limit is fine (not `count_bytes`, which signals the test above).
    let ok = c.reverse_blob(vec![0u8; MIB]).send().await.unwrap();
    assert_eq!(ok.into_inner().collect().await.unwrap().len(), MIB);
}

#[tokio::test]
async fn a_streamed_body_is_sent_once_bytes_at_hand_are_retried() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let unavailable = axum::Router::new().route(
        "/blob",
        axum::routing::post(move |body: axum::body::Bytes| {
            let counter = counter.clone();
            async move {
                assert_eq!(&body[..], b"abc");
                counter.fetch_add(1, Ordering::SeqCst);
                axum::http::StatusCode::SERVICE_UNAVAILABLE
            }
        }),
    );
    let base = serve(unavailable).await;
    let policy = apigen_runtime::client::RetryPolicy::new(2).initial_backoff(Duration::from_millis(1));
    let c = parameters_client::Client::builder(&base)
        .retry(policy)
        .build()
        .unwrap();
    let error = c.reverse_blob("abc").send().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(hits.swap(0, Ordering::SeqCst), 3, "bytes at hand: sent and retried twice");
    let (tx, body) = channel_body();
    tx.send(b"abc".to_vec()).await.unwrap();
    drop(tx);
    let error = c.reverse_blob(body).send().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(hits.load(Ordering::SeqCst), 1, "a stream: sent once, not retried");
}
