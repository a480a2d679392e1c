//! What a tolerant reading of a spec (for comparison, not code generation) could not lower.

use serde::Serialize;

/// An element of a spec that a tolerant reading skipped because it cannot be lowered: an
/// operation, a component, a proto file. A comparison reports it as an unknown change when
/// its text differs between the two specs (or it exists in only one), never as a failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unread {
    /// Where it stands in its spec: a JSON pointer (`#/paths/~1a/get`) or a proto file name.
    pub location: String,
    /// Why it could not be lowered (the error codegen would report).
    pub reason: String,
}
