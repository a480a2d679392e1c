//! The frontend's error type and source positions.

use std::fmt;
use std::path::PathBuf;

use miette::Diagnostic;

/// A position in a proto file: the file name relative to the root (as in `import`), and the
/// 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePos {
    /// File name relative to the root, `/`-separated.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
}

impl SourcePos {
    /// The start of a file (for errors about a whole file).
    pub fn start_of(file: impl Into<String>) -> Self {
        SourcePos {
            file: file.into(),
            line: 1,
            col: 1,
        }
    }
}

impl fmt::Display for SourcePos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// Everything that can go wrong while loading proto files.
///
/// Every variant that concerns the content of a file displays as `FILE:LINE:COL: message`;
/// errors about one element add the element, e.g. `(in rpc spaceone.api.identity.v2.Token.issue)`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The files do not compile: a syntax error, an unresolved import or type, a duplicate name…
    #[error("{at}: {message}")]
    Compile {
        /// Where protox reports the problem.
        at: SourcePos,
        /// protox's message.
        message: String,
    },
    /// An element compiles but cannot be lowered (an HTTP binding the IR cannot express).
    #[error("{at}: {message} (in {element})")]
    Lower {
        /// Where the element (or its `google.api.http` option) stands.
        at: SourcePos,
        /// The element, such as `rpc spaceone.api.identity.v2.Token.issue`.
        element: String,
        /// What is wrong.
        message: String,
    },
    /// A requested service is not declared in the file.
    #[error("{file}: service `{service}` is not declared in this file")]
    ServiceNotFound {
        /// File name relative to the root.
        file: String,
        /// The full name that was asked for.
        service: String,
    },
    /// A file pattern of the configuration is not a valid glob, or matches no file.
    #[error("file pattern `{pattern}`: {message}")]
    Pattern {
        /// The pattern as written.
        pattern: String,
        /// What is wrong.
        message: String,
    },
    /// No proto file under the root declares the package.
    #[error("{}: no proto file declares package `{package}`", root.display())]
    PackageNotFound {
        /// The proto root searched.
        root: PathBuf,
        /// The package asked for.
        package: String,
    },
    /// A file or directory could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// Converts a protox error, using its span for the position. `fallback_file` names the file
    /// when protox does not (a file that is not under the root).
    pub(crate) fn from_protox(err: &protox::Error, fallback_file: &str) -> Self {
        let message = err.to_string();
        let file = err.file().unwrap_or(fallback_file);
        let at = span_pos(err, file).unwrap_or_else(|| SourcePos::start_of(file));
        Error::Compile { at, message }
    }

    /// The position the error is reported at, if it has one.
    pub fn position(&self) -> Option<&SourcePos> {
        match self {
            Error::Compile { at, .. } | Error::Lower { at, .. } => Some(at),
            Error::ServiceNotFound { .. }
            | Error::Pattern { .. }
            | Error::PackageNotFound { .. }
            | Error::Io { .. } => None,
        }
    }
}

/// Line and column of the first labelled span of a diagnostic, read from its source code.
fn span_pos(diag: &dyn Diagnostic, file: &str) -> Option<SourcePos> {
    let label = diag.labels()?.next()?;
    let source = diag.source_code()?;
    let contents = source.read_span(label.inner(), 0, 0).ok()?;
    Some(SourcePos {
        file: contents.name().unwrap_or(file).to_string(),
        line: contents.line() + 1,
        col: contents.column() + 1,
    })
}
