//! What the structured mutations insert: mapping keys, values, `$ref` targets and names,
//! drawn mostly from OpenAPI vocabulary and from names that are hard to turn into Rust
//! identifiers or Rust source.

use std::fmt;

use arbitrary::Arbitrary;
use serde_yaml::{Mapping, Value};

use crate::seeds::SEED_SCHEMAS;
use crate::structured::single;

/// A mapping key.
#[derive(Arbitrary, Debug)]
pub(crate) enum Key {
    /// OpenAPI vocabulary.
    Known(Known),
    /// An odd name.
    Word(Word),
    /// A status code, as YAML reads `200:` (a number).
    Status(u16),
    /// A path (`/` + a name, maybe with a `{parameter}`).
    Path(Word, bool),
    /// An extension (`x-…`).
    Extension(Word),
}

impl Key {
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Key::Known(k) => k.as_str().into(),
            Key::Word(w) => w.to_string().into(),
            Key::Status(n) => Value::Number((*n).into()),
            Key::Path(w, true) => format!("/{w}/{{{w}}}").into(),
            Key::Path(w, false) => format!("/{w}").into(),
            Key::Extension(w) => format!("x-{w}").into(),
        }
    }
}

/// A value.
#[derive(Arbitrary, Debug)]
pub(crate) enum Val {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    /// A word of OpenAPI vocabulary as a string (`string`, `int64`, `query`, …).
    Vocabulary(Vocab),
    /// A key of OpenAPI vocabulary as a string (`$ref`, `allOf`, …).
    Known(Known),
    /// An odd string.
    Word(Word),
    /// `{$ref: …}`.
    Ref(RefTarget),
    /// A small schema: `{type, format?, nullable?}`.
    Schema(Vocab, Option<Vocab>, bool),
    Map(Vec<(Key, Val)>),
    Seq(Vec<Val>),
    /// A YAML-tagged value (`!tag value`).
    Tagged(Word, Box<Val>),
}

impl Val {
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Val::Null => Value::Null,
            Val::Bool(b) => Value::Bool(*b),
            Val::Int(n) => Value::Number((*n).into()),
            Val::Uint(n) => Value::Number((*n).into()),
            Val::Float(f) => Value::Number((*f).into()),
            Val::Vocabulary(v) => v.as_str().into(),
            Val::Known(k) => k.as_str().into(),
            Val::Word(w) => w.to_string().into(),
            Val::Ref(target) => single("$ref".into(), target.to_string().into()),
            Val::Schema(typ, format, nullable) => {
                let mut map = Mapping::new();
                map.insert("type".into(), typ.as_str().into());
                if let Some(format) = format {
                    map.insert("format".into(), format.as_str().into());
                }
                if *nullable {
                    map.insert("nullable".into(), true.into());
                }
                Value::Mapping(map)
            }
            Val::Map(entries) => Value::Mapping(
                entries
                    .iter()
                    .map(|(k, v)| (k.to_value(), v.to_value()))
                    .collect(),
            ),
            Val::Seq(items) => Value::Sequence(items.iter().map(Val::to_value).collect()),
            Val::Tagged(tag, value) => {
                let tag = tag.to_string();
                let tag = if tag.is_empty() { "t".to_string() } else { tag };
                Value::Tagged(Box::new(serde_yaml::value::TaggedValue {
                    tag: serde_yaml::value::Tag::new(tag),
                    value: value.to_value(),
                }))
            }
        }
    }
}

/// What a `$ref` points at.
#[derive(Arbitrary, Debug)]
pub(crate) enum RefTarget {
    /// One of the seeds' schema names.
    Seeded(u8),
    /// `#/components/schemas/{word}`.
    Schema(Word),
    /// `#/components/{kind}/{word}`, kind among parameters, responses, requestBodies, headers.
    Component(u8, Word),
    /// `#/definitions/{word}` (Swagger 2.0 style).
    Definitions(Word),
    /// `#/` and the words joined by `/`.
    Pointer(Vec<Word>),
    /// Anything.
    Raw(Word),
}

impl fmt::Display for RefTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefTarget::Seeded(n) => {
                let name = SEED_SCHEMAS[usize::from(*n) % SEED_SCHEMAS.len()];
                write!(f, "#/components/schemas/{name}")
            }
            RefTarget::Schema(w) => write!(f, "#/components/schemas/{w}"),
            RefTarget::Component(kind, w) => {
                let kinds = [
                    "parameters",
                    "responses",
                    "requestBodies",
                    "headers",
                    "securitySchemes",
                    "schemas",
                ];
                write!(
                    f,
                    "#/components/{}/{w}",
                    kinds[usize::from(*kind) % kinds.len()]
                )
            }
            RefTarget::Definitions(w) => write!(f, "#/definitions/{w}"),
            RefTarget::Pointer(words) => {
                f.write_str("#")?;
                for w in words {
                    write!(f, "/{w}")?;
                }
                Ok(())
            }
            RefTarget::Raw(w) => write!(f, "{w}"),
        }
    }
}

