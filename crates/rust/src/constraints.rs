//! Spec constraints (ranges, lengths) → documentation and checking code.

use apigen_ir::{Constraints, PrimitiveKind};
use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};

/// Human-readable notes about constraints, for docs.
pub fn describe(c: &Constraints) -> Vec<String> {
    let mut notes = Vec::new();
    match (c.minimum, c.maximum) {
        (Some(min), Some(max)) => notes.push(format!(
            "Range: {}{} .. {}{}.",
            if c.exclusive_minimum { "> " } else { "" },
            num(min),
            if c.exclusive_maximum { "< " } else { "" },
            num(max)
        )),
        (Some(min), None) => notes.push(format!(
            "Minimum: {}{}.",
            if c.exclusive_minimum { "> " } else { "" },
            num(min)
        )),
        (None, Some(max)) => notes.push(format!(
            "Maximum: {}{}.",
            if c.exclusive_maximum { "< " } else { "" },
            num(max)
        )),
        (None, None) => {}
    }
    match (c.min_length, c.max_length) {
        (Some(a), Some(b)) => notes.push(format!("Length: {a} ..= {b} characters.")),
        (Some(a), None) => notes.push(format!("At least {a} characters.")),
        (None, Some(b)) => notes.push(format!("At most {b} characters.")),
        (None, None) => {}
    }
    if let Some(p) = &c.pattern {
        notes.push(format!("Pattern: `{p}`."));
    }
    if let Some(m) = c.multiple_of {
        notes.push(format!("A multiple of {}.", num(m)));
    }
    notes
}

/// Formats a bound without a trailing `.0` when it is integral.
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Whether the constraints can be checked at run time (patterns are documented only).
pub fn checkable(kind: PrimitiveKind, c: &Constraints) -> bool {
    let numeric = is_numeric(kind);
    (numeric && (c.minimum.is_some() || c.maximum.is_some() || c.multiple_of.is_some()))
        || (kind == PrimitiveKind::String && (c.min_length.is_some() || c.max_length.is_some()))
}

fn is_numeric(kind: PrimitiveKind) -> bool {
    matches!(
        kind,
        PrimitiveKind::Int32
            | PrimitiveKind::Int64
            | PrimitiveKind::Uint32
            | PrimitiveKind::Uint64
            | PrimitiveKind::Int64String
            | PrimitiveKind::Uint64String
            | PrimitiveKind::Float
            | PrimitiveKind::Double
    )
}

/// The range of values the Rust type can hold (bounds outside it need no check).
fn type_range(kind: PrimitiveKind) -> (f64, f64) {
    match kind {
        PrimitiveKind::Int32 => (f64::from(i32::MIN), f64::from(i32::MAX)),
        PrimitiveKind::Int64 | PrimitiveKind::Int64String => (i64::MIN as f64, i64::MAX as f64),
        PrimitiveKind::Uint32 => (0.0, f64::from(u32::MAX)),
        PrimitiveKind::Uint64 | PrimitiveKind::Uint64String => (0.0, u64::MAX as f64),
        PrimitiveKind::Float => (f64::from(f32::MIN), f64::from(f32::MAX)),
        _ => (f64::NEG_INFINITY, f64::INFINITY),
    }
}

