//! Unique names within one scope (rule 5 of [`crate::naming`]). Only the naming table uses
//! scopes: every collision is resolved once, before emission.

use std::collections::BTreeSet;

use crate::naming;

/// Assigns unique names within one scope (rule 5).
#[derive(Debug, Default, Clone)]
pub(crate) struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub(crate) fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Claims a unique UpperCamelCase name derived from `spec_name`.
    pub(crate) fn pascal(&mut self, spec_name: &str) -> String {
        self.claim(naming::pascal(spec_name), "")
    }

    /// Claims a unique snake_case name derived from `spec_name`.
    pub(crate) fn snake(&mut self, spec_name: &str) -> String {
        self.claim(naming::snake(spec_name), "_")
    }

    /// Claims `base`, or `base{sep}2`, `base{sep}3`, … if it is taken (an escaped keyword
    /// loses its `_` once numbered: `self_` → `self_2`, `Self_` → `Self2`).
    pub(crate) fn claim(&mut self, base: String, sep: &str) -> String {
        let mut candidate = base.clone();
        let stem = naming::unescaped(&base);
        let mut n = 2;
        while self.taken.contains(&candidate) || self.taken.contains(&format!("r#{candidate}")) {
            candidate = format!("{stem}{sep}{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_keywords_are_numbered() {
        let mut scope = Scope::default();
        assert_eq!(
            ["self", "self", "self"].map(|n| scope.snake(n)),
            ["self_", "self_2", "self_3"]
        );
        let mut scope = Scope::default();
        assert_eq!(
            ["Self", "Self"].map(|n| scope.pascal(n)),
            ["Self_", "Self2"]
        );
    }

    #[test]
    fn collisions_are_numbered_in_order() {
        let mut scope = Scope::with_reserved(&["Client"]);
        assert_eq!(scope.pascal("client"), "Client2");
        assert_eq!(scope.pascal("foo_bar"), "FooBar");
        assert_eq!(scope.pascal("FooBar"), "FooBar2");
        assert_eq!(scope.pascal("foo-bar"), "FooBar3");
        let mut fields = Scope::default();
        assert_eq!(fields.snake("type"), "type");
        assert_eq!(fields.snake("Type"), "type_2");
    }
}
