//! Parameter styles (`tests/fixtures/conformance/parameters.yaml`): `spaceDelimited` and
//! `pipeDelimited` lists, a `deepObject` object, parameters described by `content: application/json` (JSON text in
//! the query), exploded and comma-separated lists. The generated client writes them as the
//! spec says (checked on a capturing listener), the generated server reads what the spec
//! says (checked with raw requests), and the two agree, over real TCP on 127.0.0.1.
//! The same API's `label` / `matrix` path values, cookies and `allowReserved` are in
//! `parameters/styles.rs`, its bodies of other media types in `parameters/bodies.rs` (streamed
//! binary bodies in `parameters/streams.rs`, several media types on one body or answer in
//! `parameters/media.rs`), typed
//! number and boolean enums and the limits of a `$ref`'d list in `parameters/enums.rs`.

use axum::extract::RawQuery;
use parameters_models::{Echo, Filter, Page, Styles, UploadSummary};
use parameters_server::{self as server, ParametersApi, SearchRequest, SearchResponse};

#[path = "parameters/bodies.rs"]
mod bodies;
#[path = "parameters/enums.rs"]
mod enums;
#[path = "parameters/media.rs"]
mod media;
#[path = "parameters/streams.rs"]
mod streams;
#[path = "parameters/styles.rs"]
mod styles;

/// Answers with what it read.
struct EchoServer;

impl ParametersApi for EchoServer {
    async fn search(&self, r: SearchRequest) -> Result<SearchResponse, parameters_server::Error> {
        Ok(SearchResponse::Ok(Echo {
            words: r.words,
            ids: r.ids,
            tags: r.tags,
            sizes: r.sizes,
            filter: r.filter,
            label: r.label,
            page: r.page,
        }))
    }

    async fn path_styles(
        &self,
        r: server::PathStylesRequest,
    ) -> Result<server::PathStylesResponse, server::Error> {
        Ok(server::PathStylesResponse::Ok(Styles {
            one: r.one,
            list: r.list,
            listx: r.listx,
            lobj: r.lobj,
            m: r.m,
            mlist: r.mlist,
            mlistx: r.mlistx,
            mobj: r.mobj,
            mobjx: r.mobjx,
            session: r.session,
            prefs: r.prefs,
            next: r.next,
        }))
    }

    async fn put_settings(
        &self,
        r: server::PutSettingsRequest,
    ) -> Result<server::PutSettingsResponse, server::Error> {
        Ok(server::PutSettingsResponse::Ok(r.body))
    }

    async fn upload(
        &self,
        r: server::UploadRequest,
    ) -> Result<server::UploadResponse, server::Error> {
        let u = r.body;
        Ok(server::UploadResponse::Ok(UploadSummary {
            file_size: u.file.len() as i64,
            first_byte: u.file.first().map(|b| i32::from(*b)),
            note: u.note,
            count: u.count,
            tags: u.tags,
            filter: u.filter,
        }))
    }

    async fn reverse_blob(
        &self,
        r: server::ReverseBlobRequest,
    ) -> Result<server::ReverseBlobResponse, server::Error> {
        let mut bytes = r.body.collect().await?.to_vec();
        bytes.reverse();
        Ok(server::ReverseBlobResponse::Ok(bytes.into()))
    }

    async fn download(
        &self,
        _: server::DownloadRequest,
    ) -> Result<server::DownloadResponse, server::Error> {
        Ok(server::DownloadResponse::Ok(bodies::DOWNLOAD.into()))
    }

    async fn echo_upload(
        &self,
        r: server::EchoUploadRequest,
    ) -> Result<server::EchoUploadResponse, server::Error> {
        Ok(server::EchoUploadResponse::Ok(r.body))
    }

    async fn count_bytes(
        &self,
        r: server::CountBytesRequest,
    ) -> Result<server::CountBytesResponse, server::Error> {
        let mut body = r.body;
        let (mut bytes, mut chunks) = (0, 0);
        while let Some(chunk) = body.next_chunk().await {
            bytes += chunk?.len() as i64;
            chunks += 1;
            if chunks == 1 {
                streams::FIRST_CHUNK.notify_one();
            }
        }
        Ok(server::CountBytesResponse::Ok(parameters_models::ByteCount { bytes, chunks }))
    }

    async fn echo_bytes(
        &self,
        r: server::EchoBytesRequest,
    ) -> Result<server::EchoBytesResponse, server::Error> {
        Ok(server::EchoBytesResponse::Ok(r.body))
    }

