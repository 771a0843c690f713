"""Imported appeal posts are linked to the open case they are about (CC/01 4.11), in the
import's transaction: by the case's reference or the person's full name, only when the engine
reads the post as an appeal, never a deleted post or a closed case; one query screen for many
cases; ending the case then takes the imported copy down too."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.policy import policy_pack
from bluelamp.engine.exports import ExportError
from bluelamp.publishing import importing
from bluelamp.publishing.models import Post
from bluelamp.reviews import services
from bluelamp.reviews.matching import CaseMatcher
from bluelamp.reviews.models import AppealRemovalTask, Case, CasePost
from bluelamp.reviews.tests.conftest import NOW

pytestmark = pytest.mark.django_db

APPEAL = "Have you seen Jamie Carter, 15, missing from Dudley? Call 101 quoting MIS/1234."
BY_REFERENCE = "Can you help? Still missing: our appeal ref MIS/1234, last seen in Brierley Hill."
NEWS = "Jamie Carter, 15, was found safe and well. Thanks for sharing."
OTHER = "Road closed at the junction of High Street and Castle Street."


def _tweet(number: int, text: str, *, deleted: bool = False) -> dict:
    body = {
        "id_str": str(1_500_000_000_000_000_000 + number),
        "created_at": f"Mon Nov 02 10:{number:02d}:00 +0000 2026",
        "full_text": text,
        "entities": {"urls": []},
    }
    if deleted:
        body["deleted_at"] = "Tue Nov 03 10:00:00 +0000 2026"
    return {"tweet": body}


def _archive(folder, texts, *, deleted=(), cut=False):
    data = folder / "data"
    data.mkdir(parents=True)
    items = [_tweet(n, t, deleted=n in deleted) for n, t in enumerate(texts)]
    body = "window.YTD.tweets.part0 = " + json.dumps(items, indent=1)
    if cut:  # the file ends inside its last post
        body = body[: body.rindex('"full_text"')]
    (data / "tweets.js").write_text(body, encoding="utf-8")
    return folder


def _case(room, name="Jamie Carter", reference="MIS/1234"):
    return services.case_create(actor=room.ccd, name=name, reference=reference, now=NOW)


def test_an_imported_appeal_is_linked_to_its_open_case(room, tmp_path):
    case = _case(room)
    closed = _case(room, name="Ava Brown", reference="MIS/9999")
    services.case_resolve(case=closed, actor=room.ccd, status="found", now=NOW)
    texts = [
        APPEAL,
        BY_REFERENCE,
        NEWS,
        OTHER,
        APPEAL + " Please share.",
        "Have you seen Ava Brown, 30, missing from Walsall? Quote MIS/9999.",
    ]
    path = _archive(tmp_path / "x", texts, deleted={4})
    counts = importing.archive_import_export(account=room.team, actor=room.ccd, path=path, now=NOW)
    linked = {link.post.text for link in CasePost.objects.filter(case=case)}
    assert linked == {APPEAL, BY_REFERENCE}
    assert not CasePost.objects.filter(case=closed).exists()
    assert counts.appeals_linked == 2
    events = AuditEvent.objects.filter(action="case.post_linked")
    assert events.count() == 2 and {e.actor_id for e in events} == {room.ccd.pk}
    imported = AuditEvent.objects.get(action="archive.imported")
    assert imported.after["appeals_linked"] == 2

    # Ending the case takes the imported copies down as well.
    services.case_resolve(case=case, actor=room.ccd, status="found", now=NOW)
    assert {t.post.text for t in AppealRemovalTask.objects.filter(case=case)} == linked


def test_the_command_line_links_with_no_person_and_a_second_run_links_nothing(room, tmp_path):
    case = _case(room)
    path = _archive(tmp_path / "x", [APPEAL, OTHER])
    first = importing.archive_import_export(account=room.team, actor=None, path=path, now=NOW)
    again = importing.archive_import_export(account=room.team, actor=None, path=path, now=NOW)
    assert (first.appeals_linked, again.appeals_linked) == (1, 0)
    link = CasePost.objects.get(case=case)
    assert link.linked_by is None and link.post.text == APPEAL


def test_a_refused_import_links_nothing(room, tmp_path, monkeypatch):
    _case(room)
    monkeypatch.setattr(importing, "BATCH", 1)  # the appeal is written before the cut is met
    linked = []
    real = services.cases_link_imported
    monkeypatch.setattr(
        services, "cases_link_imported", lambda **kw: linked.append(real(**kw)) or linked[-1]
    )
    path = _archive(tmp_path / "x", [APPEAL, OTHER, OTHER + " Again."], cut=True)
    with pytest.raises(ExportError):
        importing.archive_import_export(account=room.team, actor=None, path=path, now=NOW)
    assert linked[0] == 1
    assert not Post.objects.exists() and not CasePost.objects.exists()
    assert not AuditEvent.objects.filter(action="case.post_linked").exists()


def test_no_open_case_costs_one_query(room, tmp_path, django_assert_max_num_queries):
    from bluelamp.reviews.receivers import link_imported_appeals

    records = [
        importing.Record(
            place="line 1",
            account=room.team,
            text=APPEAL,
            published_at=NOW - dt.timedelta(days=1),
            import_key="x:1",
        )
    ]
    with django_assert_max_num_queries(1):
        assert link_imported_appeals(None, records=records, actor=None, now=NOW) == 0


def test_the_screen_finds_what_the_exact_test_finds():
    cases = [
        Case(name="Jamie Carter", reference="MIS/1234"),
        Case(name="Ava  Brown", reference=""),
        Case(name="Zoë Straße", reference="STRASSE/77"),
        Case(name="Prince", reference="A1"),  # one name and a short reference: never matched
    ]
    matcher = CaseMatcher(cases, policy_pack())
    appeal = "Have you seen {}? Missing from Dudley, call 101."
    assert matcher.cases_for(appeal.format("JAMIE\nCARTER")) == [cases[0]]
    assert matcher.cases_for(appeal.format("ava brown")) == [cases[1]]
    assert matcher.cases_for(appeal.format("the man in straße/77")) == [cases[2]]
    assert matcher.cases_for(appeal.format("Prince, ref A1")) == []
    assert matcher.cases_for("Jamie Carter scored twice on Saturday.") == []
    assert matcher.cases_for("") == []
