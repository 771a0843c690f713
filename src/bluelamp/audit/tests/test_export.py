"""The audit trail exported as CSV and JSON, with the list's filters; sign-ins left out on
request; what each event is about named in words."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse

from bluelamp.audit.models import AuditEvent
from bluelamp.audit.tests.helpers import TEST_ACTION, record
from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db

LIST = reverse("audit:event_list")
CSV = reverse("audit:event_export_csv")
JSON = reverse("audit:event_export_json")


def _csv(response) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def _json(response) -> list[dict]:
    return json.loads(b"".join(response.streaming_content))


@pytest.mark.parametrize(
    "role", [Role.STAFF, Role.LINE_MANAGER, Role.CCD, Role.INFOSEC, Role.PSD, Role.WELFARE, None]
)
@pytest.mark.parametrize("url", [CSV, JSON])
def test_only_auditors_may_export_the_trail(client_as, role, url):
    record()
    client = client_as(role) if role else client_as()
    assert client.get(url).status_code == 403


def test_the_export_is_refused_when_not_signed_in(client):
    record()
    response = client.get(CSV)
    assert response.status_code in (302, 403)


def test_the_csv_holds_every_event_oldest_first_with_words_for_the_kind(client_as):
    client = client_as(Role.AUDITOR)
    record(2, target_type="data_requests.removalrequest", target_label="Removal request RR-1")
    response = client.get(CSV)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = [r for r in _csv(response) if r["Action"] == TEST_ACTION]
    assert [int(r["Sequence"]) for r in rows] == sorted(int(r["Sequence"]) for r in rows)
    assert rows[0]["About (kind)"] == "Removal request"
    assert rows[0]["About"] == "Removal request RR-1"
    assert json.loads(rows[0]["After"]) == {"n": 1}
    assert rows[0]["Hash"] == AuditEvent.objects.get(sequence=rows[0]["Sequence"]).hash


def test_the_json_carries_the_same_events(client_as):
    client = client_as(Role.AUDITOR)
    record(3)
    events = [e for e in _json(client.get(JSON)) if e["action"] == TEST_ACTION]
    assert [e["target_label"] for e in events] == ["thing 1", "thing 2", "thing 3"]
    assert events[0]["after"] == {"n": 1}
    assert events[0]["action_label"] == "A thing was done (tests only)"
    assert events[0]["occurred_at"].endswith("Z")


def test_the_export_applies_the_filters(client_as, user_of):
    client = client_as(Role.AUDITOR, display_name="Morgan Lee")
    jo = user_of(Role.STAFF, username="qzjo", display_name="PC 1 Qz Jo")
    tz = dt.UTC
    record(actor=jo, target_label="by jo", now=dt.datetime(2026, 3, 2, 12, tzinfo=tz))
    record(target_label="by system", now=dt.datetime(2026, 3, 2, 12, tzinfo=tz))
    record(target_label="too early", now=dt.datetime(2026, 2, 1, 12, tzinfo=tz))
    by_actor = _json(client.get(JSON, {"actor": "qzjo", "action": TEST_ACTION}))
    assert [e["target_label"] for e in by_actor] == ["by jo"]
    by_action = _json(client.get(JSON, {"action": TEST_ACTION, "date_from": "2026-03-01"}))
    assert {e["target_label"] for e in by_action} == {"by jo", "by system"}
    by_dates = _csv(client.get(CSV, {"date_from": "2026-01-01", "date_to": "2026-02-28"}))
    assert [r["About"] for r in by_dates if r["Action"] == TEST_ACTION] == ["too early"]


def test_sign_ins_can_be_left_out_but_failed_sign_ins_stay(client_as):
    client = client_as(Role.AUDITOR)
    record(action="auth.login", target_label="signed in")
    record(action="auth.logout", target_label="signed out")
    record(action="auth.login_failed", target_label="failed")
    record(target_label="real work")
    everything = {e["action"] for e in _json(client.get(JSON))}
    assert {"auth.login", "auth.logout"} <= everything
    quiet = {e["action"] for e in _json(client.get(JSON, {"without_sign_ins": "on"}))}
    assert "auth.login" not in quiet and "auth.logout" not in quiet
    assert {"auth.login_failed", TEST_ACTION} <= quiet
    page = client.get(LIST, {"without_sign_ins": "on"}).content.decode()
    rows = page.split("<table", 1)[1].split("</table>", 1)[0]  # not the layout's "Stay signed in"
    assert "signed in" not in rows and "real work" in rows


def test_a_bad_filter_is_refused_with_what_is_wrong(client_as):
    response = client_as(Role.AUDITOR).get(
        CSV, {"date_from": "2026-03-05", "date_to": "2026-03-01"}
    )
    assert response.status_code == 400
    assert "end date" in response.content.decode()


def test_a_formula_in_a_label_is_not_run_by_a_spreadsheet(client_as):
    client = client_as(Role.AUDITOR)
    record(target_label='=HYPERLINK("http://evil")')
    rows = _csv(client.get(CSV))
    assert any(r["About"].startswith("'=HYPERLINK") for r in rows)


def test_the_list_and_the_event_name_the_kind_in_words_and_link_the_exports(client_as):
    client = client_as(Role.AUDITOR)
    event = record(target_type="data_requests.removalrequest", target_label="RR-00001")
    page = client.get(LIST, {"target": "RR-00001"}).content.decode()
    assert "Removal request" in page
    assert "data_requests.removalrequest" not in page.split("<table", 1)[1]
    assert CSV + "?" in page and JSON + "?" in page
    detail = client.get(reverse("audit:event_detail", args=[event.sequence])).content.decode()
    assert "data_requests.removalrequest" not in detail
    # The search form offers the kinds in words too.
    assert ">Removal request</option>" in page


def test_an_unknown_kind_is_shown_as_stored(client_as):
    event = record(target_type="gone.model")
    assert event.target_kind == "gone.model"