    async fn shout(&self, r: server::ShoutRequest) -> Result<server::ShoutResponse, server::Error> {
        Ok(server::ShoutResponse::Ok(
            r.body.unwrap_or_default().to_uppercase(),
        ))
    }

    async fn submit_form(
        &self,
        r: server::SubmitFormRequest,
    ) -> Result<server::SubmitFormResponse, server::Error> {
        Ok(server::SubmitFormResponse::Ok(r.body))
    }

    async fn put_filter(
        &self,
        r: server::PutFilterRequest,
    ) -> Result<server::PutFilterResponse, server::Error> {
        Ok(server::PutFilterResponse::Ok(r.body))
    }
}

async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

fn client(base: &str) -> parameters_client::Client {
    parameters_client::Client::builder(base).build().unwrap()
}

fn filter() -> Filter {
    Filter {
        field: "name".into(),
        min: Some(2),
    }
}

#[tokio::test]
async fn the_client_writes_each_style_as_the_spec_says() {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let capture = axum::Router::new().route(
        "/search",
        axum::routing::get(move |RawQuery(q): RawQuery| {
            let tx = tx.clone();
            async move {
                tx.send(q.unwrap_or_default()).unwrap();
                axum::Json(serde_json::json!({}))
            }
        }),
    );
    let base = serve(capture).await;
    client(&base)
        .search()
        .words(vec!["red".into(), "big box".into()])
        .ids(vec![1, 2, 3])
        .tags(vec!["a".into(), "b".into()])
        .sizes(vec![4, 5])
        .filter(filter())
        .label("x y")
        .page(Page {
            size: 10,
            after: Some("k&1".into()),
        })
        .send()
        .await
        .unwrap();
    let query = rx.recv().await.unwrap();
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&query).unwrap();
    let get = |name: &str| -> Vec<&str> {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    assert_eq!(get("words"), ["red big box"], "{query}");
    assert_eq!(get("ids"), ["1|2|3"], "{query}");
    assert_eq!(get("tags"), ["a", "b"], "{query}");
    assert_eq!(get("sizes"), ["4,5"], "{query}");
    let sent: serde_json::Value = serde_json::from_str(get("filter")[0]).unwrap();
    assert_eq!(sent, serde_json::json!({"field": "name", "min": 2}));
    assert_eq!(get("label"), ["\"x y\""], "JSON text of a string: {query}");
    assert_eq!(get("page[size]"), ["10"], "{query}");
    assert_eq!(get("page[after]"), ["k&1"], "{query}");
}

#[tokio::test]
async fn the_server_reads_each_style_as_the_spec_says() {
    let base = serve(parameters_server::router(EchoServer)).await;
    let url = format!(
        "{base}/search?words=red%20big&ids=1%7C2&tags=a&tags=b&sizes=4,5&filter=%7B%22field%22%3A%22f%22%7D&label=%22hi%22&page%5Bsize%5D=3"
    );
    let echo: serde_json::Value = reqwest::get(&url).await.unwrap().json().await.unwrap();
    assert_eq!(
        echo,
        serde_json::json!({
            "words": ["red", "big"], "ids": [1, 2], "tags": ["a", "b"], "sizes": [4, 5],
            "filter": {"field": "f"}, "label": "hi", "page": {"size": 3}
        })
    );
    for bad in [
        "ids=1%7Cx",
        "filter=%7Bnope",
        "filter=%7B%7D",
        "label=hi",
        "page%5Bafter%5D=x",
        "page%5Bsize%5D=many",
        "page%5Bsize%5D=0",
    ] {
        let response = reqwest::get(format!("{base}/search?{bad}")).await.unwrap();
        assert_eq!(response.status(), 400, "{bad}");
    }
}

#[tokio::test]
async fn client_and_server_agree() {
    let base = serve(parameters_server::router(EchoServer)).await;
    let echo = client(&base)
        .search()
        .words(vec!["one".into(), "two".into()])
        .ids(vec![7])
        .filter(filter())
        .label("a|b c")
        .page(Page {
            size: 5,
            after: None,
        })
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(echo.words, Some(vec!["one".to_string(), "two".to_string()]));
    assert_eq!(echo.ids, Some(vec![7]));
    assert_eq!(echo.filter, Some(filter()));
    assert_eq!(echo.label.as_deref(), Some("a|b c"));
    assert_eq!(echo.page.map(|p| p.size), Some(5));
}
