"""A small Token server on Cloudforet's own generated servicer (PyPI spaceone-api), for the
generated Rust gRPC client to call. Prints `listening on 127.0.0.1:PORT`, then serves until
stdin closes.

It answers `issue` for domain-1 / alice / secret (and UNAUTHENTICATED with Cloudforet's
`ERROR_AUTHENTICATE_FAILURE: …` message otherwise) and `grant` for the refresh token it issued,
with workspace_id only for WORKSPACE scope; it records the `token` metadata it received.
"""
import sys
from concurrent import futures

import grpc
from spaceone.api.identity.v2 import token_pb2, token_pb2_grpc

REFRESH = "py.refresh.token"


class Token(token_pb2_grpc.TokenServicer):
    def issue(self, request, context):
        creds = dict(request.credentials)
        ok = (request.domain_id == "domain-1" and creds.get("user_id") == "alice"
              and creds.get("password") == "secret"
              and request.auth_type == token_pb2.IssueTokenRequest.LOCAL)
        if not ok:
            context.abort(grpc.StatusCode.UNAUTHENTICATED, "ERROR_AUTHENTICATE_FAILURE: wrong credentials")
        return token_pb2.TokenInfo(access_token="py.access.token", refresh_token=REFRESH)

    def grant(self, request, context):
        if request.token != REFRESH or request.grant_type != token_pb2.GrantTokenRequest.REFRESH_TOKEN:
            context.abort(grpc.StatusCode.UNAUTHENTICATED, "ERROR_AUTHENTICATE_FAILURE: not a refresh token")
        info = token_pb2.GrantTokenInfo(access_token="py.granted.token", domain_id="domain-1",
                                        role_id="role-" + token_pb2.GrantTokenRequest.Scope.Name(request.scope).lower())
        if request.scope == token_pb2.GrantTokenRequest.WORKSPACE:
            info.workspace_id = request.workspace_id
            info.role_type = token_pb2.GrantTokenInfo.WORKSPACE_MEMBER
        else:
            info.role_type = token_pb2.GrantTokenInfo.DOMAIN_ADMIN
        return info


def main():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    token_pb2_grpc.add_TokenServicer_to_server(Token(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"listening on 127.0.0.1:{port}", flush=True)
    sys.stdin.read()
    server.stop(0)


if __name__ == "__main__":
    main()
