//! Path, query, header and cookie parameters: lookup and parsing that never panics.

use std::fmt::Display;
use std::str::FromStr;

use axum::extract::{FromRequestParts, RawPathParams};
use base64::Engine as _;
use http::request::Parts;
use serde::de::DeserializeOwned;

use super::rejection::{ParamLocation, Rejection};

/// The decoded pairs of a query string, in order.
#[derive(Debug, Clone, Default)]
pub struct QueryParams(Vec<(String, String)>);

impl QueryParams {
    /// Decodes the query string of a request.
    ///
    /// # Errors
    /// A 400 [`Rejection`] when it is not valid `application/x-www-form-urlencoded` text.
    pub fn parse(parts: &Parts) -> Result<Self, Rejection> {
        let Some(query) = parts.uri.query() else {
            return Ok(QueryParams::default());
        };
        serde_urlencoded::from_str::<Vec<(String, String)>>(query)
            .map(QueryParams)
            .map_err(|e| Rejection::invalid_parameter("", ParamLocation::Query, e))
    }

    /// The first value of `name`.
    pub fn first(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of `name` parsed with `FromStr`; `Ok(None)` when absent.
    ///
    /// # Errors
    /// As [`parse_param`].
    pub fn value<T>(&self, name: &str, expected: &str) -> Result<Option<T>, Rejection>
    where
        T: FromStr,
        T::Err: Display,
    {
        parse_optional(self.first(name), name, ParamLocation::Query, expected)
    }

    /// An object sent as `deepObject` (`name[key]=value` pairs), read like a form
    /// (`serde_urlencoded`: flat objects and maps of scalars); `None` when no pair is there.
    ///
    /// # Errors
    /// A 400 [`Rejection`] naming the parameter when the pairs do not make a `T`.
    pub fn deep_object<T: serde::de::DeserializeOwned>(
        &self,
        name: &str,
    ) -> Result<Option<T>, Rejection> {
        let prefix = format!("{name}[");
        let pairs: Vec<(&str, &str)> = self
            .0
            .iter()
            .filter_map(|(k, v)| {
                let key = k.strip_prefix(prefix.as_str())?.strip_suffix(']')?;
                Some((key, v.as_str()))
            })
            .collect();
        if pairs.is_empty() {
            return Ok(None);
        }
        let invalid =
            |e: &dyn std::fmt::Display| Rejection::invalid_parameter(name, ParamLocation::Query, e);
        let form = serde_urlencoded::to_string(&pairs).map_err(|e| invalid(&e))?;
        serde_urlencoded::from_str(&form)
            .map(Some)
            .map_err(|e| invalid(&e))
    }

    /// Every value of `name`, in order (a list sent as `name=a&name=b`).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// The decoded path variables of the matched route.
#[derive(Debug, Clone, Default)]
pub struct PathParams(Vec<(String, String)>);

impl PathParams {
    /// Reads the variables axum matched.
    ///
    /// # Errors
    /// A 400 [`Rejection`] when a variable is not UTF-8 once percent-decoded.
    pub async fn from_parts(parts: &mut Parts) -> Result<Self, Rejection> {
        match RawPathParams::from_request_parts(parts, &()).await {
            Ok(raw) => Ok(PathParams(
                raw.iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            )),
            Err(e) => Err(Rejection::invalid_parameter(
                "",
                ParamLocation::Path,
                e.body_text(),
            )),
        }
    }

    /// The value of the route variable `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The text of the route variable `variable`, the path parameter `name`.
    ///
    /// # Errors
    /// A 400 [`Rejection`] naming the parameter when the route did not capture it.
    pub fn text(&self, variable: &str, name: &str) -> Result<String, Rejection> {
        required(
            self.get(variable).map(str::to_string),
            name,
            ParamLocation::Path,
        )
    }

    /// The route variable `variable`, the path parameter `name`, parsed with `FromStr`.
    ///
    /// # Errors
    /// As [`PathParams::text`] and [`parse_param`].
    pub fn value<T>(&self, variable: &str, name: &str, expected: &str) -> Result<T, Rejection>
    where
        T: FromStr,
        T::Err: Display,
    {
        let raw = required(self.get(variable), name, ParamLocation::Path)?;
        parse_param(raw, name, ParamLocation::Path, expected)
    }
}

/// A header as text; `Ok(None)` when absent.
///
/// # Errors
/// A 400 [`Rejection`] when the value is not visible ASCII.
pub fn header<'a>(parts: &'a Parts, name: &str) -> Result<Option<&'a str>, Rejection> {
    match parts.headers.get(name) {
        None => Ok(None),
        Some(v) => v.to_str().map(|s| Some(s.trim())).map_err(|_| {
            Rejection::invalid_parameter(name, ParamLocation::Header, "not visible ASCII text")
        }),
    }
}

