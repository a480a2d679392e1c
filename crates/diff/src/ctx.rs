//! State of one comparison, and the small helpers every rule module uses: recording a change,
//! locations of elements inside their spec, and how types and docs are shown.

use std::collections::BTreeMap;

use apigen_ir::{Api, Docs, JsonMapping, PrimitiveKind, TypeRef};

use crate::pairing::{self, Usage};
use crate::report::{Change, ChangeKind};
use crate::rules::{self, Dir, Facts};
use crate::Options;

/// One comparison in progress.
pub(crate) struct Ctx<'a> {
    pub old: &'a Api,
    pub new: &'a Api,
    opts: &'a Options,
    /// Old type name → new type name, for every type present on both sides.
    pub pairs: BTreeMap<String, String>,
    usage_old: Usage,
    usage_new: Usage,
    pub changes: Vec<Change>,
    /// The documents of a tolerant reading (old, new), for what the IR does not carry.
    pub documents: (Option<&'a serde_json::Value>, Option<&'a serde_json::Value>),
    /// Whether the API is a protobuf one: the wire verdict follows buf's `WIRE_JSON` rules.
    proto: bool,
}

impl<'a> Ctx<'a> {
    pub fn new(old: &'a Api, new: &'a Api, opts: &'a Options) -> Self {
        Ctx {
            old,
            new,
            opts,
            pairs: pairing::pair_types(old, new),
            usage_old: pairing::usage(old),
            usage_new: pairing::usage(new),
            changes: Vec::new(),
            documents: (None, None),
            proto: old.json_mapping == JsonMapping::Protobuf
                || new.json_mapping == JsonMapping::Protobuf,
        }
    }

    /// Records a change, classified by the rules.
    pub fn push(
        &mut self,
        kind: ChangeKind,
        facts: Facts,
        location_old: Option<String>,
        location_new: Option<String>,
        message: String,
    ) {
        let mut i = rules::impacts(kind, &facts, self.opts);
        if self.proto {
            i.wire = i.wire.map(|w| rules::proto_wire(kind, w));
        }
        self.changes.push(Change {
            kind,
            location_old,
            location_new,
            message,
            client: i.client,
            server: i.server,
            wire: i.wire,
        });
    }

    /// Records a docs change when the texts differ other than in whitespace.
    pub fn docs(&mut self, old: &Docs, new: &Docs, loc_old: &str, loc_new: &str, what: &str) {
        if same_text(&old.summary, &new.summary) && same_text(&old.description, &new.description) {
            return;
        }
        let message = if old.is_empty() {
            format!("documentation of {what} added")
        } else if new.is_empty() {
            format!("documentation of {what} removed")
        } else {
            format!("documentation of {what} changed")
        };
        self.push(
            ChangeKind::DocsChanged,
            Facts::default(),
            Some(loc_old.to_string()),
            Some(loc_new.to_string()),
            message,
        );
    }

    /// Which way values of a type (old name, new name) travel, on either side.
    pub fn dir(&self, old: &str, new: &str) -> Dir {
        let a = self.usage_old.get(old).copied().unwrap_or_default();
        let b = self.usage_new.get(new).copied().unwrap_or_default();
        a.union(b)
    }

    /// Whether the old type name is paired with the new one (same type, possibly renamed).
    pub fn paired(&self, old: &str, new: &str) -> bool {
        self.pairs.get(old).is_some_and(|n| n == new)
    }
}

fn same_text(a: &Option<String>, b: &Option<String>) -> bool {
    let norm = |s: &Option<String>| {
        s.as_deref()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
    };
    norm(a) == norm(b)
}

/// A location below `base`: JSON-pointer segments for OpenAPI locations (`#/…`), a dotted
/// name for proto ones (`file.proto: pkg.Msg.field`).
pub(crate) fn child(base: &str, pointer_segments: &[&str], proto_name: &str) -> String {
    if base.starts_with('#') {
        let mut s = base.to_string();
        for seg in pointer_segments {
            s.push('/');
            s.push_str(&seg.replace('~', "~0").replace('/', "~1"));
        }
        s
    } else {
        format!("{base}.{proto_name}")
    }
}

/// Whether two spec names give the same Rust identifier: the same words, ignoring case and
/// separators (`Token_owner` and `TokenOwner`, `getToken` and `GetToken`), split into words by
/// [`apigen_ir::words`], the splitter the backends' naming rules use.
pub(crate) fn same_rust_name(a: &str, b: &str) -> bool {
    words(a) == words(b)
}

/// The words of a spec name in lower case, split by the splitter the backends name with.
fn words(name: &str) -> Vec<String> {
    apigen_ir::words(name)
        .into_iter()
        .map(str::to_lowercase)
        .collect()
}

/// A type as shown in messages (`array of Token`, `int32`).
pub(crate) fn show(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(n) => format!("`{n}`"),
        TypeRef::Primitive(p) => format!("`{}`", primitive_name(p.kind)),
        TypeRef::Array(t) => format!("array of {}", show(t)),
        TypeRef::Map(t) => format!("map of {}", show(t)),
        TypeRef::Any => "any value".to_string(),
        TypeRef::Unit => "no content".to_string(),
    }
}

fn primitive_name(kind: PrimitiveKind) -> &'static str {
    use PrimitiveKind::*;
    match kind {
        String => "string",
        Boolean => "boolean",
        Int32 => "int32",
        Int64 => "int64",
        Uint32 => "uint32",
        Uint64 => "uint64",
        Int64String => "int64 (as string)",
        Uint64String => "uint64 (as string)",
        Float => "float",
        Double => "double",
        DateTime => "date-time",
        Date => "date",
        Uuid => "uuid",
        Base64 => "base64 bytes",
        Binary => "binary",
        Duration => "duration",
        FieldMask => "field mask",
    }
}

/// A JSON value as shown in messages.
pub(crate) fn show_value(v: &Option<serde_json::Value>) -> String {
    match v {
        Some(v) => format!("`{v}`"),
        None => "none".to_string(),
    }
}
