//! Names per operation (function, type stem, parameters, response variants, the module and
//! constants of its parameter bounds) and per gRPC rpc.

use std::collections::BTreeMap;

use apigen_ir::Api;

use super::reserved;
use super::scope::Scope;
use crate::models::parameter_facts;
use crate::naming;
use crate::operations::{parameter_list, status_variant};

/// The Rust names of one operation.
#[derive(Debug, Clone)]
pub struct OperationNames {
    /// snake_case method name (`create_token`), unique in the API.
    pub fn_name: String,
    /// UpperCamelCase stem for the operation's types (`CreateToken`), unique in the API.
    pub type_name: String,
    /// snake_case identifiers of the plan's parameters (`operations::parameter_list`),
    /// unique in the operation.
    pub params: Vec<String>,
    /// Response variants by reason phrase (`Ok`, `NotFound`), one per IR response.
    pub variants: Vec<String>,
    /// The server's constructor of each response variant without headers (`not_found`).
    pub constructors: Vec<String>,
    /// The operation's own types (`CreateTokenRequest`, …).
    pub types: OperationTypes,
    /// The module of the operation's parameter constants in the models crate.
    pub module: String,
    /// Constants for facts about parameters: (index in the IR's parameters, fact, name).
    constants: Vec<(usize, &'static str, String)>,
}

/// The types generated per operation, named after its type stem. They live in the client and
/// server crates' roots, apart from the models, beside the crate's fixed items.
#[derive(Debug, Clone)]
pub struct OperationTypes {
    /// The server's request struct (`CreateTokenRequest`).
    pub request: String,
    /// The server's response enum (`CreateTokenResponse`).
    pub response: String,
    /// The client's enum of success bodies when they differ (`CreateTokenSuccess`).
    pub success: String,
    /// The client's enum of error bodies when they differ (`CreateTokenErrorBody`).
    pub error_body: String,
}

impl OperationTypes {
    fn new(stem: &str) -> Self {
        OperationTypes {
            request: naming::suffixed(stem, "Request"),
            response: naming::suffixed(stem, "Response"),
            success: naming::suffixed(stem, "Success"),
            error_body: naming::suffixed(stem, "ErrorBody"),
        }
    }
}

impl OperationNames {
    /// The constant for the fact `what` (`MINIMUM`, `MAXIMUM`, `DEFAULT`) about the IR
    /// parameter at `param`.
    pub fn constant(&self, param: usize, what: &str) -> Option<&str> {
        self.constants
            .iter()
            .find(|(i, w, _)| *i == param && *w == what)
            .map(|(_, _, name)| name.as_str())
    }
}

/// The names of every operation of `api`, in order.
pub fn operations(api: &Api) -> Vec<OperationNames> {
    let mut fns = Scope::with_reserved(reserved::FNS);
    let mut types = Scope::with_reserved(reserved::OPERATION_TYPES);
    let mut modules = Scope::default();
    api.operations()
        .map(|op| {
            let mut params = Scope::with_reserved(reserved::PARAMS);
            let mut variant_scope = Scope::default();
            let mut consts = Scope::default();
            let mut constants = Vec::new();
            for (i, p) in op.parameters.iter().enumerate() {
                for what in parameter_facts(p) {
                    let name = consts.claim(const_name(&p.name, what), "_");
                    constants.push((i, what, name));
                }
            }
            let type_name = types.pascal(&op.id);
            let variants: Vec<String> = op
                .responses
                .iter()
                .map(|r| variant_scope.claim(status_variant(r.status), ""))
                .collect();
            OperationNames {
                fn_name: self_method(&mut fns, &op.id),
                types: OperationTypes::new(&type_name),
                type_name,
                constructors: variants.iter().map(|v| naming::snake(v)).collect(),
                variants,
                params: parameter_list(op)
                    .iter()
                    .map(|p| params.snake(&p.name))
                    .collect(),
                module: modules.snake(&op.id),
                constants,
            }
        })
        .collect()
}

/// The constant name for one fact about a parameter (`TTL_MINIMUM`).
fn const_name(param: &str, what: &str) -> String {
    format!("{}_{}", naming::screaming(param), what)
}

/// The method of every rpc, keyed `package.Service/Rpc`: unique in its service, never one of
/// the client's own methods.
pub fn rpc_methods(api: &Api) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for service in &api.services {
        let full = if service.package.is_empty() {
            service.name.clone()
        } else {
            format!("{}.{}", service.package, service.name)
        };
        let mut scope = Scope::with_reserved(reserved::GRPC_CLIENT_METHODS);
        for rpc in &service.rpcs {
            out.insert(format!("{full}/{}", rpc.name), scope.snake(&rpc.name));
        }
    }
    out
}

/// The snake_case name of an operation's method (on `Client` and the server trait, taking
/// `&self`): `into_…` and `from_…` would break the naming convention (clippy
/// `wrong_self_convention`), so those take the `op_` prefix.
fn self_method(fns: &mut Scope, spec_name: &str) -> String {
    let name = naming::snake(spec_name);
    if name.starts_with("into_") || name.starts_with("from_") {
        fns.claim(format!("op_{name}"), "_")
    } else {
        fns.claim(name, "_")
    }
}

