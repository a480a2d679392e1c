//! Unit tests, one per rule at least, on IRs built by hand.

mod operations;
mod report;
mod types;

use apigen_ir::*;

use crate::{Change, ChangeKind, Impact, Report};

pub(crate) use Impact::{Breaking as B, Compatible as C, None as N};

/// An API with one service holding `ops`, and `types` (sorted).
pub(crate) fn api(ops: Vec<Operation>, types: Vec<TypeDef>) -> Api {
    let mut api = Api {
        json_mapping: apigen_ir::JsonMapping::Plain,
        title: "Test API".into(),
        version: Some("1".into()),
        docs: Docs::default(),
        servers: vec!["https://example.com".into()],
        services: vec![Service {
            name: "tokens".into(),
            docs: Docs::default(),
            operations: ops,
            rpcs: Vec::new(),
            package: String::new(),
        }],
        types,
        security_schemes: Vec::new(),
        skipped: Vec::new(),
    };
    api.normalize();
    api
}

pub(crate) fn op(id: &str, method: HttpMethod, path: &str) -> Operation {
    Operation {
        id: id.into(),
        docs: Docs::default(),
        location: format!(
            "#/paths/{}/{}",
            path.replace('/', "~1"),
            method.as_str().to_lowercase()
        ),
        http: HttpBinding {
            method,
            path: PathTemplate::parse(path).expect("valid path"),
        },
        parameters: Vec::new(),
        request_body: None,
        responses: vec![response(200, Some(named("Token")))],
        security: Vec::new(),
        deprecated: false,
    }
}

pub(crate) fn get(id: &str, path: &str) -> Operation {
    op(id, HttpMethod::Get, path)
}

pub(crate) fn param(
    name: &str,
    location: ParameterLocation,
    required: bool,
    ty: TypeRef,
) -> Parameter {
    Parameter {
        name: name.into(),
        location,
        required,
        ty,
        default: None,
        docs: Docs::default(),
        deprecated: false,
        explode: true,
        style: apigen_ir::ParameterStyle::Plain,
        allow_reserved: false,
    }
}

pub(crate) fn query(name: &str, required: bool) -> Parameter {
    param(name, ParameterLocation::Query, required, string())
}

pub(crate) fn response(code: u16, body: Option<TypeRef>) -> Response {
    Response {
        status: ResponseStatus::Code(code),
        docs: Docs::default(),
        body: body.map(|ty| ResponseBody {
            media_type: "application/json".into(),
            encoding: BodyEncoding::Json,
            ty,
            alternatives: Vec::new(),
            parts: Vec::new(),
        }),
        headers: Vec::new(),
    }
}

pub(crate) fn body(ty: TypeRef, required: bool) -> RequestBody {
    RequestBody {
        media_type: "application/json".into(),
        encoding: BodyEncoding::Json,
        ty,
        alternatives: Vec::new(),
        parts: Vec::new(),
        required,
        docs: Docs::default(),
    }
}

pub(crate) fn prim(kind: PrimitiveKind) -> TypeRef {
    TypeRef::Primitive(Primitive::new(kind))
}

pub(crate) fn string() -> TypeRef {
    prim(PrimitiveKind::String)
}

pub(crate) fn named(name: &str) -> TypeRef {
    TypeRef::Named(name.into())
}

pub(crate) fn field(name: &str, ty: TypeRef, required: bool) -> Field {
    Field {
        name: name.into(),
        ty,
        required,
        nullable: false,
        read_only: false,
        write_only: false,
        default: None,
        docs: Docs::default(),
        deprecated: false,
        proto_number: None,
        oneof: None,
        json_name: None,
        proto_type: None,
        proto_map_key: None,
        presence: None,
        sizes: Default::default(),
    }
}

pub(crate) fn numbered(name: &str, ty: TypeRef, number: u32) -> Field {
    Field {
        proto_number: Some(number),
        ..field(name, ty, false)
    }
}

fn def(name: &str, kind: TypeKind) -> TypeDef {
    TypeDef {
        name: name.into(),
        name_origin: NameOrigin::Spec,
        namespace: Vec::new(),
        docs: Docs::default(),
        location: format!("#/components/schemas/{name}"),
        kind,
    }
}

pub(crate) fn object(name: &str, fields: Vec<Field>) -> TypeDef {
    def(
        name,
        TypeKind::Object(ObjectType {
            fields,
            additional_properties: None,
            alternatives: None,
        }),
    )
}

