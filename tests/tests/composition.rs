//! Composition (`tests/fixtures/conformance/composition.yaml`): `oneOf`/`anyOf` beside
//! `properties` and `allOf` as a struct with the common fields and a flattened enum of the
//! alternatives, discriminators with and without `mapping`, nested unions, unions of
//! primitives and lists. Payloads decode into the natural Rust shape and encode back to the
//! same JSON; the generated client and server agree over real TCP on 127.0.0.1. `anyOf` as
//! "any subset" (a struct of `Option`s) is in `composition/any_of.rs`.

use composition_models::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

#[path = "composition/any_of.rs"]
mod any_of;

pub(crate) fn round_trip<T: DeserializeOwned + Serialize + std::fmt::Debug>(payload: Value) -> T {
    let decoded: T = serde_json::from_value(payload.clone())
        .unwrap_or_else(|e| panic!("{payload} does not decode: {e}"));
    let encoded = serde_json::to_value(&decoded).expect("encodes");
    assert_eq!(
        encoded, payload,
        "round trip changed the JSON of {decoded:?}"
    );
    decoded
}

#[test]
fn common_fields_beside_tagged_alternatives_with_mapping() {
    let click: Event = round_trip(json!({"id": "e1", "type": "click", "x": 1, "y": 2}));
    assert_eq!(click.id, "e1");
    assert!(matches!(
        click.variant,
        EventAlternatives::Click(Click { x: 1, y: 2 })
    ));
    let scroll: Event = round_trip(json!({"id": "e2", "type": "scroll", "delta": -1.5}));
    assert!(matches!(scroll.variant, EventAlternatives::Scroll(_)));
    // Built in Rust: the tag is written from the variant, not kept as a field.
    let built = Event {
        id: "e3".into(),
        variant: EventAlternatives::Scroll(Scroll { delta: 2.0 }),
    };
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        json!({"id": "e3", "type": "scroll", "delta": 2.0})
    );
    for bad in [
        json!({"id": "e", "type": "drag"}),
        json!({"id": "e", "x": 1, "y": 2}),
        json!({"type": "click", "x": 1, "y": 2}),
        json!({"id": "e", "type": "click", "x": 1}),
    ] {
        assert!(
            serde_json::from_value::<Event>(bad.clone()).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn a_base_of_its_alternatives_is_a_tagged_union() {
    let cat: Pet = round_trip(json!({"name": "Tom", "petType": "cat", "indoor": true}));
    let Pet::Cat(inner) = &cat else {
        panic!("{cat:?}")
    };
    assert_eq!((inner.name.as_str(), inner.indoor), ("Tom", Some(true)));
    let dog: Pet = round_trip(json!({"name": "Rex", "petType": "dog", "barks": 3}));
    assert!(matches!(dog, Pet::Dog(Dog { barks: 3, .. })));
}

#[test]
fn wrong_or_missing_tags_and_fields_are_refused() {
    for bad in [
        json!({"name": "Tom", "petType": "bird"}),
        json!({"name": "Tom", "indoor": true}),
        json!({"name": "Tom"}),
        json!({"name": "Rex", "petType": "dog"}),
        json!({"petType": "cat"}),
    ] {
        assert!(serde_json::from_value::<Pet>(bad.clone()).is_err(), "{bad}");
    }
}

#[test]
fn discriminator_without_mapping_uses_schema_names() {
    let car: Vehicle = round_trip(json!({"kind": "Car", "doors": 4}));
    assert!(matches!(car, Vehicle::Car(Car { doors: 4, .. })));
    let bike: Vehicle = round_trip(json!({"kind": "Bike"}));
    assert!(matches!(bike, Vehicle::Bike(_)));
    assert!(serde_json::from_value::<Vehicle>(json!({"kind": "Boat"})).is_err());
}

#[test]
fn all_of_fields_beside_untagged_alternatives() {
    // `anyOf` of objects: any subset of the alternatives (see composition/any_of.rs).
    let circle: Drawing = round_trip(json!({"id": "d1", "radius": 2.5}));
    assert_eq!(
        circle.alternatives,
        DrawingAlternatives {
            with_radius: Some(DrawingAlternativesWithRadius { radius: 2.5 }),
            with_width: None,
        }
    );
    let rect: Drawing = round_trip(json!({
        "id": "d2", "label": "box", "width": 1.0, "height": 2.0,
        "owner": {"kind": "Car", "doors": 2}, "size": [1.5, 2.0]
    }));
    assert!(rect.alternatives.with_radius.is_none() && rect.alternatives.with_width.is_some());
    assert_eq!(rect.size, Some(Size::List(vec![1.5, 2.0])));
    assert!(serde_json::from_value::<Drawing>(json!({"id": "d3"})).is_err());
    assert!(serde_json::from_value::<Drawing>(json!({"radius": 1.0})).is_err());
}

#[test]
fn nested_unions_of_primitives_and_lists() {
    assert_eq!(
        round_trip::<Size>(json!(7)),
        Size::Variant1(SizeVariant1::Integer(7))
    );
    assert_eq!(
        round_trip::<Size>(json!("large")),
        Size::Variant1(SizeVariant1::StringValue(SizeVariant1StringValue::Large))
    );
    assert_eq!(round_trip::<Size>(json!(true)), Size::Boolean(true));
    assert_eq!(round_trip::<Size>(json!([0.5])), Size::List(vec![0.5]));
    assert!(serde_json::from_value::<Size>(json!("medium")).is_err());
    assert!(serde_json::from_value::<Size>(json!({"a": 1})).is_err());
}

#[test]
fn required_only_alternatives_and_not_are_reported() {
    let api = apigen_openapi::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/conformance/composition.yaml"
    )))
    .unwrap();
    let places: Vec<&str> = api.skipped.iter().map(|s| s.location.as_str()).collect();
    assert_eq!(
        places,
        [
            "#/components/schemas/Contact",
            "#/components/schemas/Nickname/not"
        ]
    );
    let contact: Contact = round_trip(json!({"email": "a@b.c"}));
    assert_eq!(contact.email.as_deref(), Some("a@b.c"));
}

