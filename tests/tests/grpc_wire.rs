//! The binary codec of the fields prost has no codec for — Duration, FieldMask, Any (a message
//! of the API, well-known types, an unknown type), maps with every non-string key, enums —
//! over gRPC between the generated client and server on 127.0.0.1, checked field by field
//! against protobuf's descriptors (prost-reflect over protox's compilation of
//! tests/fixtures/grpc/wire.proto); and what protobuf cannot write (an enum value known only
//! by name, a key that is not a number, an `Any` of an unknown type) refused with a typed error
//! before sending and with INTERNAL by the server, never written as something else.

use std::collections::BTreeMap;

use grpc_wire_grpc::client::WireClient;
use grpc_wire_grpc::models::{Color, Duration, Everything, FieldMask, Point, UnknownEnumValue};
use grpc_wire_grpc::server::{Wire, WireServer};
use grpc_wire_grpc::tonic::codegen::tokio_stream;
use grpc_wire_grpc::{Error, ResponseStream};
use prost::Message as _;
use serde_json::{json, Value};
use tonic::{Code, Request, Response, Status};

struct Echo;

impl Wire for Echo {
    async fn echo(&self, request: Request<Everything>) -> Result<Response<Everything>, Status> {
        Ok(Response::new(request.into_inner()))
    }

    /// Answers unknown enum numbers (kept) or, for `note` = "unencodable", a value known only
    /// by name (which the server must refuse to write).
    async fn reflect(&self, request: Request<Everything>) -> Result<Response<Everything>, Status> {
        let mut answer = request.into_inner();
        if answer.note == "unencodable" {
            answer.color = Color::Unknown(UnknownEnumValue::from_name("BLUE"));
        } else {
            answer.colors.push(Color::from_number(7));
            answer.color = Color::from_number(-3);
        }
        Ok(Response::new(answer))
    }

    async fn repeat(
        &self,
        request: Request<Everything>,
    ) -> Result<Response<ResponseStream<Everything>>, Status> {
        let request = request.into_inner();
        let unencodable = request.note == "unencodable";
        let answers = (1..=3).map(move |i| {
            let mut answer = request.clone();
            answer.note = i.to_string();
            if unencodable && i == 2 {
                answer.color = Color::Unknown(UnknownEnumValue::from_name("BLUE"));
            }
            Ok(answer)
        });
        Ok(Response::new(Box::pin(tokio_stream::iter(answers))))
    }
}

async fn start() -> WireClient {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(WireServer::new(Echo))
            .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener)),
    );
    WireClient::connect(url)
        .await
        .unwrap()
        .with_token("t")
        .unwrap()
}

fn map<V: Clone>(pairs: &[(&str, V)]) -> BTreeMap<String, V> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

const POINT_URL: &str = "type.googleapis.com/apigen.test.wire.Point";

