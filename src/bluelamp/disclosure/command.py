"""`bluelamp archive export`: the disclosure export from the server's command line, through the
same service as the page and the API (``services.disclosure_export``).

The operator of the server is trusted as the page trusts Corporate Communications (they hold
the database already); the audit event names them by their login on the machine, or
``--actor USERNAME`` names the person in the service, who must then be allowed to export.
Exit status 0 written, 2 refused (the field named, as the page and the API name it)."""

from __future__ import annotations

import getpass
import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from bluelamp.core.errors import ApplicationError, InvalidInputError

#: The command's option for each of the service's fields, so an error names what was typed.
OPTIONS = {
    "account": "--account",
    "search": "--search",
    "date_from": "--from",
    "date_to": "--to",
    "format": "--format",
}
EXIT_OK = 0
EXIT_USAGE = 2


def _fail(message: str) -> int:
    print(f"bluelamp archive export: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _problems(error: InvalidInputError) -> str:
    errors = error.fields.get("errors") or {}
    if not errors:
        return error.message
    return "; ".join(
        f"{OPTIONS.get(field, field)}: {message}"
        for field, messages in errors.items()
        for message in messages
    )


def export_command(
    *,
    account: str,
    search: str,
    date_from: str,
    date_to: str,
    format: str,
    output: str | None,
    actor_username: str | None,
    stdout: TextIO | None = None,
) -> int:
    from bluelamp.core.models import User
    from bluelamp.disclosure.services import disclosure_export

    actor = None
    if actor_username:
        actor = User.objects.filter(username=actor_username, is_active=True).first()
        if actor is None:
            return _fail(f"--actor: there is no active user {actor_username!r}")
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "unknown"
    try:
        export = disclosure_export(
            actor=actor,
            account=account or "",
            search=search or "",
            date_from=date_from or "",
            date_to=date_to or "",
            format=format or "",
            actor_text=f"command line ({who})",
        )
    except InvalidInputError as error:
        return _fail(_problems(error) + " Nothing was exported.")
    except ApplicationError as error:
        return _fail(error.message)
    if output and output != "-":
        target = Path(output)
        if target.parent and not target.parent.is_dir():
            return _fail(f"--output: the folder {str(target.parent)!r} does not exist")
        # Written beside the target and renamed at the end: an interrupted export leaves no
        # half file under the name asked for.
        handle, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=".export-")
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in export.chunks():
                    out.write(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8"))
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    else:
        out = stdout or sys.stdout
        binary = getattr(out, "buffer", None)
        for chunk in export.chunks():
            if isinstance(chunk, bytes):
                if binary is None:
                    return _fail("a PDF cannot be written to this output: give --output FILE")
                binary.write(chunk)
            else:
                out.write(chunk)
        out.flush()
    counts = export.header["summary"]["counts"]
    print(
        f"Exported {counts['posts']} posts ({counts['history_events']} history events, "
        f"{counts['versions']} versions) as {export.format.upper()}"
        + (f" to {output}" if output and output != "-" else ""),
        file=sys.stderr,
    )
    return EXIT_OK
