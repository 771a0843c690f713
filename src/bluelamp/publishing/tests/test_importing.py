"""Importing the platforms' own exports into the archive: every layout (the committed samples),
the real exports beside the repository (skipped when absent), all or nothing, a second run
imports nothing, one audit event with counts, and the command line."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.cli import main as cli_main
from bluelamp.core.errors import ConflictError, PermissionDeniedError
from bluelamp.core.roles import Role
from bluelamp.engine.exports import ExportError, read_export
from bluelamp.publishing import importing
from bluelamp.publishing.models import Post
from bluelamp.social_accounts.tests.factories import AccountFactory, ForceUserFactory

REPO = Path(__file__).resolve().parents[4]
SAMPLES = REPO / "src" / "bluelamp" / "engine" / "tests" / "data" / "exports"
SHARED = REPO.parent / "shared" / "fixtures" / "exports"
NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)
UTC = dt.UTC


@pytest.fixture
def accounts(db):
    owner = ForceUserFactory(username="owner", roles=[Role.STAFF])
    return {
        "x": AccountFactory(platform="x", handle="WMPDudley", owner=owner),
        "facebook": AccountFactory(platform="facebook", handle="WMPWalsall", owner=owner),
        "instagram": AccountFactory(platform="instagram", handle="wmpsolihull", owner=owner),
    }


@pytest.fixture
def ccd(db):
    return ForceUserFactory(username="ccd", roles=[Role.STAFF, Role.CCD])


def run(path, account, actor=None, **kw):
    return importing.archive_import_export(account=account, actor=actor, path=path, now=NOW, **kw)


@pytest.mark.parametrize(
    ("folder", "platform", "count"),
    [
        ("x-2022", "x", 8),
        ("x-2020", "x", 1),
        ("facebook-2023", "facebook", 3),
        ("facebook-2024", "facebook", 4),
        ("instagram-legacy", "instagram", 2),
        ("instagram-2024", "instagram", 2),
    ],
)
def test_every_layout_imports_once(accounts, ccd, folder, platform, count):
    account = accounts[platform]
    counts = run(SAMPLES / folder, account, ccd)
    assert (counts.read, counts.imported, counts.skipped) == (count, count, 0)
    assert Post.objects.filter(account=account, source="imported").count() == count
    again = run(SAMPLES / folder, account, ccd)
    assert (again.read, again.imported, again.skipped) == (count, 0, count)
    assert Post.objects.filter(account=account).count() == count
    events = AuditEvent.objects.filter(action="archive.imported").order_by("sequence")
    assert [e.after["imported"] for e in events] == [count, 0]
    assert events[0].actor == ccd and events[0].target_id == str(account.pk)


def test_x_posts_are_stored_with_ids_dates_relations_and_marks(accounts):
    run(SAMPLES / "x-2022", accounts["x"])
    posts = {p.platform_post_id: p for p in Post.objects.filter(account=accounts["x"])}
    road = posts["1520000000000000001"]
    assert road.text.startswith("Road closed on the A38 & the M5")
    assert road.published_at == dt.datetime(2022, 5, 1, 9, 0, tzinfo=UTC)
    assert road.state == "published" and road.source == "imported"
    assert road.platform_url == "https://x.com/WMPDudley/status/1520000000000000001"
    assert road.rules_version.startswith("wmp-cc01")
    assert road.checked_at == NOW
    deleted = posts["1520000000000000007"]
    assert deleted.state == "removed"
    assert deleted.deleted_on_platform_at == dt.datetime(2022, 5, 1, 15, 5, 9, tzinfo=UTC)
    assert posts["1520000000000000004"].repost_of == "@OtherForce"
    assert posts["1520000000000000005"].quote_of == "1519000000000000000"
    reply = posts["1520000000000000003"]
    assert reply.kind == "reply" and reply.reply_to == "1519999999999999999"
    photo = posts["1520000000000000002"]
    assert photo.imported_media[0]["alt_text"] == "Two officers beside a police car"
    assert photo.imported_media[-1]["gps"] == [52.3354, -2.0577]


def test_posts_are_checked_by_the_engine(accounts):
    run(SAMPLES / "x-2022", accounts["x"])
    appeal = Post.objects.get(platform_post_id="1520000000000000004")
    assert appeal.verdict and appeal.verdict != "pass"
    assert appeal.findings


def test_facebook_posts_without_ids_are_known_by_their_contents(accounts):
    run(SAMPLES / "facebook-2024", accounts["facebook"])
    posts = list(Post.objects.filter(account=accounts["facebook"]).order_by("published_at"))
    assert [p.platform_post_id for p in posts] == ["", "", "", ""]
    assert len({p.import_key for p in posts}) == 4
    assert posts[0].text.startswith("Café in Worcester")
    assert posts[1].text == "" and posts[1].verdict == "pass"


def test_a_truncated_export_imports_nothing_and_names_the_place(accounts, tmp_path):
    folder = tmp_path / "x"
    shutil.copytree(SAMPLES / "x-2022", folder)
    # A good first file, then a cut one: nothing at all is imported.
    deleted = folder / "data" / "deleted-tweets.js"
    deleted.write_text(deleted.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        run(folder, accounts["x"])
    assert caught.value.file.endswith("data/deleted-tweets.js")
    assert caught.value.place.startswith("line ")
    assert Post.objects.count() == 0
    assert not AuditEvent.objects.filter(action="archive.imported").exists()


def test_an_interrupted_import_runs_again_without_duplicates(accounts, monkeypatch):
    monkeypatch.setattr(importing, "BATCH", 3)
    calls = {"n": 0}
    real = importing._Inserter.insert

    def interrupted(self, records, verdicts):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # Ctrl+C after one batch was written
        return real(self, records, verdicts)

    monkeypatch.setattr(importing._Inserter, "insert", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run(SAMPLES / "x-2022", accounts["x"])
    assert Post.objects.count() == 0
    monkeypatch.setattr(importing._Inserter, "insert", real)
    assert run(SAMPLES / "x-2022", accounts["x"]).imported == 8
    assert run(SAMPLES / "x-2022", accounts["x"]).imported == 0
    assert Post.objects.count() == 8


def test_only_ccd_may_import_and_the_platform_must_match(accounts):
    staff = ForceUserFactory(username="staff", roles=[Role.STAFF])
    with pytest.raises(PermissionDeniedError):
        run(SAMPLES / "x-2022", accounts["x"], staff)
    with pytest.raises(ConflictError, match="x export"):
        run(SAMPLES / "x-2022", accounts["facebook"])
    assert Post.objects.count() == 0


def test_big_imports_check_on_several_processes(accounts, monkeypatch):
    monkeypatch.setattr(importing, "PARALLEL_FROM", 2)
    monkeypatch.setattr(importing, "PARALLEL_CHUNK", 2)
    counts = run(SAMPLES / "x-2022", accounts["x"], workers=2)
    alone = {p.platform_post_id: (p.verdict, p.findings) for p in Post.objects.all()}
    Post.objects.all().delete()
    run(SAMPLES / "x-2022", accounts["x"], workers=1)
    assert counts.imported == 8
    assert {p.platform_post_id: (p.verdict, p.findings) for p in Post.objects.all()} == alone


# The command line.


def test_archive_read_prints_one_json_line_per_item(capsys):
    assert cli_main(["archive", "read", str(SAMPLES / "x-2022"), "--jsonl"]) == 0
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 8
    assert set(lines[0]) >= {
        "platform",
        "platform_id",
        "created_at",
        "text",
        "reply_to",
        "repost_of",
        "quote_of",
        "deleted_at",
        "media",
    }
    assert "format x: 8 items, 8 posts with text, 1 deleted" in err
    assert "0 problems" in err


def test_archive_read_refuses_bad_input_with_the_place(tmp_path, capsys):
    bad = tmp_path / "your_posts_1.json"
    bad.write_text('[{"timestamp": 1}, {"timestamp": 2', encoding="utf-8")
    assert cli_main(["archive", "read", str(bad)]) == 2
    _out, err = capsys.readouterr()
    assert f"{bad}, line 1, column" in err and "cut short" in err
    assert "1 problems" in err


def test_archive_import_command(accounts, capsys):
    code = cli_main(["archive", "import", "--account", "x:@WMPDudley", str(SAMPLES / "x-2022")])
    assert code == 0
    out, _ = capsys.readouterr()
    assert "Imported 8 of 8 posts from the x export" in out
    assert cli_main(["archive", "import", "--account", "x:WMPDudley", str(SAMPLES / "x-2022")]) == 0
    assert "Imported 0 of 8" in capsys.readouterr().out
    assert cli_main(["archive", "import", "--account", "x:Nobody", str(SAMPLES / "x-2022")]) == 2
    assert "no x account @Nobody" in capsys.readouterr().err


def test_archive_import_command_refuses_a_cut_export(accounts, tmp_path, capsys):
    cut = tmp_path / "tweets.js"
    cut.write_text(
        (SAMPLES / "x-2022" / "data" / "tweets.js").read_text(encoding="utf-8")[:3000],
        encoding="utf-8",
    )
    assert cli_main(["archive", "import", "--account", "x:WMPDudley", str(cut)]) == 2
    err = capsys.readouterr().err
    assert str(cut) in err and "line " in err and "Nothing was imported" in err
    assert Post.objects.count() == 0


# The real exports beside the repository.

real = pytest.mark.skipif(not SHARED.exists(), reason="shared exports not beside the repo")


@real
@pytest.mark.parametrize(
    ("folder", "platform"),
    [
        ("x-archive-2026", "x"),
        ("x-archive-2020", "x"),
        ("facebook-your-posts", "facebook"),
        ("instagram-posts-legacy", "instagram"),
    ],
)
def test_every_real_export_imports_once(accounts, folder, platform):
    account = accounts[platform]
    items = list(read_export(SHARED / folder))
    counts = run(SHARED / folder, account)
    assert counts.imported == len(items)
    stored = Post.objects.filter(account=account)
    assert stored.count() == len(items)
    assert stored.filter(state="removed").count() == sum(1 for i in items if i.deleted_at)
    assert stored.exclude(repost_of="").count() == sum(1 for i in items if i.repost_of)
    if platform == "x":
        by_id = {i.platform_id: i for i in items}
        for post in stored:
            item = by_id[post.platform_post_id]
            assert post.published_at == item.created_at
            assert post.text == item.text
    assert run(SHARED / folder, account).imported == 0
    assert stored.count() == len(items)


# The page for Corporate Communications.


def upload(path: Path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(path.name, path.read_bytes())


def x_zip(tmp_path) -> Path:
    import zipfile

    target = tmp_path / "twitter-archive.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted((SAMPLES / "x-2022").rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(SAMPLES / "x-2022").as_posix())
    return target


def test_ccd_imports_an_export_on_the_page(client, accounts, ccd, tmp_path, monkeypatch):
    # The page queues the import as a job and shows it; a worker runs it (docs/jobs.md).
    from django.urls import reverse

    from bluelamp.jobs.testing import run_queue

    client.force_login(ccd)
    url = reverse("publishing:archive_import")
    page = client.get(url)
    assert page.status_code == 200 and "<title>Import an export" in page.text
    answer = client.post(url, {"account": accounts["x"].pk, "export": upload(x_zip(tmp_path))})
    assert answer.status_code == 302
    waiting = client.get(answer["Location"])
    assert "<title>Import waiting for a worker" in waiting.text
    assert Post.objects.filter(account=accounts["x"]).count() == 0
    run_queue(monkeypatch)
    done = client.get(answer["Location"])
    assert "<title>Import done" in done.text and "8 posts imported" in done.text
    assert Post.objects.filter(account=accounts["x"]).count() == 8
    (event,) = AuditEvent.objects.filter(action="archive.imported")
    assert event.actor == ccd and event.after["file"] == "twitter-archive.zip"
    again = client.post(url, {"account": accounts["x"].pk, "export": upload(x_zip(tmp_path))})
    run_queue(monkeypatch)
    again = client.get(again["Location"])
    assert "0 posts imported" in again.text and "8 already in the archive" in again.text


def test_the_page_names_the_place_of_a_bad_export_and_imports_nothing(
    client, accounts, ccd, tmp_path, monkeypatch
):
    from django.urls import reverse

    from bluelamp.jobs.models import Job
    from bluelamp.jobs.testing import run_queue

    client.force_login(ccd)
    cut = tmp_path / "your_posts_1.json"
    cut.write_text(
        (SAMPLES / "facebook-2023" / "posts" / "your_posts_1.json").read_text()[:300],
        encoding="utf-8",
    )
    url = reverse("publishing:archive_import")
    answer = client.post(url, {"account": accounts["facebook"].pk, "export": upload(cut)})
    assert answer.status_code == 302
    run_queue(monkeypatch)
    failed = client.get(answer["Location"])
    assert "<title>Import failed" in failed.text and "There is a problem" in failed.text
    assert "your_posts_1.json: line " in failed.text and "Nothing was imported" in failed.text
    # Trying again cannot mend a damaged export: one attempt, failed at once.
    assert Job.objects.get().attempts == 1
    wrong = client.post(url, {"account": accounts["x"].pk, "export": upload(cut)})
    assert wrong.status_code == 409 and "This is a facebook export" in wrong.text
    missing = client.post(url, {"account": ""})
    assert missing.status_code == 400 and "Choose the export file" in missing.text
    assert Post.objects.count() == 0


@pytest.mark.parametrize(
    "roles",
    [[Role.STAFF], [Role.STAFF, Role.LINE_MANAGER], [Role.INFOSEC], [Role.PSD], [Role.AUDITOR]],
)
def test_only_ccd_reaches_the_page(client, accounts, tmp_path, roles):
    from django.urls import reverse

    user = ForceUserFactory(username="someone", roles=roles)
    client.force_login(user)
    url = reverse("publishing:archive_import")
    assert client.get(url).status_code == 403
    answer = client.post(url, {"account": accounts["x"].pk, "export": upload(x_zip(tmp_path))})
    assert answer.status_code == 403
    assert Post.objects.count() == 0
    assert not AuditEvent.objects.filter(action="archive.imported").exists()
    assert client.get(reverse("publishing:archive_import_job", args=[1])).status_code == 403


def test_the_job_page_shows_import_jobs_only(client, ccd, db):
    from django.urls import reverse

    from bluelamp.jobs.services import job_enqueue

    other = job_enqueue(kind="retention")
    client.force_login(ccd)
    assert client.get(reverse("publishing:archive_import_job", args=[other.pk])).status_code == 404
    assert client.get(reverse("publishing:archive_import_job", args=[999])).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    from django.urls import reverse

    answer = client.get(reverse("publishing:archive_import"))
    assert answer.status_code == 302 and "/sign-in/" in answer["Location"]


def test_the_same_post_met_again_is_checked_once(accounts, monkeypatch):
    calls = []
    real = importing._check_one

    def counted(post, pack):
        calls.append(post.text)
        return real(post, pack)

    monkeypatch.setattr(importing, "_check_one", counted)
    account = accounts["x"]
    records = [
        importing.Record(
            place=f"line {n}",
            account=account,
            text="Thanks, we have passed this on." if n % 2 else f"Road closed at junction {n}.",
            published_at=NOW - dt.timedelta(days=1),
            platform_post_id=str(1000 + n),
            import_key=f"x:{1000 + n}",
        )
        for n in range(10)
    ]
    from django.db import transaction

    with transaction.atomic():
        counts = importing.import_records(records, now=NOW, workers=1)
    assert counts.imported == 10
    assert len(calls) == 6
    stored = Post.objects.filter(text="Thanks, we have passed this on.")
    assert stored.count() == 5 and len({p.verdict for p in stored}) == 1


def test_several_posts_per_insert_store_what_one_per_insert_stores(accounts, monkeypatch):
    """On SQLite a batch is written several posts to a statement (the full-text index is
    flushed once a statement): the rows and the word search must be what one post per
    statement gives."""
    from django.db import connection

    from bluelamp.publishing.search import post_fulltext

    if connection.vendor != "sqlite":
        pytest.skip("several posts to a statement is SQLite's way; PostgreSQL's driver batches")

    def stored():
        return sorted(
            (p.platform_post_id, p.text, p.verdict, p.findings, p.published_at, p.state)
            for p in Post.objects.all()
        )

    monkeypatch.setattr(importing, "_rows_per_statement", lambda connection, columns: 1)
    assert run(SAMPLES / "x-2022", accounts["x"]).imported == 8
    one_each = stored()
    words = Post.objects.first().text.split()[0]
    found_one_each = set(
        post_fulltext(Post.objects.all(), words).values_list("platform_post_id", flat=True)
    )
    Post.objects.all().delete()
    monkeypatch.setattr(importing, "_rows_per_statement", lambda connection, columns: 3)
    assert run(SAMPLES / "x-2022", accounts["x"]).imported == 8  # statements of 3, 3 and 2
    assert stored() == one_each
    found = set(post_fulltext(Post.objects.all(), words).values_list("platform_post_id", flat=True))
    assert found == found_one_each and found
