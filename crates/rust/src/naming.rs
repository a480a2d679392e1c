//! The one naming rule: how every spec name becomes a Rust identifier.
//!
//! 1. The name is split into words at every character that is not alphanumeric, or that Rust
//!    does not allow in identifiers (`²`, `½`), and at case boundaries
//!    (`X-Contract-Number` → `x contract number`, `createdDate` → `created date`).
//! 2. The words are joined in the case Rust expects for the item: `UpperCamelCase` for types and
//!    enum variants, `snake_case` for fields, parameters, functions and modules.
//! 3. A name that starts with a digit (of any script) gets the prefix `n` (`N` in
//!    UpperCamelCase): `401` → `N401`, `3d_secure` → `n3d_secure`, `٣` → `n٣`. A name with no
//!    such characters at all becomes `value` / `Value`.
//! 4. A snake_case name that is a Rust keyword becomes a raw identifier (`type` → `r#type`);
//!    the keywords that cannot be raw (`self`, `super`, `crate`) and `Self` get a `_` suffix.
//! 5. Collisions inside one scope (types of a module, fields of a struct, variants of an enum,
//!    parameters of an operation) are resolved in the scope's order (types: sorted by spec name;
//!    everything else: spec order): the first keeps the name, later ones get `2`, `3`, …
//!    (`_2` in snake_case). Names the generated code itself uses in a scope are reserved
//!    up front, so a spec name never shadows them.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords of Rust 2021 (strict and reserved) that must not be used as plain identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The words of a spec name (the shared splitter, `apigen_ir::words`), space-separated so
/// that heck only cases them.
fn words(name: &str) -> String {
    apigen_ir::words(name).join(" ")
}

/// Turns a cased name into a valid identifier (rule 3): drops any character the case mapping
/// made invalid, uses `empty` when nothing is left, and puts `prefix` before a first
/// character that cannot start an identifier (a digit of any script, such as `٣`).
fn valid(mut s: String, empty: &str, prefix: char) -> String {
    s.retain(unicode_ident::is_xid_continue);
    if s.is_empty() {
        s = empty.to_string();
    }
    if !s.starts_with(unicode_ident::is_xid_start) {
        s.insert(0, prefix);
    }
    s
}

/// The UpperCamelCase form of a spec name (rules 1–3; keywords handled by [`type_ident`]).
pub fn pascal(name: &str) -> String {
    let mut s = valid(words(name).to_upper_camel_case(), "Value", 'N');
    if s == "Self" {
        s.push('_');
    }
    s
}

/// The snake_case form of a spec name (rules 1–3; keywords handled by [`ident`]).
pub fn snake(name: &str) -> String {
    let mut s = valid(words(name).to_snake_case(), "value", 'n');
    if NOT_RAW.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// A name without the `_` that escapes a keyword which cannot be raw (`Self_` → `Self`), for
/// names that get more text appended.
pub(crate) fn unescaped(name: &str) -> &str {
    match name.strip_suffix('_') {
        Some(stem) if NOT_RAW.contains(&stem) => stem,
        _ => name,
    }
}

/// A name with `suffix` appended (`CreateToken` + `Request`), dropping a keyword's escape
/// first (`Self_` + `Request` → `SelfRequest`).
pub fn suffixed(name: &str, suffix: &str) -> String {
    format!("{}{suffix}", unescaped(name))
}

/// SCREAMING_SNAKE_CASE form, for constants.
pub fn screaming(name: &str) -> String {
    let s = snake(name);
    s.trim_start_matches("r#").to_ascii_uppercase()
}

/// Turns an already-cased name into an [`Ident`], raw if it is a keyword (rule 4).
pub fn ident(name: &str) -> Ident {
    if KEYWORDS.contains(&name) && !NOT_RAW.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(pascal("X-Contract-Number"), "XContractNumber");
        assert_eq!(snake("X-Contract-Number"), "x_contract_number");
        assert_eq!(pascal("Basic Authentication"), "BasicAuthentication");
        assert_eq!(snake("createdDate"), "created_date");
        assert_eq!(pascal("Error_messages"), "ErrorMessages");
        assert_eq!(pascal("401UnAuthorized"), "N401UnAuthorized");
        assert_eq!(snake("3d"), "n3d");
        assert_eq!(pascal("REFRESH_TOKEN"), "RefreshToken");
        assert_eq!(pascal("---"), "Value");
        assert_eq!(snake("self"), "self_");
        assert_eq!(pascal("self"), "Self_");
        assert_eq!(snake("Größe"), "größe");
        assert_eq!(screaming("ttl"), "TTL");
        assert_eq!(suffixed("Self_", "Request"), "SelfRequest");
        assert_eq!(suffixed("Type", "Request"), "TypeRequest");
    }

    /// Fuzz finding: alphanumerics that are not identifier characters, and digits of other
    /// scripts at the start, made `Ident::new` panic.
    #[test]
    fn every_name_becomes_a_valid_identifier() {
        assert_eq!(pascal("a²"), "A");
        assert_eq!(snake("x²y"), "x_y");
        assert_eq!(snake("½"), "value");
        assert_eq!(pascal("٣x"), "N٣x");
        assert_eq!(snake("٣"), "n٣");
        let odd = [
            "a²", "x²y", "½", "٣x", "ⅰ", "ǅx", "İ", "ß", "𝔘", "a\u{301}", "日本", "ः",
        ];
        for name in odd {
            for s in [pascal(name), snake(name), screaming(name)] {
                assert!(syn::parse_str::<syn::Ident>(&s).is_ok(), "{name:?} → {s:?}");
                let _ = ident(&s);
            }
        }
    }

    #[test]
    fn keywords_become_raw() {
        assert_eq!(ident(&snake("type")).to_string(), "r#type");
        assert_eq!(ident(&snake("match")).to_string(), "r#match");
        assert_eq!(ident(&snake("crate")).to_string(), "crate_");
    }
}