/// A message with every field set, at the edges of each key type.
fn everything() -> Everything {
    let point = Point {
        x: -4,
        label: "p".into(),
        color: Color::Red,
    };
    Everything {
        wait: Some(Duration::new(-1, -500)),
        waits: vec![Duration::new(0, 0), Duration::new(315_576_000_000, 999_999_999)],
        mask: Some(FieldMask::new(["a.b_c", "d"])),
        any: Some(json!({"@type": POINT_URL, "x": 3, "label": "in any"})),
        anys: vec![
            json!({"@type": "type.googleapis.com/google.protobuf.Duration", "value": "1.500s"}),
            json!({"@type": "type.googleapis.com/google.protobuf.FieldMask", "value": "a.b,cD"}),
            json!({"@type": "type.googleapis.com/google.protobuf.Timestamp", "value": "2024-02-29T12:00:00.250Z"}),
            json!({"@type": "type.googleapis.com/google.protobuf.Struct", "value": {"k": [1.5, "s", null, true]}}),
            json!({"@type": "type.googleapis.com/google.protobuf.Value", "value": "text"}),
            json!({"@type": "type.googleapis.com/google.protobuf.Empty"}),
            json!({"@type": "example.com/other.Thing", "@bytes": "CAESAmhp"}),
        ],
        by_i32: map(&[("-2147483648", "min".into()), ("0", "zero".into()), ("7", "seven".into())]),
        by_i64: map(&[("-9223372036854775808", point.clone()), ("9", Point::default())]),
        by_u32: map(&[("4294967295", Color::Green), ("0", Color::ColorUnspecified)]),
        by_u64: map(&[("18446744073709551615", -1i64), ("1", 0)]),
        by_s32: map(&[("-1", "s".into())]),
        by_s64: map(&[("-9223372036854775808", "s".into())]),
        by_fx32: map(&[("4294967295", "f".into())]),
        by_fx64: map(&[("18446744073709551615", "f".into())]),
        by_sfx32: map(&[("-2147483648", "f".into())]),
        by_sfx64: map(&[("-1", "f".into())]),
        by_bool: map(&[("false", "no".into()), ("true", "yes".into())]),
        color: Color::Green,
        colors: vec![Color::Red, Color::ColorUnspecified, Color::Green],
        wait_by_name: map(&[("a", Duration::new(2, 0)), ("", Duration::default())]),
        point: Some(point),
        note: "n".into(),
        at: Some("2024-02-29T12:00:00.123456789Z".parse().unwrap()),
        masks: vec![FieldMask::default(), FieldMask::new(["x"])],
        choice_wait: Some(Duration::new(0, 1)),
        choice_any: None,
    }
}

#[tokio::test]
async fn every_field_survives_a_grpc_round_trip() {
    let client = start().await;
    let sent = everything();
    let answer = client.echo(sent.clone()).await.unwrap();
    assert_eq!(answer, sent);
    // The JSON face agrees (the `Any` values come back in the same JSON form).
    assert_eq!(
        serde_json::to_value(&answer).unwrap(),
        serde_json::to_value(&sent).unwrap()
    );
    // A oneof member holding an `Any` of the API's own message.
    let other = Everything {
        choice_wait: None,
        choice_any: Some(json!({"@type": POINT_URL, "color": "GREEN"})),
        ..Everything::default()
    };
    assert_eq!(client.echo(other.clone()).await.unwrap(), other);
    // Unknown enum numbers answered by the server are kept.
    let reflected = client.reflect(Everything::default()).await.unwrap();
    assert_eq!(reflected.color.number(), Some(-3));
    assert_eq!(reflected.colors, vec![Color::from_number(7)]);
}