#[test]
fn sizes_and_multiples_are_validated() {
    use composition_models::Validate;
    let ok: Limits =
        round_trip(json!({"tags": ["a", "b"], "labels": {"x": "1"}, "step": 10, "ratio": 0.75}));
    assert_eq!(ok.validate(), Ok(()));
    for (bad, path, message) in [
        (json!({"tags": []}), "tags", "must have at least 1 items"),
        (
            json!({"tags": ["a", "b", "c", "d"]}),
            "tags",
            "must have at most 3 items",
        ),
        (
            json!({"tags": ["a", "a"]}),
            "tags",
            "must not hold the same item twice",
        ),
        (
            json!({"labels": {"a": "1", "b": "2", "c": "3"}}),
            "labels",
            "must have at most 2 entries",
        ),
        (json!({"step": 7}), "step", "must be a multiple of 5"),
        (json!({"ratio": 0.3}), "ratio", "must be a multiple of 0.25"),
    ] {
        let value: Limits = serde_json::from_value(bad.clone()).unwrap();
        let err = value.validate().expect_err(&bad.to_string());
        assert_eq!(
            (err.path.as_str(), err.message.as_str()),
            (path, message),
            "{bad}"
        );
    }
}

pub(crate) mod e2e {
    use super::*;
    use composition_server::{
        AddContactRequest, AddContactResponse, AddEventRequest, AddEventResponse,
        AddPetRequest, AddPetResponse, AddProfileRequest, AddProfileResponse, AddShapeRequest,
        AddShapeResponse, CheckLimitsRequest, CheckLimitsResponse, CompositionApi,
    };

