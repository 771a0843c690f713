"""Fake platform servers for tests and the demo: real HTTP on 127.0.0.1 (a random port, a thread)
speaking each platform's protocol as recorded in ``fixtures/``: the paths, status codes, JSON
bodies, error bodies and rate-limit headers.

Faults are scripted per request (:meth:`FakeServer.fault`): ``token`` (X 401 / Graph 190),
``rate_limit`` (X 429 with ``x-rate-limit-reset``; Graph code 80001 with
``x-business-use-case-usage``), ``server_error`` (500), ``fail_after_create`` (store the post, then answer 500), ``drop`` (do the work, then close the
connection without answering) and ``malformed`` (200 with a body that has no id).

Replies and quotes are accepted and recorded as the real platforms take them (X's
``reply.in_reply_to_tweet_id`` and ``quote_tweet_id``; a Facebook comment on its object), and a
reply to a post the platform does not have is refused as the real one refuses it. Posts by
others, to reply to, are added with ``seed_post``.

Revoking a token (X ``POST /2/oauth2/revoke``, Graph ``DELETE /me/permissions``) removes it from
``valid_tokens``, so the platform refuses it afterwards as the real one does.
"""

from __future__ import annotations

import base64
import email
import email.policy
import html
import itertools
import json
import re
import threading
import time
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bluelamp.engine.platform_limits import X_MAX_WEIGHTED, x_weighted_length

FIXTURES = Path(__file__).parent / "fixtures"
#: The Facebook Page and Instagram account the fake Graph API serves.
PAGE_ID = "546349135390552"
IG_USER_ID = "17841405822304914"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text())


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    form: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def param(self, name: str) -> str | None:
        return self.form.get(name, self.query.get(name))


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


DROP = object()  # close the connection without answering


@dataclass
class Fault:
    method: str
    path: re.Pattern[str]
    kind: str
    times: int
    options: dict[str, Any]


def post_page(platform: str, text: str | None) -> Reply:
    """A post's page on a fake platform: its words, or 404 once it is deleted."""
    if text is None:
        body = f"<h1>This post does not exist on the fake {platform}</h1>"
        status = 404
    else:
        body = f"<h1>A post on the fake {platform}</h1><p>{html.escape(text)}</p>"
        status = 200
    page = (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>Fake {platform}</title></head><body><main>{body}</main></body></html>"
    )
    return Reply(status, page.encode(), {"content-type": "text/html; charset=utf-8"})


class FakeServer:
    """A platform on 127.0.0.1. Subclasses implement :meth:`route` and the fault bodies."""

    content_type = "application/json; charset=utf-8"

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.faults: list[Fault] = []
        self.requests: list[Request] = []
        self.valid_tokens: set[str] = {"good-token"}
        self.clock = time.time
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle ---------------------------------------------------------------------

    def start(self, port: int = 0) -> FakeServer:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parsed = urllib.parse.urlsplit(self.path)
                request = Request(
                    self.command,
                    parsed.path,
                    dict(urllib.parse.parse_qsl(parsed.query)),
                    {k.lower(): v for k, v in self.headers.items()},
                    body,
                )
                _parse_form(request)
                reply = fake.dispatch(request)
                if reply is DROP:
                    self.close_connection = True
                    return
                assert isinstance(reply, Reply)
                raw = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body)
                data = raw if isinstance(raw, bytes) else raw.encode()
                self.send_response(reply.status)
                headers = {"content-type": fake.content_type} | reply.headers
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = _serve

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # -- scripting ---------------------------------------------------------------------

    def fault(self, method: str, path: str, kind: str, *, times: int = 1, **options: Any) -> None:
        """Make the next ``times`` requests matching ``method`` and the ``path`` regex fail."""
        self.faults.append(Fault(method, re.compile(path), kind, times, options))

    def calls(self, method: str, path: str) -> list[Request]:
        pattern = re.compile(path)
        return [r for r in self.requests if r.method == method and pattern.fullmatch(r.path)]

    # -- dispatch ----------------------------------------------------------------------

    def dispatch(self, request: Request) -> Reply | object:
        with self.lock:
            self.requests.append(request)
            fault = self._take_fault(request)
            if fault is not None and fault.kind not in {"drop", "fail_after_create"}:
                return self.fault_reply(fault, request)
            page = self.web_page(request) if request.method == "GET" else None
            if page is not None:
                return page
            if not self.authorised(request):
                return self.token_reply(request, "invalid")
            reply = self.route(request)
            if fault is not None and fault.kind == "fail_after_create":
                return self.server_error_reply()
            return DROP if fault is not None else reply

    def _take_fault(self, request: Request) -> Fault | None:
        for fault in self.faults:
            if fault.method == request.method and fault.path.fullmatch(request.path):
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
                return fault
        return None

    def fault_reply(self, fault: Fault, request: Request) -> Reply:
        if fault.kind == "token":
            return self.token_reply(request, "expired")
        if fault.kind == "rate_limit":
            return self.rate_limit_reply(fault.options.get("wait", 30))
        if fault.kind == "server_error":
            return self.server_error_reply()
        if fault.kind == "reply":
            return Reply(
                fault.options["status"], fault.options["body"], fault.options.get("headers", {})
            )
        if fault.kind == "malformed":
            return Reply(200, fault.options.get("body", {"data": {}}))
        raise AssertionError(f"unknown fault {fault.kind}")

    # -- per platform ------------------------------------------------------------------

    def web_page(self, request: Request) -> Reply | None:
        """The public page of a post on the fake platform (where the demo's "On the platform"
        links go), or None when ``request`` is not for one."""
        return None

    def authorised(self, request: Request) -> bool:
        raise NotImplementedError

    def route(self, request: Request) -> Reply:
        raise NotImplementedError

    def token_reply(self, request: Request, why: str) -> Reply:
        raise NotImplementedError

    def rate_limit_reply(self, wait: int) -> Reply:
        raise NotImplementedError

    def server_error_reply(self) -> Reply:
        raise NotImplementedError


