//! Spec constraints (ranges, lengths) → documentation and checking code.

use apigen_ir::{Constraints, PrimitiveKind};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

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

/// Code that returns `Err(err(message))` from the enclosing function when `value` (an
/// expression of the primitive's Rust type, by value for numbers, `&str`-like for strings)
/// breaks the constraints. `err` is a closure-like token stream taking a `String`.
pub fn check(
    kind: PrimitiveKind,
    c: &Constraints,
    value: &TokenStream,
    err: &TokenStream,
) -> TokenStream {
    let mut checks = Vec::new();
    if is_numeric(kind) {
        let (lo, hi) = type_range(kind);
        if let Some(min) = c.minimum.filter(|m| *m > lo) {
            let lit = literal(kind, min);
            let (cond, word) = if c.exclusive_minimum {
                (quote!(#value <= #lit), "greater than")
            } else {
                (quote!(#value < #lit), "at least")
            };
            let msg = format!("must be {word} {}", num(min));
            checks.push(quote!(if #cond { return Err(#err(#msg.to_string())); }));
        }
        if let Some(max) = c.maximum.filter(|m| *m < hi) {
            let lit = literal(kind, max);
            let (cond, word) = if c.exclusive_maximum {
                (quote!(#value >= #lit), "less than")
            } else {
                (quote!(#value > #lit), "at most")
            };
            let msg = format!("must be {word} {}", num(max));
            checks.push(quote!(if #cond { return Err(#err(#msg.to_string())); }));
        }
    }
    if let Some(m) = c
        .multiple_of
        .filter(|m| is_numeric(kind) && *m > 0.0 && m.is_finite())
    {
        checks.push(multiple_of(kind, m, value, err));
    }
    if kind == PrimitiveKind::String {
        if let Some(min) = c.min_length {
            let lit = Literal::u64_unsuffixed(min);
            let msg = format!("must be at least {min} characters long");
            checks.push(quote!(if (#value.chars().count() as u64) < #lit { return Err(#err(#msg.to_string())); }));
        }
        if let Some(max) = c.max_length {
            let lit = Literal::u64_unsuffixed(max);
            let msg = format!("must be at most {max} characters long");
            checks.push(quote!(if (#value.chars().count() as u64) > #lit { return Err(#err(#msg.to_string())); }));
        }
    }
    quote!(#(#checks)*)
}

/// The check of `multipleOf`: exact remainder for integers and integral divisors, a relative
/// tolerance for the quotient otherwise (`0.3` is a multiple of `0.1`).
fn multiple_of(kind: PrimitiveKind, m: f64, value: &TokenStream, err: &TokenStream) -> TokenStream {
    let msg = format!("must be a multiple of {}", num(m));
    let integer = !matches!(kind, PrimitiveKind::Float | PrimitiveKind::Double);
    if integer && m.fract() == 0.0 && m < 1e18 {
        let lit = Literal::i128_unsuffixed(m as i128);
        quote!(if (#value as i128) % #lit != 0 { return Err(#err(#msg.to_string())); })
    } else {
        let lit = Literal::f64_unsuffixed(m);
        let as_f64 = match kind {
            PrimitiveKind::Double => quote!(#value),
            _ => quote!((#value as f64)),
        };
        quote! {{
            let q = #as_f64 / #lit;
            if (q - q.round()).abs() > 1e-9 * q.abs().max(1.0) {
                return Err(#err(#msg.to_string()));
            }
        }}
    }
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
        let (value, err) = (quote!(v), quote!(e));
        assert!(
            check(PrimitiveKind::Float, &c, &value, &err).is_empty(),
            "no check needed"
        );
        let c = Constraints {
            maximum: Some(1.5),
            ..Constraints::default()
        };
        assert!(check(PrimitiveKind::Float, &c, &value, &err)
            .to_string()
            .contains("1.5"));
    }
}