    /// Echoes what it receives, renaming pets to show the server saw the typed value.
    struct Echo;

    impl CompositionApi for Echo {
        async fn add_pet(
            &self,
            request: AddPetRequest,
        ) -> Result<AddPetResponse, composition_server::Error> {
            let mut pet = request.body;
            match &mut pet {
                Pet::Cat(Cat { name, .. }) | Pet::Dog(Dog { name, .. }) => {
                    *name = format!("{name} (stored)")
                }
            }
            Ok(AddPetResponse::Ok(pet))
        }

        async fn add_event(
            &self,
            request: AddEventRequest,
        ) -> Result<AddEventResponse, composition_server::Error> {
            Ok(AddEventResponse::Ok(request.body))
        }

        async fn check_limits(
            &self,
            _request: CheckLimitsRequest,
        ) -> Result<CheckLimitsResponse, composition_server::Error> {
            Ok(CheckLimitsResponse::NoContent)
        }

        async fn add_shape(
            &self,
            request: AddShapeRequest,
        ) -> Result<AddShapeResponse, composition_server::Error> {
            Ok(AddShapeResponse::Ok(request.body))
        }

        async fn add_contact(
            &self,
            request: AddContactRequest,
        ) -> Result<AddContactResponse, composition_server::Error> {
            Ok(AddContactResponse::Ok(request.body))
        }

        async fn add_profile(
            &self,
            request: AddProfileRequest,
        ) -> Result<AddProfileResponse, composition_server::Error> {
            Ok(AddProfileResponse::Ok(request.body))
        }
    }

    pub(crate) async fn start() -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum::serve(listener, composition_server::router(Echo))
                .await
                .unwrap()
        });
        format!("http://{addr}")
    }

    #[tokio::test]
    async fn client_and_server_agree_on_composed_bodies() {
        let base = start().await;
        let client = composition_client::Client::builder(&base).build().unwrap();
        let pet: Pet =
            serde_json::from_value(json!({"name": "Tom", "petType": "cat", "indoor": false}))
                .unwrap();
        let stored = client.add_pet(pet).send().await.unwrap().into_inner();
        assert!(
            matches!(&stored, Pet::Cat(cat) if cat.name == "Tom (stored)"),
            "{stored:?}"
        );
        let event: Event =
            serde_json::from_value(json!({"id": "e", "type": "click", "x": 3, "y": 4})).unwrap();
        let echoed = client.add_event(event.clone()).send().await.unwrap();
        assert_eq!(echoed.into_inner(), event);
        let drawing: Drawing = serde_json::from_value(
            json!({"id": "d", "width": 1.0, "height": 1.0, "size": "small"}),
        )
        .unwrap();
        let echoed = client.add_shape(drawing.clone()).send().await.unwrap();
        assert_eq!(echoed.into_inner(), drawing);
    }

    #[tokio::test]
    async fn the_server_enforces_sizes_and_multiples() {
        let base = start().await;
        let http = reqwest::Client::new();
        let post = |body: Value| http.post(format!("{base}/limits")).json(&body).send();
        assert_eq!(
            post(json!({"tags": ["a"], "step": 5}))
                .await
                .unwrap()
                .status(),
            204
        );
        for bad in [
            json!({"tags": ["a", "a"]}),
            json!({"step": 3}),
            json!({"tags": []}),
        ] {
            let response = post(bad.clone()).await.unwrap();
            assert_eq!(response.status(), 400, "{bad}");
        }
    }

    #[tokio::test]
    async fn the_server_refuses_a_wrong_tag_with_a_4xx() {
        let base = start().await;
        let response = reqwest::Client::new()
            .post(format!("{base}/pets"))
            .json(&json!({"name": "Tom", "petType": "bird"}))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        assert!((400..500).contains(&status), "{status}");
        let body: Value = response.json().await.unwrap();
        assert!(body.to_string().contains("bird"), "{body}");
    }
}