def _parse_form(request: Request) -> None:
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/x-www-form-urlencoded"):
        request.form = dict(urllib.parse.parse_qsl(request.body.decode()))
    elif content_type.startswith("multipart/form-data"):
        message = email.message_from_bytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + request.body,
            policy=email.policy.HTTP,
        )
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename():
                request.files[str(name)] = payload
            else:
                request.form[str(name)] = payload.decode()


# ------------------------------------------------------------------------------------ X


class FakeX(FakeServer):
    """X API v2: ``/2/tweets``, ``/2/tweets/:id``, ``/2/media/upload``, ``/2/users/me``,
    ``/2/users/:id/tweets``, ``/2/users/by``; bodies and headers from the tweepy cassettes,
    X's documentation and observed errors. ``accounts`` are the other accounts on this X
    (username to ``{"id", "name", "description"}``), found by ``/2/users/by``."""

    def __init__(self) -> None:
        super().__init__()
        recorded = fixture("x_decoded_interactions.json")
        self.me = recorded["test_client_get_me.yaml"][0]["response_body"]["data"]
        created = recorded["test_client_create_and_delete_tweet.yaml"][0]
        self.api_version = created["response_headers"]["api-version"][0]
        observed = {
            e["context"]: e for e in fixture("x_api_v2_create_post_observed.json")["examples"]
        }
        self.duplicate_body = next(
            v
            for k, v in observed.items()
            if k.startswith("POST /2/tweets duplicate text, observed in production")
        )["response"]["body"]
        self.unauthorised_body = next(v for k, v in observed.items() if k.startswith("DELETE"))[
            "response"
        ]["body"]
        self.upload_template = recorded["testmediauploadpng.yaml"][0]["response_body"]
        self.ids = itertools.count(int(created["response_body"]["data"]["id"]))
        self.media_ids = itertools.count(int(self.upload_template["media_id_string"]))
        self.posts: dict[str, dict[str, Any]] = {}
        #: Posts by other accounts, which ours may reply to or quote (``seed_post``).
        self.others: dict[str, dict[str, Any]] = {}
        self.media: dict[str, bytes] = {}
        self.remaining = 200
        self.accounts: dict[str, dict[str, str]] = {}
        self.user_ids = itertools.count(1_600_000_000_000_000_000)

    def add_account(self, username: str, name: str = "", description: str = "") -> str:
        """Put an account on this X (the spoof search finds it); returns its id."""
        user_id = str(next(self.user_ids))
        self.accounts[username] = {"id": user_id, "name": name, "description": description}
        return user_id

    def users_by(self, request: Request) -> Reply:
        """``GET /2/users/by``: the accounts found in ``data`` (in the order asked), each one not
        found as an entry of ``errors``; both keys only when they have something. The whole
        request is refused (400) for a missing, over-long or malformed list."""
        raw = request.query.get("usernames")
        if not raw:
            return self.invalid("The `usernames` query parameter can not be empty")
        names = raw.split(",")
        if len(names) > 100:
            return self.invalid(
                f"The number of values in the `usernames` query parameter list [{len(names)}] "
                "is not between 1 and 100"
            )
        bad = [n for n in names if not re.fullmatch(r"[A-Za-z0-9_]{1,15}", n)]
        if bad:
            return self.invalid(
                f"The `usernames` query parameter value [{bad[0]}] does not match "
                "^[A-Za-z0-9_]{1,15}$",
                parameters={"usernames": [bad[0]]},
            )
        fields = set((request.query.get("user.fields") or "").split(","))
        by_key = {k.casefold(): (k, v) for k, v in self.accounts.items()}
        data, errors = [], []
        for name in names:
            found = by_key.get(name.casefold())
            if found is None:
                errors.append(
                    {
                        "value": name,
                        "detail": f"Could not find user with usernames: [{name}].",
                        "title": "Not Found Error",
                        "resource_type": "user",
                        "parameter": "usernames",
                        "resource_id": name,
                        "type": "https://api.twitter.com/2/problems/resource-not-found",
                    }
                )
                continue
            username, account = found
            user = {"id": account["id"], "name": account["name"], "username": username}
            if "description" in fields:
                user["description"] = account["description"]
            data.append(user)
        body: dict[str, Any] = {}
        if data:
            body["data"] = data
        if errors:
            body["errors"] = errors
        headers = self.limits() | {"x-rate-limit-limit": "300"}
        return Reply(200, body, headers)

    def seed_post(self, post_id: str, text: str, username: str = "someone") -> None:
        """A post by another account, there to be replied to or quoted."""
        with self.lock:
            self.others[post_id] = {"id": post_id, "text": text, "username": username}

    def seed(self, posts: Iterable[tuple[str, str]]) -> int:
        """Hold posts published before this fake started (``(id, text)`` pairs: the demo's
        archive and earlier runs), so that deleting them works; new ids come after them."""
        count = 0
        with self.lock:
            for post_id, text in posts:
                self.posts[post_id] = {"id": post_id, "text": text, "media_ids": []}
                count += 1
            if self.posts:
                highest = max(int(p) for p in self.posts)
                self.ids = itertools.count(max(next(self.ids), highest + 1))
        return count

    def web_page(self, request: Request) -> Reply | None:
        match = re.fullmatch(r"/(?:i/web|[A-Za-z0-9_]{1,15})/status/(\d+)", request.path)
        if match is None:
            return None
        post = self.posts.get(match[1])
        return post_page("X", post["text"] if post else None)

    def authorised(self, request: Request) -> bool:
        if request.path == "/2/oauth2/revoke":
            return True  # the token to revoke is in the form, not the Authorization header
        auth = request.headers.get("authorization", "")
        return auth.startswith("Bearer ") and auth[7:] in self.valid_tokens

    def limits(self) -> dict[str, str]:
        self.remaining = max(0, self.remaining - 1)
        return {
            "api-version": self.api_version,
            "x-rate-limit-limit": "200",
            "x-rate-limit-remaining": str(self.remaining),
            "x-rate-limit-reset": str(int(self.clock()) + 900),
        }

    def route(self, request: Request) -> Reply:
        if request.method == "POST" and request.path == "/2/oauth2/revoke":
            return self.revoke(request)
        if request.method == "POST" and request.path == "/2/tweets":
            return self.create(request)
        match = re.fullmatch(r"/2/tweets/(\d+)", request.path)
        if match and request.method == "DELETE":
            deleted = self.posts.pop(match[1], None) is not None
            return Reply(200, {"data": {"deleted": deleted}}, self.limits())
        if request.method == "POST" and request.path == "/2/media/upload":
            return self.upload(request)
        if request.method == "GET" and request.path == "/2/users/by":
            return self.users_by(request)
        if request.method == "GET" and request.path == "/2/users/me":
            return Reply(200, {"data": self.me}, self.limits())
        match = re.fullmatch(r"/2/users/(\d+)/tweets", request.path)
        if request.method == "GET" and match:
            limit = int(request.query.get("max_results", 10))
            newest = sorted(self.posts.values(), key=lambda p: int(p["id"]), reverse=True)
            data = [{"id": p["id"], "text": p["text"]} for p in newest[:limit]]
            return Reply(200, {"data": data, "meta": {"result_count": len(data)}}, self.limits())
        return Reply(
            404,
            {
                "title": "Not Found Error",
                "detail": f"Not found: {request.path}",
                "type": "https://api.x.com/2/problems/resource-not-found",
                "status": 404,
            },
        )

    def create(self, request: Request) -> Reply:
        body = request.json()
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            return self.invalid("The `text` field is required.")
        # X refuses a post over 280 weighted characters (twitter-text v3, URLs counted 23).
        weighted = x_weighted_length(body["text"])
        if weighted > X_MAX_WEIGHTED:
            return self.invalid(
                f"Your Tweet text is too long: {weighted} weighted characters, "
                f"the limit is {X_MAX_WEIGHTED}."
            )
        media_ids = (body.get("media") or {}).get("media_ids", [])
        if any(m not in self.media for m in media_ids):
            return self.invalid("One or more of the media ids is not valid.")
        reply = body.get("reply")
        in_reply_to = reply.get("in_reply_to_tweet_id") if isinstance(reply, dict) else None
        quote_of = body.get("quote_tweet_id")
        for named, verb in ((in_reply_to, "reply to"), (quote_of, "quote")):
            if named is None:
                continue
            if not isinstance(named, str) or not named.isdigit():
                return self.invalid(f"The post id to {verb} must be a string of digits.")
            if named not in self.posts and named not in self.others:
                return self.not_visible(verb)
        if any(p["text"] == body["text"] for p in self.posts.values()):
            return Reply(403, self.duplicate_body, self.limits())
        post_id = str(next(self.ids))
        self.posts[post_id] = {
            "id": post_id,
            "text": body["text"],
            "media_ids": media_ids,
            "in_reply_to_tweet_id": in_reply_to,
            "quote_tweet_id": quote_of,
        }
        headers = self.limits() | {"location": f"{self.base_url}/2/tweets/{post_id}"}
        return Reply(201, {"data": {"id": post_id, "text": body["text"]}}, headers)

    def not_visible(self, verb: str) -> Reply:
        """X's refusal of a reply to (or quote of) a post that is deleted or not there."""
        return Reply(
            403,
            {
                "detail": f"You attempted to {verb} a Tweet that is deleted or not visible to you.",
                "type": "about:blank",
                "title": "Forbidden",
                "status": 403,
            },
            self.limits(),
        )

    def revoke(self, request: Request) -> Reply:
        """RFC 7009 as X answers it: a public client names itself with ``client_id``; an
        unknown or already revoked token is still answered ``revoked: true``."""
        if not request.form.get("client_id"):
            return Reply(
                400,
                {
                    "error": "invalid_request",
                    "error_description": "Missing required parameter [client_id].",
                },
            )
        token = request.form.get("token")
        if not token:
            return Reply(
                400,
                {
                    "error": "invalid_request",
                    "error_description": "Missing required parameter [token].",
                },
            )
        self.valid_tokens.discard(token)
        return Reply(200, {"revoked": True})

    def upload(self, request: Request) -> Reply:
        body = request.json()
        if not isinstance(body, dict) or body.get("media_category") not in {
            "tweet_image",
            "tweet_gif",
            "tweet_video",
        }:
            return self.invalid("media_category is required")
        try:
            data = base64.b64decode(body.get("media", ""), validate=True)
        except ValueError:
            return self.invalid("media must be base64")
        media_id = str(next(self.media_ids))
        self.media[media_id] = data
        template = self.upload_template
        return Reply(
            200,
            {
                "data": {
                    "id": media_id,
                    "media_key": f"3_{media_id}",
                    "size": len(data),
                    "expires_after_secs": template["expires_after_secs"],
                    "image": template["image"],
                }
            },
            self.limits(),
        )

    def invalid(self, message: str, parameters: dict[str, Any] | None = None) -> Reply:
        return Reply(
            400,
            {
                "errors": [{"parameters": parameters or {}, "message": message}],
                "title": "Invalid Request",
                "detail": "One or more parameters to your request was invalid.",
                "type": "https://api.x.com/2/problems/invalid-request",
            },
        )

    def token_reply(self, request: Request, why: str) -> Reply:
        return Reply(401, self.unauthorised_body)

    def rate_limit_reply(self, wait: int) -> Reply:
        headers = {
            "api-version": self.api_version,
            "x-rate-limit-limit": "200",
            "x-rate-limit-remaining": "0",
            "x-rate-limit-reset": str(int(self.clock()) + wait),
        }
        return Reply(
            429,
            {
                "title": "Too Many Requests",
                "detail": "Too Many Requests",
                "type": "about:blank",
                "status": 429,
            },
            headers,
        )

    def server_error_reply(self) -> Reply:
        return Reply(
            500,
            {
                "title": "Internal Server Error",
                "detail": "Internal Server Error",
                "type": "about:blank",
                "status": 500,
            },
        )