pub(crate) fn enumeration(name: &str, values: &[(&str, Option<i32>)]) -> TypeDef {
    let values = values
        .iter()
        .map(|(v, n)| EnumValue {
            value: v.to_string(),
            number: *n,
            docs: Docs::default(),
        })
        .collect();
    def(
        name,
        TypeKind::Enum(EnumType {
            repr: EnumRepr::String,
            values,
        }),
    )
}

pub(crate) fn union(name: &str, variants: &[(&str, &str)]) -> TypeDef {
    let variants = variants
        .iter()
        .map(|(n, tag)| UnionVariant {
            name: n.to_string(),
            tag: Some(tag.to_string()),
            ty: named(n),
        })
        .collect();
    def(
        name,
        TypeKind::Union(UnionType {
            discriminator: Some("kind".into()),
            matches: apigen_ir::UnionMatch::ExactlyOne,
            variants,
        }),
    )
}

pub(crate) fn alias(name: &str, ty: TypeRef) -> TypeDef {
    def(name, TypeKind::Alias(ty))
}

/// The `Token` response type every test operation returns.
pub(crate) fn token(fields: Vec<Field>) -> TypeDef {
    object("Token", fields)
}

/// The one change of `kind` in a report; fails the test when there is none or several.
#[track_caller]
pub(crate) fn one(report: &Report, kind: ChangeKind) -> &Change {
    let found: Vec<&Change> = report.changes.iter().filter(|c| c.kind == kind).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {kind:?} in {:#?}",
        report.changes
    );
    found[0]
}

/// Asserts the impacts of the one change of `kind`.
#[track_caller]
pub(crate) fn expect(
    report: &Report,
    kind: ChangeKind,
    client: Impact,
    server: Impact,
    wire: Option<Impact>,
) {
    let c = one(report, kind);
    assert_eq!(
        (c.client, c.server, c.wire),
        (client, server, wire),
        "{c:#?}"
    );
}

/// The kinds of all changes, in order.
pub(crate) fn kinds(report: &Report) -> Vec<ChangeKind> {
    report.changes.iter().map(|c| c.kind).collect()
}

/// Every rule is tested: by a unit test here (`K::Name`), or by a spec pair under
/// `tests/fixtures/diff` whose expectation in `tests/tests/diff/pairs.rs` names it.
#[test]
fn every_rule_has_a_test() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut text = String::new();
    for f in ["operations.rs", "types.rs", "report.rs"] {
        text.push_str(
            &std::fs::read_to_string(format!("{root}/crates/diff/src/tests/{f}")).unwrap(),
        );
    }
    let pairs = ["diff.rs", "diff/pairs.rs"]
        .map(|f| std::fs::read_to_string(format!("{root}/tests/tests/{f}")).unwrap_or_default())
        .concat();
    let missing: Vec<ChangeKind> = ChangeKind::ALL
        .iter()
        .copied()
        .filter(|k| {
            let camel = format!("K::{k:?}");
            let snake = serde_json::to_value(k)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string();
            !text.contains(&format!("{camel},"))
                && !text.contains(&format!("{camel})"))
                && !pairs.contains(&format!("\"{snake} "))
        })
        .collect();
    assert!(missing.is_empty(), "rules without a test: {missing:?}");
}

/// Every rule that reaches the wire names the rule of oasdiff or buf it corresponds to, or
/// is listed here as having none.
#[test]
fn rules_name_their_equivalents() {
    const OURS_ONLY: &[ChangeKind] = &[
        ChangeKind::TitleChanged,
        ChangeKind::ServersChanged,
        ChangeKind::DocsChanged,
        ChangeKind::TypeAdded,
        ChangeKind::TypeRenamed,
        ChangeKind::OperationServiceChanged,
        ChangeKind::ParameterRenamed,
        ChangeKind::PartMediaTypeChanged,
        ChangeKind::Unknown,
    ];
    for k in ChangeKind::ALL {
        assert_eq!(
            crate::equivalents(*k).is_empty(),
            OURS_ONLY.contains(k),
            "{k:?}"
        );
    }
}

/// docs/diff.md lists every rule.
#[test]
fn every_rule_is_documented() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/diff.md"))
        .expect("docs/diff.md");
    for k in ChangeKind::ALL {
        let snake = serde_json::to_value(k)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            doc.contains(&format!("| `{snake}` |")),
            "{snake} is not in docs/diff.md"
        );
    }
}
