//! The two faces of the mock: the generated gRPC server trait and REST server trait, both
//! answering with [`IdentityMock`]'s results.

use std::sync::Arc;

use apigen_runtime::grpc::Fault;
use apigen_runtime::server::ErrorStatus;
use cloudforet_identity_grpc::models::{
    GrantTokenInfo, GrantTokenRequest, IssueTokenRequest, TokenInfo,
};
use cloudforet_identity_server::{GrantRequest, GrantResponse, IssueRequest, IssueResponse};
use tonic::{Request, Response, Status};

use crate::IdentityMock;

/// The gRPC face.
pub struct Grpc(pub Arc<IdentityMock>);

impl cloudforet_identity_grpc::server::Token for Grpc {
    async fn issue(
        &self,
        request: Request<IssueTokenRequest>,
    ) -> Result<Response<TokenInfo>, Status> {
        self.0
            .issue(request.get_ref())
            .map(Response::new)
            .map_err(Status::from)
    }

    async fn grant(
        &self,
        request: Request<GrantTokenRequest>,
    ) -> Result<Response<GrantTokenInfo>, Status> {
        self.0
            .grant(request.get_ref())
            .map(Response::new)
            .map_err(Status::from)
    }
}

/// The REST error of a fault: `google.rpc.Status` (the generated REST stub's error body) with
/// the same gRPC code and message as the gRPC face, under the HTTP status Cloudforet maps the
/// code to.
fn rest_error(fault: Fault) -> cloudforet_identity_server::Error {
    let status = fault.http_status();
    let body = ErrorStatus {
        code: fault.code as i32,
        message: Status::from(fault).message().to_string(),
        details: Vec::new(),
    };
    cloudforet_identity_server::Error::new(status, body)
}

/// The REST face.
pub struct Rest(pub Arc<IdentityMock>);

impl cloudforet_identity_server::TokenApi for Rest {
    async fn issue(
        &self,
        request: IssueRequest,
    ) -> Result<IssueResponse, cloudforet_identity_server::Error> {
        self.0
            .issue(&request.body)
            .map(IssueResponse::Ok)
            .map_err(rest_error)
    }

    async fn grant(
        &self,
        request: GrantRequest,
    ) -> Result<GrantResponse, cloudforet_identity_server::Error> {
        self.0
            .grant(&request.body)
            .map(GrantResponse::Ok)
            .map_err(rest_error)
    }
}
