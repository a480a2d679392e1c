//! `label` and `matrix` path values (a scalar, lists and objects, exploded or not), cookie
//! parameters and an `allowReserved` query value (`pathStyles` in
//! `tests/fixtures/conformance/parameters.yaml`): the client writes them as RFC 6570 / the
//! OpenAPI style table says, the server reads what any client writes that way, and the two
//! agree, over real TCP.

use super::{client, serve, EchoServer};
use parameters_models::Page;

fn page(size: i32, after: Option<&str>) -> Page {
    Page {
        size,
        after: after.map(str::to_string),
    }
}

/// The request every test sends: `(client) -> builder`.
fn call(c: &parameters_client::Client) -> parameters_client::builder::PathStyles<'_> {
    c.path_styles(
        5,
        vec!["a".into(), "b c".into()],
        vec!["x".into(), "y".into()],
        page(3, Some("k")),
        "h;i",
        vec![1, 2],
        vec![1, 2],
        page(4, None),
        page(5, Some("z")),
        "s1",
    )
    .prefs(vec!["p".into(), "q".into()])
    .next("/a/b?c=d&e f")
}

/// The path, query and cookie each request of the router's catch-all route came with.
async fn capture() -> (
    String,
    tokio::sync::mpsc::UnboundedReceiver<(String, String)>,
) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let router = axum::Router::new().route(
        "/styles/{*rest}",
        axum::routing::get(
            move |uri: axum::http::Uri, headers: axum::http::HeaderMap| {
                let tx = tx.clone();
                async move {
                    let cookie = headers
                        .get("cookie")
                        .map(|v| v.to_str().unwrap().to_string())
                        .unwrap_or_default();
                    tx.send((uri.to_string(), cookie)).unwrap();
                    axum::Json(serde_json::json!({}))
                }
            },
        ),
    );
    (serve(router).await, rx)
}

#[tokio::test]
async fn the_client_writes_label_matrix_cookies_and_reserved_characters() {
    let (base, mut rx) = capture().await;
    // The capture answers `{}`, which is not a `Styles`: only the request matters here.
    let _ = call(&client(&base)).send().await;
    let (uri, cookie) = rx.recv().await.unwrap();
    assert_eq!(
        uri,
        "/styles/.5/.a,b%20c/.x.y/.size=3.after=k/;m=h%3Bi/;mlist=1,2/;mlistx=1;mlistx=2/;mobj=size,4/;size=5;after=z\
         ?next=/a/b?c%3Dd%26e%20f"
    );
    assert_eq!(cookie, "session=s1; prefs=p,q");
}

#[tokio::test]
async fn the_server_reads_label_and_matrix_values() {
    let base = serve(parameters_server::router(EchoServer)).await;
    let http = reqwest::Client::new();
    let path = "/styles/.7/.a,b/.x.y/.size=3.after=k/;m=v/;mlist=1,2/;mlistx=3;mlistx=4/;mobj=size,4,after,w/;size=5";
    let echo: serde_json::Value = http
        .get(format!("{base}{path}?next=/x?y"))
        .header("cookie", "other=1; session=abc; prefs=p,q")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        echo,
        serde_json::json!({
            "one": 7, "list": ["a", "b"], "listx": ["x", "y"], "lobj": {"size": 3, "after": "k"},
            "m": "v", "mlist": [1, 2], "mlistx": [3, 4], "mobj": {"size": 4, "after": "w"},
            "mobjx": {"size": 5}, "session": "abc", "prefs": ["p", "q"], "next": "/x?y"
        })
    );
    let good = [
        ".7",
        ".a,b",
        ".x.y",
        ".size=3",
        ";m=v",
        ";mlist=1",
        ";mlistx=3",
        ";mobj=size,4",
        ";size=5",
    ];
    let bad: [(usize, &str); 8] = [
        (0, "7"),
        (0, ".seven"),
        (3, ".size"),
        (4, "m=v"),
        (5, ";mlist=1,x"),
        (7, ";mobj=size"),
        (8, ";size=big"),
        (8, ";size=0"),
    ];
    for (index, segment) in bad {
        let mut segments = good.map(str::to_string);
        segments[index] = segment.to_string();
        let response = http
            .get(format!("{base}/styles/{}", segments.join("/")))
            .header("cookie", "session=abc")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{segment}");
        let error: serde_json::Value = response.json().await.unwrap();
        assert!(error["message"].is_string(), "{error}");
    }
    let no_cookie = http
        .get(format!("{base}/styles/{}", good.join("/")))
        .send()
        .await
        .unwrap();
    assert_eq!(no_cookie.status(), 400, "the session cookie is required");
}

#[tokio::test]
async fn client_and_server_agree_on_styles() {
    let base = serve(parameters_server::router(EchoServer)).await;
    let echo = call(&client(&base)).send().await.unwrap().into_inner();
    assert_eq!(echo.one, 5);
    assert_eq!(echo.list, ["a", "b c"]);
    assert_eq!(echo.listx, ["x", "y"]);
    assert_eq!(echo.lobj, page(3, Some("k")));
    assert_eq!(echo.m, "h;i");
    assert_eq!((echo.mlist, echo.mlistx), (vec![1, 2], vec![1, 2]));
    assert_eq!((echo.mobj, echo.mobjx), (page(4, None), page(5, Some("z"))));
    assert_eq!(echo.session, "s1");
    assert_eq!(echo.prefs, Some(vec!["p".to_string(), "q".to_string()]));
    assert_eq!(echo.next.as_deref(), Some("/a/b?c=d&e f"));
}
