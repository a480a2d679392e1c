//! Security schemes and requirements.

use apigen_ir::{ParameterLocation, SecurityRequirement, SecurityScheme, SecuritySchemeKind};
use indexmap::IndexMap;
use openapiv3::{APIKeyLocation, ReferenceOr};

use crate::error::{Fault, Result};
use crate::lower::docs;
use crate::pointer::Ptr;

/// The declared schemes (`components/securitySchemes`), sorted by id.
///
/// OAuth 2.0 and OpenID Connect schemes become bearer tokens (that is what a client sends);
/// obtaining the token is left to the caller, and the scheme's docs say so.
pub(crate) fn schemes(
    declared: Option<&IndexMap<String, ReferenceOr<openapiv3::SecurityScheme>>>,
) -> Result<Vec<SecurityScheme>> {
    let mut out = Vec::new();
    for (id, scheme) in declared.into_iter().flatten() {
        let at = Ptr::component("securitySchemes", id);
        let scheme = match scheme {
            ReferenceOr::Item(scheme) => scheme,
            ReferenceOr::Reference { .. } => {
                return Err(Fault::new(
                    &at.at("$ref"),
                    "a `$ref` security scheme is not supported",
                ))
            }
        };
        out.push(lower(id, scheme, &at)?);
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// One scheme.
fn lower(id: &str, scheme: &openapiv3::SecurityScheme, at: &Ptr) -> Result<SecurityScheme> {
    use openapiv3::SecurityScheme as S;
    const TOKEN_NOTE: &str = "The client sends the access token as a bearer token; \
        obtaining it is up to the caller.";
    let (kind, description) = match scheme {
        S::APIKey {
            location,
            name,
            description,
            ..
        } => {
            let location = match location {
                APIKeyLocation::Query => ParameterLocation::Query,
                APIKeyLocation::Header => ParameterLocation::Header,
                APIKeyLocation::Cookie => ParameterLocation::Cookie,
            };
            let kind = SecuritySchemeKind::ApiKey {
                name: name.clone(),
                location,
            };
            (kind, description.clone())
        }
        S::HTTP {
            scheme,
            bearer_format,
            description,
            ..
        } => {
            let kind = match scheme.to_ascii_lowercase().as_str() {
                "basic" => SecuritySchemeKind::HttpBasic,
                "bearer" => SecuritySchemeKind::HttpBearer {
                    format: bearer_format.clone(),
                },
                other => {
                    return Err(Fault::new(
                        &at.at("scheme"),
                        format!("HTTP authentication scheme \"{other}\" is not supported (only basic and bearer)"),
                    ))
                }
            };
            (kind, description.clone())
        }
        S::OAuth2 { description, .. } | S::OpenIDConnect { description, .. } => {
            let text = match description.as_deref().map(str::trim) {
                Some(d) if !d.is_empty() => format!("{d}\n\n{TOKEN_NOTE}"),
                _ => TOKEN_NOTE.to_string(),
            };
            (SecuritySchemeKind::HttpBearer { format: None }, Some(text))
        }
    };
    Ok(SecurityScheme {
        id: id.to_string(),
        kind,
        docs: docs(None, description.as_deref()),
    })
}

/// Lowers a list of requirement alternatives standing at `at`. Each names schemes that must
/// all be satisfied; an empty requirement (`{}`) means authentication is optional and is kept
/// as an empty list of schemes.
pub(crate) fn requirements(
    list: &[openapiv3::SecurityRequirement],
    declared: &[SecurityScheme],
    at: &Ptr,
) -> Result<Vec<SecurityRequirement>> {
    let mut out = Vec::with_capacity(list.len());
    for (i, requirement) in list.iter().enumerate() {
        let mut schemes = Vec::with_capacity(requirement.len());
        for id in requirement.keys() {
            if !declared.iter().any(|s| s.id == *id) {
                return Err(Fault::new(
                    &at.at(i).at(id),
                    format!("security requirement names undeclared scheme \"{id}\""),
                ));
            }
            schemes.push(id.clone());
        }
        schemes.sort();
        out.push(SecurityRequirement { schemes });
    }
    Ok(out)
}
