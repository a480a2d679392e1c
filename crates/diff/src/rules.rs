//! The rules: for each kind of change, its impact on client users, server implementors and the
//! wire, given a few facts about the changed element. This table is the one place to read (or
//! change) how a change is classified.
//!
//! Values sent in requests are built by clients and read by servers; values sent in responses
//! are built by servers and read by clients. So a new field breaks the side that builds values
//! (struct literals, when structs are exhaustive), a new enum value breaks the side that reads
//! them (exhaustive `match`), and on the wire a request may accept more (widen) while a
//! response may promise more (narrow). Any change of an existing element's Rust type or name
//! breaks both Rust sides.

use crate::report::{ChangeKind, Impact};
use crate::Options;

use Impact::{Breaking as B, Compatible as C, None as N};

/// Which way values of an element travel. Neither flag set means "not known to be used",
/// which the rules treat as both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Dir {
    /// Sent by clients (parameters, request bodies and the types they reach).
    pub request: bool,
    /// Sent by servers (response bodies, headers and the types they reach).
    pub response: bool,
}

impl Dir {
    pub const REQUEST: Dir = Dir {
        request: true,
        response: false,
    };
    pub const RESPONSE: Dir = Dir {
        request: false,
        response: true,
    };

    /// Both flags of either.
    pub fn union(self, other: Dir) -> Dir {
        Dir {
            request: self.request || other.request,
            response: self.response || other.response,
        }
    }

    /// The directions to apply rules for: unknown use counts as both.
    fn sides(self) -> impl Iterator<Item = Side> {
        let unknown = !self.request && !self.response;
        [
            (self.request || unknown).then_some(Side::Request),
            (self.response || unknown).then_some(Side::Response),
        ]
        .into_iter()
        .flatten()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Request,
    Response,
}

/// How a new type relates to the old one as a set of JSON values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Relation {
    /// The same type (possibly renamed).
    #[default]
    Same,
    /// Every old value is still valid, and more (`int32` → `int64`, enum → string).
    Widened,
    /// Every new value was valid before, but not the other way (string → enum).
    Narrowed,
    /// Neither.
    Changed,
}

/// What the rules need to know about a changed element.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Facts {
    /// Which way its values travel.
    pub dir: Dir,
    /// It is required (the new element for additions, the old one for removals).
    pub required: bool,
    /// For type changes: how the new type relates to the old (for security schemes: `Same`
    /// when the credential is sent the same way).
    pub relation: Relation,
    /// It has a protobuf number (its binary encoding is at stake too).
    pub proto: bool,
    /// For constraint and nullability changes: fewer values are accepted now.
    pub tightened: bool,
    /// For constraint changes: some value not accepted before is accepted now.
    pub loosened: bool,
    /// For removed proto fields and enum values: the new version reserves both the number and
    /// the name (buf's `*_NO_DELETE_UNLESS_NUMBER_RESERVED` / `_NAME_RESERVED`).
    pub reserved: bool,
    /// The Rust type of the element changes (a parameter gains or loses its default).
    pub rust_type_changes: bool,
    /// For renames: the old and the new name give the same Rust identifier.
    pub same_rust_name: bool,
}

/// Impacts on the three audiences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Impacts {
    pub client: Impact,
    pub server: Impact,
    pub wire: Option<Impact>,
}

const fn imp(client: Impact, server: Impact, wire: Impact) -> Impacts {
    Impacts {
        client,
        server,
        wire: Some(wire),
    }
}

const fn rust_only(client: Impact, server: Impact) -> Impacts {
    Impacts {
        client,
        server,
        wire: None,
    }
}

