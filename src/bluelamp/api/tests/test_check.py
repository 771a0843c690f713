"""POST /api/v1/check: the same report as `bluelamp check --json` for a post in the
`--jsonl` format, a batch like the command line's, and clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.urls import reverse

from bluelamp.api import checking
from bluelamp.cli.check import check_line
from bluelamp.core.roles import Role
from bluelamp.engine.policy_pack import load_pack

pytestmark = pytest.mark.django_db

URL = "/api/v1/check"
CORPUS = Path(__file__).resolve().parents[4] / "corpus" / "spec-examples.jsonl"
SAMPLE = {
    "id": "p1",
    "text": "Dean Walsh, 31, from Smethwick, has been arrested on suspicion of burglary. "
    "Call his mum on 07700 900123.",
    "account": {"tier": "npu", "handle": "@WMPSmethwick"},
}


def post_json(client, body, **extra):
    raw = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post(URL, raw, content_type="application/json", **extra)


def cli_report(data) -> dict:
    result, _ = check_line(json.dumps(data).encode(), 1, load_pack(None))
    return result


def test_the_check_url_is_under_api_v1():
    assert reverse("api:check") == URL


def test_a_post_gets_the_same_report_as_the_command_line(api_as):
    client = api_as(Role.STAFF)

    response = post_json(client, SAMPLE)

    assert response.status_code == 200
    assert response.json() == cli_report(SAMPLE)
    assert response.json()["verdict"] == "block"
    assert {f["rule"] for f in response.json()["findings"]} >= {"personal-data"}


def test_every_spec_example_gets_the_command_lines_report(api_as):
    client = api_as(Role.STAFF)
    posts = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]

    for post in posts:
        response = post_json(client, post)
        assert response.status_code == 200, post["id"]
        assert response.json() == cli_report(post), post["id"]


def test_a_report_is_exactly_id_verdict_and_findings(api_as):
    response = post_json(api_as(Role.STAFF), {"text": "Come to our open day at Lloyd House."})

    assert response.status_code == 200
    assert response.json() == {"id": None, "verdict": "pass", "findings": []}


def test_a_numeric_id_is_echoed_as_text_like_the_command_line(api_as):
    response = post_json(api_as(Role.STAFF), {"id": 7, "text": "Open day on Saturday."})

    assert response.json()["id"] == "7"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"id": "x"}, "text is required"),
        ({"text": "   "}, "text is empty: there is nothing to check"),
        ({"text": 5}, "text must be a string, got int"),
        ({"text": "hi", "account": {"tier": "mayor"}}, "account.tier 'mayor' is not one of"),
        ({"text": "hi", "kind": "story"}, "kind 'story' is not one of"),
        ({"text": "hi", "context": {"major_incident": "yes"}}, "context.major_incident must be"),
        ('"just a string"', "a post must be a JSON object, got str"),
    ],
)
def test_a_post_the_engine_cannot_check_is_refused_with_its_message(api_as, body, message):
    response = post_json(api_as(Role.STAFF), body)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_post"
    assert response.json()["message"].startswith(message)


def test_a_body_that_is_not_json_is_refused_with_the_command_lines_wording(api_as):
    response = post_json(api_as(Role.STAFF), b'{"text": ')

    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_json",
        "message": "not JSON: Expecting value (column 10)",
    }


def test_a_body_that_is_not_utf8_is_refused(api_as):
    response = post_json(api_as(Role.STAFF), b'{"text": "caf\xe9"}')

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_json"
    assert "UTF-8" in response.json()["message"]


def test_a_body_not_sent_as_json_is_refused(api_as):
    client = api_as(Role.STAFF)

    response = client.post(URL, {"text": "hello"})  # a form, not JSON

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


@pytest.mark.parametrize(
    "media", [[{"path": "/etc/passwd"}], ["photo.jpg"], [{"path": "x.jpg", "alt": "a photo"}]]
)
def test_media_paths_are_refused_so_no_server_file_is_ever_opened(api_as, monkeypatch, media):
    opened = []
    monkeypatch.setattr(checking, "check_post", lambda *a, **k: opened.append(a))

    response = post_json(api_as(Role.STAFF), {"text": "Photo from today.", "media": media})

    assert response.status_code == 400
    assert response.json()["code"] == "media_not_supported"
    assert opened == []


def test_an_empty_media_list_is_accepted(api_as):
    response = post_json(api_as(Role.STAFF), {"text": "Open day on Saturday.", "media": []})

    assert response.status_code == 200


def test_a_batch_gets_one_report_per_post_in_order(api_as):
    posts = [
        SAMPLE,
        {"id": "p2", "text": "Open day on Saturday."},
        {"id": "p3", "text": "OFFICIAL-SENSITIVE briefing attached.", "account": {"tier": "team"}},
    ]

    response = post_json(api_as(Role.STAFF), posts)

    assert response.status_code == 200
    assert response.json() == [cli_report(p) for p in posts]


def test_a_bad_post_in_a_batch_gets_an_error_and_the_rest_are_still_checked(api_as):
    posts = [
        {"id": "a", "text": "Open day on Saturday."},
        {"id": "b"},
        17,
        {"id": "d", "text": "Photo.", "media": ["x.jpg"]},
        {"id": "e", "text": "Call 07700 900123."},
    ]

    response = post_json(api_as(Role.STAFF), posts)

    assert response.status_code == 200
    body = response.json()
    assert len(body) == 5
    assert body[0]["verdict"] == "pass"
    assert body[1] == {"index": 1, "id": "b", "code": "invalid_post", "error": "text is required"}
    assert body[2] == {
        "index": 2,
        "code": "invalid_post",
        "error": "a post must be a JSON object, got int",
    }
    assert body[3]["index"] == 3
    assert body[3]["code"] == "media_not_supported"
    assert body[4]["id"] == "e"
    assert body[4]["verdict"] == "block"


def test_an_empty_batch_gets_an_empty_list(api_as):
    response = post_json(api_as(Role.STAFF), [])

    assert response.status_code == 200
    assert response.json() == []


def test_a_batch_of_a_thousand_posts_is_accepted_and_one_more_is_refused(api_as, monkeypatch):
    client = api_as(Role.STAFF)
    post = {"text": "Open day on Saturday."}

    accepted = post_json(client, [post] * checking.MAX_BATCH)
    refused = post_json(client, [post] * (checking.MAX_BATCH + 1))

    assert accepted.status_code == 200
    assert len(accepted.json()) == checking.MAX_BATCH
    assert refused.status_code == 400
    assert refused.json()["code"] == "batch_too_large"


def test_a_body_larger_than_the_service_accepts_is_refused(api_as, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = post_json(api_as(Role.STAFF), {"text": "x" * 2000})

    assert response.status_code == 413
    assert response.json()["code"] == "body_too_large"


@pytest.mark.parametrize("role", list(Role))
def test_any_signed_in_role_may_check_a_post(api_as, role):
    response = post_json(api_as(role), SAMPLE)

    assert response.status_code == 200


def test_a_user_without_any_role_may_check_a_post(api_as):
    assert post_json(api_as(), SAMPLE).status_code == 200


def test_an_anonymous_caller_is_refused_with_401_and_told_how_to_authenticate(api_client):
    response = post_json(api_client, SAMPLE)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Token")


def test_only_post_is_allowed(api_as):
    response = api_as(Role.STAFF).get(URL)

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_the_pack_is_loaded_once_per_process(api_as, monkeypatch):
    from bluelamp.core import policy

    policy.forget_policy_pack()
    loads = []
    real = policy.load_pack
    monkeypatch.setattr(policy, "load_pack", lambda path: loads.append(path) or real(path))
    client = api_as(Role.STAFF)

    for _ in range(3):
        post_json(client, SAMPLE)

    assert len(loads) == 1
    policy.forget_policy_pack()


def test_a_busy_user_is_rate_limited(api_as, settings):
    from django.core.cache import cache

    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"check": "3/minute", "check_batch": "1/minute"},
    }
    client = api_as(Role.STAFF)
    try:
        statuses = [post_json(client, SAMPLE).status_code for _ in range(4)]
        batch = [post_json(client, [SAMPLE]).status_code for _ in range(2)]
        last = post_json(client, SAMPLE)
    finally:
        cache.clear()

    assert statuses == [200, 200, 200, 429]
    assert batch == [200, 429]
    assert last.json()["code"] == "throttled"
    assert "Retry-After" in last


def test_unknown_paths_under_api_v1_answer_in_the_error_shape(api_as):
    response = api_as(Role.STAFF).get("/api/v1/no-such-thing")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "There is no such API endpoint."}
