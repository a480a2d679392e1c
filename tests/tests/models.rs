//! JSON round trips of every generated model against the seed documents' example payloads:
//! what the seeds show decodes into the generated types and encodes back to the same JSON.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn round_trip<T: DeserializeOwned + Serialize>(example: Value) -> T {
    let decoded: T = serde_json::from_value(example.clone()).expect("seed example decodes");
    let encoded = serde_json::to_value(&decoded).expect("encodes");
    assert_eq!(encoded, example, "round trip changed the JSON");
    decoded
}

mod ionos {
    use super::*;
    use ionos_auth_models::*;

    #[test]
    fn jwt() {
        let jwt: Jwt = round_trip(json!({"token": "string"}));
        assert_eq!(jwt.token.as_deref(), Some("string"));
        round_trip::<Jwt>(json!({}));
    }

    #[test]
    fn token_and_tokens() {
        let token = json!({"id": "string", "href": "string", "createdDate": "string", "expirationDate": "string"});
        let t: Token = round_trip(token.clone());
        assert_eq!(t.created_date, "string");
        let list: Tokens = round_trip(json!({"tokens": [token.clone(), token]}));
        assert_eq!(list.tokens.map(|t| t.len()), Some(2));
    }

    #[test]
    fn token_requires_its_required_fields() {
        let err =
            serde_json::from_value::<Token>(json!({"id": "a", "href": "b", "createdDate": "c"}))
                .unwrap_err();
        assert!(err.to_string().contains("expirationDate"), "{err}");
    }

    #[test]
    fn delete_response_and_error() {
        let d: DeleteResponse = round_trip(json!({"success": true}));
        assert_eq!(d.success, Some(true));
        let e: Error = round_trip(
            json!({"httpStatus": 401, "messages": [{"errorCode": "paas-auth-1", "message": "Unauthorized"}]}),
        );
        assert_eq!(e.http_status, Some(401));
    }

    #[test]
    fn criteria_enum_uses_wire_names() {
        for (value, wire) in [
            (DeleteCriteria::All, "ALL"),
            (DeleteCriteria::Expired, "EXPIRED"),
            (DeleteCriteria::Current, "CURRENT"),
        ] {
            assert_eq!(serde_json::to_value(value).unwrap(), json!(wire));
            assert_eq!(wire.parse::<DeleteCriteria>().unwrap(), value);
        }
        assert!("all".parse::<DeleteCriteria>().is_err());
        assert_eq!(DeleteCriteria::ALL.len(), 3);
    }

    #[test]
    fn ttl_bounds_are_constants() {
        use parameters::create_token::*;
        assert_eq!(
            (TTL_MINIMUM, TTL_MAXIMUM, TTL_DEFAULT),
            (60, 31_536_000, 31_536_000)
        );
    }
}

mod cloudforet {
    use super::*;
    use cloudforet_identity_models::*;

    #[test]
    fn issue_token_request_from_the_seed() {
        let req: IssueTokenRequest = round_trip(json!({
            "credentials": {"user_id": "wonny@cloudforet.io", "password": "Password0*"},
            "auth_type": "LOCAL",
            "domain_id": "domain-123123a"
        }));
        assert_eq!(req.auth_type, IssueTokenRequestAuthType::Local);
        let credentials = req
            .credentials
            .as_ref()
            .expect("a message field that was sent");
        assert_eq!(credentials["user_id"], json!("wonny@cloudforet.io"));
        assert_eq!(req.timeout, 0, "an absent int32 holds its default");
        assert!(req.validate().is_ok());
    }

    #[test]
    fn grant_token_request_from_the_seed() {
        let req: GrantTokenRequest = round_trip(json!({
            "grant_type": "REFRESH_TOKEN",
            "token": "your_refresh_token_from_issue",
            "scope": "DOMAIN",
            "domain_id": "domain-123123a"
        }));
        assert_eq!(req.scope, GrantTokenRequestScope::Domain);
        assert!(req.permissions.is_empty(), "absent repeated field is empty");
        let with: GrantTokenRequest = round_trip(json!({
            "grant_type": "REFRESH_TOKEN", "token": "t", "scope": "WORKSPACE",
            "permissions": ["identity:*"], "workspace_id": "workspace-1", "timeout": 600
        }));
        assert_eq!(with.permissions, vec!["identity:*".to_string()]);
    }

