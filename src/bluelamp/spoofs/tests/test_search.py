"""The search of X for spoof accounts: the lookalike usernames, the service against the fake X
on 127.0.0.1 (users lookup, its not-found errors and its rate limit), and who may run it from
the page, the API and the command (403 / exit 1 and no change for everyone else)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from bluelamp.audit.models import AuditEvent
from bluelamp.cli import main
from bluelamp.core.errors import PermissionDeniedError
from bluelamp.core.roles import Role
from bluelamp.publishing.connectors import XConnector
from bluelamp.publishing.connectors.base import RetryPolicy
from bluelamp.publishing.fakeplatforms import FakeX
from bluelamp.spoofs import services, views
from bluelamp.spoofs.errors import (
    SearchRateLimitedError,
    SearchStoppedError,
    SearchUnavailableError,
)
from bluelamp.spoofs.lookalikes import X_USERNAME, lookalike_handles
from bluelamp.spoofs.models import Candidate
from bluelamp.spoofs.tests.conftest import NOW, make_candidate

pytestmark = pytest.mark.django_db

FORCE_NAMES = ["West Midlands Police", "West Mids Police", "WMPolice", "WestMidsPolice", "WMP"]


# --------------------------------------------------------------------------- the usernames


def test_the_lookalikes_are_bounded_deterministic_valid_and_leave_out_the_registered():
    names = lookalike_handles(["WMPolice", "WMPDudley"], FORCE_NAMES)
    assert names == lookalike_handles(["WMPDudley", "@WMPolice"], FORCE_NAMES)
    assert all(X_USERNAME.fullmatch(n) for n in names)
    keys = [n.casefold() for n in names]
    assert len(keys) == len(set(keys))
    assert "wmpolice" not in keys and "wmpdudley" not in keys
    for expected in (
        "WMP0lice",  # 0 for o
        "WMPo1ice",  # 1 for l
        "WMP_Dudley",  # an underscore between the words
        "WMPDuddley",  # a doubled letter
        "WMPolice1",  # a digit
        "WMPoliceuk",
        "WMPofficial",  # "official" added where it fits in 15
        "DudleyWMP",  # the words swapped
        "WestMidsPolice",  # the force's name as a handle
    ):
        assert expected in names, expected
    many = lookalike_handles([f"WMPTeam{i}" for i in range(100)], FORCE_NAMES)
    assert len(many) == 1_000
    assert len(lookalike_handles(["WMPolice"], [], per_base=5)) == 5


# ------------------------------------------------------------------------------ the service


@pytest.fixture
def fake_x(settings):
    fake = FakeX().start()
    settings.BLUELAMP_X_API_BASE = fake.base_url
    settings.BLUELAMP_X_BEARER_TOKEN = "good-token"
    yield fake
    fake.stop()


@pytest.fixture
def connector(fake_x):
    return XConnector(api_base=fake_x.base_url, retry=RetryPolicy(max_wait=0), sleep=lambda s: None)


def _usernames_asked(fake: FakeX) -> list[str]:
    return [
        name
        for request in fake.calls("GET", "/2/users/by")
        for name in request.query["usernames"].split(",")
    ]


def test_the_fake_x_answers_users_by_as_x_does(fake_x):
    fake_x.add_account("WMP0lice", "West Midlands Police", "Official. Report crime here")
    from bluelamp.publishing.connectors.http import HttpClient

    http = HttpClient()
    answer = http.request(
        "GET",
        f"{fake_x.base_url}/2/users/by",
        params={"usernames": "WMP0lice,nobody_here"},
        headers={"Authorization": "Bearer good-token"},
    )
    body = answer.json()
    assert answer.status == 200 and answer.headers["x-rate-limit-limit"] == "300"
    assert body["data"] == [
        {"id": body["data"][0]["id"], "name": "West Midlands Police", "username": "WMP0lice"}
    ]
    assert body["errors"] == [
        {
            "value": "nobody_here",
            "detail": "Could not find user with usernames: [nobody_here].",
            "title": "Not Found Error",
            "resource_type": "user",
            "parameter": "usernames",
            "resource_id": "nobody_here",
            "type": "https://api.twitter.com/2/problems/resource-not-found",
        }
    ]
    bad = http.request(
        "GET",
        f"{fake_x.base_url}/2/users/by",
        params={"usernames": "not-a-username"},
        headers={"Authorization": "Bearer good-token"},
    )
    assert bad.status == 400
    assert "does not match ^[A-Za-z0-9_]{1,15}$" in bad.json()["errors"][0]["message"]


def test_accounts_found_on_x_are_added_scored_once_with_an_audit_event(
    people, registry, fake_x, connector
):
    fake_x.add_account("WMP0lice", "West Midlands Police", "Official account. Report crime")
    fake_x.add_account("WMPDudley_", "WMP Dudley", "")
    fake_x.add_account("WMPoliceuk", "A fan", "")
    make_candidate(handle="WMPoliceuk")  # already listed
    ccd = people[Role.CCD]

    result = services.candidate_search(actor=ccd, now=NOW, connector=connector)

    assert sorted(c.handle for c in result.added) == ["WMP0lice", "WMPDudley_"]
    assert result.already_listed == ("WMPoliceuk",)
    assert result.stopped == "" and result.requests == -(-result.looked_up // 100)
    spoof = Candidate.objects.get(handle="WMP0lice")
    assert (spoof.source, spoof.status, spoof.added_by, spoof.url) == (
        "search",
        "new",
        ccd,
        "https://x.com/WMP0lice",
    )
    assert spoof.score >= 70 and any("Uses the force's name" in r for r in spoof.score_reasons)
    assert spoof.notes == "Bio on X: Official account. Report crime"
    asked = _usernames_asked(fake_x)
    assert len(asked) == result.looked_up
    assert "WMPolice" not in asked and "WMPDudley" not in asked  # the force's own
    assert fake_x.calls("GET", "/2/users/by")[0].headers["authorization"] == "Bearer good-token"
    event = AuditEvent.objects.get(action="spoof.searched")
    assert event.after == {
        "platform": "x",
        "looked_up": result.looked_up,
        "requests": result.requests,
        "found": 3,
        "added": 2,
        "already_listed": 1,
        "stopped": "",
    }
    assert "good-token" not in json.dumps(event.after)

    again = services.candidate_search(actor=ccd, now=NOW, connector=connector)
    assert again.added == () and len(again.already_listed) == 3
    assert Candidate.objects.count() == 3


def test_more_than_100_usernames_go_in_requests_of_100(people, fake_x, connector):
    from bluelamp.social_accounts.tests.factories import AccountFactory

    for i in range(4):
        AccountFactory(handle=f"WMPTeam{i}", display_name=f"Team {i}")
    result = services.candidate_search(actor=people[Role.CCD], now=NOW, connector=connector)
    calls = fake_x.calls("GET", "/2/users/by")
    assert result.looked_up > 100 and len(calls) == result.requests > 1
    assert all(len(c.query["usernames"].split(",")) <= 100 for c in calls)


def test_a_rate_limit_before_anything_stops_the_search_with_when_to_try_again(
    people, registry, fake_x, connector
):
    fake_x.fault("GET", "/2/users/by", "rate_limit", wait=900)
    with pytest.raises(SearchRateLimitedError) as caught:
        services.candidate_search(actor=people[Role.CCD], now=NOW, connector=connector)
    assert "rate limit for looking up accounts is used up" in caught.value.message
    assert "in about 15 minutes" in caught.value.message
    assert 890 <= caught.value.fields["retry_after"] <= 900
    assert caught.value.http_status == 429
    assert Candidate.objects.count() == 0
    event = AuditEvent.objects.get(action="spoof.searched")
    assert event.after["requests"] == 0 and "rate limit" in event.after["stopped"]


def test_a_rate_limit_part_way_keeps_what_was_found(people, fake_x, connector):
    from bluelamp.social_accounts.tests.factories import AccountFactory

    for i in range(4):
        AccountFactory(handle=f"WMPTeam{i}", display_name=f"Team {i}")
    first = lookalike_handles(
        [f"WMPTeam{i}" for i in range(4)], services.policy_pack().lexicon("spoofs.force_names")
    )[0]
    fake_x.add_account(first, "WMP Team", "")
    calls = {"n": 0}
    original = fake_x.dispatch

    def second_is_limited(request):
        if request.path == "/2/users/by":
            calls["n"] += 1
            if calls["n"] == 2:
                return fake_x.rate_limit_reply(600)
        return original(request)

    fake_x.dispatch = second_is_limited
    result = services.candidate_search(actor=people[Role.CCD], now=NOW, connector=connector)
    assert [c.handle for c in result.added] == [first]
    assert result.requests == 1 and result.looked_up == 100
    assert "rate limit" in result.stopped and result.retry_after is not None
    assert "rate limit" in result.summary()


def test_a_refused_token_is_said_plainly(people, registry, fake_x, connector):
    fake_x.valid_tokens.clear()
    with pytest.raises(SearchStoppedError) as caught:
        services.candidate_search(actor=people[Role.CCD], now=NOW, connector=connector)
    assert "X refused Bluelamp's token" in caught.value.message
    assert not isinstance(caught.value, SearchRateLimitedError)


def test_with_no_token_the_search_is_unavailable(people, registry, settings):
    settings.BLUELAMP_X_BEARER_TOKEN = ""
    with pytest.raises(SearchUnavailableError, match="BLUELAMP_X_BEARER_TOKEN"):
        services.candidate_search(actor=people[Role.CCD], now=NOW)
    assert not AuditEvent.objects.filter(action="spoof.searched").exists()


def test_without_the_app_token_a_connected_x_accounts_token_is_used(
    people, registry, fake_x, settings
):
    from cryptography.fernet import Fernet

    from bluelamp.publishing.services.connections import connection_save

    settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode()]
    settings.BLUELAMP_X_BEARER_TOKEN = ""
    fake_x.valid_tokens.add("publishing-token")
    connection_save(actor=people[Role.CCD], account=registry[0], token="publishing-token", now=NOW)
    services.candidate_search(
        actor=people[Role.CCD],
        now=NOW,
        connector=XConnector(api_base=fake_x.base_url, sleep=lambda s: None),
    )
    assert (
        fake_x.calls("GET", "/2/users/by")[0].headers["authorization"].endswith("publishing-token")
    )


@pytest.mark.django_db(transaction=True)
def test_x_is_asked_with_no_transaction_open(people, registry, fake_x, monkeypatch):
    from django.db import connection

    seen = []
    original = XConnector._lookup_once

    def spy(self, usernames, token):
        seen.append(connection.in_atomic_block)
        return original(self, usernames, token)

    monkeypatch.setattr(XConnector, "_lookup_once", spy)
    services.candidate_search(actor=people[Role.CCD], now=NOW)
    assert seen and not any(seen)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.CCD])
def test_only_ccd_may_search(people, registry, fake_x, role):
    with pytest.raises(PermissionDeniedError):
        services.candidate_search(actor=people[role], now=NOW)
    assert not fake_x.calls("GET", "/2/users/by")
    assert not AuditEvent.objects.filter(action="spoof.searched").exists()


def test_the_weekly_sweep_runs_only_when_asked_and_once_a_week(registry, fake_x, settings):
    fake_x.add_account("WMP0lice", "West Midlands Police", "")
    assert services.candidate_search_sweep(now=NOW) is None  # off by default
    settings.BLUELAMP_SPOOF_SEARCH_WEEKLY = True
    result = services.candidate_search_sweep(now=NOW)
    assert [c.handle for c in result.added] == ["WMP0lice"]
    assert Candidate.objects.get().added_by is None
    event = AuditEvent.objects.get(action="spoof.searched")
    assert event.actor is None and "weekly" in event.actor_text
    assert services.candidate_search_sweep(now=NOW + dt.timedelta(days=6)) is None
    assert services.candidate_search_sweep(now=NOW + dt.timedelta(days=8)) is not None


# ------------------------------------------------------------- the page, the API, the command


@pytest.fixture
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


def _snapshot():
    return list(Candidate.objects.values()), AuditEvent.objects.count()


@pytest.mark.parametrize("role", list(Role))
def test_the_search_page_for_every_role(client, people, registry, fake_x, fixed_now, role):
    fake_x.add_account("WMP0lice", "West Midlands Police", "")
    client.force_login(people[role])
    url = reverse("spoofs:search")
    before = _snapshot()
    if role != Role.CCD:
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
        assert _snapshot() == before and not fake_x.calls("GET", "/2/users/by")
        return
    page = client.get(url).content.decode()
    assert "Search X now" in page and "without special permission from Meta" in page
    queue = client.get(reverse("spoofs:queue")).content.decode()
    assert reverse("spoofs:search") in queue and "Facebook and Instagram" in queue
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("spoofs:queue")
    html = response.content.decode()
    assert "1 added for review" in html and "@WMP0lice" in html


def test_the_search_page_shows_the_rate_limit(client, people, registry, fake_x, fixed_now):
    fake_x.fault("GET", "/2/users/by", "rate_limit", wait=900)
    client.force_login(people[Role.CCD])
    response = client.post(reverse("spoofs:search"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "The search did not run" in html and "rate limit" in html


@pytest.mark.parametrize("role", list(Role))
def test_the_search_api_for_every_role(api_as, registry, fake_x, role):
    fake_x.add_account("WMP0lice", "West Midlands Police", "")
    api = api_as(*([Role.STAFF, Role.CCD] if role == Role.CCD else [role]))
    before = _snapshot()
    answer = api.post(reverse("api:spoof_candidates_search"), format="json")
    if role != Role.CCD:
        assert answer.status_code == 403
        assert answer.json()["code"] == "permission_denied"
        assert _snapshot() == before and not fake_x.calls("GET", "/2/users/by")
        return
    assert answer.status_code == 200
    body = answer.json()
    assert [c["handle"] for c in body["added"]] == ["WMP0lice"]
    assert body["found"] == ["WMP0lice"] and body["stopped"] == ""
    assert body["added"][0]["added_from"] == "search"


def test_the_search_api_says_when_rate_limited(api_as, registry, fake_x):
    fake_x.fault("GET", "/2/users/by", "rate_limit", wait=900)
    answer = api_as(Role.STAFF, Role.CCD).post(
        reverse("api:spoof_candidates_search"), format="json"
    )
    assert answer.status_code == 429
    assert answer.json()["code"] == "spoof_search_rate_limited"
    assert answer.json()["retry_after"] > 0


@pytest.mark.parametrize("role", list(Role))
def test_the_command_for_every_role(people, registry, fake_x, capsys, role):
    fake_x.add_account("WMP0lice", "West Midlands Police", "")
    before = _snapshot()
    status = main(["spoofs", "search", "--as", people[role].username])
    out, err = capsys.readouterr()
    if role != Role.CCD:
        assert status == 1
        assert "Only Corporate Communications" in err
        assert _snapshot() == before and not fake_x.calls("GET", "/2/users/by")
        return
    assert status == 0
    assert "added @WMP0lice" in out and re.search(r"Looked up \d+ lookalike usernames", out)


def test_the_command_refuses_an_unknown_user_and_prints_json(people, registry, fake_x, capsys):
    assert main(["spoofs", "search", "--as", "nobody"]) == 2
    assert "no active user" in capsys.readouterr().err
    assert main(["spoofs", "search", "--as", people[Role.CCD].username, "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["added"] == [] and body["requests"] == len(fake_x.calls("GET", "/2/users/by"))