/// The impacts of one change.
pub(crate) fn impacts(kind: ChangeKind, f: &Facts, o: &Options) -> Impacts {
    use ChangeKind::*;
    let exh_structs = o.exhaustive_structs;
    let exh_enums = o.exhaustive_enums;
    match kind {
        TitleChanged => rust_only(N, N),
        // The default base URL moves; deployed clients keep the URL they were configured with.
        ServersChanged => imp(C, N, C),

        OperationAdded => imp(C, B, C), // a new method of the server trait
        OperationRemoved => imp(B, B, B),
        // Method names change (unless only case or separators do); the route does not.
        OperationRenamed => rust_only(B.or_none(f.same_rust_name), B.or_none(f.same_rust_name)),
        OperationMoved => imp(B, C, B),
        // One client and one server trait per API: the grouping only shows in docs.
        OperationServiceChanged => rust_only(N, N),

        // The server method gains (or loses) its `credentials` argument.
        AuthAdded => imp(B, B, B),
        AuthRemoved => imp(C, B, C),
        AuthAlternativeAdded => imp(C, C, C),
        AuthAlternativeRemoved => imp(B, C, B),
        // `relation` is `Same` when the credential travels the same way (API key in the
        // `Authorization` header vs bearer token): the Rust credential type changes, the bytes do not.
        SecuritySchemeChanged => imp(B, B, B.if_(f.relation != Relation::Same)),

        // Client: required parameters are arguments, optional ones builder setters.
        // Server: each parameter is a field of the operation's request struct.
        ParameterAdded => imp(B.if_(f.required), B.if_(exh_structs), B.if_(f.required)),
        ParameterRemoved => imp(B, B, C), // servers ignore what they no longer read
        // A path variable: only the Rust name can change.
        ParameterRenamed => rust_only(B.or_none(f.same_rust_name), B.or_none(f.same_rust_name)),
        ParameterBecameRequired => imp(B, B, B),
        ParameterBecameOptional => imp(B, B, C), // `T` becomes `Option<T>`
        ParameterTypeChanged => imp(B, B, wire_type(Dir::REQUEST, f)),
        // A default makes the server's field `T` instead of `Option<T>`.
        ParameterDefaultChanged => imp(C, B.if_(f.rust_type_changes), C),
        ParameterConstraintsChanged => imp(B.if_(f.tightened), C, B.if_(f.tightened)),

        RequestBodyAdded => imp(B.if_(f.required), B.if_(exh_structs), B.if_(f.required)),
        // Deployed clients keep sending a body the server no longer reads (oasdiff reports it).
        RequestBodyRemoved => imp(B, B, B),
        RequestBodyBecameRequired => imp(B, B, B),
        RequestBodyBecameOptional => imp(B, B, C),
        RequestBodyTypeChanged => imp(B, B, wire_type(Dir::REQUEST, f)),
        RequestBodyMediaTypeChanged => imp(C, C, B),
        // Measured on every media type a body offers (the documents of a tolerant reading).
        RequestMediaTypeAdded => imp(C, C, C),
        RequestMediaTypeRemoved => imp(C, C, B),
        // The part types are a runtime table: the Rust API stays, the bytes change.
        PartMediaTypeChanged => imp(C, C, B),
        ResponseMediaTypeAdded => imp(C, C, C), // clients ask for what they read (`Accept`)
        ResponseMediaTypeRemoved => imp(C, C, B),
        // The server parses the parameter another way; the Rust API does not change.
        ParameterStyleChanged => imp(C, C, B),

        // The client reports every documented error status as `Error::Api`; the server
        // builds one variant of the operation's response enum per status.
        ResponseAdded => imp(C, B.if_(exh_enums), C),
        ResponseRemoved => imp(C, B, C),
        ResponseBodyAdded => imp(B, B, C),
        ResponseBodyRemoved => imp(B, B, B),
        ResponseBodyTypeChanged => imp(B, B, wire_type(Dir::RESPONSE, f)),
        ResponseMediaTypeChanged => imp(C, C, B),
        ResponseHeaderAdded => imp(C, B.if_(f.required || exh_structs), C),
        ResponseHeaderRemoved => imp(B, B, B.if_(f.required)),
        ResponseHeaderTypeChanged => imp(B, B, wire_type(Dir::RESPONSE, f)),

        TypeAdded => rust_only(C, C),
        TypeRemoved => rust_only(B, B),
        // Type names never reach the wire.
        TypeRenamed => rust_only(B.or_none(f.same_rust_name), B.or_none(f.same_rust_name)),
        TypeKindChanged => imp(B, B, wire_type(f.dir, f)),

        FieldAdded => per_side(f.dir, |side| match side {
            Side::Request => imp(B.if_(f.required || exh_structs), C, B.if_(f.required)),
            Side::Response => imp(C, B.if_(f.required || exh_structs), C),
        }),
        FieldRemoved => per_side(f.dir, |side| match side {
            Side::Request => imp(B, B, B.if_(f.proto && !f.reserved)),
            Side::Response => imp(B, B, B.if_(f.required || f.proto).if_(!f.reserved)),
        }),
        FieldRenamed => imp(B, B, B), // the JSON name changes (the binary encoding does not)
        FieldTypeChanged => imp(B, B, wire_type(f.dir, f)),
        FieldBecameRequired => per_side(f.dir, |side| match side {
            Side::Request => imp(B, B, B),
            Side::Response => imp(B, B, C),
        }),
        FieldBecameOptional => per_side(f.dir, |side| match side {
            Side::Request => imp(B, B, C),
            Side::Response => imp(B, B, B),
        }),
        FieldNullableChanged => per_side(f.dir, |side| match side {
            Side::Request => imp(B, B, B.if_(f.tightened)),
            Side::Response => imp(B, B, B.if_(!f.tightened)),
        }),
        // A field that became write-only is no longer in responses (as if removed there); one
        // that became read-only is ignored in requests (servers tolerate it being sent).
        FieldAccessChanged => per_side(f.dir, |side| match side {
            Side::Request => imp(C, C, C),
            Side::Response => imp(C, C, B.if_(f.tightened)),
        }),
        FieldDefaultChanged => imp(C, C, C),
        // A request may accept more; a response may promise more, so it must not send values
        // the old constraints ruled out.
        FieldConstraintsChanged => per_side(f.dir, |side| match side {
            Side::Request => imp(B.if_(f.tightened), C, B.if_(f.tightened)),
            Side::Response => imp(C, C, B.if_(f.loosened)),
        }),
        FieldNumberChanged | FieldNumberReused | EnumValueNumberChanged => imp(N, N, B),
        FieldOneofChanged => imp(B, B, B),
        // JSON readers accept the `json_name`; serde aliases keep the Rust side unchanged.
        FieldJsonNameChanged => imp(N, N, B),
        // `T` becomes `Option<T>` (or back); proto3 JSON writes an implicit-presence field at
        // its default differently from an explicit one.
        FieldPresenceChanged => imp(B, B, B),
        // `int32` → `sint32`: the same Rust and JSON type, another binary encoding.
        FieldProtoTypeChanged => imp(N, N, B),
        ReservedRemoved => imp(N, N, B),
        AdditionalPropertiesChanged => imp(B, B, wire_type(f.dir, f)),

        EnumValueAdded | UnionVariantAdded => per_side(f.dir, |side| match side {
            Side::Request => imp(C, B.if_(exh_enums), C),
            // Deployed clients cannot parse a value they do not know (proto enums are open:
            // readers keep unknown values).
            Side::Response => imp(B.if_(exh_enums), C, B.if_(!f.proto)),
        }),
        EnumValueRemoved | UnionVariantRemoved => per_side(f.dir, |side| match side {
            Side::Request => imp(B, B, B.if_(!f.reserved)),
            Side::Response => imp(B, B, B.if_(f.proto && !f.reserved)),
        }),
        EnumValueRenamed => imp(B, B, B), // the JSON value is the name
        EnumReprChanged | UnionDiscriminatorChanged => imp(B, B, B),
        UnionVariantTypeChanged => imp(B, B, wire_type(f.dir, f)),
        // `oneOf` → `anyOf` accepts more values (one matching several alternatives); the Rust
        // type changes only between an enum and a struct of `Option`s ("any subset").
        UnionMatchChanged => imp(
            B.or_none(!f.rust_type_changes),
            B.or_none(!f.rust_type_changes),
            wire_type(f.dir, f),
        ),

        DeprecationChanged => rust_only(C, N), // `#[deprecated]` warnings for callers
        DocsChanged => rust_only(N, N),
        // Could not be compared: reported, never a verdict of its own.
        Unknown => imp(C, C, C),
    }
}

