//! `anyOf` as "any subset" (`Reachable`, `Profile`, `Drawing` of the composition fixture): a
//! struct with one `Option` per alternative, each decoded from the whole object, so a value
//! matching several alternatives keeps all of them; encoding merges them back into one object.
//! `anyOf` of exclusive alternatives (`Profile.referrer`: a string or an object) stays an enum.

use composition_models::*;
use serde_json::{json, Value};

use super::round_trip;

fn by_email(email: &str) -> ByEmail {
    ByEmail {
        email: email.into(),
        name: None,
        settings: None,
    }
}

#[test]
fn a_value_matching_two_alternatives_keeps_both() {
    // `name` and `settings` are properties of both alternatives; `settings` holds a
    // property of each.
    let both: Reachable = round_trip(json!({
        "email": "a@b.c", "phone": "+1 555", "name": "Ann",
        "settings": {"digest": true, "sms": false}
    }));
    let email = both.by_email.as_ref().expect("matches ByEmail");
    let phone = both.by_phone.as_ref().expect("matches ByPhone");
    assert_eq!(
        (email.email.as_str(), phone.phone.as_str()),
        ("a@b.c", "+1 555")
    );
    assert_eq!(
        (email.name.as_deref(), phone.name.as_deref()),
        (Some("Ann"), Some("Ann"))
    );
    assert_eq!(email.settings.as_ref().unwrap().digest, Some(true));
    assert_eq!(phone.settings.as_ref().unwrap().sms, Some(false));
    // Decoding what was encoded gives the same value.
    let again: Reachable = serde_json::from_value(serde_json::to_value(&both).unwrap()).unwrap();
    assert_eq!(again, both);
}

#[test]
fn a_value_matching_one_alternative_has_the_others_absent() {
    let phone: Reachable = round_trip(json!({"phone": "+1 555", "name": "Bob"}));
    assert_eq!(phone.by_email, None);
    assert_eq!(phone.by_phone.unwrap().name.as_deref(), Some("Bob"));
    let email: Reachable = round_trip(json!({"email": "a@b.c"}));
    assert_eq!(
        email,
        Reachable {
            by_email: Some(by_email("a@b.c")),
            by_phone: None,
        }
    );
}