/// A literal of the primitive's Rust type for a bound or default. Values out of the type's
/// range saturate, as `as` casts do; for `f32` that needs a clamp, since `1e300 as f32` is
/// infinite and `Literal::f32_unsuffixed` panics on it (found by fuzzing).
pub fn literal(kind: PrimitiveKind, v: f64) -> TokenStream {
    let v = if v.is_nan() {
        0.0
    } else {
        v.clamp(f64::MIN, f64::MAX)
    };
    let lit = match kind {
        PrimitiveKind::Int32 => Literal::i32_unsuffixed(v as i32),
        PrimitiveKind::Int64 | PrimitiveKind::Int64String => Literal::i64_unsuffixed(v as i64),
        PrimitiveKind::Uint32 => Literal::u32_unsuffixed(v.max(0.0) as u32),
        PrimitiveKind::Uint64 | PrimitiveKind::Uint64String => {
            Literal::u64_unsuffixed(v.max(0.0) as u64)
        }
        PrimitiveKind::Float => Literal::f32_unsuffixed((v as f32).clamp(f32::MIN, f32::MAX)),
        _ => Literal::f64_unsuffixed(v),
    };
    quote!(#lit)
}

/// How a checked value is at hand in generated code.
#[derive(Clone, Copy)]
pub enum Value<'a> {
    /// An expression of type `&T`.
    Ref(&'a TokenStream),
    /// A place of type `T` (a binding or field), borrowed for texts.
    Place(&'a TokenStream),
}

/// An expression of type `Result<(), String>` that checks the value against the constraints
/// through the runtime's [`Bounds`](apigen_runtime::validate::Bounds) (numbers) or `Length`
/// (texts), named `bounds` and `length` in the generated crate; `None` when there is nothing
/// to check (see [`checkable`]).
pub fn check(
    kind: PrimitiveKind,
    c: &Constraints,
    value: Value<'_>,
    bounds: &dyn ToTokens,
    length: &dyn ToTokens,
) -> Option<TokenStream> {
    if !checkable(kind, c) {
        return None;
    }
    if kind == PrimitiveKind::String {
        let mut chain = quote!(#length::new());
        if let Some(min) = c.min_length {
            let lit = Literal::u64_unsuffixed(min);
            chain.extend(quote!(.min(#lit)));
        }
        if let Some(max) = c.max_length {
            let lit = Literal::u64_unsuffixed(max);
            chain.extend(quote!(.max(#lit)));
        }
        let value = match value {
            Value::Ref(v) => quote!(#v),
            Value::Place(v) => quote!(&#v),
        };
        return Some(quote!(#chain.check(#value)));
    }
    let (lo, hi) = type_range(kind);
    let mut chain = quote!(#bounds::new());
    let mut any = false;
    let lower = c.minimum.and_then(|v| bound(kind, v, c.exclusive_minimum, lo, Side::Lower));
    let upper = c.maximum.and_then(|v| bound(kind, v, c.exclusive_maximum, hi, Side::Upper));
    for call in lower.into_iter().chain(upper) {
        chain.extend(call);
        any = true;
    }
    if let Some(m) = c.multiple_of.filter(|m| *m > 0.0 && m.is_finite()) {
        let lit = Literal::f64_unsuffixed(m);
        chain.extend(quote!(.multiple_of(#lit)));
        any = true;
    }
    if !any {
        return None;
    }
    let value = match value {
        Value::Ref(v) => quote!(*#v),
        Value::Place(v) => quote!(#v),
    };
    Some(quote!(#chain.check(#value)))
}

/// Which end of a range a bound is.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Lower,
    Upper,
}

/// The `Bounds` call of one end of a range (`.min(0)`, `.above(0.5)`, `.max(10)`, `.below(1)`),
/// or `None` when the type cannot go beyond it (`limit`: the type's own end). An integer's
/// fractional bound is the nearest integer inside it (above 0.5 is at least 1).
fn bound(kind: PrimitiveKind, v: f64, exclusive: bool, limit: f64, side: Side) -> Option<TokenStream> {
    let integer = !matches!(kind, PrimitiveKind::Float | PrimitiveKind::Double);
    let (v, exclusive) = match side {
        _ if !integer || v.fract() == 0.0 => (v, exclusive),
        Side::Lower => (v.ceil(), false),
        Side::Upper => (v.floor(), false),
    };
    let inside = match side {
        Side::Lower => v > limit,
        Side::Upper => v < limit,
    };
    if !(inside || (exclusive && v == limit)) {
        return None;
    }
    let lit = literal(kind, v);
    let method = match (side, exclusive) {
        (Side::Lower, false) => quote!(min),
        (Side::Lower, true) => quote!(above),
        (Side::Upper, false) => quote!(max),
        (Side::Upper, true) => quote!(below),
    };
    Some(quote!(.#method(#lit)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fuzz finding: a `float` bound or default beyond `f32` made `literal` panic.
    #[test]
    fn float_bounds_beyond_f32_saturate() {
        let text = |kind, v| literal(kind, v).to_string().replace(' ', "");
        assert_eq!(text(PrimitiveKind::Float, 1e300).parse(), Ok(f32::MAX));
        assert_eq!(text(PrimitiveKind::Float, -1e300).parse(), Ok(f32::MIN));
        assert_eq!(
            text(PrimitiveKind::Double, f64::INFINITY).parse(),
            Ok(f64::MAX)
        );
        let c = Constraints {
            minimum: Some(-1e300),
            maximum: Some(1e300),
            ..Constraints::default()
        };
        let value = quote!(v);
        let check = |c: &Constraints| {
            check(PrimitiveKind::Float, c, Value::Place(&value), &quote!(B), &quote!(L))
        };
        assert!(check(&c).is_none(), "no check needed");
        let c = Constraints {
            maximum: Some(1.5),
            ..Constraints::default()
        };
        assert!(check(&c).expect("a check").to_string().contains("1.5"));
    }

    /// An integer's fractional bounds are the nearest integers inside them (above 0.5 is at
    /// least 1); bounds outside the type's range need no check.
    #[test]
    fn integer_bounds_round_inwards() {
        let text = |kind, c: &Constraints| {
            check(kind, c, Value::Place(&quote!(v)), &quote!(B), &quote!(L))
                .map(|t| t.to_string().replace(' ', ""))
        };
        let c = Constraints {
            minimum: Some(0.5),
            exclusive_minimum: true,
            maximum: Some(9.5),
            ..Constraints::default()
        };
        assert_eq!(
            text(PrimitiveKind::Int32, &c).as_deref(),
            Some("B::new().min(1).max(9).check(v)")
        );
        assert_eq!(
            text(PrimitiveKind::Double, &c).as_deref(),
            Some("B::new().above(0.5).max(9.5).check(v)")
        );
        let c = Constraints {
            minimum: Some(-1.0),
            ..Constraints::default()
        };
        assert_eq!(text(PrimitiveKind::Uint32, &c), None);
        let c = Constraints {
            min_length: Some(1),
            ..Constraints::default()
        };
        assert_eq!(
            text(PrimitiveKind::String, &c).as_deref(),
            Some("L::new().min(1).check(&v)")
        );
    }
}