/// Header `name` parsed with `FromStr`; `Ok(None)` when absent.
///
/// # Errors
/// As [`header`] and [`parse_param`].
pub fn header_value<T>(parts: &Parts, name: &str, expected: &str) -> Result<Option<T>, Rejection>
where
    T: FromStr,
    T::Err: Display,
{
    parse_optional(header(parts, name)?, name, ParamLocation::Header, expected)
}

/// The value of cookie `name`, if the request sends it.
pub fn cookie(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| k.trim() == name)
        .map(|(_, v)| v.trim().to_string())
}

/// Parses a parameter with `FromStr`; `expected` describes the type for the message
/// (`an integer (int32)`).
///
/// # Errors
/// A 400 [`Rejection`] naming the parameter, the value and the expected type.
pub fn parse_param<T>(
    raw: &str,
    name: &str,
    location: ParamLocation,
    expected: &str,
) -> Result<T, Rejection>
where
    T: FromStr,
    T::Err: Display,
{
    raw.parse::<T>().map_err(|e| {
        Rejection::invalid_parameter(name, location, format!("`{raw}` is not {expected} ({e})"))
    })
}

/// [`parse_param`] of a parameter that may be absent (`raw` is `None`).
///
/// # Errors
/// As [`parse_param`].
pub fn parse_optional<T>(
    raw: Option<&str>,
    name: &str,
    location: ParamLocation,
    expected: &str,
) -> Result<Option<T>, Rejection>
where
    T: FromStr,
    T::Err: Display,
{
    raw.map(|raw| parse_param(raw, name, location, expected))
        .transpose()
}

/// Parses a parameter sent as JSON text (objects and maps, which have no plain-text form).
///
/// # Errors
/// A 400 [`Rejection`] when the text is not JSON of type `T`.
pub fn parse_json<T: DeserializeOwned>(
    raw: &str,
    name: &str,
    location: ParamLocation,
) -> Result<T, Rejection> {
    serde_json::from_str(raw).map_err(|e| Rejection::invalid_parameter(name, location, e))
}

/// Parses a base64 parameter (`format: byte`).
///
/// # Errors
/// A 400 [`Rejection`] when the text is not standard base64.
pub fn parse_base64(raw: &str, name: &str, location: ParamLocation) -> Result<Vec<u8>, Rejection> {
    base64::engine::general_purpose::STANDARD
        .decode(raw)
        .map_err(|e| Rejection::invalid_parameter(name, location, e))
}

/// The values of a list sent in one parameter (`a,b,c`); nothing for an empty value.
pub fn split_list(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(',').filter(|_| !raw.is_empty())
}

/// A `label` (`.v`) or `matrix` (`;name=v`) path value without its `prefix`.
///
/// # Errors
/// A 400 [`Rejection`] when the value does not start with the prefix.
pub fn strip_prefix<'a>(
    raw: Option<&'a str>,
    prefix: &str,
    name: &str,
) -> Result<Option<&'a str>, Rejection> {
    match raw {
        None => Ok(None),
        Some(raw) => match raw.strip_prefix(prefix) {
            Some(rest) => Ok(Some(rest)),
            // `;name` alone is an empty matrix value.
            None if raw == prefix.trim_end_matches('=') => Ok(Some("")),
            None => Err(Rejection::invalid_parameter(
                name,
                ParamLocation::Path,
                format!("expected the value to start with `{prefix}`"),
            )),
        },
    }
}

/// A flat object from a `label` / `matrix` path value: `k,v,k2,v2` or, with `explode`,
/// `k=v` pairs, separated by `separator`.
///
/// # Errors
/// A 400 [`Rejection`] when the text is not pairs or they do not make a `T`.
pub fn parse_pairs<T: DeserializeOwned>(
    raw: &str,
    separator: &str,
    explode: bool,
    name: &str,
) -> Result<T, Rejection> {
    let invalid = |e: &dyn std::fmt::Display| {
        Rejection::invalid_parameter(name, ParamLocation::Path, e.to_string())
    };
    let items: Vec<&str> = raw.split(separator).filter(|_| !raw.is_empty()).collect();
    let pairs: Vec<(&str, &str)> = if explode {
        items
            .iter()
            .map(|item| {
                item.split_once('=')
                    .ok_or_else(|| invalid(&format!("`{item}` is not `key=value`")))
            })
            .collect::<Result<_, _>>()?
    } else {
        if items.len() % 2 != 0 {
            return Err(invalid(&"expected keys and values in turn"));
        }
        items.chunks(2).map(|kv| (kv[0], kv[1])).collect()
    };
    let form = serde_urlencoded::to_string(&pairs).map_err(|e| invalid(&e))?;
    serde_urlencoded::from_str(&form).map_err(|e| invalid(&e))
}

