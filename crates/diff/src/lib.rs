//! Compares two versions of an API in the apigen IR and classifies every change for three
//! audiences, so a spec change can be reviewed (and versioned) like a code change:
//!
//! - **client**: code that uses the generated client and models crates (source compatibility
//!   of the Rust API, and behaviour against the new server);
//! - **server**: code that implements the generated server trait;
//! - **wire**: programs already deployed, talking HTTP/JSON (plus the protobuf binary encoding
//!   for proto fields and enum values), in the spirit of `buf breaking` (`WIRE_JSON`).
//!
//! Both sides are IR, so OpenAPI and proto specs get the same rules. Elements are matched as
//! a reviewer would: operations by HTTP method and path first, then by id (so a renamed
//! `operationId` is a rename, not a removal and an addition); types by name, then by where the
//! old and the new API reference them (a renamed schema is a rename); fields by wire name,
//! then by proto number; enum values by value, then by proto number.
//!
//! ```
//! # let api = apigen_ir::Api { title: "A".into(), version: None, docs: Default::default(),
//! #   servers: vec![], services: vec![], types: vec![], security_schemes: vec![], skipped: vec![],
//! #   json_mapping: Default::default() };
//! let report = apigen_diff::diff(&api, &api);
//! assert_eq!(report.semver_bump(), apigen_diff::Bump::None);
//! ```
//!
//! Every rule and its impact on each audience is in one table, `rules.rs`, with the equivalent
//! oasdiff or buf rule. What the IR does not carry (array and object sizes, `multipleOf`, media
//! types, parameter styles, proto `reserved` ranges and exact scalar types) is read from the
//! documents of a tolerant reading ([`Side`]) when they are given.

#![warn(missing_docs)]

mod api;
mod ctx;
mod enums;
mod fields;
mod operations;
mod pairing;
mod parameters;
mod parts;
mod raw;
mod relate;
mod render;
mod report;
mod responses;
mod rules;
mod types;
mod unread;

#[cfg(test)]
mod tests;

use apigen_ir::{Api, Unread};

pub use report::{Bump, Change, ChangeKind, Impact, Report};
pub use rules::equivalents;

/// Facts about the generated Rust code that decide whether an addition breaks its users.
///
/// The rules also assume the shape of today's backends: the client takes required parameters
/// (and a required body) as arguments and optional ones through builder setters, reports every
/// documented error status as `Error::Api`, and returns the success body; the server trait has
/// one method per operation taking `credentials` (secured operations only) and a request
/// struct with one field per parameter, and returns an enum with one variant per status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Generated structs (models, the server's request structs, response-header structs) are
    /// exhaustive: a new field breaks code that builds them with a struct literal.
    pub exhaustive_structs: bool,
    /// Generated enums (enum types, unions, the server's per-status response enums) are
    /// exhaustive: a new variant breaks code that matches on them.
    pub exhaustive_enums: bool,
}

impl Default for Options {
    /// The generated code as it is today: neither structs nor enums are `#[non_exhaustive]`.
    fn default() -> Self {
        Options {
            exhaustive_structs: true,
            exhaustive_enums: true,
        }
    }
}

/// Why two APIs cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The two specs describe different APIs: other title and nothing in common.
    #[error("the old and the new spec describe different APIs (`{old}` and `{new}`): no operation or type in common")]
    Unrelated {
        /// Title of the old API.
        old: String,
        /// Title of the new API.
        new: String,
    },
}

/// Compares two versions of an API, assuming the generated code of [`Options::default`].
pub fn diff(old: &Api, new: &Api) -> Report {
    diff_with(old, new, &Options::default())
}

/// Compares two versions of an API.
pub fn diff_with(old: &Api, new: &Api, opts: &Options) -> Report {
    diff_sides(&Side::of(old), &Side::of(new), opts)
}

/// One version of an API as a tolerant reading gives it (`apigen_openapi::read_tolerant`,
/// `apigen_proto::read_tolerant`): the IR, the elements that could not be lowered, and the
/// document for what the IR does not carry.
pub struct Side<'a> {
    /// The IR.
    pub api: &'a Api,
    /// Elements the reading could not lower.
    pub unread: &'a [Unread],
    /// The OpenAPI document (as JSON), or the proto reading's facts (reserved numbers and
    /// names, exact field types); `None` compares the IR alone.
    pub document: Option<&'a serde_json::Value>,
    /// The text of the element at a location (to tell whether an unread element changed).
    pub text_at: &'a dyn Fn(&str) -> Option<String>,
}

impl<'a> Side<'a> {
    /// An IR alone: nothing unread, no document.
    pub fn of(api: &'a Api) -> Self {
        Side {
            api,
            unread: &[],
            document: None,
            text_at: &|_| None,
        }
    }
}

/// Compares two versions of an API read tolerantly: elements unread on either side whose text
/// differs become [`ChangeKind::Unknown`] changes (and hide what the IR comparison says about
/// them); the rules that need the documents use them.
pub fn diff_sides(old: &Side<'_>, new: &Side<'_>, opts: &Options) -> Report {
    let mut ctx = ctx::Ctx::new(old.api, new.api, opts);
    ctx.documents = (old.document, new.document);
    api::diff_api(&mut ctx);
    operations::diff_operations(&mut ctx);
    types::diff_types(&mut ctx);
    let mut changes = ctx.changes;
    unread::apply(old, new, &mut changes);
    Report {
        old_label: label(old.api),
        new_label: label(new.api),
        changes,
    }
}

/// Checks that two APIs are versions of one API: the same title, or at least one operation
/// (by method and path, or by id) or named type in common.
pub fn check_related(old: &Api, new: &Api) -> Result<(), Error> {
    if old.title == new.title {
        return Ok(());
    }
    let shared_op = old.operations().any(|o| {
        new.operations()
            .any(|n| o.id == n.id || operations::same_route(o, n))
    });
    let shared_type = old.types.iter().any(|t| new.type_def(&t.name).is_some());
    if shared_op || shared_type {
        return Ok(());
    }
    Err(Error::Unrelated {
        old: old.title.clone(),
        new: new.title.clone(),
    })
}

fn label(api: &Api) -> String {
    match &api.version {
        Some(v) => format!("{} {v}", api.title),
        None => api.title.clone(),
    }
}
