//! The result of a comparison: changes, their impact on each audience, and the semver bump.

use serde::Serialize;

/// How a change affects one audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Nothing this audience sees changes (documentation, names that never reach it).
    None,
    /// Something observable changed, but what worked before keeps working.
    Compatible,
    /// Code or deployments written against the old API stop compiling or working.
    Breaking,
}

impl Impact {
    /// The larger of two impacts.
    pub fn max(self, other: Impact) -> Impact {
        std::cmp::max(self, other)
    }

    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Compatible => "compatible",
            Impact::Breaking => "breaking",
        }
    }
}

/// One rule of the comparison: what kind of change was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // each variant's name says what changed; the rules live in `rules.rs`
pub enum ChangeKind {
    // The API as a whole.
    TitleChanged,
    ServersChanged,
    // Operations.
    OperationAdded,
    OperationRemoved,
    OperationRenamed,
    OperationMoved,
    OperationServiceChanged,
    // Authentication.
    AuthAdded,
    AuthRemoved,
    AuthAlternativeAdded,
    AuthAlternativeRemoved,
    SecuritySchemeChanged,
    // Parameters.
    ParameterAdded,
    ParameterRemoved,
    ParameterRenamed,
    ParameterBecameRequired,
    ParameterBecameOptional,
    ParameterTypeChanged,
    ParameterDefaultChanged,
    ParameterConstraintsChanged,
    ParameterStyleChanged,
    // Request bodies.
    RequestBodyAdded,
    RequestBodyRemoved,
    RequestBodyBecameRequired,
    RequestBodyBecameOptional,
    RequestBodyTypeChanged,
    RequestBodyMediaTypeChanged,
    RequestMediaTypeAdded,
    RequestMediaTypeRemoved,
    /// A `multipart/form-data` part (request or response) sent with another media type.
    PartMediaTypeChanged,
    // Responses.
    ResponseAdded,
    ResponseRemoved,
    ResponseBodyAdded,
    ResponseBodyRemoved,
    ResponseBodyTypeChanged,
    ResponseMediaTypeChanged,
    ResponseMediaTypeAdded,
    ResponseMediaTypeRemoved,
    ResponseHeaderAdded,
    ResponseHeaderRemoved,
    ResponseHeaderTypeChanged,
    // Named types.
    TypeAdded,
    TypeRemoved,
    TypeRenamed,
    TypeKindChanged,
    // Fields of object types.
    FieldAdded,
    FieldRemoved,
    FieldRenamed,
    FieldTypeChanged,
    FieldBecameRequired,
    FieldBecameOptional,
    FieldNullableChanged,
    FieldAccessChanged,
    FieldDefaultChanged,
    FieldConstraintsChanged,
    FieldNumberChanged,
    FieldNumberReused,
    FieldOneofChanged,
    FieldJsonNameChanged,
    FieldPresenceChanged,
    FieldProtoTypeChanged,
    ReservedRemoved,
    AdditionalPropertiesChanged,
    // Enumerations.
    EnumValueAdded,
    EnumValueRemoved,
    EnumValueRenamed,
    EnumValueNumberChanged,
    EnumReprChanged,
    // Unions.
    UnionVariantAdded,
    UnionVariantRemoved,
    UnionVariantTypeChanged,
    UnionDiscriminatorChanged,
    /// `oneOf` became `anyOf` or back, or an `anyOf`'s alternatives started or stopped being
    /// able to hold together (the Rust shape moves between an enum and a struct of `Option`s).
    UnionMatchChanged,
    // Anything.
    DeprecationChanged,
    DocsChanged,
    /// An element a tolerant reading could not lower changed (or exists on one side only).
    Unknown,
}

