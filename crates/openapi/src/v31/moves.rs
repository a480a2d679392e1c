//! Where the pre-pass moved things: pointers into the rewritten (3.0-shaped) document are
//! mapped back to the places the author wrote, so that errors and locations name the 3.1 text.

use crate::error::Fault;

/// Rewrites of the document, in the order they were made: (new prefix, original prefix).
#[derive(Debug, Clone, Default)]
pub(crate) struct Moves(Vec<(String, String)>);

impl Moves {
    /// Records that what now stands at `new` was written at `original`.
    pub fn record(&mut self, new: &str, original: &str) {
        if new != original {
            self.0.push((new.to_string(), original.to_string()));
        }
    }

    /// The original place of `pointer` (a JSON pointer without `#`): the moves are undone
    /// from the last to the first, so nested rewrites compose.
    pub fn original(&self, pointer: &str) -> String {
        let mut pointer = pointer.to_string();
        for (new, original) in self.0.iter().rev() {
            let rest = match pointer.strip_prefix(new.as_str()) {
                Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
                _ => continue,
            };
            pointer = format!("{original}{rest}");
        }
        pointer
    }

    /// [`Moves::original`] of a location written as a URI fragment (`#/a/b`); other
    /// locations (proto element paths) are kept.
    pub fn original_location(&self, location: &str) -> String {
        match location.strip_prefix('#') {
            Some(pointer) => format!("#{}", self.original(pointer)),
            None => location.to_string(),
        }
    }

    /// The fault at its original place.
    pub fn fault(&self, fault: Fault) -> Fault {
        Fault {
            pointer: self.original(&fault.pointer),
            message: fault.message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undoes_nested_moves_in_reverse() {
        let mut moves = Moves::default();
        moves.record("/components/schemas/B", "/components/schemas/A/$defs/B");
        moves.record("/components/schemas/B/allOf/1", "/components/schemas/B");
        assert_eq!(
            moves.original("/components/schemas/B/allOf/1/properties/x"),
            "/components/schemas/A/$defs/B/properties/x"
        );
        assert_eq!(
            moves.original("/components/schemas/Bx"),
            "/components/schemas/Bx"
        );
        assert_eq!(
            moves.original_location("#/components/schemas/B"),
            "#/components/schemas/A/$defs/B"
        );
    }
}