    #[test]
    fn token_infos() {
        let t: TokenInfo = round_trip(json!({"access_token": "a", "refresh_token": "r"}));
        assert_eq!(t.refresh_token, "r");
        let g: GrantTokenInfo = round_trip(json!({
            "access_token": "a", "role_type": "DOMAIN_ADMIN", "domain_id": "d", "workspace_id": "w", "role_id": "r"
        }));
        assert_eq!(g.role_type, GrantTokenInfoRoleType::DomainAdmin);
    }

    /// What Cloudforet's servers send (`MessageToDict`): fields at their default are omitted.
    #[test]
    fn answers_with_defaults_omitted_decode() {
        let g: GrantTokenInfo =
            round_trip(json!({"access_token": "a", "role_type": "DOMAIN_ADMIN", "domain_id": "d"}));
        assert_eq!((g.workspace_id.as_str(), g.role_id.as_str()), ("", ""));
        let empty: GrantTokenInfo = round_trip(json!({}));
        assert_eq!(empty, GrantTokenInfo::default());
        assert_eq!(empty.role_type, GrantTokenInfoRoleType::RoleTypeNone);
        let t: TokenInfo = serde_json::from_value(json!({"access_token": null})).unwrap();
        assert_eq!(t, TokenInfo::default());
    }

    /// `MessageToJson`'s default spelling, enum numbers, unknown values from a newer server.
    #[test]
    fn camel_case_names_numbers_and_unknown_values_decode() {
        let g: GrantTokenInfo = serde_json::from_value(json!({
            "accessToken": "a", "roleType": 2, "domainId": "d", "workspaceId": "w"
        }))
        .unwrap();
        assert_eq!(g.role_type, GrantTokenInfoRoleType::WorkspaceOwner);
        assert_eq!(g.workspace_id, "w");
        assert_eq!(
            serde_json::to_value(&g).unwrap(),
            json!({"access_token": "a", "role_type": "WORKSPACE_OWNER", "domain_id": "d", "workspace_id": "w"}),
            "written in the original spelling, enums by name"
        );
        let newer: GrantTokenInfo =
            round_trip(json!({"access_token": "a", "role_type": "SYSTEM_ADMIN"}));
        assert_eq!(newer.role_type.as_str(), "SYSTEM_ADMIN");
        let numbered: GrantTokenInfo = round_trip(json!({"role_type": 42}));
        assert_eq!(numbered.role_type.number(), Some(42));
        assert!(
            numbered.validate().is_err(),
            "unknown values are refused in requests"
        );
    }

    /// The example of the README, verbatim.
    #[test]
    fn readme_example() {
        let info: GrantTokenInfo =
            serde_json::from_str(r#"{"accessToken": "a", "roleType": 1}"#).unwrap();
        assert_eq!(info.role_type, GrantTokenInfoRoleType::DomainAdmin);
        assert_eq!(info.workspace_id, "");
        assert_eq!(
            serde_json::to_string(&info).unwrap(),
            r#"{"access_token":"a","role_type":"DOMAIN_ADMIN"}"#
        );
    }

    #[test]
    fn required_fields_are_an_api_rule_not_a_json_rule() {
        let req: IssueTokenRequest = serde_json::from_value(json!({"credentials": {}})).unwrap();
        let err = req.validate().unwrap_err();
        assert_eq!(err.path, "domain_id");
        let req: IssueTokenRequest = serde_json::from_value(json!({"domain_id": "d"})).unwrap();
        assert_eq!(req.validate().unwrap_err().path, "credentials");
        let req: GrantTokenRequest =
            serde_json::from_value(json!({"grant_type": "NOPE", "token": "t", "scope": "DOMAIN"}))
                .unwrap();
        let err = req.validate().unwrap_err();
        assert!(err.to_string().contains("NOPE"), "{err}");
        assert_eq!(err.path, "grant_type");
    }

    #[test]
    fn messages_are_json_objects_only() {
        for bad in [json!(["t", "r"]), json!("t"), json!(null), json!(1)] {
            assert!(
                serde_json::from_value::<TokenInfo>(bad.clone()).is_err(),
                "{bad}"
            );
        }
        assert!(serde_json::from_str::<IssueTokenRequest>(r#"{"credentials": []}"#).is_err());
    }
}
