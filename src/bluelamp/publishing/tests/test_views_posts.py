"""The pages for writing and publishing posts, tried by every role: what each may see and do,
enforced on the server whatever the page showed; bad input gets a clear message and changes
nothing; the live check; images (refused non-images, blur, consent); the disclosure record;
publishing to a fake X over real HTTP, and removal."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from bluelamp.core.models import User
from bluelamp.core.roles import Role
from bluelamp.publishing.fakeplatforms import FakeX
from bluelamp.publishing.models import PlatformConnection, Post, PostImage, Removal
from bluelamp.publishing.services import compose, connections, delivery
from bluelamp.social_accounts.models import Account
from bluelamp.social_accounts.tests.factories import AccountFactory, ForceUserFactory

pytestmark = pytest.mark.django_db

ASTRONAUT = (
    Path(__file__).resolve().parents[2] / "engine" / "tests" / "data" / "images" / "astronaut.jpg"
)
CLEAN = "Thanks to everyone who came to the Dudley fun day today."
PHONE = "Call me on 07700 900123 about the lost dog."


@dataclass
class World:
    manager: User
    author: User
    member: User
    owner: User
    stranger: User
    other_manager: User
    ccd: User
    auditor: User
    psd: User
    infosec: User
    account: Account
    force_account: Account


@pytest.fixture(autouse=True)
def vault_keys(settings):
    settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode()]


@pytest.fixture
def world(db) -> World:
    manager = ForceUserFactory(username="manager", roles=[Role.STAFF, Role.LINE_MANAGER])
    other_manager = ForceUserFactory(username="manager2", roles=[Role.STAFF, Role.LINE_MANAGER])
    author = ForceUserFactory(username="jo", roles=[Role.STAFF], line_manager=manager)
    member = ForceUserFactory(username="amir", roles=[Role.STAFF], line_manager=manager)
    owner = ForceUserFactory(username="owner", roles=[Role.STAFF], line_manager=manager)
    stranger = ForceUserFactory(username="tom", roles=[Role.STAFF], line_manager=other_manager)
    ccd = ForceUserFactory(username="ccd", roles=[Role.STAFF, Role.CCD])
    account = AccountFactory(
        handle="WMPDudley", owner=owner, supervisor=manager, members=[author, member]
    )
    force_account = AccountFactory(handle="WMPolice", tier="force", owner=ccd)
    return World(
        manager=manager,
        author=author,
        member=member,
        owner=owner,
        stranger=stranger,
        other_manager=other_manager,
        ccd=ccd,
        auditor=ForceUserFactory(username="auditor", roles=[Role.AUDITOR]),
        psd=ForceUserFactory(username="psd", roles=[Role.PSD]),
        infosec=ForceUserFactory(username="infosec", roles=[Role.INFOSEC]),
        account=account,
        force_account=force_account,
    )


def as_user(client, user):
    client.force_login(user)
    return client


def draft(world, text=CLEAN, **kwargs) -> Post:
    return compose.post_create(actor=world.author, account=world.account, text=text, **kwargs)


def url(name, post=None, *args):
    if post is None:
        return reverse(f"publishing:{name}", args=args)
    return reverse(f"publishing:{name}", args=[post.public_id, *args])


def png(colour=(200, 30, 30), size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "image/png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def reload(post: Post) -> Post:
    return Post.objects.get(pk=post.pk)


# --- Who may see which page ---------------------------------------------------------------------

PEOPLE = (
    "author",
    "member",
    "owner",
    "stranger",
    "manager",
    "other_manager",
    "ccd",
    "auditor",
    "psd",
    "infosec",
)

# Expected status of each page for each person; anything not named answers 200.
PAGES = {
    # The auditor and PSD read every post (read-only); information security reads none.
    "list": ({"infosec": 403}, lambda p: url("post_list")),
    "new": ({"auditor": 403, "psd": 403, "infosec": 403}, lambda p: url("post_new")),
    "approvals": (
        {w: 403 for w in ("author", "member", "owner", "stranger", "auditor", "psd", "infosec")},
        lambda p: url("approval_list"),
    ),
    "detail": (
        {"stranger": 404, "other_manager": 404, "infosec": 403},
        lambda p: url("post_detail", p),
    ),
    "edit": (
        {
            "member": 403,
            "owner": 403,
            "manager": 403,
            "stranger": 404,
            "other_manager": 404,
            "auditor": 403,
            "psd": 403,
            "infosec": 403,
        },
        lambda p: url("post_edit", p),
    ),
}


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("page", list(PAGES))
def test_each_role_reaches_only_the_pages_it_may(client, world, page, who):
    post = draft(world)
    expected, path = PAGES[page]
    response = as_user(client, getattr(world, who)).get(path(post))
    assert response.status_code == expected.get(who, 200)


@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_line_manager_and_ccd_reach_the_approval_page(client, world, who):
    post = draft(world, second_opinion=True)
    compose.post_submit(post=post, actor=world.author)
    expected = {
        "manager": 200,
        "ccd": 200,
        "stranger": 403,
        "other_manager": 404,
    }.get(who, 403)
    response = as_user(client, getattr(world, who)).get(url("post_approve", post))
    assert response.status_code == expected


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    post = draft(world)
    for path in (url("post_list"), url("post_new"), url("post_detail", post)):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("core:login"))


def test_the_navigation_offers_posts_to_those_who_may_read_them(client, world):
    link = f'href="{url("post_list")}"'
    assert link in as_user(client, world.author).get("/").content.decode()
    assert link in as_user(client, world.ccd).get("/").content.decode()
    assert link in as_user(client, world.auditor).get("/").content.decode()
    assert link not in as_user(client, world.infosec).get("/").content.decode()


def test_the_auditor_reads_every_post_in_every_state_and_may_change_none(client, world):
    from bluelamp.publishing.models import Post

    before = list(Post.objects.values_list("pk", "state", "text").order_by("pk"))
    page = as_user(client, world.auditor).get(url("post_list")).content.decode()
    assert "Every post" in page
    assert url("post_new") not in page
    for post in Post.objects.all():
        assert str(post.public_id) in page
    held = as_user(client, world.auditor).get(url("post_list") + "?state=held").content.decode()
    for post in Post.objects.exclude(state="held"):
        assert str(post.public_id) not in held
    assert list(Post.objects.values_list("pk", "state", "text").order_by("pk")) == before


def test_ccd_may_list_every_post_and_staff_only_their_own(client, world):
    from bluelamp.publishing.models import Post

    ccd = as_user(client, world.ccd).get(url("post_list") + "?view=all").content.decode()
    assert "Every post" in ccd
    for post in Post.objects.all():
        assert str(post.public_id) in ccd
    staff = as_user(client, world.stranger).get(url("post_list") + "?view=all").content.decode()
    assert "Every post" not in staff and "Your posts" in staff
    for post in Post.objects.exclude(author=world.stranger):
        assert str(post.public_id) not in staff


# --- Writing ------------------------------------------------------------------------------------


def test_compose_offers_only_the_accounts_the_user_may_post_on(client, world):
    page = as_user(client, world.author).get(url("post_new")).content.decode()
    assert "@WMPDudley" in page
    assert "@WMPolice" not in page  # force accounts are CCD's (3.11)
    ccd_page = as_user(client, world.ccd).get(url("post_new")).content.decode()
    assert "@WMPolice" in ccd_page


def test_someone_on_no_roster_is_told_there_is_nothing_to_post_on(client, world):
    page = as_user(client, world.stranger).get(url("post_new")).content.decode()
    assert "not on the roster of any active account" in page


def test_saving_a_draft_creates_it_and_shows_the_post_page(client, world):
    response = as_user(client, world.author).post(
        url("post_new"),
        {"account": world.account.pk, "kind": "post", "text": PHONE, "action": "save"},
    )
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("post_detail", post)
    assert post.author == world.author and post.state == "draft" and post.verdict == "block"
    page = client.get(response["Location"]).content.decode()
    assert "<mark>" in page and "07700 900123" in page
    assert "Personal data of a private individual" in page
    assert "Fix the problems marked" in page


def test_compose_on_an_account_the_user_may_not_post_on_is_refused_and_nothing_saved(client, world):
    response = as_user(client, world.stranger).post(
        url("post_new"),
        {"account": world.account.pk, "kind": "post", "text": CLEAN, "action": "save"},
    )
    assert response.status_code in (200, 400)
    assert not Post.objects.exists()
    response = as_user(client, world.author).post(
        url("post_new"),
        {"account": world.force_account.pk, "kind": "post", "text": CLEAN, "action": "save"},
    )
    assert response.status_code == 400
    assert "Choose an account you may post on" in response.content.decode()
    assert not Post.objects.exists()


def test_empty_text_is_refused_with_a_message(client, world):
    response = as_user(client, world.author).post(
        url("post_new"),
        {"account": world.account.pk, "kind": "post", "text": "  ", "action": "save"},
    )
    assert response.status_code == 400
    assert "Enter the text of the post" in response.content.decode()
    assert not Post.objects.exists()


def test_the_check_button_shows_the_findings_without_saving(client, world):
    response = as_user(client, world.author).post(
        url("post_new"),
        {"account": world.account.pk, "kind": "post", "text": PHONE, "action": "check"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<mark>" in page and "personal-data" in page
    assert not Post.objects.exists()


def test_the_post_text_is_escaped_around_the_highlights(client, world):
    post = draft(world, text="<script>alert(1)</script> " + PHONE)
    page = as_user(client, world.author).get(url("post_detail", post)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_author_edits_a_draft_and_it_is_checked_again(client, world):
    post = draft(world, text=PHONE)
    response = as_user(client, world.author).post(
        url("post_edit", post), {"kind": "post", "text": CLEAN, "action": "save"}
    )
    assert response.status_code == 302
    post = reload(post)
    assert post.text == CLEAN and post.verdict == "pass"


def test_a_post_that_is_not_a_draft_cannot_be_edited(client, world):
    post = draft(world)
    compose.post_submit(post=post, actor=world.author)
    response = as_user(client, world.author).post(
        url("post_edit", post), {"kind": "post", "text": "Changed", "action": "save"}
    )
    assert response.status_code == 409
    assert reload(post).text == CLEAN


def test_a_colleague_on_the_roster_cannot_change_someone_elses_draft(client, world):
    post = draft(world)
    response = as_user(client, world.member).post(
        url("post_edit", post), {"kind": "post", "text": "Changed", "action": "save"}
    )
    assert response.status_code == 403
    assert reload(post).text == CLEAN


# --- The live check -----------------------------------------------------------------------------


def check(client, body, **extra):
    return client.post(
        url("post_check"), data=json.dumps(body), content_type="application/json", **extra
    )


def test_the_live_check_finds_a_phone_number(client, world):
    response = check(
        as_user(client, world.author), {"text": PHONE, "account": world.account.pk, "kind": "post"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "block"
    assert body["summary"].startswith("Fix the problems")
    (finding,) = body["findings"]
    assert finding["rule"] == "personal-data" and finding["severity"] == "block"
    assert PHONE[finding["start"] : finding["end"]] == "07700 900123"
    assert finding["excerpt"] == "07700 900123" and finding["clause"] == "4.12"


def test_the_live_check_refuses_an_account_the_user_may_not_post_on(client, world):
    response = check(
        as_user(client, world.stranger),
        {"text": PHONE, "account": world.account.pk, "kind": "post"},
    )
    assert response.status_code == 403
    assert "may not post" in response.json()["error"]
    response = check(as_user(client, world.auditor), {"text": PHONE, "account": world.account.pk})
    assert response.status_code == 403


@pytest.mark.parametrize(
    "body",
    [
        {"text": "", "account": 1},
        {"text": "   ", "account": 1},
        {"text": "Hello", "account": "not-a-number"},
        {"text": "Hello", "account": 1, "kind": "fax"},
        ["not", "an", "object"],
    ],
)
def test_the_live_check_answers_400_with_a_message_for_bad_input(client, world, body):
    if isinstance(body, dict) and body.get("account") == 1:
        body["account"] = world.account.pk
    response = check(as_user(client, world.author), body)
    assert response.status_code == 400
    assert response.json()["error"]


def test_the_live_check_answers_a_signed_out_script_with_403_json(client, world):
    response = check(client, {"text": PHONE, "account": world.account.pk})
    assert response.status_code == 403
    assert "sign in again" in response.json()["error"]


def test_the_live_check_refuses_what_is_not_json(client, world):
    response = as_user(client, world.author).post(
        url("post_check"), data="text=hello", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_the_live_check_needs_the_csrf_token(world):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.author)
    body = {"text": PHONE, "account": world.account.pk, "kind": "post"}
    assert check(strict, body).status_code == 403
    page = strict.get(url("post_new"))
    token = page.cookies["csrftoken"].value
    assert check(strict, body, HTTP_X_CSRFTOKEN=token).status_code == 200


def test_the_live_check_writes_nothing(client, world):
    from bluelamp.audit.models import AuditEvent

    client = as_user(client, world.author)
    before = AuditEvent.objects.count()
    response = check(client, {"text": PHONE, "account": world.account.pk})
    assert response.status_code == 200
    assert AuditEvent.objects.count() == before
    assert not Post.objects.exists()


def test_the_live_check_is_get_proof(client, world):
    assert as_user(client, world.author).get(url("post_check")).status_code == 405


# --- Images -------------------------------------------------------------------------------------


def add_image(client, post, data, name="photo.png", **fields):
    form = {"image": upload(name, data), "alt_text": "A red square", "force_owns": "yes"}
    form.update(fields)
    return client.post(url("post_image_add", post), form)


def test_a_file_that_is_not_an_image_is_refused_and_nothing_stored(client, world):
    post = draft(world)
    response = add_image(
        as_user(client, world.author), post, b"%PDF-1.4 not an image at all", name="notes.pdf"
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page and "not an image" in page.lower()
    assert not PostImage.objects.exists()


@pytest.mark.parametrize(
    "name,data",
    [
        ("notes.pdf", b"%PDF-1.4 not an image at all"),
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"0" * 40),
        ("ünïcode.jpg", b"\xff\xd8\xff\xe0garbage"),
    ],
)
def test_an_upload_error_shows_the_file_name_as_it_is(client, world, name, data):
    post = draft(world)
    page = add_image(as_user(client, world.author), post, data, name=name).content.decode()
    assert f"{name} is" in page
    assert f"{name[0].upper()}{name[1:]} is" not in page


def test_a_decompression_bomb_is_refused_with_its_size_and_nothing_stored(client, world):
    from bluelamp.engine.tests.bombs import bomb_png

    # 9400 × 9400 pixels in 257 KB: under the 8 MB upload limit, 265 MB once decoded.
    post = draft(world)
    response = add_image(as_user(client, world.author), post, bomb_png(), name="bomb.png")
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page
    assert "bomb.png is 9400×9400 pixels (88.4 megapixels), more than the limit of 40" in page
    assert not PostImage.objects.exists()


def test_an_image_is_added_with_its_metadata_removed_and_served_to_readers(client, world):
    post = draft(world)
    response = add_image(as_user(client, world.author), post, png())
    assert response.status_code == 302
    image = PostImage.objects.get()
    assert image.faces == [] and image.force_owns
    page = client.get(url("post_detail", post)).content.decode()
    assert url("post_image", post, image.public_id) in page
    served = client.get(url("post_image", post, image.public_id))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert (
        as_user(client, world.stranger).get(url("post_image", post, image.public_id)).status_code
        == 404
    )


def test_an_image_needs_a_description_and_an_ownership_answer(client, world):
    post = draft(world)
    response = add_image(as_user(client, world.author), post, png(), alt_text="", force_owns="no")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Describe the image" in page and "Say who owns the image" in page
    assert not PostImage.objects.exists()


def test_faces_are_blurred_in_one_action(client, world):
    post = draft(world)
    client = as_user(client, world.author)
    add_image(client, post, ASTRONAUT.read_bytes(), name="astronaut.jpg")
    image = PostImage.objects.get()
    assert len(image.faces) == 1
    page = client.get(url("post_detail", post)).content.decode()
    assert "Blur faces" in page and "media-faces" in page
    before = image.sha256
    response = client.post(url("post_image_blur", post, image.public_id))
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.faces_blurred and image.sha256 != before
    assert "media-faces" not in [f["rule"] for f in reload(post).findings]


def test_consent_is_recorded_with_a_note_and_refused_without_one(client, world):
    post = draft(world)
    client = as_user(client, world.author)
    add_image(client, post, ASTRONAUT.read_bytes(), name="astronaut.jpg")
    image = PostImage.objects.get()
    prefix = f"consent-{image.public_id.hex[:12]}"
    response = client.post(url("post_image_consent", post, image.public_id), {f"{prefix}-note": ""})
    assert response.status_code == 400
    assert "Say how consent was obtained" in response.content.decode()
    image.refresh_from_db()
    assert not image.consent_confirmed
    response = client.post(
        url("post_image_consent", post, image.public_id),
        {f"{prefix}-note": "She agreed in writing on 1 May."},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.consent_confirmed and image.consent_by == world.author


def test_only_the_author_changes_the_images(client, world):
    post = draft(world)
    add_image(as_user(client, world.author), post, png())
    image = PostImage.objects.get()
    for who, status in (("member", 403), ("auditor", 403), ("stranger", 404)):
        client = as_user(Client(), getattr(world, who))
        assert client.post(url("post_image_remove", post, image.public_id)).status_code == status
        assert add_image(client, post, png()).status_code == status
    image.refresh_from_db()
    assert image.removed_at is None and PostImage.objects.count() == 1


def test_the_author_takes_an_image_off(client, world):
    post = draft(world)
    client = as_user(client, world.author)
    add_image(client, post, png())
    image = PostImage.objects.get()
    assert client.post(url("post_image_remove", post, image.public_id)).status_code == 302
    image.refresh_from_db()
    assert image.removed_at is not None


# --- Sending it on ------------------------------------------------------------------------------


def test_a_blocked_post_cannot_be_sent_on(client, world):
    post = draft(world, text=PHONE)
    response = as_user(client, world.author).post(url("post_submit", post))
    assert response.status_code == 400
    assert "Fix the problems marked" in response.content.decode()
    assert reload(post).state == "draft"


def test_a_clean_post_is_ready_and_can_be_scheduled_on_submission(client, world):
    post = draft(world)
    client = as_user(client, world.author)
    response = client.post(
        url("post_submit", post),
        {"submit-day": "1", "submit-month": "1", "submit-year": "2099", "submit-time": "09:30"},
    )
    assert response.status_code == 302
    post = reload(post)
    assert post.state == "scheduled"
    assert post.scheduled_for.isoformat() == "2099-01-01T09:30:00+00:00"


def test_a_bad_date_is_refused_with_a_message(client, world):
    post = draft(world)
    response = as_user(client, world.author).post(
        url("post_submit", post),
        {"submit-day": "31", "submit-month": "2", "submit-year": "2099", "submit-time": "09:30"},
    )
    assert response.status_code == 400
    assert "The date to publish must be a real date" in response.content.decode()
    assert reload(post).state == "draft"


def test_a_post_about_an_incident_needs_the_disclosure_record(client, world):
    post = draft(world, text="We arrested a man in Dudley last night after a burglary.")
    client = as_user(client, world.author)
    page = client.get(url("post_detail", post)).content.decode()
    assert "Disclosure record" in page
    response = client.post(url("post_submit", post))
    assert response.status_code == 400
    assert "incident log or crime reference" in response.content.decode()
    response = client.post(url("post_record", post), {"oic_told": "on"})
    assert response.status_code == 400
    assert "Name the officer in the case" in response.content.decode()
    response = client.post(url("post_record", post), {"crime_ref": "20/12345/26"})
    assert response.status_code == 302
    assert reload(post).crime_ref == "20/12345/26"
    assert client.post(url("post_submit", post)).status_code == 302
    assert reload(post).state == "ready"


def test_the_author_withdraws_and_revises(client, world):
    post = draft(world)
    client = as_user(client, world.author)
    client.post(url("post_submit", post))
    assert reload(post).state == "ready"
    assert client.post(url("post_revise", post)).status_code == 302
    assert reload(post).state == "draft"
    response = client.post(url("post_withdraw", post), {"withdraw-reason": "Not needed now."})
    assert response.status_code == 302
    assert reload(post).state == "withdrawn"
    # A withdrawn post cannot be withdrawn again: the page says so and nothing changes.
    assert client.post(url("post_withdraw", post)).status_code == 409


def test_schedule_and_unschedule_a_ready_post(client, world):
    post = draft(world)
    client = as_user(client, world.author)
    client.post(url("post_submit", post))
    response = client.post(url("post_schedule", post), {"schedule-day": ""})
    assert response.status_code == 400
    assert "Enter the date to publish" in response.content.decode()
    response = client.post(
        url("post_schedule", post),
        {
            "schedule-day": "15",
            "schedule-month": "7",
            "schedule-year": "2099",
            "schedule-time": "14:05",
        },
    )
    assert response.status_code == 302
    post = reload(post)
    assert post.state == "scheduled"
    assert post.scheduled_for.isoformat() == "2099-07-15T13:05:00+00:00"  # BST
    assert client.post(url("post_unschedule", post)).status_code == 302
    assert reload(post).state == "ready"


@pytest.mark.parametrize("who", ["member", "auditor", "manager"])
def test_others_cannot_take_the_authors_steps(client, world, who):
    post = draft(world)
    client = as_user(client, getattr(world, who))
    for name in ("post_submit", "post_withdraw", "post_record", "post_publish"):
        assert client.post(url(name, post)).status_code == 403
    assert reload(post).state == "draft"


def test_someone_who_cannot_read_the_post_gets_404_for_every_step(client, world):
    post = draft(world)
    client = as_user(client, world.stranger)
    for name in ("post_submit", "post_withdraw", "post_record", "post_publish", "post_remove"):
        assert client.post(url(name, post)).status_code == 404
    assert reload(post).state == "draft"


def test_the_auditor_reads_the_post_with_no_buttons(client, world):
    post = draft(world, text=PHONE)
    page = as_user(client, world.auditor).get(url("post_detail", post)).content.decode()
    assert "07700 900123" in page
    for words in ("Send it on", "Change the text", "Add the image", "Publish now", "Withdraw"):
        assert words not in page


# --- Approval -----------------------------------------------------------------------------------


def sent_for_second_opinion(world) -> Post:
    post = draft(world, second_opinion=True)
    return compose.post_submit(post=post, actor=world.author)


def test_a_second_opinion_goes_to_the_line_manager_who_approves_with_a_note(client, world):
    client = as_user(client, world.author)
    response = client.post(
        url("post_new"),
        {
            "account": world.account.pk,
            "kind": "post",
            "text": CLEAN,
            "second_opinion": "on",
            "action": "save",
        },
    )
    post = Post.objects.get()
    assert post.second_opinion
    client.post(url("post_submit", post))
    assert reload(post).state == "awaiting_approval"

    manager = as_user(Client(), world.manager)
    queue = manager.get(url("approval_list")).content.decode()
    assert url("post_approve", post) in queue
    other = as_user(Client(), world.other_manager).get(url("approval_list")).content.decode()
    assert url("post_approve", post) not in other
    response = manager.post(
        url("post_approve", post), {"action": "approve", "approve-note": "Fine to go."}
    )
    assert response.status_code == 302
    assert reload(post).state == "ready"
    page = client.get(url("post_detail", post)).content.decode()
    assert "Fine to go." in page and world.manager.label in page and "Approved" in page


def test_no_one_approves_their_own_post(client, world):
    # Given a CCD member's live broadcast, which needs CCD's approval (4.20)
    post = compose.post_create(
        actor=world.ccd, account=world.account, text="Join our live Q&A at 7pm.", kind="live"
    )
    post = compose.post_submit(post=post, actor=world.ccd)
    assert post.state == "awaiting_approval" and post.approver_needed == "ccd"
    # When the author tries to approve it
    client = as_user(client, world.ccd)
    assert client.get(url("post_approve", post)).status_code == 403
    response = client.post(url("post_approve", post), {"action": "approve"})
    # Then it is refused and nothing changed
    assert response.status_code == 403
    assert reload(post).state == "awaiting_approval"
    assert not post.approvals.exists()
    assert url("post_approve", post) not in client.get(url("approval_list")).content.decode()


def test_returning_needs_a_reason_and_the_author_sees_it(client, world):
    post = sent_for_second_opinion(world)
    manager = as_user(Client(), world.manager)
    response = manager.post(url("post_approve", post), {"action": "return", "return-reason": ""})
    assert response.status_code == 400
    assert "Give the reason" in response.content.decode()
    assert reload(post).state == "awaiting_approval"
    response = manager.post(
        url("post_approve", post),
        {"action": "return", "return-reason": "Name the park, not the street."},
    )
    assert response.status_code == 302
    assert reload(post).state == "returned"
    page = as_user(client, world.author).get(url("post_detail", post)).content.decode()
    assert "Name the park, not the street." in page and "Returned by" in page
    assert "Take it back to draft" in page


def test_the_approver_edits_the_words_and_they_are_checked_again(client, world):
    post = sent_for_second_opinion(world)
    manager = as_user(client, world.manager)
    response = manager.post(
        url("post_approve", post), {"action": "edit", "edit-text": CLEAN + " See you next year!"}
    )
    assert response.status_code == 302
    post = reload(post)
    assert post.text.endswith("See you next year!") and post.state == "awaiting_author"
    assert post.approvals.get().decision == "edited"


def test_the_approval_page_of_a_decided_post_sends_the_approver_to_the_post(client, world):
    post = sent_for_second_opinion(world)
    manager = as_user(client, world.manager)
    manager.post(url("post_approve", post), {"action": "approve"})
    response = manager.get(url("post_approve", post))
    assert response.status_code == 302 and response["Location"] == url("post_detail", post)


# --- Publishing and removal ---------------------------------------------------------------------


@pytest.fixture
def fake_x(settings):
    fake = FakeX()
    fake.start()
    settings.BLUELAMP_X_API_BASE = fake.base_url
    yield fake
    fake.stop()


def ready_post(world) -> Post:
    post = draft(world)
    return compose.post_submit(post=post, actor=world.author)


def test_publish_now_puts_the_post_on_x_and_shows_its_address(client, world, fake_x):
    connections.connection_save(actor=world.owner, account=world.account, token="good-token")
    post = ready_post(world)
    client = as_user(client, world.author)
    response = client.post(url("post_publish", post))
    assert response.status_code == 302
    post = reload(post)
    assert post.state == "published" and post.platform_post_id and post.platform_url
    page = client.get(url("post_detail", post)).content.decode()
    assert "Published" in page and post.platform_url in page
    assert len(fake_x.calls("POST", "/2/tweets")) == 1


def test_a_refused_token_shows_the_platforms_words(client, world, fake_x):
    connections.connection_save(actor=world.owner, account=world.account, token="bad-token")
    post = ready_post(world)
    client = as_user(client, world.author)
    response = client.post(url("post_publish", post), follow=True)
    page = response.content.decode()
    assert "The platform did not publish the post" in page
    post = reload(post)
    assert post.state == "failed" and post.last_error
    assert not post.platform_post_id


def test_publishing_without_a_connection_says_so(client, world, fake_x):
    post = ready_post(world)
    response = as_user(client, world.author).post(url("post_publish", post), follow=True)
    assert "not connected for publishing" in response.content.decode()
    assert reload(post).state == "failed"


def test_a_draft_cannot_be_published_from_the_page(client, world, fake_x):
    connections.connection_save(actor=world.owner, account=world.account, token="good-token")
    post = draft(world)
    response = as_user(client, world.author).post(url("post_publish", post))
    assert response.status_code == 409
    assert reload(post).state == "draft"
    assert fake_x.calls("POST", "/2/tweets") == []


def published(world) -> Post:
    connections.connection_save(actor=world.owner, account=world.account, token="good-token")
    return delivery.post_publish(post=ready_post(world), actor=world.author)


def test_removal_deletes_the_post_on_x_and_records_it(client, world, fake_x):
    post = published(world)
    client = as_user(client, world.author)
    response = client.post(url("post_remove", post), {"remove-reason": ""})
    assert response.status_code == 400
    assert reload(post).state == "published"
    response = client.post(url("post_remove", post), {"remove-reason": "Wrong date."})
    assert response.status_code == 302
    post = reload(post)
    assert post.state == "removed"
    removal = Removal.objects.get()
    assert removal.outcome == "deleted" and removal.reason == "Wrong date."


def test_a_failed_removal_offers_to_record_removal_done_in_the_app(client, world, fake_x):
    post = published(world)
    fake_x.valid_tokens.clear()  # the platform now refuses the token
    client = as_user(client, world.author)
    response = client.post(url("post_remove", post), {"remove-reason": "Wrong date."}, follow=True)
    page = response.content.decode()
    assert "The platform did not delete the post" in page
    assert reload(post).state == "published"
    assert "Record the removal done in the app" in page
    response = client.post(
        url("post_removed_by_hand", post),
        {"byhand-reason": "Wrong date.", "byhand-detail": "Jo deleted it in the X app at 10:05."},
    )
    assert response.status_code == 302
    assert reload(post).state == "removed"
    assert Removal.objects.filter(outcome="done_by_hand").exists()


def test_only_the_author_owner_or_ccd_may_remove(client, world, fake_x):
    post = published(world)
    for who in ("member", "auditor", "manager"):
        response = as_user(Client(), getattr(world, who)).post(
            url("post_remove", post), {"remove-reason": "Because."}
        )
        assert response.status_code == 403
    assert reload(post).state == "published"
    assert not Removal.objects.exists()


# --- Connecting an account ----------------------------------------------------------------------


def test_the_owner_saves_a_token_which_is_never_shown_again(client, world):
    client = as_user(client, world.owner)
    path = url("account_connection", None, world.account.pk)
    page = client.get(path).content.decode()
    assert 'type="password"' in page and 'autocomplete="off"' in page
    response = client.post(path, {"token": "secret-token-123"})
    assert response.status_code == 302
    connection = PlatformConnection.objects.get(account=world.account)
    assert "secret-token-123" not in connection.token_encrypted
    assert connections.token_of(connection) == "secret-token-123"
    page = client.get(path).content.decode()
    assert "secret-token-123" not in page and "Working" in page


def test_a_refused_token_is_not_echoed_back(client, world):
    client = as_user(client, world.owner)
    response = client.post(
        url("account_connection", None, world.account.pk), {"token": "has a space"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "no spaces" in page and "has a space" not in page
    assert not PlatformConnection.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("auditor", 403), ("ccd", 200)])
def test_only_the_owner_or_ccd_connect_an_account(client, world, who, status):
    path = url("account_connection", None, world.account.pk)
    assert as_user(client, getattr(world, who)).get(path).status_code == status
    if status == 403:
        assert client.post(path, {"token": "good-token"}).status_code == 403
        assert not PlatformConnection.objects.exists()


def test_a_post_approved_after_its_time_is_held_for_a_person_to_decide(client, world):
    # Given a post sent for a second opinion, to go out an hour ago
    now = timezone.now()
    post = draft(world, second_opinion=True)
    post = compose.post_submit(
        post=post,
        actor=world.author,
        scheduled_for=now - dt.timedelta(hours=1),
        now=now - dt.timedelta(hours=2),
    )
    # When the line manager approves it now
    as_user(client, world.manager).post(url("post_approve", post), {"action": "approve"})
    # Then it is held, and the author is offered a new time or publishing it now
    assert reload(post).state == "held"
    page = as_user(Client(), world.author).get(url("post_detail", post)).content.decode()
    assert "Held:" in page and "after its scheduled time" in page
    assert "Publish now" in page and "Choose a time to publish it" in page


def test_the_list_shows_the_authors_posts_and_what_waits_for_the_manager(client, world):
    sent = sent_for_second_opinion(world)
    page = as_user(client, world.author).get(url("post_list")).content.decode()
    assert url("post_detail", sent) in page and "Awaiting approval" in page
    manager_page = as_user(Client(), world.manager).get(url("post_list")).content.decode()
    assert "1 post waiting for your approval" in manager_page
    assert url("post_detail", sent) not in manager_page  # not the manager's own post


def test_compose_can_start_with_an_account_chosen(client, world):
    page = as_user(client, world.author).get(url("post_new") + f"?account={world.account.pk}")
    assert f'<option value="{world.account.pk}" selected>' in page.content.decode()


def test_the_token_expiry_date_is_kept_and_a_bad_one_refused(client, world):
    client = as_user(client, world.ccd)
    path = url("account_connection", None, world.account.pk)
    response = client.post(
        path,
        {"token": "good-token", "expires-day": "30", "expires-month": "2", "expires-year": "2030"},
    )
    assert response.status_code == 400
    assert "Enter a real date" in response.content.decode()
    assert not PlatformConnection.objects.exists()
    response = client.post(
        path,
        {"token": "good-token", "expires-day": "1", "expires-month": "3", "expires-year": "2030"},
    )
    assert response.status_code == 302
    expires = PlatformConnection.objects.get().expires_at
    assert expires.isoformat() == "2030-03-01T23:59:00+00:00"