/// What the generated codec writes is what protobuf's descriptors read, field by field, and
/// what prost-reflect writes decodes back to the same value.
#[test]
fn the_bytes_are_protobufs() {
    use prost_reflect::{DynamicMessage, MapKey, Value as Dyn};

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/grpc");
    let pool = protox::Compiler::new([&root])
        .unwrap()
        .open_file("wire.proto")
        .unwrap()
        .descriptor_pool();
    let desc = pool.get_message_by_name("apigen.test.wire.Everything").unwrap();
    let sent = everything();
    let bytes = sent.encode_to_vec();
    assert_eq!(bytes.len(), sent.encoded_len());
    let dynamic = DynamicMessage::decode(desc, bytes.as_slice()).unwrap();
    let field = |name: &str| dynamic.get_field_by_name(name).unwrap().into_owned();
    let message = |v: &Dyn| v.as_message().unwrap().clone();
    let get = |m: &DynamicMessage, name: &str| m.get_field_by_name(name).unwrap().into_owned();

    let wait = message(&field("wait"));
    assert_eq!(get(&wait, "seconds").as_i64(), Some(-1));
    assert_eq!(get(&wait, "nanos").as_i32(), Some(-500));
    let mask = message(&field("mask"));
    assert_eq!(
        get(&mask, "paths"),
        Dyn::List(vec![Dyn::String("a.b_c".into()), Dyn::String("d".into())])
    );
    // `Any`: the type URL and the bytes of a Point, which protobuf decodes.
    let any = message(&field("any"));
    assert_eq!(get(&any, "type_url").as_str(), Some(POINT_URL));
    let point_desc = pool.get_message_by_name("apigen.test.wire.Point").unwrap();
    let inner = get(&any, "value");
    let point = DynamicMessage::decode(point_desc, inner.as_bytes().unwrap().clone()).unwrap();
    assert_eq!(get(&point, "x").as_i32(), Some(3));
    assert_eq!(get(&point, "label").as_str(), Some("in any"));
    let Dyn::List(anys) = field("anys") else {
        panic!("anys is a list")
    };
    let duration_any = message(&anys[0]);
    let duration = get(&duration_any, "value");
    assert_eq!(duration.as_bytes().unwrap().as_ref(), &[8, 1, 16, 0x80, 0xca, 0xb5, 0xee, 1]);
    let unknown = message(&anys[6]);
    assert_eq!(get(&unknown, "type_url").as_str(), Some("example.com/other.Thing"));
    assert_eq!(get(&unknown, "value").as_bytes().unwrap().as_ref(), b"\x08\x01\x12\x02hi");
    // Maps: typed keys on the wire.
    let keys = |name: &str| -> Vec<MapKey> {
        let Dyn::Map(m) = field(name) else {
            panic!("{name} is a map")
        };
        let mut keys: Vec<MapKey> = m.keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(keys("by_i32"), vec![MapKey::I32(i32::MIN), MapKey::I32(0), MapKey::I32(7)]);
    assert_eq!(keys("by_i64"), vec![MapKey::I64(i64::MIN), MapKey::I64(9)]);
    assert_eq!(keys("by_u32"), vec![MapKey::U32(0), MapKey::U32(u32::MAX)]);
    assert_eq!(keys("by_u64"), vec![MapKey::U64(1), MapKey::U64(u64::MAX)]);
    assert_eq!(keys("by_s32"), vec![MapKey::I32(-1)]);
    assert_eq!(keys("by_s64"), vec![MapKey::I64(i64::MIN)]);
    assert_eq!(keys("by_fx32"), vec![MapKey::U32(u32::MAX)]);
    assert_eq!(keys("by_fx64"), vec![MapKey::U64(u64::MAX)]);
    assert_eq!(keys("by_sfx32"), vec![MapKey::I32(i32::MIN)]);
    assert_eq!(keys("by_sfx64"), vec![MapKey::I64(-1)]);
    assert_eq!(keys("by_bool"), vec![MapKey::Bool(false), MapKey::Bool(true)]);
    let Dyn::Map(by_u32) = field("by_u32") else {
        panic!()
    };
    assert_eq!(by_u32[&MapKey::U32(u32::MAX)].as_enum_number(), Some(2));
    assert_eq!(field("color").as_enum_number(), Some(2));
    assert!(dynamic.has_field_by_name("choice_wait"));
    // And back: prost-reflect's bytes (its own key order and default handling) decode to the
    // same value.
    let again = Everything::decode(dynamic.encode_to_vec().as_slice()).unwrap();
    assert_eq!(again, sent);
}

#[tokio::test]
async fn what_protobuf_cannot_write_is_refused_before_sending() {
    let client = start().await;
    let cases: Vec<(Everything, &str)> = vec![
        (
            Everything {
                color: Color::Unknown(UnknownEnumValue::from_name("BLUE")),
                ..Everything::default()
            },
            "color",
        ),
        (
            Everything {
                by_i64: map(&[(
                    "1",
                    Point {
                        color: Color::Unknown(UnknownEnumValue::from_name("BLUE")),
                        ..Point::default()
                    },
                )]),
                ..Everything::default()
            },
            "by_i64/1/color",
        ),
        (
            Everything {
                by_i32: map(&[("seven", String::new())]),
                ..Everything::default()
            },
            "by_i32",
        ),
        (
            Everything {
                by_u32: map(&[("-1", Color::Red)]),
                ..Everything::default()
            },
            "by_u32",
        ),
        (
            Everything {
                anys: vec![json!({"@type": "example.com/other.Thing", "name": "x"})],
                ..Everything::default()
            },
            "anys/0",
        ),
        (
            Everything {
                any: Some(json!({"x": 1})),
                ..Everything::default()
            },
            "any",
        ),
        (
            Everything {
                any: Some(json!({"@type": POINT_URL, "x": "not a number"})),
                ..Everything::default()
            },
            "any",
        ),
    ];
    for (request, path) in cases {
        let err = client.echo(request.clone()).await.unwrap_err();
        let Error::InvalidRequest(e) = &err else {
            panic!("{path}: expected InvalidRequest, got {err:?}")
        };
        assert_eq!(e.path, path, "{err}");
        assert!(err.code().is_none(), "nothing was sent: {err:?}");
    }
}

#[tokio::test]
async fn the_server_refuses_to_answer_what_it_cannot_write() {
    let client = start().await;
    let request = Everything {
        note: "unencodable".into(),
        ..Everything::default()
    };
    let err = client.reflect(request).await.unwrap_err();
    assert_eq!(err.code(), Some(Code::Internal), "{err:?}");
    let message = err.status().unwrap().message();
    assert!(message.contains("`color`") && message.contains("BLUE"), "{message}");
}

#[tokio::test]
async fn a_server_stream_carries_every_field() {
    let client = start().await;
    let sent = everything();
    let mut stream = client.repeat(sent.clone()).await.unwrap();
    for i in 1..=3 {
        let answer = stream.message().await.unwrap().expect("three answers");
        assert_eq!(answer, Everything { note: i.to_string(), ..sent.clone() });
    }
    assert!(stream.message().await.unwrap().is_none(), "the stream ends");

    // The server refuses to write the second answer: the stream ends with INTERNAL after the
    // first.
    let request = Everything {
        note: "unencodable".into(),
        ..Everything::default()
    };
    let mut stream = client.repeat(request).await.unwrap();
    assert_eq!(stream.message().await.unwrap().unwrap().note, "1");
    let status = stream.message().await.unwrap_err();
    assert_eq!(status.code(), Code::Internal, "{status:?}");
    // And the client checks a streaming request as it checks a unary one.
    let invalid = Everything {
        color: Color::Unknown(UnknownEnumValue::from_name("BLUE")),
        ..Everything::default()
    };
    let err = client.repeat(invalid).await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
}

/// `Value` JSON of an `Any` read from the wire when its type is unknown: the bytes are kept.
#[test]
fn an_unknown_any_is_kept_as_bytes() {
    let mut bytes = Vec::new();
    prost_types_any("example.com/x.Y", b"\x08\x01").encode(&mut bytes).unwrap();
    let decoded = Everything::decode(bytes.as_slice()).unwrap();
    assert_eq!(
        decoded.any,
        Some(json!({"@type": "example.com/x.Y", "@bytes": "CAE="}))
    );
    assert_eq!(decoded.encode_to_vec(), bytes);
    let _: Value = serde_json::to_value(&decoded).unwrap();
}

/// An `Everything` whose field 4 (`any`) holds an `Any` of `url` with `value`.
fn prost_types_any(url: &str, value: &[u8]) -> impl prost::Message {
    #[derive(Clone, PartialEq, prost::Message)]
    struct Holder {
        #[prost(message, optional, tag = "4")]
        any: Option<AnyMessage>,
    }
    #[derive(Clone, PartialEq, prost::Message)]
    struct AnyMessage {
        #[prost(string, tag = "1")]
        type_url: String,
        #[prost(bytes = "vec", tag = "2")]
        value: Vec<u8>,
    }
    Holder {
        any: Some(AnyMessage {
            type_url: url.into(),
            value: value.to_vec(),
        }),
    }
}
