"""A real OpenID Connect provider for the single sign-on tests, on 127.0.0.1.

Built on pyop (IdentityPython's provider library): discovery, the authorisation endpoint, the
token endpoint (client secret, PKCE), userinfo, the signing keys (its own RSA key, made at
start) and RP-initiated logout, served by the standard library's HTTP server in a thread. The
groups go into the ID token only, as Microsoft Entra ID puts them.

Signing in at the provider is what a person would do at the force's sign-in page; here the test
says who is signed in there (``provider.signed_in = "jo"``) and the authorisation endpoint
answers for them straight away."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlparse

from Cryptodome.PublicKey import RSA
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from jwkest.jwk import RSAKey
from oic.oic.message import EndSessionRequest
from pyop.authz_state import AuthorizationState
from pyop.exceptions import InvalidAuthenticationRequest, OAuthError
from pyop.provider import Provider
from pyop.subject_identifier import HashBasedSubjectIdentifierFactory
from pyop.userinfo import Userinfo

CLIENT_ID = "bluelamp-test-client"
CLIENT_SECRET = "test-only-client-secret-0123456789"


class OidcProvider:
    """``with OidcProvider(users, redirect_uris=[...]) as provider: provider.issuer``."""

    def __init__(
        self,
        users: dict[str, dict[str, Any]],
        *,
        redirect_uris: list[str],
        post_logout_redirect_uris: list[str],
    ) -> None:
        self.users = users
        self.signed_in: str | None = None
        self.logged_out: list[str] = []
        self.requests: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        # HTTPS, as OpenID Connect requires, with a certificate made now for 127.0.0.1: its
        # file is what the client is told to trust (``ca_file``).
        self._tmp = tempfile.TemporaryDirectory()
        self.ca_file, key_file = _self_signed_certificate(self._tmp.name)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.ca_file, key_file)
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self.issuer = f"https://127.0.0.1:{self._server.server_port}"
        key = RSAKey(key=RSA.generate(2048), kid="test-signing-key", alg="RS256", use="sig")
        configuration = {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/logout",
            "scopes_supported": ["openid", "email", "profile"],
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
        }
        clients = {
            CLIENT_ID: {
                "client_secret": CLIENT_SECRET,
                "redirect_uris": redirect_uris,
                "post_logout_redirect_uris": post_logout_redirect_uris,
                "response_types": ["code"],
                "token_endpoint_auth_method": "client_secret_post",
            }
        }
        self.provider = Provider(
            key,
            configuration,
            AuthorizationState(HashBasedSubjectIdentifierFactory("test-salt")),
            clients,
            Userinfo({name: _profile(claims) for name, claims in users.items()}),
        )
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> OidcProvider:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._tmp.cleanup()

    # --- The endpoints --------------------------------------------------------------------

    def _handler(self):
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet: the tests read outer.requests
                pass

            def do_GET(self) -> None:
                outer.requests.append(f"GET {urlparse(self.path).path}")
                outer._get(self)

            def do_POST(self) -> None:
                outer.requests.append(f"POST {urlparse(self.path).path}")
                length = int(self.headers.get("Content-Length") or 0)
                outer._post(self, self.rfile.read(length).decode())

        return Handler

    def _get(self, handler: BaseHTTPRequestHandler) -> None:
        url = urlparse(handler.path)
        if url.path == "/.well-known/openid-configuration":
            return _json(handler, self.provider.provider_configuration.to_dict())
        if url.path == "/jwks":
            return _json(handler, self.provider.jwks)
        if url.path == "/authorize":
            return self._authorize(handler, url.query)
        if url.path == "/userinfo":
            try:
                answer = self.provider.handle_userinfo_request(
                    url.query, {"Authorization": handler.headers.get("Authorization")}
                )
            except OAuthError as exc:
                return _json(handler, {"error": str(exc)}, 401)
            return _json(handler, answer.to_dict())
        if url.path == "/logout":
            return self._logout(handler, url.query)
        return _json(handler, {"error": "not_found"}, 404)

    def _post(self, handler: BaseHTTPRequestHandler, body: str) -> None:
        if urlparse(handler.path).path != "/token":
            return _json(handler, {"error": "not_found"}, 404)
        try:
            answer = self.provider.handle_token_request(
                body,
                {"Authorization": handler.headers.get("Authorization")},
                extra_id_token_claims=self._id_token_claims,
            )
        except OAuthError as exc:
            return _json(handler, {"error": getattr(exc, "oauth_error", "invalid_request")}, 400)
        return _json(handler, answer.to_dict())

    def _id_token_claims(self, user_id: str, client_id: str) -> dict[str, Any]:
        """The groups and the username, in the ID token as Entra ID gives them."""
        user = self.users[user_id]
        return {
            "groups": list(user.get("groups", [])),
            "preferred_username": user["preferred_username"],
        }

    def _authorize(self, handler: BaseHTTPRequestHandler, query: str) -> None:
        try:
            request = self.provider.parse_authentication_request(query)
        except InvalidAuthenticationRequest as exc:
            return _json(handler, {"error": str(exc)}, 400)
        if self.signed_in is None:
            return _json(handler, {"error": "login_required"}, 401)
        answer = self.provider.authorize(request, self.signed_in)
        location = answer.request(request["redirect_uri"], False)
        _redirect(handler, location)

    def _logout(self, handler: BaseHTTPRequestHandler, query: str) -> None:
        request = EndSessionRequest().deserialize(query, "urlencoded")
        self.provider.logout_user(end_session_request=request)
        self.logged_out.append(self.signed_in or "")
        self.signed_in = None
        location = self.provider.do_post_logout_redirect(request)
        if location is None:
            return _json(handler, {"signed_out": True})
        _redirect(handler, location)


def _self_signed_certificate(directory: str) -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = f"{directory}/provider.pem", f"{directory}/provider.key"
    with open(cert_file, "wb") as out:
        out.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(key_file, "wb") as out:
        out.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            )
        )
    return cert_file, key_file


def _profile(claims: dict[str, Any]) -> dict[str, Any]:
    """What userinfo gives (the standard claims); the groups are for the ID token only."""
    return {name: value for name, value in claims.items() if name != "groups"}


def _json(handler: BaseHTTPRequestHandler, body: Any, status: int = 200) -> None:
    data = json.dumps(body).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def _redirect(handler: BaseHTTPRequestHandler, location: str) -> None:
    handler.send_response(302)
    handler.send_header("Location", location)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlparse(url).query))