/// The wire verdict of a change to a protobuf API, as buf's `WIRE_JSON` category gives it:
/// only the encodings of messages and enums count. Changes of the HTTP binding of an rpc (a
/// route, a parameter, a status, authentication) and of rpcs themselves are compatible on
/// this wire (buf's `RPC_NO_DELETE` is a `FILE`/`PACKAGE` rule); so are "required" changes,
/// which in proto3 are a documentation convention (`+optional`), not an encoding. Request and
/// response message changes stay (`RPC_SAME_REQUEST_TYPE`, `RPC_SAME_RESPONSE_TYPE`).
pub(crate) fn proto_wire(kind: ChangeKind, wire: Impact) -> Impact {
    use ChangeKind::*;
    match kind {
        RequestBodyTypeChanged
        | ResponseBodyTypeChanged
        | TypeKindChanged
        | FieldRemoved
        | FieldRenamed
        | FieldTypeChanged
        | FieldNumberChanged
        | FieldNumberReused
        | FieldOneofChanged
        | FieldJsonNameChanged
        | FieldPresenceChanged
        | FieldProtoTypeChanged
        | ReservedRemoved
        | AdditionalPropertiesChanged
        | EnumValueAdded
        | EnumValueRemoved
        | EnumValueRenamed
        | EnumValueNumberChanged
        | EnumReprChanged
        | UnionVariantAdded
        | UnionVariantRemoved
        | UnionVariantTypeChanged
        | UnionDiscriminatorChanged => wire,
        _ => wire.min(C),
    }
}

