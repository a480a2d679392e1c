//! `google.protobuf.Duration`: decimal seconds with an `s` suffix (`"1.5s"`, `"-0.000001s"`).

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::ParseError;

/// The largest magnitude protobuf allows: 10,000 years of seconds.
const MAX_SECONDS: i64 = 315_576_000_000;

/// A signed span of time with nanosecond precision (`google.protobuf.Duration`).
///
/// `seconds` and `nanos` have the same sign; `nanos` stays within ±999,999,999.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Duration {
    /// Whole seconds.
    pub seconds: i64,
    /// Fraction of a second in nanoseconds, with the sign of `seconds`.
    pub nanos: i32,
}

impl Duration {
    /// A duration of `seconds` and `nanos` (normalized to one sign).
    pub fn new(seconds: i64, nanos: i32) -> Self {
        let total = seconds as i128 * 1_000_000_000 + nanos as i128;
        Duration {
            seconds: (total / 1_000_000_000) as i64,
            nanos: (total % 1_000_000_000) as i32,
        }
    }
}

impl From<std::time::Duration> for Duration {
    fn from(d: std::time::Duration) -> Self {
        Duration::new(d.as_secs() as i64, d.subsec_nanos() as i32)
    }
}

impl TryFrom<Duration> for std::time::Duration {
    type Error = ParseError;

    fn try_from(d: Duration) -> Result<Self, ParseError> {
        if d.seconds < 0 || d.nanos < 0 {
            return Err(ParseError::new(format!("{d} is negative")));
        }
        Ok(std::time::Duration::new(d.seconds as u64, d.nanos as u32))
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let negative = self.seconds < 0 || self.nanos < 0;
        let seconds = self.seconds.unsigned_abs();
        let nanos = self.nanos.unsigned_abs();
        let sign = if negative { "-" } else { "" };
        if nanos == 0 {
            write!(f, "{sign}{seconds}s")
        } else if nanos.is_multiple_of(1_000_000) {
            write!(f, "{sign}{seconds}.{:03}s", nanos / 1_000_000)
        } else if nanos.is_multiple_of(1_000) {
            write!(f, "{sign}{seconds}.{:06}s", nanos / 1_000)
        } else {
            write!(f, "{sign}{seconds}.{nanos:09}s")
        }
    }
}

impl FromStr for Duration {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        let bad = || ParseError::new(format!("`{text}` is not a duration like `1.5s`"));
        let body = text.strip_suffix('s').ok_or_else(bad)?;
        let (negative, body) = match body.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || (body.contains('.') && !digits(fraction)) || fraction.len() > 9 {
            return Err(bad());
        }
        let seconds: i64 = whole.parse().map_err(|_| bad())?;
        if seconds > MAX_SECONDS {
            return Err(ParseError::new(format!("`{text}` is out of range")));
        }
        let nanos: i32 = if fraction.is_empty() {
            0
        } else {
            format!("{fraction:0<9}").parse().map_err(|_| bad())?
        };
        Ok(if negative {
            Duration {
                seconds: -seconds,
                nanos: -nanos,
            }
        } else {
            Duration { seconds, nanos }
        })
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Duration;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration like \"1.5s\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Duration, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}
