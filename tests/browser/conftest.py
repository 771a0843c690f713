"""The browser-test harness: Playwright's Python sync API driving Debian's Chromium against a
live Bluelamp (pytest-django's ``live_server``: a real HTTP server on localhost, in a thread,
on the test database), with axe-core injected from node_modules for accessibility checks.

Run them alone with ``make test-browser`` (or ``pytest -m browser``). They need
``/usr/bin/chromium`` (Debian's ``chromium`` package; set BLUELAMP_CHROMIUM for another path),
the built GOV.UK assets (``make static``) and axe-core (``npm ci``). Without one of those they
are skipped with the reason, except in CI (``CI`` set), where a missing part fails them:
``.ci/run`` installs everything they need.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("BLUELAMP_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
GOVUK_CSS = ROOT / "src" / "bluelamp" / "static" / "govuk" / "bluelamp.css"
# Flags that keep Chromium from reaching for the internet (which this network refuses) or for
# a sandbox and a GPU that containers do not have.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "bluelamp-demo-only"
TIMEOUT_MS = 15_000


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)"
    if not GOVUK_CSS.exists():
        return f"{GOVUK_CSS.relative_to(ROOT)} not built: run `make static`"
    if not AXE.exists():
        return f"{AXE.relative_to(ROOT)} not installed: run `make static` (npm ci)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Chromium for the session (each test gets its own context and profile)."""
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; the test code's ORM calls are
    # still synchronous, so Django's async-safety guard is lifted for these tests only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with tempfile.TemporaryDirectory(prefix="bluelamp-chromium-") as profile:
        manager = sync_playwright().start()
        try:
            # launch() gives every run a fresh, throw-away profile; the temporary directory
            # also keeps Chromium's crash reports and caches out of $HOME.
            chromium = manager.chromium.launch(
                executable_path=str(CHROMIUM),
                headless=True,
                args=[*CHROMIUM_ARGS, f"--disk-cache-dir={profile}/cache"],
                env={**os.environ, "HOME": profile},
            )
            yield chromium
            chromium.close()
        finally:
            manager.stop()
            if previous is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class CspViolations(list):
    """Console messages reporting a Content-Security-Policy violation on the page."""


@pytest.fixture
def page(browser, live_server) -> Iterator:
    """A new page in a fresh context (no cookies), with the CSP enforced and its violations
    collected in ``page.csp_violations``."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    violations = CspViolations()
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.csp_violations = violations
    yield page
    context.close()


@pytest.fixture
def demo_users(transactional_db, live_server):
    """The demo users of `make run`, one per role (password ``bluelamp-demo-only``)."""
    from django.core.management import call_command

    from bluelamp.core.management.commands.demo_users import DEMO_USERS

    call_command("demo_users", "--force", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return {username: (name, role) for username, name, role, _ in DEMO_USERS}


@pytest.fixture
def sign_in(page, demo_users, settings) -> Callable:
    """``sign_in("ccd")``: sign in through the sign-in page as a demo user (with the password
    alone, as in `make run`'s demo: the two-factor step has its own tests)."""
    settings.BLUELAMP_LOCAL_TWO_FACTOR = False

    def go(username: str, password: str = DEMO_PASSWORD):
        page.goto("/sign-in/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password", exact=True).fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        return page

    return go


@pytest.fixture
def axe_check() -> Callable:
    """``axe_check(page)``: run axe-core on the page as it is now and fail on any serious or
    critical violation, listing each with the elements it found."""
    source = AXE.read_text(encoding="utf-8")

    def check(page, *, context: str = "document", allow: tuple[str, ...] = ()):
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(source)  # through the DevTools protocol: the page's CSP does not apply
        results = page.evaluate(
            "async (context) => await axe.run(context === 'document' ? document : context,"
            " {resultTypes: ['violations']})",
            context,
        )
        serious = [
            v
            for v in results["violations"]
            if v["impact"] in ("serious", "critical") and v["id"] not in allow
        ]
        assert not serious, f"accessibility violations on {page.url}:\n" + _describe(serious)
        return results

    return check


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:5]:
            html = re.sub(r"\s+", " ", node["html"])[:160]
            lines.append(f"    {json.dumps(node['target'])}: {html}")
    return "\n".join(lines)


@pytest.fixture
def fill_date() -> Callable:
    """``fill_date(page, "Date received", "2026-03-23")``: type a date into the GOV.UK date
    input (day, month and year boxes) whose legend is the given words."""

    def fill(page, legend: str, iso: str) -> None:
        year, month, day = iso.split("-")
        group = page.get_by_role("group", name=legend)
        group.get_by_label("Day").fill(str(int(day)))
        group.get_by_label("Month").fill(str(int(month)))
        group.get_by_label("Year").fill(year)

    return fill