/// The equivalent rules of the established checkers: oasdiff check ids for OpenAPI, buf
/// breaking rule ids (category `WIRE_JSON` unless noted) for protobuf. Empty when neither has
/// one (a change only the generated Rust code sees).
pub fn equivalents(kind: ChangeKind) -> &'static [&'static str] {
    use ChangeKind::*;
    match kind {
        TitleChanged
        | ServersChanged
        | DocsChanged
        | TypeAdded
        | TypeRenamed
        | OperationServiceChanged
        | Unknown => &[],
        OperationAdded => &["oasdiff:endpoint-added"],
        OperationRemoved => &[
            "oasdiff:api-path-removed-without-deprecation",
            "oasdiff:api-removed-without-deprecation",
        ],
        OperationRenamed => &["oasdiff:api-operation-id-removed"],
        OperationMoved => &["oasdiff:api-path-removed-without-deprecation"],
        AuthAdded => &[
            "oasdiff:api-security-added",
            "oasdiff:api-global-security-added",
        ],
        AuthRemoved => &[
            "oasdiff:api-security-removed",
            "oasdiff:api-global-security-removed",
        ],
        AuthAlternativeAdded => &["oasdiff:api-security-added"],
        AuthAlternativeRemoved => &["oasdiff:api-security-removed"],
        SecuritySchemeChanged => &["oasdiff:api-security-component-type-changed"],
        ParameterAdded => &[
            "oasdiff:new-required-request-parameter",
            "oasdiff:new-optional-request-parameter",
        ],
        ParameterRemoved => &["oasdiff:request-parameter-removed"],
        ParameterRenamed => &[],
        ParameterBecameRequired => &["oasdiff:request-parameter-became-required"],
        ParameterBecameOptional => &["oasdiff:request-parameter-became-optional"],
        ParameterTypeChanged => &["oasdiff:request-parameter-type-changed"],
        ParameterDefaultChanged => &["oasdiff:request-parameter-default-value-changed"],
        ParameterConstraintsChanged => &[
            "oasdiff:request-parameter-max-decreased",
            "oasdiff:request-parameter-min-increased",
            "oasdiff:request-parameter-max-length-decreased",
            "oasdiff:request-parameter-pattern-added",
        ],
        ParameterStyleChanged => &["oasdiff:request-parameter-style-changed"],
        RequestBodyAdded => &[
            "oasdiff:added-required-request-body",
            "oasdiff:added-optional-request-body",
        ],
        RequestBodyRemoved => &["oasdiff:request-body-removed"],
        RequestBodyBecameRequired => &["oasdiff:request-body-became-required"],
        RequestBodyBecameOptional => &["oasdiff:request-body-became-optional"],
        RequestBodyTypeChanged => &[
            "oasdiff:request-body-type-changed",
            "buf:RPC_SAME_REQUEST_TYPE",
        ],
        RequestBodyMediaTypeChanged | RequestMediaTypeRemoved => {
            &["oasdiff:request-body-media-type-removed"]
        }
        RequestMediaTypeAdded => &["oasdiff:request-body-media-type-added"],
        PartMediaTypeChanged => &[],
        ResponseAdded => &[
            "oasdiff:response-success-status-added",
            "oasdiff:response-non-success-status-added",
        ],
        ResponseRemoved => &[
            "oasdiff:response-success-status-removed",
            "oasdiff:response-non-success-status-removed",
        ],
        ResponseBodyAdded => &["oasdiff:response-body-added"],
        ResponseBodyRemoved => &["oasdiff:response-body-removed"],
        ResponseBodyTypeChanged => &[
            "oasdiff:response-body-type-changed",
            "buf:RPC_SAME_RESPONSE_TYPE",
        ],
        ResponseMediaTypeChanged | ResponseMediaTypeRemoved => {
            &["oasdiff:response-media-type-removed"]
        }
        ResponseMediaTypeAdded => &["oasdiff:response-media-type-added"],
        ResponseHeaderAdded => &["oasdiff:new-required-response-header"],
        ResponseHeaderRemoved => &[
            "oasdiff:required-response-header-removed",
            "oasdiff:optional-response-header-removed",
        ],
        ResponseHeaderTypeChanged => &["oasdiff:response-header-type-changed"],
        TypeRemoved => &["buf:MESSAGE_NO_DELETE (FILE/PACKAGE only)"],
        TypeKindChanged => &[
            "oasdiff:request-body-type-changed",
            "oasdiff:response-body-type-changed",
        ],
        FieldAdded => &[
            "oasdiff:new-required-request-property",
            "oasdiff:new-optional-request-property",
            "oasdiff:response-optional-property-added",
        ],
        FieldRemoved => &[
            "oasdiff:request-property-removed",
            "oasdiff:response-required-property-removed",
            "buf:FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED",
            "buf:FIELD_NO_DELETE_UNLESS_NAME_RESERVED",
        ],
        FieldRenamed => &["buf:FIELD_SAME_NAME"],
        FieldTypeChanged => &[
            "oasdiff:request-property-type-changed",
            "oasdiff:response-property-type-changed",
            "buf:FIELD_WIRE_JSON_COMPATIBLE_TYPE",
            "buf:FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY",
        ],
        FieldBecameRequired => &["oasdiff:request-property-became-required"],
        FieldBecameOptional => &["oasdiff:response-property-became-optional"],
        FieldNullableChanged => &[
            "oasdiff:request-property-became-not-nullable",
            "oasdiff:response-property-became-nullable",
        ],
        FieldAccessChanged => &[
            "oasdiff:request-property-became-read-only",
            "oasdiff:response-property-became-write-only",
        ],
        FieldDefaultChanged => &[
            "oasdiff:request-property-default-value-changed",
            "oasdiff:response-property-default-value-changed",
        ],
        FieldConstraintsChanged => &[
            "oasdiff:request-property-max-decreased",
            "oasdiff:request-property-min-increased",
            "oasdiff:request-property-max-length-decreased",
            "oasdiff:request-property-min-items-increased",
            "oasdiff:request-property-max-items-decreased",
            "oasdiff:response-property-max-increased",
            "oasdiff:request-property-pattern-added",
        ],
        FieldNumberChanged => &["buf:FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED"],
        FieldNumberReused => &["buf:FIELD_WIRE_JSON_COMPATIBLE_TYPE"],
        FieldOneofChanged => &["buf:FIELD_SAME_ONEOF"],
        FieldJsonNameChanged => &["buf:FIELD_SAME_JSON_NAME"],
        FieldPresenceChanged => &["buf:FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY"],
        FieldProtoTypeChanged => &["buf:FIELD_WIRE_COMPATIBLE_TYPE (WIRE)"],
        ReservedRemoved => &[
            "buf:RESERVED_MESSAGE_NO_DELETE",
            "buf:RESERVED_ENUM_NO_DELETE",
        ],
        AdditionalPropertiesChanged => &["oasdiff:request-property-type-changed"],
        EnumValueAdded => &["oasdiff:response-property-enum-value-added"],
        EnumValueRemoved => &[
            "oasdiff:request-property-enum-value-removed",
            "oasdiff:request-parameter-enum-value-removed",
            "buf:ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED",
            "buf:ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED",
        ],
        EnumValueRenamed => &["buf:ENUM_VALUE_SAME_NAME"],
        EnumValueNumberChanged => &["buf:ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED"],
        EnumReprChanged => &["oasdiff:response-property-type-changed"],
        UnionVariantAdded => &["oasdiff:response-property-one-of-added"],
        UnionVariantRemoved => &["oasdiff:request-property-one-of-removed"],
        UnionVariantTypeChanged => &["oasdiff:request-property-type-changed"],
        UnionDiscriminatorChanged => &["oasdiff:request-body-discriminator-property-name-changed"],
        UnionMatchChanged => &[
            "oasdiff:request-property-one-of-removed",
            "oasdiff:request-property-any-of-added",
        ],
        DeprecationChanged => &[
            "oasdiff:endpoint-deprecated",
            "oasdiff:request-parameter-deprecated",
        ],
    }
}