# -------------------------------------------------------------------------------- Graph


class FakeGraph(FakeServer):
    """The Graph API for one Facebook Page and one Instagram account: ``/{page}/feed``,
    ``/{page}/photos``, ``DELETE /{post}``, ``/{ig}/media``, ``/{container}``,
    ``/{ig}/media_publish``; bodies from the python-facebook test data and Meta's docs."""

    version = "v21.0"

    def __init__(self) -> None:
        super().__init__()
        self.page_id = PAGE_ID
        self.ig_user_id = IG_USER_ID
        self.post_ids = itertools.count(1116689038356556)
        self.container_ids = itertools.count(
            int(fixture("graph_instagram__apidata__publish__create_photo.json")["id"])
        )
        self.media_ids = itertools.count(
            int(fixture("graph_instagram__apidata__publish__publish_container.json")["id"])
        )
        self.finished_status = fixture("graph_instagram__apidata__publish__container_info.json")[
            "status"
        ]
        self.missing_body = fixture("graph_base__error_data.json")
        self.posts: dict[str, dict[str, Any]] = {}
        self.unpublished_photos: dict[str, bytes] = {}
        self.containers: dict[str, dict[str, Any]] = {}
        self.ig_media: dict[str, dict[str, Any]] = {}
        self.polls_before_finished = 0
        self.deauthorised: set[str] = set()
        #: Posts by others (or older ones of the Page) that comments may go on (``seed_post``).
        self.others: dict[str, dict[str, Any]] = {}
        self.comments: dict[str, dict[str, Any]] = {}
        self.comment_ids = itertools.count(7001)
        #: Where Instagram's permalinks point (the demo points them at this fake's own pages).
        self.instagram_web_base = "https://www.instagram.com"

    def seed_post(self, post_id: str, message: str) -> None:
        """A post there to be replied to (``{page-id}_{post-id}`` or a bare id)."""
        with self.lock:
            self.others[post_id] = {"id": post_id, "message": message}

    def web_page(self, request: Request) -> Reply | None:
        if re.fullmatch(r"/p/\w+/", request.path):
            media = next(
                (m for m in self.ig_media.values() if m["permalink"].endswith(request.path)), None
            )
            return post_page("Instagram", media["caption"] if media else None)
        match = re.fullmatch(r"/(\d+_\d+)", request.path)
        if match is None:
            return None
        post = self.posts.get(match[1])
        return post_page("Facebook", (post.get("message") or "") if post else None)

    def authorised(self, request: Request) -> bool:
        return request.param("access_token") in self.valid_tokens

    def route(self, request: Request) -> Reply:
        prefix = f"/{self.version}/"
        if not request.path.startswith(prefix):
            return self.error(
                400, 2500, "Unknown path components: " + request.path, "OAuthException"
            )
        parts = request.path[len(prefix) :].split("/")
        node, edge = parts[0], parts[1] if len(parts) > 1 else None
        if node == "me" and edge == "permissions" and request.method == "DELETE":
            # Removing every permission de-authorises the app: the token stops working.
            token = request.param("access_token") or ""
            self.valid_tokens.discard(token)
            self.deauthorised.add(token)
            return Reply(200, {"success": True})
        if node == self.page_id and edge == "feed" and request.method == "POST":
            attached = [
                value
                for key, value in sorted(request.form.items())
                if key.startswith("attached_media[")
            ]
            if attached:
                return self.create_post_with_photos(request.param("message"), attached)
            return self.create_post(request.param("message"), None)
        if node == self.page_id and edge == "feed" and request.method == "GET":
            newest = sorted(self.posts.values(), key=lambda p: p["n"], reverse=True)[
                : int(request.query.get("limit", 25))
            ]
            return Reply(
                200,
                {
                    "data": [
                        {k: v for k, v in p.items() if k not in ("n", "photos")} for p in newest
                    ],
                    "paging": {},
                },
            )
        if node == self.page_id and edge == "photos" and request.method == "POST":
            if "source" not in request.files and not request.param("url"):
                return self.error(400, 324, "(#324) Requires upload file", "OAuthException")
            if request.param("published") == "false":
                photo_id = str(next(self.post_ids))
                self.unpublished_photos[photo_id] = request.files.get("source") or b""
                return Reply(200, {"id": photo_id})
            return self.create_post(request.param("caption"), request.files.get("source"))
        if edge == "comments" and request.method == "POST":
            return self.create_comment(node, request)
        if edge == "comments" and request.method == "GET" and node in self.all_objects():
            newest = sorted(
                (c for c in self.comments.values() if c["object"] == node),
                key=lambda c: c["n"],
                reverse=True,
            )[: int(request.query.get("limit", 25))]
            return Reply(200, {"data": [{"id": c["id"], "message": c["message"]} for c in newest]})
        if edge is None and request.method == "POST" and node in self.comments:
            if not request.param("message"):
                return self.error(400, 100, "(#100) Missing message", "OAuthException")
            self.comments[node]["message"] = request.param("message")
            return Reply(200, {"success": True})
        if edge is None and request.method == "DELETE" and node in self.comments:
            del self.comments[node]
            return Reply(200, {"success": True})
        if node == self.ig_user_id and edge == "media" and request.method == "POST":
            return self.create_container(request)
        if node == self.ig_user_id and edge == "media" and request.method == "GET":
            newest = sorted(self.ig_media.values(), key=lambda m: m["id"], reverse=True)
            return Reply(200, {"data": newest[: int(request.query.get("limit", 25))], "paging": {}})
        if node == self.ig_user_id and edge == "media_publish" and request.method == "POST":
            return self.publish_container(request.param("creation_id") or "")
        if edge is None and request.method == "POST" and node in self.posts:
            if not request.param("message"):
                return self.error(400, 100, "(#100) Missing message", "OAuthException")
            self.posts[node]["message"] = request.param("message")
            return Reply(200, {"success": True})
        if edge is None and request.method == "DELETE" and node in self.posts:
            del self.posts[node]
            return Reply(200, {"success": True})
        if edge is None and request.method == "GET" and node in self.containers:
            return Reply(200, self.container_view(node))
        if edge is None and request.method == "GET" and node in self.ig_media:
            return Reply(200, {"id": node, "permalink": self.ig_media[node]["permalink"]})
        if edge is None and request.method == "DELETE":
            return self.error(
                400,
                100,
                f"Unsupported delete request. Object with ID '{node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
                "GraphMethodException",
                subcode=33,
            )
        return Reply(400, self.missing_body)

    def all_objects(self) -> set[str]:
        return set(self.posts) | set(self.others)

    def create_comment(self, node: str, request: Request) -> Reply:
        """``POST /{object-id}/comments``: refused (code 100, subcode 33) for an object the
        Graph API does not have, as the real one refuses it."""
        if node not in self.all_objects():
            return self.error(
                400,
                100,
                f"Unsupported post request. Object with ID '{node}' does not exist, cannot be "
                "loaded due to missing permissions, or does not support this operation. "
                "Please read the Graph API documentation at "
                "https://developers.facebook.com/docs/graph-api",
                "GraphMethodException",
                subcode=33,
            )
        message = request.param("message") or ""
        if not message and "source" not in request.files:
            return self.error(400, 100, "(#100) Missing message or attachment", "OAuthException")
        number = next(self.comment_ids)
        comment_id = f"{node.rsplit('_', 1)[-1]}_{number}"
        self.comments[comment_id] = {
            "n": number,
            "id": comment_id,
            "object": node,
            "message": message,
            "photo": request.files.get("source"),
        }
        return Reply(200, {"id": comment_id})

    def create_post(self, message: str | None, photo: bytes | None) -> Reply:
        if not message and photo is None:
            return self.error(400, 100, "(#100) Missing message or attachment", "OAuthException")
        number = next(self.post_ids)
        post_id = f"{self.page_id}_{number}"
        self.posts[post_id] = {
            "n": number,
            "id": post_id,
            "message": message or "",
            "created_time": "2026-11-30T04:00:00+0000",
            "permalink_url": f"https://www.facebook.com/{self.page_id}/posts/{number}",
        }
        if photo is not None:
            return Reply(200, {"id": str(number + 1), "post_id": post_id})
        return Reply(200, {"id": post_id})

    def create_post_with_photos(self, message: str | None, attached: list[str]) -> Reply:
        """``attached_media[i]={"media_fbid": id}``: each must be an unpublished photo."""
        photos = []
        for value in attached:
            try:
                fbid = json.loads(value).get("media_fbid")
            except (ValueError, AttributeError):
                fbid = None
            if fbid not in self.unpublished_photos:
                return self.error(
                    400,
                    100,
                    "(#100) attached_media must name unpublished photos",
                    "OAuthException",
                )
            photos.append(fbid)
        reply = self.create_post(message, None)
        self.posts[reply.body["id"]]["photos"] = photos
        return reply

    def create_container(self, request: Request) -> Reply:
        if not request.param("image_url"):
            return self.error(
                400, 100, "(#100) The parameter image_url is required.", "OAuthException"
            )
        container_id = str(next(self.container_ids))
        self.containers[container_id] = {
            "caption": request.param("caption") or "",
            "polls": self.polls_before_finished,
            "status_code": "IN_PROGRESS",
        }
        return Reply(200, {"id": container_id})

    def container_view(self, container_id: str) -> dict[str, Any]:
        container = self.containers[container_id]
        if container["status_code"] == "IN_PROGRESS":
            if container["polls"] <= 0:
                container["status_code"] = "FINISHED"
            container["polls"] -= 1
        status = {
            "FINISHED": self.finished_status,
            "PUBLISHED": "Published: Media has been published.",
            "IN_PROGRESS": "In Progress: Media is still being processed.",
        }[container["status_code"]]
        return {"id": container_id, "status": status, "status_code": container["status_code"]}

    def publish_container(self, container_id: str) -> Reply:
        container = self.containers.get(container_id)
        if container is None:
            return Reply(400, self.missing_body)
        if container["status_code"] != "FINISHED":
            return self.error(
                400, 9007, "Media ID is not available", "OAuthException", subcode=2207027
            )
        container["status_code"] = "PUBLISHED"
        media_id = str(next(self.media_ids))
        self.ig_media[media_id] = {
            "id": media_id,
            "caption": container["caption"],
            "permalink": f"{self.instagram_web_base}/p/FAKE{media_id[-6:]}/",
            "timestamp": "2026-11-30T04:00:00+0000",
        }
        return Reply(200, {"id": media_id})

    def error(
        self,
        status: int,
        code: int,
        message: str,
        kind: str,
        *,
        subcode: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        body: dict[str, Any] = {
            "message": message,
            "type": kind,
            "code": code,
            "fbtrace_id": "AQt_hJ68vFybS4TnupatNtX",
        }
        if subcode is not None:
            body["error_subcode"] = subcode
        return Reply(status, {"error": body}, headers or {})

    def token_reply(self, request: Request, why: str) -> Reply:
        if why == "expired":
            return self.error(
                400,
                190,
                "Error validating access token: Session has expired on Monday, 30-Nov-26 03:00:00 PST. The current time is Monday, 30-Nov-26 04:00:00 PST.",
                "OAuthException",
                subcode=463,
            )
        if request.param("access_token") in self.deauthorised:
            return self.error(
                400,
                190,
                "Error validating access token: The user has not authorized application "
                "1234567890.",
                "OAuthException",
                subcode=458,
            )
        return self.error(
            400, 190, "Invalid OAuth access token - Cannot parse access token", "OAuthException"
        )

    def rate_limit_reply(self, wait: int) -> Reply:
        minutes = max(1, wait // 60)
        usage = {
            self.page_id: [
                {
                    "type": "pages",
                    "call_count": 100,
                    "total_cputime": 20,
                    "total_time": 25,
                    "estimated_time_to_regain_access": minutes,
                }
            ]
        }
        return self.error(
            400,
            80001,
            "There have been too many calls to this Page account. Wait a bit and try again.",
            "OAuthException",
            headers={"x-business-use-case-usage": json.dumps(usage)},
        )

    def server_error_reply(self) -> Reply:
        return Reply(
            500,
            {
                "error": {
                    "message": "An unexpected error has occurred. Please retry your request later.",
                    "type": "OAuthException",
                    "is_transient": True,
                    "code": 2,
                    "fbtrace_id": "A1m6KK6iBqvjzPeQd4DYbKM",
                }
            },
        )
