//! Documentation of the client crate: crate docs with a compiled example, operation docs with
//! parameters, responses, authentication and errors.

use apigen_ir::ParameterLocation;
use proc_macro2::TokenStream;
use quote::quote;

use super::builder::default_base_url;
use super::Plan;
use crate::docs::{doc_attrs, text_attrs};
use crate::op_tokens::param_check;
use crate::operations::{one_line, param_doc, type_label, BodyShape, Codec, Op, Param, SchemeKind};

/// Docs of the method of an operation; its authentication only when it differs from the
/// client's `common_auth`, its errors beyond those every operation has (on `Client`).
pub fn op_docs(op: &Op<'_>, common_auth: &str) -> TokenStream {
    let mut extra = Vec::new();
    let http = format!(
        "`{} {}` (operation `{}`)",
        op.op.http.method.as_str(),
        op.op.http.path.raw,
        op.op.id
    );
    let mut params: Vec<String> = op
        .params
        .iter()
        .filter(|p| p.ir.required)
        .map(param_doc)
        .collect();
    let setters: Vec<String> = op
        .params
        .iter()
        .filter(|p| !p.ir.required)
        .map(|p| format!("`{}`", p.ident))
        .collect();
    if !setters.is_empty() {
        params.push(format!("- optional, setters of the builder: {}", setters.join(", ")));
    }
    if let Some(b) = &op.body {
        let docs = b
            .docs
            .summary
            .as_ref()
            .or(b.docs.description.as_ref())
            .map(|d| format!(": {}", one_line(d)))
            .unwrap_or_default();
        params.push(format!(
            "- `body` ({}, `{}`, sent as `{}`){docs}{}",
            if b.required { "required" } else { "optional" },
            type_label(&b.ty),
            b.media_type,
            offered(&b.alternatives, "send it with `body_as`")
        ));
    }
    let responses: Vec<String> = op
        .responses
        .iter()
        .map(|o| {
            let text = o
                .response
                .docs
                .summary
                .as_ref()
                .or(o.response.docs.description.as_ref())
                .map(|d| one_line(d))
                .unwrap_or_default();
            let body = match &o.body {
                BodyShape::Empty => "no body".to_string(),
                BodyShape::Json(ty) | BodyShape::Form(ty) => format!("`{}`", type_label(ty)),
                BodyShape::Text(media) => format!("`{media}` text"),
                BodyShape::Binary(media) => format!("`{media}` bytes"),
                BodyShape::Multipart(ty, _) => format!("`{}`, multipart/form-data", type_label(ty)),
            };
            let others = o
                .response
                .body
                .as_ref()
                .map(|b| {
                    let how = if o.response.status.is_success() {
                        "ask for it with `send_as`"
                    } else {
                        "not generated"
                    };
                    offered(&b.alternatives, how)
                })
                .unwrap_or_default();
            if text.is_empty() {
                format!("- `{}`: {body}{others}", o.response.status)
            } else {
                format!("- `{}`: {text} ({body}){others}", o.response.status)
            }
        })
        .collect();
    // The request line introduces the documented responses.
    if responses.is_empty() {
        extra.push(format!("{http}."));
    } else {
        extra.push(format!("{http}, responses:\n{}", responses.join("\n")));
    }
    if !params.is_empty() {
        extra.push(format!("# Parameters\n{}", params.join("\n")));
    }
    let auth = auth_text(op);
    if auth != common_auth {
        extra.push(format!("# Authentication\n{auth}"));
    }
    extra.push(errors_text(op));
    if op.op.deprecated {
        extra.push("Deprecated by the spec.".to_string());
    }
    doc_attrs(&op.op.docs, &extra)
}

/// `; the spec also offers `a`, `b` (how)` when there are other media types.
fn offered(alternatives: &[String], how: &str) -> String {
    if alternatives.is_empty() {
        return String::new();
    }
    let list: Vec<String> = alternatives.iter().map(|m| format!("`{m}`")).collect();
    format!("; the spec also offers {} ({how})", list.join(", "))
}

/// How an operation authenticates, as one paragraph.
pub fn auth_text(op: &Op<'_>) -> String {
    if op.op.security.is_empty() {
        return "None: the request is sent without credentials.".to_string();
    }
    let alts = op.security_alternatives();
    let setters: Vec<&str> = op
        .security
        .iter()
        .flatten()
        .map(|s| match s {
            SchemeKind::Basic => "`basic_auth`",
            SchemeKind::Bearer => "`bearer_auth`",
            SchemeKind::ApiKey { .. } => "the API key setter",
        })
        .fold(Vec::new(), |mut acc, s| {
            if !acc.contains(&s) {
                acc.push(s);
            }
            acc
        });
    format!(
        "{}. The client sends the credentials of the first alternative it holds ({} on the builder).",
        alts,
        setters.join(", ")
    )
}