/// The wire impact of a type change: requests may widen, responses may narrow; any change of
/// a proto field's type is breaking (its JSON and binary forms change together).
fn wire_type(dir: Dir, f: &Facts) -> Impact {
    dir.sides()
        .map(|side| match (f.relation, side) {
            (Relation::Same, _) => C,
            _ if f.proto => B,
            (Relation::Widened, Side::Request) | (Relation::Narrowed, Side::Response) => C,
            _ => B,
        })
        .max()
        .unwrap_or(C)
}

/// The largest impacts over the directions an element travels.
fn per_side(dir: Dir, rule: impl Fn(Side) -> Impacts) -> Impacts {
    dir.sides()
        .map(rule)
        .reduce(|a, b| Impacts {
            client: a.client.max(b.client),
            server: a.server.max(b.server),
            wire: match (a.wire, b.wire) {
                (Some(x), Some(y)) => Some(x.max(y)),
                (x, y) => x.or(y),
            },
        })
        .unwrap_or(imp(C, C, C))
}

trait IfBreaking {
    fn if_(self, cond: bool) -> Impact;
    fn or_none(self, none: bool) -> Impact;
}

impl IfBreaking for Impact {
    /// `None` when `none` holds, else `self`.
    fn or_none(self, none: bool) -> Impact {
        if none {
            N
        } else {
            self
        }
    }

    /// `self` when `cond` holds, else `Compatible`.
    fn if_(self, cond: bool) -> Impact {
        if cond {
            self
        } else {
            C
        }
    }
}
