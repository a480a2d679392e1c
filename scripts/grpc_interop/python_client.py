"""Cloudforet's own Python stubs (PyPI spaceone-api) call a Token server over gRPC.

usage: python_client.py HOST:PORT DOMAIN USER PASSWORD
Exits non-zero with a message on the first answer that differs from Cloudforet's behaviour.
"""
import sys

import grpc
from google.protobuf import json_format
from google.protobuf.struct_pb2 import Struct
from spaceone.api.identity.v2 import token_pb2, token_pb2_grpc


def check(cond, what):
    if not cond:
        print(f"FAILED: {what}")
        sys.exit(1)
    print(f"ok: {what}")


def main():
    target, domain, user, password = sys.argv[1:5]
    with grpc.insecure_channel(target) as channel:
        stub = token_pb2_grpc.TokenStub(channel)
        creds = Struct()
        creds.update({"user_id": user, "password": password})
        info = stub.issue(token_pb2.IssueTokenRequest(
            credentials=creds, auth_type=token_pb2.IssueTokenRequest.LOCAL, domain_id=domain))
        check(info.access_token.count(".") == 2, "issue answers a JWT access token")
        check(info.refresh_token.count(".") == 2, "issue answers a JWT refresh token")

        granted = stub.grant(token_pb2.GrantTokenRequest(
            grant_type=token_pb2.GrantTokenRequest.REFRESH_TOKEN, token=info.refresh_token,
            scope=token_pb2.GrantTokenRequest.DOMAIN))
        check(granted.role_type == token_pb2.GrantTokenInfo.DOMAIN_ADMIN, "grant DOMAIN: role DOMAIN_ADMIN")
        check(granted.domain_id == domain, "grant DOMAIN: the user's domain")
        as_dict = json_format.MessageToDict(granted, preserving_proto_field_name=True)
        check("workspace_id" not in as_dict, "grant DOMAIN: no workspace_id (MessageToDict)")

        granted = stub.grant(token_pb2.GrantTokenRequest(
            grant_type=token_pb2.GrantTokenRequest.REFRESH_TOKEN, token=info.refresh_token,
            scope=token_pb2.GrantTokenRequest.WORKSPACE, workspace_id="workspace-1"))
        check(granted.workspace_id == "workspace-1", "grant WORKSPACE: workspace_id")
        check(granted.role_type == token_pb2.GrantTokenInfo.WORKSPACE_OWNER, "grant WORKSPACE: role WORKSPACE_OWNER")

        try:
            stub.issue(token_pb2.IssueTokenRequest(
                credentials=creds, auth_type=token_pb2.IssueTokenRequest.LOCAL, domain_id="no-such-domain"))
            check(False, "wrong credentials are refused")
        except grpc.RpcError as e:
            check(e.code() == grpc.StatusCode.UNAUTHENTICATED, f"wrong credentials: UNAUTHENTICATED ({e.details()})")


if __name__ == "__main__":
    main()