impl ChangeKind {
    /// Every kind, in declaration order (for rule tables and tests).
    pub const ALL: &'static [ChangeKind] = &[
        ChangeKind::TitleChanged,
        ChangeKind::ServersChanged,
        ChangeKind::OperationAdded,
        ChangeKind::OperationRemoved,
        ChangeKind::OperationRenamed,
        ChangeKind::OperationMoved,
        ChangeKind::OperationServiceChanged,
        ChangeKind::AuthAdded,
        ChangeKind::AuthRemoved,
        ChangeKind::AuthAlternativeAdded,
        ChangeKind::AuthAlternativeRemoved,
        ChangeKind::SecuritySchemeChanged,
        ChangeKind::ParameterAdded,
        ChangeKind::ParameterRemoved,
        ChangeKind::ParameterRenamed,
        ChangeKind::ParameterBecameRequired,
        ChangeKind::ParameterBecameOptional,
        ChangeKind::ParameterTypeChanged,
        ChangeKind::ParameterDefaultChanged,
        ChangeKind::ParameterConstraintsChanged,
        ChangeKind::ParameterStyleChanged,
        ChangeKind::RequestBodyAdded,
        ChangeKind::RequestBodyRemoved,
        ChangeKind::RequestBodyBecameRequired,
        ChangeKind::RequestBodyBecameOptional,
        ChangeKind::RequestBodyTypeChanged,
        ChangeKind::RequestBodyMediaTypeChanged,
        ChangeKind::RequestMediaTypeAdded,
        ChangeKind::RequestMediaTypeRemoved,
        ChangeKind::PartMediaTypeChanged,
        ChangeKind::ResponseAdded,
        ChangeKind::ResponseRemoved,
        ChangeKind::ResponseBodyAdded,
        ChangeKind::ResponseBodyRemoved,
        ChangeKind::ResponseBodyTypeChanged,
        ChangeKind::ResponseMediaTypeChanged,
        ChangeKind::ResponseMediaTypeAdded,
        ChangeKind::ResponseMediaTypeRemoved,
        ChangeKind::ResponseHeaderAdded,
        ChangeKind::ResponseHeaderRemoved,
        ChangeKind::ResponseHeaderTypeChanged,
        ChangeKind::TypeAdded,
        ChangeKind::TypeRemoved,
        ChangeKind::TypeRenamed,
        ChangeKind::TypeKindChanged,
        ChangeKind::FieldAdded,
        ChangeKind::FieldRemoved,
        ChangeKind::FieldRenamed,
        ChangeKind::FieldTypeChanged,
        ChangeKind::FieldBecameRequired,
        ChangeKind::FieldBecameOptional,
        ChangeKind::FieldNullableChanged,
        ChangeKind::FieldAccessChanged,
        ChangeKind::FieldDefaultChanged,
        ChangeKind::FieldConstraintsChanged,
        ChangeKind::FieldNumberChanged,
        ChangeKind::FieldNumberReused,
        ChangeKind::FieldOneofChanged,
        ChangeKind::FieldJsonNameChanged,
        ChangeKind::FieldPresenceChanged,
        ChangeKind::FieldProtoTypeChanged,
        ChangeKind::ReservedRemoved,
        ChangeKind::AdditionalPropertiesChanged,
        ChangeKind::EnumValueAdded,
        ChangeKind::EnumValueRemoved,
        ChangeKind::EnumValueRenamed,
        ChangeKind::EnumValueNumberChanged,
        ChangeKind::EnumReprChanged,
        ChangeKind::UnionVariantAdded,
        ChangeKind::UnionVariantRemoved,
        ChangeKind::UnionVariantTypeChanged,
        ChangeKind::UnionDiscriminatorChanged,
        ChangeKind::UnionMatchChanged,
        ChangeKind::DeprecationChanged,
        ChangeKind::DocsChanged,
        ChangeKind::Unknown,
    ];
}

/// One difference between the old and the new API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The rule that found it.
    pub kind: ChangeKind,
    /// Where the changed element stands in the old spec, if it exists there.
    pub location_old: Option<String>,
    /// Where the changed element stands in the new spec, if it exists there.
    pub location_new: Option<String>,
    /// What changed, in one sentence (Markdown: names in backticks).
    pub message: String,
    /// For users of the generated client (and models): source and behaviour.
    pub client: Impact,
    /// For implementors of the generated server trait.
    pub server: Impact,
    /// For deployed programs talking over HTTP/JSON (and the protobuf binary encoding for
    /// proto fields); `None` when the change has no wire form (names, docs).
    pub wire: Option<Impact>,
}

impl Change {
    /// The largest impact on any audience.
    pub fn severity(&self) -> Impact {
        self.client
            .max(self.server)
            .max(self.wire.unwrap_or(Impact::None))
    }
}

/// The semver bump a set of changes calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// No change at all.
    None,
    /// Only documentation (or other changes no audience sees).
    Patch,
    /// Additions and other compatible changes.
    Minor,
    /// Something breaks for client users or server implementors.
    Major,
}

impl Bump {
    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// Every change between two versions of an API, in a deterministic order (spec order of
/// operations, then types by name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// How the old side is named in rendered output (the API's title and version by default).
    pub old_label: String,
    /// How the new side is named in rendered output.
    pub new_label: String,
    /// The changes.
    pub changes: Vec<Change>,
}

impl Report {
    /// The bump of the generated crates: major if any change breaks client users or server
    /// implementors, minor if any is compatible but visible to them, patch if there are only
    /// changes they do not see (docs, wire-only details), none without changes.
    pub fn semver_bump(&self) -> Bump {
        self.changes
            .iter()
            .map(|c| match c.client.max(c.server) {
                Impact::Breaking => Bump::Major,
                Impact::Compatible => Bump::Minor,
                Impact::None => Bump::Patch,
            })
            .max()
            .unwrap_or(Bump::None)
    }

    /// Whether any change breaks any audience.
    pub fn has_breaking(&self) -> bool {
        self.changes
            .iter()
            .any(|c| c.severity() == Impact::Breaking)
    }

    /// Whether any change breaks the wire.
    pub fn has_wire_breaking(&self) -> bool {
        self.changes
            .iter()
            .any(|c| c.wire == Some(Impact::Breaking))
    }

    /// Whether there is no change at all.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}
