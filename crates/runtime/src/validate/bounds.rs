//! The bounds a spec sets on a number (`minimum`, `maximum`, exclusive or not, `multipleOf`)
//! or on a text's length, checked in one call. Generated models, clients and servers build a
//! [`Bounds`] or [`Length`] from the spec's figures and turn the message of a broken bound
//! into their own error (a `ValidationError`, an invalid request, a 400).

use std::fmt::Display;

/// A number type a spec's bounds apply to.
pub trait Number: Copy + PartialOrd + Display {
    /// The value as `f64` (for a non-integral `multipleOf`).
    fn to_f64(self) -> f64;
    /// The value as `i128` when the type is an integer (for an integral `multipleOf`).
    fn to_i128(self) -> Option<i128>;
}

macro_rules! number {
    ($($t:ty: $int:expr),*) => {$(
        impl Number for $t {
            fn to_f64(self) -> f64 {
                self as f64
            }
            fn to_i128(self) -> Option<i128> {
                $int(self)
            }
        }
    )*};
}

number!(
    i32: |v| Some(i128::from(v)),
    i64: |v| Some(i128::from(v)),
    u32: |v| Some(i128::from(v)),
    u64: |v| Some(i128::from(v)),
    f32: |_| None,
    f64: |_| None
);

/// Bounds on a number: `Bounds::new().min(0).max(10).check(value)`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[must_use = "bounds do nothing until `check` is called"]
pub struct Bounds<T> {
    min: Option<(T, bool)>,
    max: Option<(T, bool)>,
    multiple_of: Option<f64>,
}

impl<T: Number> Default for Bounds<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Number> Bounds<T> {
    /// No bounds.
    pub const fn new() -> Self {
        Bounds {
            min: None,
            max: None,
            multiple_of: None,
        }
    }

    /// The value must be at least `bound`.
    pub fn min(self, bound: T) -> Self {
        Bounds {
            min: Some((bound, false)),
            ..self
        }
    }

    /// The value must be greater than `bound`.
    pub fn above(self, bound: T) -> Self {
        Bounds {
            min: Some((bound, true)),
            ..self
        }
    }

    /// The value must be at most `bound`.
    pub fn max(self, bound: T) -> Self {
        Bounds {
            max: Some((bound, false)),
            ..self
        }
    }

    /// The value must be less than `bound`.
    pub fn below(self, bound: T) -> Self {
        Bounds {
            max: Some((bound, true)),
            ..self
        }
    }

    /// The value must be a multiple of `divisor` (> 0): exactly for integers and integral
    /// divisors, within a relative tolerance of 1e-9 otherwise (`0.3` is a multiple of `0.1`).
    pub fn multiple_of(self, divisor: f64) -> Self {
        Bounds {
            multiple_of: Some(divisor),
            ..self
        }
    }

    /// The first bound `value` breaks, as a message (`must be at least 0`).
    pub fn check(&self, value: T) -> Result<(), String> {
        if let Some((bound, exclusive)) = self.min {
            if value < bound || (exclusive && value == bound) {
                let word = if exclusive { "greater than" } else { "at least" };
                return Err(format!("must be {word} {bound}"));
            }
        }
        if let Some((bound, exclusive)) = self.max {
            if value > bound || (exclusive && value == bound) {
                let word = if exclusive { "less than" } else { "at most" };
                return Err(format!("must be {word} {bound}"));
            }
        }
        if let Some(m) = self.multiple_of.filter(|m| *m > 0.0 && m.is_finite()) {
            let whole = match value.to_i128() {
                Some(v) if m.fract() == 0.0 && m < 1e18 => v % (m as i128) == 0,
                _ => {
                    let q = value.to_f64() / m;
                    (q - q.round()).abs() <= 1e-9 * q.abs().max(1.0)
                }
            };
            if !whole {
                return Err(format!("must be a multiple of {}", shown(m)));
            }
        }
        Ok(())
    }
}

/// A bound without a trailing `.0` when it is integral.
fn shown(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Bounds on a text's length in characters: `Length::new().min(1).max(63).check(&value)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[must_use = "bounds do nothing until `check` is called"]
pub struct Length {
    min: Option<u64>,
    max: Option<u64>,
}

impl Length {
    /// No bounds.
    pub const fn new() -> Self {
        Length {
            min: None,
            max: None,
        }
    }

    /// At least `chars` characters.
    pub const fn min(self, chars: u64) -> Self {
        Length {
            min: Some(chars),
            ..self
        }
    }

    /// At most `chars` characters.
    pub const fn max(self, chars: u64) -> Self {
        Length {
            max: Some(chars),
            ..self
        }
    }

    /// The first bound `value` breaks, as a message (`must be at least 1 characters long`).
    pub fn check<S: AsRef<str> + ?Sized>(&self, value: &S) -> Result<(), String> {
        let count = value.as_ref().chars().count() as u64;
        match (self.min, self.max) {
            (Some(min), _) if count < min => Err(format!("must be at least {min} characters long")),
            (_, Some(max)) if count > max => Err(format!("must be at most {max} characters long")),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_within_and_beyond_their_bounds() {
        let b = Bounds::new().min(0).max(10);
        assert_eq!(b.check(0), Ok(()));
        assert_eq!(b.check(10), Ok(()));
        assert_eq!(b.check(-1), Err("must be at least 0".to_string()));
        assert_eq!(b.check(11), Err("must be at most 10".to_string()));
        let open = Bounds::new().above(0.5).below(1.5);
        assert_eq!(open.check(1.0), Ok(()));
        assert_eq!(open.check(0.5), Err("must be greater than 0.5".to_string()));
        assert_eq!(open.check(1.5), Err("must be less than 1.5".to_string()));
        // Exact for large integers, where f64 would round.
        let big = Bounds::new().max(i64::MAX - 1);
        assert!(big.check(i64::MAX).is_err());
        assert_eq!(Bounds::<u64>::new().check(u64::MAX), Ok(()));
    }

    #[test]
    fn multiples_exact_for_integers_tolerant_for_fractions() {
        let even = Bounds::new().multiple_of(2.0);
        assert_eq!(even.check(4_i64), Ok(()));
        assert_eq!(even.check(5_i64), Err("must be a multiple of 2".to_string()));
        let tenth = Bounds::new().multiple_of(0.1);
        assert_eq!(tenth.check(0.3_f64), Ok(()));
        assert_eq!(tenth.check(0.35_f64), Err("must be a multiple of 0.1".to_string()));
        assert_eq!(Bounds::new().multiple_of(0.5).check(3_i32), Ok(()));
        assert!(Bounds::new().multiple_of(0.5).check(3.25_f32).is_err());
        // Nothing to check for a divisor that is not positive and finite.
        assert_eq!(Bounds::new().multiple_of(0.0).check(3), Ok(()));
    }

    #[test]
    fn lengths_count_characters() {
        let l = Length::new().min(2).max(3);
        assert_eq!(l.check("ab"), Ok(()));
        assert_eq!(l.check(&"äöü".to_string()), Ok(()));
        assert_eq!(l.check("a"), Err("must be at least 2 characters long".to_string()));
        assert_eq!(l.check("abcd"), Err("must be at most 3 characters long".to_string()));
    }
}
