"""Adding and importing candidates: scored, audited, all-or-nothing; the review to closure."""

from __future__ import annotations

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidInputError, PermissionDeniedError
from bluelamp.core.roles import Role
from bluelamp.spoofs import services
from bluelamp.spoofs.errors import AlreadyListedError, ImportRejectedError
from bluelamp.spoofs.models import Candidate
from bluelamp.spoofs.tests.conftest import NOW

pytestmark = pytest.mark.django_db

GOOD = "platform,handle,display_name\nx,WMPolice_,West Midlands Police\nx,wmp_dudley1,WMP Dudley\n"


def test_a_candidate_added_by_hand_is_scored_against_the_registry_and_audited(people, registry):
    ccd = people[Role.CCD]
    candidate = services.candidate_add(
        actor=ccd, platform="x", handle="@WMPolice_", display_name="West Midlands Police", now=NOW
    )
    assert candidate.handle == "WMPolice_"
    assert candidate.score >= 70
    assert candidate.closest_account == registry[0]
    event = AuditEvent.objects.get(action="spoof.added")
    assert event.after["handle"] == "WMPolice_"


def test_a_registered_account_or_one_already_listed_is_refused(people, registry):
    ccd = people[Role.CCD]
    with pytest.raises(AlreadyListedError, match="registered"):
        services.candidate_add(actor=ccd, platform="x", handle="wmpolice", now=NOW)
    services.candidate_add(actor=ccd, platform="x", handle="WMPolice_", now=NOW)
    with pytest.raises(AlreadyListedError, match="already listed"):
        services.candidate_add(actor=ccd, platform="x", handle="wmpolice_", now=NOW)
    assert Candidate.objects.count() == 1


def test_bad_input_names_the_fields(people):
    with pytest.raises(InvalidInputError) as caught:
        services.candidate_add(actor=people[Role.CCD], platform="", handle="", url="x", now=NOW)
    assert set(caught.value.fields["errors"]) == {"platform", "url"}


def test_a_list_is_imported_whole_and_audited_once(people, registry):
    saved = services.candidate_import(actor=people[Role.CCD], data=GOOD, now=NOW)
    assert [c.handle for c in saved] == ["WMPolice_", "wmp_dudley1"]
    assert all(c.score > 0 for c in saved)
    assert AuditEvent.objects.get(action="spoof.imported").after["count"] == 2


def test_a_list_with_one_bad_line_imports_nothing_and_names_the_line(people, registry):
    with pytest.raises(ImportRejectedError) as caught:
        services.candidate_import(
            actor=people[Role.CCD], data=GOOD + "x,WMPolice,the real one\nx,bad handle!,\n", now=NOW
        )
    assert [(p["line"], p["column"]) for p in caught.value.fields["problems"]] == [(5, "handle")]
    assert Candidate.objects.count() == 0


def test_a_list_naming_a_registered_account_imports_nothing(people, registry):
    with pytest.raises(ImportRejectedError) as caught:
        services.candidate_import(
            actor=people[Role.CCD], data=GOOD + "x,WMPolice,the real one\n", now=NOW
        )
    assert caught.value.fields["problems"][0]["line"] == 4
    assert Candidate.objects.count() == 0
    assert not AuditEvent.objects.filter(action="spoof.imported").exists()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.CCD])
def test_only_ccd_adds_or_imports(people, role):
    with pytest.raises(PermissionDeniedError):
        services.candidate_add(actor=people[role], platform="x", handle="abc", now=NOW)
    with pytest.raises(PermissionDeniedError):
        services.candidate_import(actor=people[role], data=GOOD, now=NOW)
    assert Candidate.objects.count() == 0


def test_a_spoof_from_review_to_takedown_to_outcome(people, registry):
    ccd = people[Role.CCD]
    c = services.candidate_add(actor=ccd, platform="x", handle="WMPolice_", now=NOW)
    c = services.candidate_mark_spoof(candidate=c, actor=ccd, reason="Crest as avatar", now=NOW)
    c = services.candidate_request_takedown(candidate=c, actor=ccd, reference="X-123", now=NOW)
    assert "help.x.com/forms/impersonation" in c.takedown_text
    assert "@WMPolice" in c.takedown_text  # the genuine account is named
    with pytest.raises(InvalidInputError):
        services.candidate_record_outcome(
            candidate=c, actor=ccd, outcome="brought_under_registry", now=NOW
        )
    c = services.candidate_record_outcome(candidate=c, actor=ccd, outcome="taken_down", now=NOW)
    assert c.status == "closed" and c.closed_at == NOW
    assert list(
        AuditEvent.objects.filter(target_type="spoofs.candidate")
        .exclude(action="spoof.added")
        .values_list("action", flat=True)
        .order_by("pk")
    ) == ["spoof.marked_spoof", "spoof.takedown_requested", "spoof.outcome_recorded"]