#[test]
fn a_value_matching_no_alternative_is_refused_with_each_reason() {
    let err = serde_json::from_value::<Reachable>(json!({"name": "Ann"})).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the value matches no alternative of Reachable (`ByEmail`: missing field `email`; \
         `ByPhone`: missing field `phone`)"
    );
    for bad in [json!("a@b.c"), json!([]), json!({"email": 5})] {
        assert!(
            serde_json::from_value::<Reachable>(bad.clone()).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn common_fields_beside_any_subset_with_a_nested_any_of() {
    // A person and a company at once, reachable by email (the nested `anyOf`), with a
    // common field that is itself "any subset".
    let profile: Profile = round_trip(json!({
        "id": "p1", "givenName": "Ann", "companyName": "Acme", "email": "ann@acme.example",
        "reach": {"phone": "+1 555"}
    }));
    assert_eq!(profile.id, "p1");
    let alternatives = &profile.alternatives;
    assert_eq!(alternatives.person.as_ref().unwrap().given_name, "Ann");
    assert_eq!(alternatives.company.as_ref().unwrap().company_name, "Acme");
    let reachable = alternatives.reachable.as_ref().unwrap();
    assert_eq!(reachable.by_email, Some(by_email("ann@acme.example")));
    assert_eq!(reachable.by_phone, None);
    assert!(profile.reach.as_ref().unwrap().by_phone.is_some());
    // One alternative only; it requires the common `id` too, and sees it.
    let company: Profile = round_trip(json!({"id": "p2", "companyName": "Acme"}));
    assert!(company.alternatives.person.is_none() && company.alternatives.reachable.is_none());
    assert_eq!(company.alternatives.company.unwrap().id, "p2");
    // The common fields alone match no alternative.
    let err = serde_json::from_value::<Profile>(json!({"id": "p3"})).unwrap_err();
    assert!(
        err.to_string()
            .contains("matches no alternative of ProfileAlternatives"),
        "{err}"
    );
    assert!(serde_json::from_value::<Profile>(json!({"givenName": "Ann"})).is_err());
}

#[test]
fn all_of_fields_beside_alternatives_that_both_hold() {
    let both: Drawing = round_trip(json!({"id": "d", "radius": 1.0, "width": 2.0, "height": 3.0}));
    assert_eq!(both.alternatives.with_radius.unwrap().radius, 1.0);
    assert_eq!(both.alternatives.with_width.unwrap().height, 3.0);
}

#[test]
fn exclusive_any_of_stays_an_enum() {
    let id: Profile = round_trip(json!({"id": "p", "givenName": "Ann", "referrer": "r-1"}));
    assert_eq!(id.referrer, Some(ProfileReferrer::String("r-1".into())));
    let expanded: Profile = round_trip(json!({
        "id": "p", "givenName": "Ann", "referrer": {"email": "r@b.c"}
    }));
    assert_eq!(
        expanded.referrer,
        Some(ProfileReferrer::ByEmail(by_email("r@b.c")))
    );
}

#[test]
fn validate_wants_one_alternative_and_checks_each_present_one() {
    let none = Reachable {
        by_email: None,
        by_phone: None,
    };
    let err = none.validate().unwrap_err();
    assert_eq!(
        (err.path.as_str(), err.message.as_str()),
        ("", "must match at least one of `ByEmail`, `ByPhone`")
    );
    let short = Reachable {
        by_email: Some(by_email("ab")),
        by_phone: None,
    };
    let err = short.validate().unwrap_err();
    assert_eq!(
        (err.path.as_str(), err.message.as_str()),
        ("email", "must be at least 3 characters long")
    );
    assert_eq!(
        Reachable {
            by_email: Some(by_email("a@b.c")),
            by_phone: None,
        }
        .validate(),
        Ok(())
    );
    // Through the common fields' struct, and the nested `anyOf` inside an alternative.
    let profile: Profile =
        serde_json::from_value(json!({"id": "p", "companyName": "A", "email": "ab"})).unwrap();
    assert_eq!(profile.validate().unwrap_err().path, "email");
}

mod e2e {
    use super::*;
    use crate::e2e::start;

    fn client(base: &str) -> composition_client::Client {
        composition_client::Client::builder(base).build().unwrap()
    }

    #[tokio::test]
    async fn client_and_server_agree_on_any_subset_bodies() {
        let client = client(&start().await);
        let both: Reachable = serde_json::from_value(json!({
            "email": "a@b.c", "phone": "+1 555", "settings": {"digest": true, "sms": true}
        }))
        .unwrap();
        let echoed = client.add_contact(both.clone()).send().await.unwrap();
        let echoed = echoed.into_inner();
        assert_eq!(echoed, both);
        assert!(echoed.by_email.is_some() && echoed.by_phone.is_some());
        let one: Reachable = serde_json::from_value(json!({"phone": "+1 555"})).unwrap();
        let echoed = client.add_contact(one.clone()).send().await.unwrap();
        assert_eq!(echoed.into_inner(), one);
        let profile: Profile = serde_json::from_value(json!({
            "id": "p", "givenName": "Ann", "phone": "+1 555", "referrer": "r-1"
        }))
        .unwrap();
        let echoed = client.add_profile(profile.clone()).send().await.unwrap();
        let echoed = echoed.into_inner();
        assert_eq!(echoed, profile);
        assert!(echoed.alternatives.person.is_some() && echoed.alternatives.reachable.is_some());
    }

    #[tokio::test]
    async fn the_client_refuses_a_value_with_no_alternative() {
        let client = client(&start().await);
        let none = Reachable {
            by_email: None,
            by_phone: None,
        };
        let err = client.add_contact(none).send().await.unwrap_err();
        assert!(
            matches!(&err, composition_client::Error::InvalidRequest(m) if m.contains("must match at least one of")),
            "{err:?}"
        );
    }

    #[tokio::test]
    async fn the_server_answers_4xx_with_an_error_body() {
        let base = start().await;
        let http = reqwest::Client::new();
        for (path, bad, says) in [
            (
                "contacts",
                json!({"name": "Ann"}),
                "matches no alternative of Reachable",
            ),
            (
                "profiles",
                json!({"id": "p"}),
                "matches no alternative of ProfileAlternatives",
            ),
            ("contacts", json!({"email": "ab"}), "at least 3 characters"),
        ] {
            let response = http
                .post(format!("{base}/{path}"))
                .json(&bad)
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            assert!((400..500).contains(&status), "{bad}: {status}");
            let body: Value = response.json().await.unwrap();
            assert!(body.to_string().contains(says), "{bad}: {body}");
        }
    }
}
