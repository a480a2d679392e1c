//! Validation of the constraints a spec states beyond what the Rust types express (ranges,
//! lengths, required protobuf fields): one trait every generated model implements.

use std::fmt;

mod bounds;

pub use bounds::{Bounds, Length, Number};

/// Checks the constraints of the spec that the type system cannot express.
pub trait Validate {
    /// Returns the first violated constraint, if any.
    fn validate(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}

/// A value that breaks a constraint of the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// Where the value stands, as a JSON-pointer-like path (`tokens/0/id`); empty for the value itself.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

impl ValidationError {
    /// An error at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }

    /// A [`Bounds`] or [`Length`] check of the value at `path`, as a validation result.
    pub fn check(path: &str, checked: Result<(), String>) -> Result<(), Self> {
        checked.map_err(|m| Self::new(path, m))
    }

    /// A required value (at `path`) left at its type's default, which is how protobuf leaves a
    /// field unset (`None` for explicit presence, `0`, `""`, empty lists otherwise), refused
    /// with "is required".
    pub fn required<T: Default + PartialEq>(value: &T, path: &str) -> Result<(), Self> {
        if *value == T::default() {
            Err(Self::new(path, "is required"))
        } else {
            Ok(())
        }
    }

    /// The same error, seen from the value that contains it at `outer`.
    pub fn within(mut self, outer: &str) -> Self {
        self.path = match (outer.is_empty(), self.path.is_empty()) {
            (true, _) => self.path,
            (false, true) => outer.to_string(),
            (false, false) => format!("{outer}/{}", self.path),
        };
        self
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "`{}` {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ValidationError {}

/// `google.protobuf.Empty` requests and answers.
impl Validate for () {}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self) -> Result<(), ValidationError> {
        for (i, item) in self.iter().enumerate() {
            item.validate().map_err(|e| e.within(&i.to_string()))?;
        }
        Ok(())
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self) -> Result<(), ValidationError> {
        match self {
            Some(v) => v.validate(),
            None => Ok(()),
        }
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate(&self) -> Result<(), ValidationError> {
        (**self).validate()
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    fn validate(&self) -> Result<(), ValidationError> {
        for (key, item) in self {
            item.validate().map_err(|e| e.within(key))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Positive(i32);

    impl Validate for Positive {
        fn validate(&self) -> Result<(), ValidationError> {
            if self.0 > 0 {
                Ok(())
            } else {
                Err(ValidationError::new("", "must be positive"))
            }
        }
    }

    #[test]
    fn paths_nest_from_the_inside_out() {
        let items = vec![Positive(1), Positive(0)];
        let err = Some(items).validate().unwrap_err().within("items");
        assert_eq!(err.path, "items/1");
        assert_eq!(err.to_string(), "`items/1` must be positive");
        assert!(Box::new(Positive(2)).validate().is_ok());
        assert_eq!(ValidationError::required(&Some(0), "n"), Ok(()));
        let unset = ValidationError::required(&None::<u8>, "n").unwrap_err();
        assert_eq!(unset.to_string(), "`n` is required");
        assert!(ValidationError::required(&String::new(), "s").is_err());
    }
}