/// A required parameter's value.
///
/// # Errors
/// A 400 [`Rejection`] when it is absent.
pub fn required<T>(value: Option<T>, name: &str, location: ParamLocation) -> Result<T, Rejection> {
    value.ok_or_else(|| Rejection::missing_parameter(name, location))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_and_matrix_values() {
        assert_eq!(strip_prefix(Some(".5"), ".", "id").unwrap(), Some("5"));
        assert_eq!(
            strip_prefix(Some(";id=5"), ";id=", "id").unwrap(),
            Some("5")
        );
        assert_eq!(strip_prefix(Some(";id"), ";id=", "id").unwrap(), Some(""));
        assert_eq!(
            strip_prefix(Some("5"), ".", "id")
                .unwrap_err()
                .status()
                .as_u16(),
            400
        );
        let m: std::collections::BTreeMap<String, i32> =
            parse_pairs("a,1,b,2", ",", false, "p").unwrap();
        assert_eq!(m.len(), 2);
        let m: std::collections::BTreeMap<String, i32> =
            parse_pairs("a=1;b=2", ";", true, "p").unwrap();
        assert_eq!(m["b"], 2);
        assert!(
            parse_pairs::<std::collections::BTreeMap<String, i32>>("a,1,b", ",", false, "p")
                .is_err()
        );
        assert!(
            parse_pairs::<std::collections::BTreeMap<String, i32>>("a;b=2", ";", true, "p")
                .is_err()
        );
    }

    fn parts(uri: &str, headers: &[(&str, &[u8])]) -> Parts {
        let mut b = http::Request::builder().uri(uri);
        for (k, v) in headers {
            b = b.header(*k, http::HeaderValue::from_bytes(v).unwrap());
        }
        b.body(()).unwrap().into_parts().0
    }

    #[test]
    fn query_values() {
        let p = parts("/x?ttl=60&tag=a&tag=b%20c&e=", &[]);
        let q = QueryParams::parse(&p).unwrap();
        assert_eq!(q.first("ttl"), Some("60"));
        assert_eq!(q.all("tag"), vec!["a", "b c"]);
        assert_eq!(q.first("e"), Some(""));
        assert_eq!(split_list("").count(), 0);
        assert_eq!(split_list("a,b").collect::<Vec<_>>(), vec!["a", "b"]);
    }

    #[test]
    fn typed_parsing_rejects_garbage() {
        let v: i32 = parse_param("60", "ttl", ParamLocation::Query, "an integer").unwrap();
        assert_eq!(v, 60);
        let r = parse_param::<i32>("sixty", "ttl", ParamLocation::Query, "an integer").unwrap_err();
        assert_eq!(r.status(), http::StatusCode::BAD_REQUEST);
        assert!(
            r.message().contains("`sixty` is not an integer"),
            "{}",
            r.message()
        );
        assert!(parse_param::<i32>("99999999999", "ttl", ParamLocation::Query, "i32").is_err());
        assert!(required::<i32>(None, "criteria", ParamLocation::Query).is_err());
        assert_eq!(
            parse_base64("aGk=", "b", ParamLocation::Query).unwrap(),
            b"hi"
        );
        assert!(parse_json::<Vec<i32>>("[1,", "j", ParamLocation::Query).is_err());
    }

    #[test]
    fn headers_and_cookies() {
        let p = parts(
            "/",
            &[
                ("x-n", b" 12 "),
                ("x-bin", b"\xff"),
                ("cookie", b"a=1; sid=abc"),
            ],
        );
        assert_eq!(header(&p, "X-N").unwrap(), Some("12"));
        assert_eq!(header(&p, "x-none").unwrap(), None);
        assert!(header(&p, "x-bin").is_err());
        assert_eq!(cookie(&p, "sid").as_deref(), Some("abc"));
    }

    #[test]
    fn typed_lookups_name_the_parameter() {
        let p = parts("/x?ttl=60&bad=x", &[("x-n", b"7"), ("x-bad", b"seven")]);
        let q = QueryParams::parse(&p).unwrap();
        assert_eq!(q.value::<i32>("ttl", "an integer").unwrap(), Some(60));
        assert_eq!(q.value::<i32>("none", "an integer").unwrap(), None);
        let e = q.value::<i32>("bad", "an integer").unwrap_err();
        assert_eq!(e.status().as_u16(), 400);
        assert!(
            e.message().contains("`x` is not an integer"),
            "{}",
            e.message()
        );
        assert_eq!(header_value::<u8>(&p, "x-n", "a byte").unwrap(), Some(7));
        assert_eq!(header_value::<u8>(&p, "x-none", "a byte").unwrap(), None);
        assert!(header_value::<u8>(&p, "x-bad", "a byte").is_err());
        let path = PathParams(vec![("v0".into(), "abc".into()), ("v1".into(), "5".into())]);
        assert_eq!(path.text("v0", "id").unwrap(), "abc");
        assert_eq!(path.value::<u16>("v1", "n", "a number").unwrap(), 5);
        let e = path.value::<u16>("v0", "id", "a number").unwrap_err();
        assert!(
            e.message().contains("`abc` is not a number"),
            "{}",
            e.message()
        );
        let e = path.text("v9", "missing").unwrap_err();
        assert_eq!(e.status().as_u16(), 400);
        assert!(e.message().contains("missing"), "{}", e.message());
    }
}
