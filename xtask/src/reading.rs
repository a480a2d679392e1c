//! Tolerant readings of specs for `cargo xtask diff`: an OpenAPI file or a proto root read so
//! that whatever can be compared is (`apigen_openapi::read_tolerant`,
//! `apigen_proto::read_tolerant`); code generation keeps its strict reading.

use std::path::{Path, PathBuf};

use anyhow::Result;
use apigen_ir::{Api, Unread};

/// One side of a comparison, read tolerantly.
pub enum Reading {
    /// An OpenAPI document.
    Openapi(apigen_openapi::Reading),
    /// A proto root.
    Proto(apigen_proto::Reading),
}

impl Reading {
    /// Reads an OpenAPI text (`name` names it in messages).
    pub fn openapi(name: &str, text: &str) -> Result<Reading> {
        Ok(Reading::Openapi(apigen_openapi::read_tolerant(name, text)?))
    }

    /// Reads `files` of a proto root, or every `*.proto` file under it.
    pub fn proto(root: &Path, files: Option<&[PathBuf]>) -> Result<Reading> {
        Ok(Reading::Proto(apigen_proto::read_tolerant(root, files)?))
    }

    /// The IR.
    pub fn api(&self) -> &Api {
        match self {
            Reading::Openapi(r) => &r.api,
            Reading::Proto(r) => &r.api,
        }
    }

    /// What could not be lowered.
    pub fn unread(&self) -> &[Unread] {
        match self {
            Reading::Openapi(r) => &r.unread,
            Reading::Proto(r) => &r.unread,
        }
    }

    /// The document or facts for the rules the IR cannot serve.
    pub fn document(&self) -> &serde_json::Value {
        match self {
            Reading::Openapi(r) => &r.document,
            Reading::Proto(r) => &r.document,
        }
    }

    /// The text of an element, to tell whether an unread element changed.
    pub fn text_at(&self, location: &str) -> Option<String> {
        match self {
            Reading::Openapi(r) => r.text_at(location),
            Reading::Proto(r) => r.text_at(location),
        }
    }

    /// Compares two readings.
    pub fn diff(old: &Reading, new: &Reading) -> apigen_diff::Report {
        let old_text = |l: &str| old.text_at(l);
        let new_text = |l: &str| new.text_at(l);
        // Documents of different kinds (OpenAPI against proto) are not compared.
        let same_kind = matches!(
            (old, new),
            (Reading::Openapi(_), Reading::Openapi(_)) | (Reading::Proto(_), Reading::Proto(_))
        );
        apigen_diff::diff_sides(
            &apigen_diff::Side {
                api: old.api(),
                unread: old.unread(),
                document: same_kind.then(|| old.document()),
                text_at: &old_text,
            },
            &apigen_diff::Side {
                api: new.api(),
                unread: new.unread(),
                document: same_kind.then(|| new.document()),
                text_at: &new_text,
            },
            &apigen_diff::Options::default(),
        )
    }
}