/// A name assembled from parts, most of them hard cases for identifiers.
#[derive(Arbitrary, Debug)]
pub(crate) struct Word(Vec<Part>);

/// A piece of a [`Word`].
#[derive(Arbitrary, Debug)]
pub(crate) enum Part {
    Odd(u8),
    Text(String),
    Number(u32),
    Separator(u8),
}

impl fmt::Display for Word {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in &self.0 {
            match part {
                Part::Odd(n) => f.write_str(ODD_NAMES[usize::from(*n) % ODD_NAMES.len()])?,
                Part::Text(s) => f.write_str(s)?,
                Part::Number(n) => write!(f, "{n}")?,
                Part::Separator(n) => {
                    let seps = ["-", "_", ".", "/", " ", "~", "{", "}", "$", "#", "::", "[]"];
                    f.write_str(seps[usize::from(*n) % seps.len()])?
                }
            }
        }
        Ok(())
    }
}

/// An index into [`KEYS`].
#[derive(Arbitrary, Debug, Clone, Copy)]
pub(crate) struct Known(u8);

impl Known {
    pub(crate) fn as_str(self) -> &'static str {
        KEYS[usize::from(self.0) % KEYS.len()]
    }
}

/// An index into [`VOCABULARY`].
#[derive(Arbitrary, Debug, Clone, Copy)]
pub(crate) struct Vocab(u8);

impl Vocab {
    pub(crate) fn as_str(self) -> &'static str {
        VOCABULARY[usize::from(self.0) % VOCABULARY.len()]
    }
}

/// Keys of OpenAPI documents and schemas.
#[rustfmt::skip]
const KEYS: &[&str] = &[
    "$ref", "allOf", "oneOf", "anyOf", "not", "type", "format", "enum", "nullable", "required",
    "additionalProperties", "items", "properties", "parameters", "in", "name", "schema", "content",
    "discriminator", "propertyName", "mapping", "operationId", "requestBody", "responses",
    "default", "description", "summary", "title", "components", "schemas", "securitySchemes",
    "security", "paths", "get", "post", "put", "delete", "patch", "head", "options", "trace",
    "tags", "servers", "url", "variables", "info", "version", "openapi", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems",
    "maxItems", "uniqueItems", "readOnly", "writeOnly", "deprecated", "example", "examples",
    "headers", "style", "explode", "allowReserved", "application/json",
    "application/x-www-form-urlencoded", "multipart/form-data", "application/octet-stream",
    "text/plain", "*/*", "application/*", "application/problem+json",
    "application/json; charset=utf-8", "scheme", "bearerFormat", "flows", "definitions", "200",
    "201", "204", "4XX", "5XX", "requestBodies", "minProperties", "maxProperties", "multipleOf",
    "allowEmptyValue", "callbacks", "links", "encoding", "x-nullable", "<<", "swagger",
];

/// Values of OpenAPI vocabulary: types (with the lenient aliases), formats, locations,
/// styles, security scheme kinds.
#[rustfmt::skip]
const VOCABULARY: &[&str] = &[
    "string", "integer", "number", "boolean", "array", "object", "null", "int", "long", "bool",
    "float", "double", "int32", "int64", "uint32", "uint64", "file", "any", "date", "date-time",
    "uuid", "byte", "binary", "email", "password", "uri", "decimal", "time", "duration", "path",
    "query", "header", "cookie", "body", "formData", "form", "simple", "deepObject",
    "pipeDelimited", "spaceDelimited", "matrix", "label", "http", "apiKey", "oauth2",
    "openIdConnect", "bearer", "basic", "3.0.3", "3.0.0", "3.1.0", "2.0",
];

/// Names that are hard to turn into Rust identifiers or Rust source.
#[rustfmt::skip]
const ODD_NAMES: &[&str] = &[
    "type", "self", "Self", "super", "crate", "_", "r#type", "fn", "async", "await", "gen", "try",
    "dyn", "union", "macro", "static", "abstract", "become", "box", "match", "ref", "move",
    "where", "loop", "Option", "Result", "String", "Vec", "Box", "Some", "None", "Ok", "Err",
    "Default", "Client", "ClientBuilder", "Error", "Validate", "ValidationError", "parameters",
    "serde", "std", "core", "alloc", "models", "api", "Api", "router", "Router", "new", "builder",
    "send", "value", "Value", "Response", "Request", "0", "1", "007", "1st", "2XX", "-1", "", " ",
    "\t", "\n", "\r\n", "\"", "'", "\\", "`", "```", "#", "*/", "/*", "//", "//!", "///", "{", "}",
    "{{", "}}", "<", ">", "&", "%", "~0", "~1", "a b", "Größe", "ß", "İ", "ǅ", "²", "½", "٣", "Ⅻ",
    "ⅰ", "𝔘", "é", "\u{301}", "\u{200b}", "\u{feff}", "\u{0}", "\u{7f}", "日本", "ا", "🦀",
    "CamelCase", "snake_case", "SCREAMING_CASE", "kebab-case", "HTTPServer", "ID", "iD",
    "X-Request-ID", "id",
];
