"""The appeal link check, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bluelamp.reviews.links import force_links, link_answers


class Handler(BaseHTTPRequestHandler):
    def _answer(self, body: bool) -> None:
        if self.path == "/gone":
            self.send_response(404)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/appeal")
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif self.path == "/slow":
            threading.Event().wait(2)
            self.send_response(200)
        else:
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_page_that_answers(server):
    assert link_answers(f"{server}/appeal").ok
    assert link_answers(f"{server}/moved").ok
    assert link_answers(f"{server}/no-head").ok


def test_a_page_that_is_gone_or_slow_or_unreachable(server):
    gone = link_answers(f"{server}/gone")
    assert not gone.ok and gone.detail == "the page answered 404"
    assert not link_answers(f"{server}/slow", timeout=0.5).ok
    assert "no answer" in link_answers("http://127.0.0.1:9/appeal", timeout=1).detail


def test_only_the_forces_own_links_are_checked():
    text = (
        "Have you seen Jamie? https://www.west-midlands.police.uk/appeals/123. "
        "Shared from https://example.com/x and https://west-midlands.police.uk/appeals/123."
    )
    assert force_links(text, ("west-midlands.police.uk",)) == [
        "https://www.west-midlands.police.uk/appeals/123",
        "https://west-midlands.police.uk/appeals/123",
    ]
