"""Writing, routing and approving posts through the services: the rules route a post, four eyes
decide, and every refusal changes nothing."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import (
    InvalidInputError,
    InvalidTransitionError,
    PermissionDeniedError,
)
from bluelamp.engine.workflows import posts as flow
from bluelamp.incidents import services as incidents
from bluelamp.publishing import errors
from bluelamp.publishing.models import Approval, Post
from bluelamp.publishing.services import approvals, compose
from bluelamp.publishing.tests.people import NOW, newsroom

# A portrait in which the face detector finds one face (the engine's test images).
FACE = (
    Path(__file__).resolve().parents[2] / "engine" / "tests" / "data" / "images" / "astronaut.jpg"
)

CLEAN = "Join us at the Handsworth community event on Saturday from 10am."
PHONE = "Call Dave on 07700 900123 about the event."
ARREST = (
    "We arrested a 34-year-old man in Aston last night on suspicion of burglary. "
    "More at https://www.west-midlands.police.uk/news"
)
NAMED = (
    "John Smith was arrested in Aston last night on suspicion of burglary. "
    "More at https://www.west-midlands.police.uk/news"
)
APPEAL = (
    "Have you seen missing Amy Jones, 15, from Perry Barr? "
    "Details: https://www.west-midlands.police.uk/appeals/amy"
)


@pytest.fixture
def room(db):
    return newsroom()


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def draft(room, text=CLEAN, account=None, **kwargs) -> Post:
    return compose.post_create(
        actor=kwargs.pop("actor", room.author),
        account=account or room.team,
        text=text,
        now=NOW,
        **kwargs,
    )


# ------------------------------------------------------------------------------ who may post


def test_roster_member_and_owner_may_post_and_the_findings_are_kept(room):
    post = draft(room, PHONE, actor=room.colleague)
    assert post.state == flow.DRAFT
    assert post.verdict == "block"
    assert [f["rule"] for f in post.findings] == ["personal-data"]
    assert post.checked_at == NOW
    assert events("post.created") == 1


@pytest.mark.parametrize("who", ["outsider", "manager", "psd", "auditor"])
def test_people_off_the_roster_may_not_post(room, who):
    with pytest.raises(PermissionDeniedError):
        draft(room, actor=getattr(room, who))
    assert Post.objects.count() == 0


def test_only_ccd_posts_on_force_accounts(room):
    with pytest.raises(PermissionDeniedError, match=r"3\.11"):
        draft(room, account=room.force_account, actor=room.author)
    post = draft(room, account=room.force_account, actor=room.ccd)
    assert post.account == room.force_account


def test_an_empty_post_is_refused_with_the_field(room):
    with pytest.raises(InvalidInputError) as refused:
        draft(room, "   ")
    assert "text" in refused.value.fields["errors"]
    assert Post.objects.count() == 0


# ---------------------------------------------------------------------------------- routing


def test_a_block_cannot_go_further_until_fixed(room):
    post = draft(room, PHONE)
    with pytest.raises(errors.BlockedError, match="Personal data of a private individual"):
        compose.post_submit(post=post, actor=room.author, now=NOW)
    post.refresh_from_db()
    assert post.state == flow.DRAFT
    compose.post_update(post=post, actor=room.author, text=CLEAN, now=NOW)
    post = compose.post_submit(post=post, actor=room.author, now=NOW)
    assert post.state == flow.READY
    assert post.approver_needed == ""


def test_a_record_finding_needs_the_log_or_crime_reference_first(room):
    post = draft(room, ARREST)
    with pytest.raises(errors.RecordNeededError):
        compose.post_submit(post=post, actor=room.author, now=NOW)
    with pytest.raises(InvalidInputError, match="officer in the case"):
        compose.post_record(post=post, actor=room.author, oic_told=True, now=NOW)
    compose.post_record(post=post, actor=room.author, crime_ref="20/123456/26", now=NOW)
    post = compose.post_submit(post=post, actor=room.author, now=NOW)
    assert post.state == flow.READY
    assert post.crime_ref == "20/123456/26"
    assert post.investigation == "20/123456/26"
    assert events("post.record_given") == 1


def test_a_review_finding_goes_to_the_line_manager(room):
    post = draft(room, NAMED)
    compose.post_record(post=post, actor=room.author, incident_log_ref="LOG 123 30/11/26", now=NOW)
    post = compose.post_submit(post=post, actor=room.author, now=NOW)
    assert post.state == flow.AWAITING_APPROVAL
    assert post.approver_needed == flow.MANAGER


def test_an_appeal_from_an_npu_account_goes_to_ccd(room):
    post = draft(room, APPEAL, account=room.npu)
    compose.post_record(post=post, actor=room.author, incident_log_ref="LOG 9", now=NOW)
    post = compose.post_submit(post=post, actor=room.author, now=NOW)
    assert post.approver_needed == flow.CCD
    with pytest.raises(PermissionDeniedError, match="Corporate Communications"):
        approvals.approval_approve(post=post, actor=room.manager, now=NOW)
    post = approvals.approval_approve(post=post, actor=room.ccd, note="Strategy agreed", now=NOW)
    assert post.state == flow.READY


def test_a_live_broadcast_needs_ccd_and_the_approval_authorises_the_rule(room):
    post = draft(room, CLEAN, kind="live")
    assert [f["rule"] for f in post.findings] == ["live-broadcast"]
    post = compose.post_submit(post=post, actor=room.author, now=NOW)
    assert post.approver_needed == flow.CCD
    post = approvals.approval_approve(post=post, actor=room.ccd, now=NOW)
    assert post.authorisations == ["live-broadcast"]
    compose.ready_to_go(post, NOW)  # the approval counts when it goes out


def test_a_second_opinion_goes_to_the_line_manager(room):
    post = draft(room, CLEAN, second_opinion=True)
    post = compose.post_submit(post=post, actor=room.author, now=NOW)
    assert post.approver_needed == flow.MANAGER


def test_during_a_major_incident_every_post_goes_to_ccd(room):
    incidents.major_incident_declare(
        actor=room.ccd, title="Flooding", reason="Gold command", now=NOW - dt.timedelta(hours=1)
    )
    post = draft(room, CLEAN)
    assert post.verdict == "review"  # CCD's approval, not a block that can be sent on
    post = compose.post_submit(post=post, actor=room.author, now=NOW)
    assert post.approver_needed == flow.CCD
    post = approvals.approval_approve(post=post, actor=room.ccd2, now=NOW)
    assert "major-incident" in post.authorisations


# ------------------------------------------------------------------------------- four eyes


def test_no_one_approves_their_own_post(room):
    post = draft(room, CLEAN, actor=room.ccd, account=room.force_account, kind="live")
    post = compose.post_submit(post=post, actor=room.ccd, now=NOW)
    with pytest.raises(PermissionDeniedError, match="own post"):
        approvals.approval_approve(post=post, actor=room.ccd, now=NOW)
    assert Approval.objects.count() == 0
    approvals.approval_approve(post=post, actor=room.ccd2, now=NOW)


def test_an_approver_from_another_team_may_not_decide(room):
    post = compose.post_submit(
        post=draft(room, CLEAN, second_opinion=True), actor=room.author, now=NOW
    )
    with pytest.raises(PermissionDeniedError):
        approvals.approval_approve(post=post, actor=room.outsider, now=NOW)
    with pytest.raises(PermissionDeniedError):
        approvals.approval_approve(post=post, actor=room.colleague, now=NOW)
    post.refresh_from_db()
    assert post.state == flow.AWAITING_APPROVAL


def test_return_needs_a_reason_and_goes_back_to_the_author(room):
    post = compose.post_submit(
        post=draft(room, CLEAN, second_opinion=True), actor=room.author, now=NOW
    )
    with pytest.raises(InvalidInputError, match="why"):
        approvals.approval_return(post=post, actor=room.manager, reason=" ", now=NOW)
    post = approvals.approval_return(post=post, actor=room.manager, reason="Add the time", now=NOW)
    assert post.state == flow.RETURNED
    assert post.approvals.get().note == "Add the time"
    post = compose.post_revise(post=post, actor=room.author, now=NOW)
    assert post.state == flow.DRAFT


def test_the_approver_may_edit_and_the_post_is_checked_again(room):
    post = compose.post_submit(
        post=draft(room, CLEAN, second_opinion=True), actor=room.author, now=NOW
    )
    post = approvals.approval_edit(post=post, actor=room.manager, text=PHONE, now=NOW)
    assert post.verdict == "block"
    with pytest.raises(errors.BlockedError):
        approvals.approval_approve(post=post, actor=room.ccd, now=NOW)
    post = approvals.approval_edit(
        post=post, actor=room.manager, text=CLEAN + " All welcome.", now=NOW
    )
    post = approvals.post_change_accept(post=post, actor=room.author, now=NOW)
    post = approvals.approval_approve(post=post, actor=room.manager, note="Fine", now=NOW)
    assert post.state == flow.READY
    assert (post.version, post.approved_version) == (3, 3)
    assert events("post.edited_by_approver") == 2
    assert [a.decision for a in post.approvals.all()] == ["edited", "edited", "approved"]


def test_approved_after_its_time_is_held_not_published_late(room):
    when = NOW + dt.timedelta(hours=1)
    post = compose.post_submit(
        post=draft(room, CLEAN, second_opinion=True), actor=room.author, scheduled_for=when, now=NOW
    )
    later = NOW + dt.timedelta(hours=2)
    post = approvals.approval_approve(post=post, actor=room.manager, now=later)
    assert post.state == flow.HELD
    assert "after its scheduled time" in post.held_reason
    post = compose.post_schedule(
        post=post, actor=room.author, when=later + dt.timedelta(minutes=30), now=later
    )
    assert post.state == flow.SCHEDULED


def test_approved_before_its_time_is_scheduled(room):
    when = NOW + dt.timedelta(hours=3)
    post = compose.post_submit(
        post=draft(room, CLEAN, second_opinion=True), actor=room.author, scheduled_for=when, now=NOW
    )
    post = approvals.approval_approve(
        post=post, actor=room.manager, now=NOW + dt.timedelta(hours=1)
    )
    assert post.state == flow.SCHEDULED
    assert post.scheduled_for == when


def test_a_time_in_the_past_is_refused(room):
    post = draft(room, CLEAN)
    with pytest.raises(InvalidInputError, match="future"):
        compose.post_submit(
            post=post, actor=room.author, scheduled_for=NOW - dt.timedelta(minutes=1), now=NOW
        )
    post.refresh_from_db()
    assert post.state == flow.DRAFT


def test_a_closed_post_cannot_be_edited(room):
    post = compose.post_submit(post=draft(room, CLEAN), actor=room.author, now=NOW)
    with pytest.raises(InvalidTransitionError, match="back to draft"):
        compose.post_update(post=post, actor=room.author, text=PHONE, now=NOW)
    post.refresh_from_db()
    assert post.text == CLEAN


# ---------------------------------------------------------------------------------- images


def _jpeg_with_gps() -> bytes:
    image = Image.effect_noise((64, 48), 64).convert("RGB")  # detail for a blur to remove
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (52.0, 29.0, 0.0), 3: "W", 4: (1.0, 53.0, 0.0)})
    exif[0x8825] = gps
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def test_an_image_is_stored_only_without_its_metadata(room):
    post = draft(room, CLEAN)
    data = _jpeg_with_gps()
    image = compose.post_image_add(
        post=post,
        actor=room.author,
        data=data,
        name="scene.jpg",
        alt_text="A street",
        force_owns=True,
    )
    assert image.had_location is True
    stored = Image.open(io.BytesIO(bytes(image.data)))
    assert not stored.getexif()
    assert image.mime_type == "image/jpeg"
    assert events("post.image_added") == 1


def test_a_file_that_is_not_an_image_is_refused_and_nothing_stored(room):
    post = draft(room, CLEAN)
    with pytest.raises(InvalidInputError, match="not an image"):
        compose.post_image_add(
            post=post,
            actor=room.author,
            data=b"%PDF-1.4 not a picture",
            name="notes.pdf",
            alt_text="x",
            force_owns=True,
        )
    assert post.images.count() == 0


def test_ownership_must_be_stated(room):
    post = draft(room, CLEAN)
    with pytest.raises(InvalidInputError) as refused:
        compose.post_image_add(
            post=post, actor=room.author, data=_jpeg_with_gps(), alt_text="A street"
        )
    assert "force_owns" in refused.value.fields["errors"]
    with pytest.raises(InvalidInputError) as refused:
        compose.post_image_add(
            post=post,
            actor=room.author,
            data=_jpeg_with_gps(),
            alt_text="A street",
            force_owns=False,
        )
    assert "ownership_note" in refused.value.fields["errors"]


def test_faces_hold_the_post_until_blurred_or_consented(room):
    post = draft(room, CLEAN)
    image = compose.post_image_add(
        post=post, actor=room.author, data=FACE.read_bytes(), alt_text="Crowd", force_owns=True
    )
    post.refresh_from_db()
    assert [f["rule"] for f in post.findings] == ["media-faces"]
    with pytest.raises(errors.FacesUnsettledError):
        compose.post_submit(post=post, actor=room.author, now=NOW)
    before = bytes(image.data)
    image = compose.post_image_blur(post=post, actor=room.author, image_id=image.public_id, now=NOW)
    assert bytes(image.data) != before
    post.refresh_from_db()
    assert post.findings == []
    assert compose.post_submit(post=post, actor=room.author, now=NOW).state == flow.READY


def test_consent_is_recorded_with_who_and_when(room):
    post = draft(room, CLEAN)
    image = compose.post_image_add(
        post=post, actor=room.author, data=FACE.read_bytes(), alt_text="PCSO", force_owns=True
    )
    with pytest.raises(InvalidInputError, match="consent"):
        compose.post_image_consent(
            post=post, actor=room.author, image_id=image.public_id, note="", now=NOW
        )
    image = compose.post_image_consent(
        post=post, actor=room.author, image_id=image.public_id, note="PCSO Ali agreed", now=NOW
    )
    assert (image.consent_by, image.consent_at) == (room.author, NOW)
    post.refresh_from_db()
    assert post.findings == []


# --------------------------------------------------------------------------- who is told


def test_the_approver_and_then_the_author_are_told_by_email(
    room, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        post = compose.post_submit(
            post=draft(room, CLEAN, second_opinion=True), actor=room.author, now=NOW
        )
    assert [m.to for m in mail.outbox] == [[room.manager.email]]
    assert "needs your approval" in mail.outbox[0].subject
    assert CLEAN not in mail.outbox[0].body  # no copy of the post outside the archive
    with django_capture_on_commit_callbacks(execute=True):
        approvals.approval_return(post=post, actor=room.manager, reason="Add the time", now=NOW)
    assert mail.outbox[-1].to == [room.author.email]
    assert "returned" in mail.outbox[-1].subject and "Add the time" in mail.outbox[-1].body


def test_a_post_for_ccd_goes_to_the_ccd_mailbox(room, django_capture_on_commit_callbacks):
    from django.core import mail

    from bluelamp.core.policy import policy_pack

    post = draft(room, CLEAN, kind="live")
    with django_capture_on_commit_callbacks(execute=True):
        compose.post_submit(post=post, actor=room.author, now=NOW)
    assert mail.outbox[-1].to == [policy_pack().ccd_mailbox]


def test_ccd_sees_every_held_post_and_staff_do_not(room, client):
    post = compose.post_submit(
        post=draft(room, CLEAN),
        actor=room.author,
        scheduled_for=NOW + dt.timedelta(hours=2),
        now=NOW,
    )
    incidents.major_incident_declare(actor=room.ccd, title="Flood", reason="Gold", now=NOW)
    client.force_login(room.ccd)
    html = client.get("/posts/").content.decode()
    assert "Held posts on every account" in html and str(post.public_id) in html
    client.force_login(room.colleague)
    assert "Held posts on every account" not in client.get("/posts/").content.decode()


def test_an_instagram_post_needs_exactly_one_picture(room):
    from bluelamp.social_accounts.tests.factories import AccountFactory

    insta = AccountFactory(platform="instagram", handle="wmp_insta_pic", owner=room.author)
    post = draft(room, CLEAN, account=insta)
    with pytest.raises(InvalidInputError, match="add an image"):
        compose.post_submit(post=post, actor=room.author, now=NOW)
    post.refresh_from_db()
    assert post.state == flow.DRAFT
