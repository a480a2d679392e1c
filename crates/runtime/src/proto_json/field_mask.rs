//! `google.protobuf.FieldMask`: field paths, written as one string of lowerCamelCase paths.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::ParseError;

/// A set of field paths (`google.protobuf.FieldMask`), held in the proto spelling
/// (`user.display_name`) and written in JSON as `"user.displayName,photo"`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldMask {
    /// The paths, in proto (snake_case) spelling.
    pub paths: Vec<String>,
}

impl FieldMask {
    /// A mask of these paths.
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(paths: I) -> Self {
        FieldMask {
            paths: paths.into_iter().map(Into::into).collect(),
        }
    }
}

fn to_camel(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut upper = false;
    for c in path.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn to_snake(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 4);
    for c in path.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

impl fmt::Display for FieldMask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, path) in self.paths.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(&to_camel(path))?;
        }
        Ok(())
    }
}

impl FromStr for FieldMask {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        let paths = text.split(',').filter(|p| !p.is_empty());
        let mut mask = FieldMask::default();
        for path in paths {
            if path.contains('_') {
                return Err(ParseError::new(format!(
                    "field mask path `{path}` must be lowerCamelCase"
                )));
            }
            mask.paths.push(to_snake(path));
        }
        Ok(mask)
    }
}

impl Serialize for FieldMask {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FieldMask {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = FieldMask;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("comma-separated lowerCamelCase field paths")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FieldMask, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}