/// The errors an operation adds to those every operation has (on `Client`): bounds checked
/// before sending; empty when none.
fn errors_text(op: &Op<'_>) -> String {
    let checked = op
        .params
        .iter()
        .any(|p| !param_check(p, &quote!(v), false, &quote!(B), &quote!(L), |c| c).is_empty());
    if checked {
        "# Errors\nAlso [`Error::InvalidRequest`] when a parameter breaks its bounds (checked before anything is sent).".to_string()
    } else {
        String::new()
    }
}

/// The errors every operation has, for the `Client` docs.
pub const COMMON_ERRORS: &str = "# Errors
Every operation returns:
- [`Error::Api`] for the error statuses its docs list, with the body decoded (when it lists none, for any non-2xx response, with the JSON body as a free-form value).
- [`Error::InvalidRequest`] when a value cannot be encoded (such as a header value with a line break) or a body breaks the spec's constraints.
- [`Error::UnexpectedResponse`] for undocumented statuses, [`Error::Decode`] when a body does not match the spec, [`Error::Transport`] when the request cannot be sent or times out.";

/// The authentication most operations share (the first in operation order among the most
/// frequent), which their docs leave to `Client`'s.
pub fn common_auth(ops: &[Op<'_>]) -> String {
    let texts: Vec<String> = ops.iter().map(auth_text).collect();
    let mut best: Option<(&String, usize)> = None;
    for t in &texts {
        let n = texts.iter().filter(|x| *x == t).count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((t, n));
        }
    }
    best.map(|(t, _)| t.clone()).unwrap_or_default()
}

/// Docs of the setter of an optional parameter (the operation's method only names it).
pub fn setter_docs(p: &Param) -> TokenStream {
    let mut text = param_doc(p);
    // `- `x` (query `x`, optional): …` → drop the list marker for a setter.
    if let Some(rest) = text.strip_prefix("- ") {
        text = rest.to_string();
    }
    text_attrs(&format!("Sets {text}"))
}

/// The example of the crate docs, one line each (hidden lines start with `# `).
pub fn example_lines(plan: &Plan<'_>) -> Vec<String> {
    let krate = plan.opts.client_crate.replace('-', "_");
    let mut lines = vec![format!("use {krate}::Client;"), String::new()];
    lines.push("# async fn example() -> Result<(), Box<dyn std::error::Error>> {".into());
    let builder = match default_base_url(plan) {
        Some(_) => "Client::builder()".to_string(),
        None => "Client::builder(\"https://api.example.com\")".to_string(),
    };
    lines.push(format!("let client = {builder}"));
    let schemes: Vec<&SchemeKind> = plan
        .ops
        .iter()
        .flat_map(|o| o.security.iter().flatten())
        .collect();
    if schemes.contains(&&SchemeKind::Basic) {
        lines.push("    .basic_auth(\"user\", \"password\")".into());
    } else if schemes.contains(&&SchemeKind::Bearer) {
        lines.push("    .bearer_auth(\"token\")".into());
    }
    lines.push("    .build()?;".into());
    if let Some((op, args)) = plan
        .ops
        .iter()
        .find_map(|op| example_call(op).map(|a| (op, a)))
    {
        lines.push(format!(
            "let response = client.{}({}).send().await?;",
            op.fn_name,
            args.join(", ")
        ));
        lines.push("println!(\"{} {:?}\", response.status(), response.into_inner());".into());
    }
    lines.push("# Ok(())".into());
    lines.push("# }".into());
    lines
}

/// `#![doc]` attributes of the crate: what it is, an example, and how errors, retries,
/// timeouts and (with an environment prefix) configuration from the environment work.
pub fn crate_docs(plan: &Plan<'_>) -> TokenStream {
    let base = crate::cargo::crate_docs(plan.api, "Async client", plan.opts);
    let mut lines: Vec<String> = vec![String::new(), "# Example".into(), String::new()];
    lines.push("```no_run".into());
    lines.extend(example_lines(plan));
    lines.push("```".into());
    lines.push(String::new());
    lines.push("Every operation returns `Result<ResponseValue<T>, Error<E>>`: [`ResponseValue`] carries the status, the headers and the decoded body; [`Error`] tells documented error responses (with their typed body) from undocumented ones, bodies that do not match the spec, transport failures and requests refused before sending. Requests time out after 30 s unless configured; throttled and unavailable answers are retried per [`RetryPolicy::default`] unless [`ClientBuilder::retry`] or [`ClientBuilder::no_retry`] says otherwise.".into());
    lines.extend(super::env::crate_doc_lines(plan));
    let extra = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! {
        #base
        #(#![doc = #extra])*
    }
}

/// Arguments of a call to `op` that an example can write, if all its required inputs are
/// strings (path ids, mostly).
fn example_call(op: &Op<'_>) -> Option<Vec<String>> {
    if op.body.as_ref().is_some_and(|b| b.required) {
        return None;
    }
    op.params
        .iter()
        .filter(|p: &&Param| p.ir.required)
        .map(|p| match (&p.codec, p.ir.location) {
            (Codec::Text, ParameterLocation::Path) => Some(format!("\"{}\"", p.ir.name)),
            (Codec::Text, _) => Some("\"value\"".to_string()),
            _ => None,
        })
        .collect()
}
