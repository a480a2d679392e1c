//! Errors. Every error names the file and the place in it.

use crate::pointer::Ptr;

/// An error reading or lowering a spec. Its `Display` always names the file and the place:
/// `FILE:LINE:COL: message` for syntax errors, `FILE#/json/pointer: message` for the rest.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read.
    #[error("{file}: cannot read the file: {source}")]
    Io {
        /// The file, as given to [`crate::load`].
        file: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The text is not well-formed YAML or JSON.
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        /// The source name.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The document is well-formed but not an OpenAPI 3.0 spec this frontend can lower.
    #[error("{file}#{pointer}: {message}")]
    Semantic {
        /// The source name.
        file: String,
        /// JSON pointer (RFC 6901) of the offending element, without the leading `#`.
        pointer: String,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// The file (source name) the error is about.
    pub fn file(&self) -> &str {
        match self {
            Error::Io { file, .. } | Error::Syntax { file, .. } | Error::Semantic { file, .. } => {
                file
            }
        }
    }

    /// The place in the file: `LINE:COL` or `#/json/pointer` (empty for I/O errors).
    pub fn location(&self) -> String {
        match self {
            Error::Io { .. } => String::new(),
            Error::Syntax { line, column, .. } => format!("{line}:{column}"),
            Error::Semantic { pointer, .. } => format!("#{pointer}"),
        }
    }

    /// The JSON pointer of a semantic error (without the leading `#`).
    pub fn pointer(&self) -> Option<&str> {
        match self {
            Error::Semantic { pointer, .. } => Some(pointer),
            _ => None,
        }
    }

    /// The message without the file and place.
    pub fn message(&self) -> String {
        match self {
            Error::Io { source, .. } => format!("cannot read the file: {source}"),
            Error::Syntax { message, .. } | Error::Semantic { message, .. } => message.clone(),
        }
    }
}

/// A semantic error inside the frontend, before the file name is attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fault {
    /// Where (JSON pointer without `#`).
    pub pointer: String,
    /// What.
    pub message: String,
}

impl Fault {
    /// A fault at `at`.
    pub fn new(at: &Ptr, message: impl Into<String>) -> Self {
        Fault {
            pointer: at.as_str().to_string(),
            message: message.into(),
        }
    }

    /// Attaches the file name.
    pub fn in_file(self, file: &str) -> Error {
        Error::Semantic {
            file: file.to_string(),
            pointer: self.pointer,
            message: self.message,
        }
    }
}

/// Result of the lowering steps.
pub(crate) type Result<T, E = Fault> = std::result::Result<T, E>;
