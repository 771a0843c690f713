"""The self-check's actions: running it on an upload, and saving or deleting a report.

Privacy (CC/01 6.1: a person's own social media is theirs): a run stores nothing. The upload is
read from memory or a temporary folder that is removed before the answer is sent; the report
goes back to the person in the answer and nowhere else. To save it, the page sends back the
report signed for that person (``save_token``), so nothing waits on the server meanwhile.

These services write no audit event, not even for saving or deleting: an event would tell
auditors that the person ran a self-check, which the policy's promise of privacy rules out.
What is saved is the owner's alone (``selectors``) and deleting it removes it completely."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from django.core import signing
from django.db import transaction

from bluelamp.core import validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import (
    FieldErrors,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from bluelamp.core.policy import policy_pack
from bluelamp.selfcheck import checking, permissions
from bluelamp.selfcheck.errors import UnreadableUploadError
from bluelamp.selfcheck.models import SavedSelfCheck
from bluelamp.selfcheck.reading import ReadError, read_posts

#: How long a report may wait on the page before it can no longer be saved.
SAVE_WITHIN = dt.timedelta(hours=12)
MAX_UPLOAD = 500 * 1024 * 1024


def _salt(user: Any) -> str:
    return f"bluelamp.selfcheck.save:{user.pk}"


def _safe_name(name: str) -> str:
    base = Path(str(name or "").replace("\\", "/")).name.strip()
    return base[:120] or "upload"


def self_check_run(*, actor: Any, upload: Any, workers: int | None = None) -> dict:
    """Check every post in ``upload`` (a Django UploadedFile) with the ``personal`` tier rules;
    returns the report with a ``save_token``. Stores nothing."""
    if not permissions.can_run(actor):
        raise PermissionDeniedError("Sign in to check your posts.")
    if upload is None:
        raise InvalidInputError(errors={"file": ["Select your export or file of posts"]})
    if upload.size > MAX_UPLOAD:
        raise InvalidInputError(errors={"file": ["The file must be smaller than 500 MB"]})
    name = _safe_name(upload.name)
    with tempfile.TemporaryDirectory(prefix="bluelamp-selfcheck-") as folder:
        path = Path(folder) / name
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            report = checking.check_posts(
                read_posts(path, name=name), policy_pack(), source=name, workers=workers
            )
        except ReadError as exc:
            where = f"{exc.file}, {exc.place}" if exc.place else exc.file
            raise UnreadableUploadError(errors={"file": [f"{where}: {exc.message}"]}) from None
    data = report.as_dict()
    data["save_token"] = signing.dumps(data, salt=_salt(actor), compress=True)
    return data


def saved_check_save(
    *, actor: Any, save_token: str, title: str = "", now: dt.datetime | None = None
) -> SavedSelfCheck:
    """Keep a report the person was shown (only they can open it; deleting is theirs)."""
    now = aware_now(now)
    if not permissions.can_run(actor):
        raise PermissionDeniedError("Sign in to save your self-check.")
    errors = FieldErrors()
    title = validation.text(errors, "title", title, required=None, max_length=150, multiline=False)
    errors.raise_if_any()
    try:
        report = signing.loads(save_token, salt=_salt(actor), max_age=SAVE_WITHIN.total_seconds())
    except signing.SignatureExpired:
        raise InvalidInputError(
            "This report is too old to save: run the check again.",
            errors={"save_token": ["This report is too old to save: run the check again"]},
        ) from None
    except signing.BadSignature:
        raise InvalidInputError(
            "This report cannot be saved: run the check again.",
            errors={"save_token": ["This report cannot be saved: run the check again"]},
        ) from None
    report.pop("save_token", None)
    local = now.strftime("%d %B %Y %H:%M")
    with transaction.atomic():
        return SavedSelfCheck.objects.create(
            owner=actor,
            title=title or f"{report.get('source') or 'Self-check'}, {local}",
            saved_at=now,
            report=report,
        )


def saved_check_delete(*, saved_check: SavedSelfCheck, actor: Any) -> None:
    """Delete a saved report for good (its owner only; anyone else is told it does not exist)."""
    if not permissions.owns(actor, saved_check):
        raise NotFoundError()
    with transaction.atomic():
        SavedSelfCheck.objects.filter(pk=saved_check.pk, owner=actor).delete()
