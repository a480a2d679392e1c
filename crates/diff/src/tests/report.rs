//! Semver bumps, rendering and the check that two specs are one API.

use apigen_ir::*;

use super::*;
use crate::{check_related, diff, Bump, Error};

fn base() -> Api {
    api(vec![get("getToken", "/tokens")], vec![token(vec![])])
}

#[test]
fn semver_bump_by_the_largest_impact() {
    let old = base();
    assert_eq!(diff(&old, &old).semver_bump(), Bump::None);
    let mut docs = old.clone();
    docs.docs = Docs::description("Tokens.");
    assert_eq!(diff(&old, &docs).semver_bump(), Bump::Patch);
    let mut added = old.clone();
    added.types.push(object("Extra", vec![]));
    added.normalize();
    assert_eq!(diff(&old, &added).semver_bump(), Bump::Minor);
    assert_eq!(diff(&added, &old).semver_bump(), Bump::Major);
}

#[test]
fn markdown_and_json_are_deterministic_and_complete() {
    let old = base();
    let mut new = old.clone();
    new.services[0].operations[0].id = "fetchToken".into();
    new.docs = Docs::description("Tokens | keys.");
    let report = diff(&old, &new);
    let md = report.to_markdown();
    assert_eq!(md, diff(&old, &new).to_markdown());
    assert!(
        md.contains("**Semver bump of the generated crates: major.**"),
        "{md}"
    );
    assert!(md.contains("#### Breaking (1)"), "{md}");
    assert!(
        md.contains("operation `getToken` renamed to `fetchToken`"),
        "{md}"
    );
    assert!(md.contains("<details><summary>Documentation"), "{md}");
    assert!(
        md.contains("| `#/paths/~1tokens/get` | `#/paths/~1tokens/get` |"),
        "{md}"
    );
    let json = report.to_json();
    assert_eq!(json["semver_bump"], "major");
    assert_eq!(json["breaking"]["client"], 1);
    assert_eq!(json["changes"][1]["kind"], "operation_renamed");
    assert_eq!(json["changes"][1]["wire"], serde_json::Value::Null);
    assert_eq!(json["changes"][1]["client"], "breaking");
}

#[test]
fn empty_report_says_so() {
    let md = diff(&base(), &base()).to_markdown();
    assert!(md.ends_with("No changes.\n"), "{md}");
}

#[test]
fn unrelated_apis_are_an_error() {
    let ionos = base();
    let mut other = api(
        vec![get("issue", "/identity/token/issue")],
        vec![object("Grant", vec![])],
    );
    other.title = "spaceone.api.identity.v2.Token".into();
    let err = check_related(&ionos, &other).unwrap_err();
    assert!(matches!(err, Error::Unrelated { .. }));
    assert!(
        err.to_string()
            .contains("`Test API` and `spaceone.api.identity.v2.Token`"),
        "{err}"
    );
    // A new title alone does not make another API.
    let mut renamed = base();
    renamed.title = "Auth API".into();
    assert!(check_related(&ionos, &renamed).is_ok());
}

#[test]
fn alias_cycles_do_not_hang() {
    let mut old = base();
    old.types.push(alias("A", named("B")));
    old.types.push(alias("B", named("A")));
    old.normalize();
    old.services[0].operations[0].responses[0]
        .body
        .as_mut()
        .unwrap()
        .ty = named("A");
    let mut new = old.clone();
    new.services[0].operations[0].responses[0]
        .body
        .as_mut()
        .unwrap()
        .ty = string();
    let r = diff(&old, &new);
    assert_eq!(r.changes.len(), 1, "{r:#?}");
}
