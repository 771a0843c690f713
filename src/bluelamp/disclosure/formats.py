"""The export's three formats, as pure functions of its header and its post records (the plain
data of ``selectors.post_record``): no database, no clock, no request.

- ``csv_rows``: one row per item, long form: each post's own row, then a row for each of its
  findings, versions, approvals, removals, corrections, removal requests, review decisions,
  appeal cases and audit events, all under the same fixed columns (``CSV_COLUMNS``). The
  header's facts come first as ``#`` rows. A cell a spreadsheet would run as a formula gets a
  leading single quote.
- ``json_chunks``: one JSON document, ``{"export": header, "posts": [...]}``, written a post
  at a time.
- ``pdf_bytes``: a cover page stating the filters, counts, time and rule-set versions, then
  every post with its history, in DejaVu Sans (``core.pdf``'s embedded Unicode font).

The CSV and JSON generators hold one post at a time, whatever the number of posts."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any

from fpdf import FPDF

from bluelamp.core.pdf import FONT, FONT_FILE, FONT_SIZE, LEADING, MARGIN

# ----------------------------------------------------------------------------------- CSV

CSV_COLUMNS = (
    "Bluelamp post ID",
    "Account",
    "Record",
    "Number",
    "When (UTC)",
    "Who",
    "State or outcome",
    "Text",
    "Details",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def csv_cell(value: Any) -> str:
    """``value`` as a cell a spreadsheet will not run: text starting with = + - @ (or a tab,
    carriage return, pipe or percent sign, which some spreadsheets also read as a formula or
    a command) gets a leading single quote, as OWASP advises. Other values are plain text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _details(*pairs: tuple[str, Any]) -> str:
    shown = []
    for name, value in pairs:
        if value in (None, "", [], {}):
            continue
        if isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        shown.append(f"{name}: {value}")
    return "; ".join(shown)


def _post_rows(post: dict[str, Any]) -> Iterator[list[Any]]:
    account = f"{post['account']['platform']}:{post['account']['handle']}"

    def row(record: str, number: Any, when: Any, who: Any, state: Any, text: Any, details: str):
        return [post["bluelamp_id"], account, record, number, when, who, state, text, details]

    check, record = post["check"], post["disclosure_record"]
    yield row(
        "post",
        "",
        post["published_at"],
        post["author"],
        f"{post['state']} ({post['source']})",
        post["text"],
        _details(
            ("kind", post["kind"]),
            ("created", post["created_at"]),
            ("removed", post["removed_at"]),
            ("deleted on the platform", post["deleted_on_platform_at"]),
            ("platform post id", post["platform_post_id"]),
            ("platform url", post["platform_url"]),
            ("reply to", post["reply_to"]),
            ("repost of", post["repost_of"]),
            ("quote of", post["quote_of"]),
            ("verdict", check["verdict"]),
            ("checked", check["checked_at"]),
            ("rule set", check["rules_version"]),
            ("crime reference", record["crime_ref"]),
            ("incident log reference", record["incident_log_ref"]),
            ("officer in the case told", record["oic_told"] or None),
            ("officer in the case", record["oic_name"]),
            ("recorded by", record["recorded_by"]),
            ("recorded", record["recorded_at"]),
            ("images", len(post["images"]) or None),
            ("imported media", len(post["imported_media"]) or None),
        ),
    )
    for n, f in enumerate(check["findings"], 1):
        yield row(
            "finding",
            n,
            check["checked_at"],
            "",
            f["severity"],
            f["excerpt"],
            _details(("rule", f["rule"]), ("clause", f["clause"]), ("message", f["message"])),
        )
    for n, image in enumerate(post["images"], 1):
        yield row(
            "image",
            n,
            image["removed_at"],
            "",
            "taken off" if image["removed_at"] else "on the post",
            image["alt_text"],
            _details(
                ("type", image["mime_type"]),
                ("sha256", image["sha256"]),
                ("location stripped", image["had_location"]),
            ),
        )
    for n, media in enumerate(post["imported_media"], 1):
        yield row(
            "imported media",
            n,
            "",
            "",
            media["kind"],
            media["alt_text"],
            _details(("file", media["path"]), ("had a location", media["had_location"])),
        )
    for v in post["versions"]:
        yield row(
            "version",
            v["number"],
            v["made_at"],
            v["made_by"],
            v["source"],
            v["text"],
            _details(("accepted by", v["accepted_by"]), ("accepted", v["accepted_at"])),
        )
    for n, a in enumerate(post["approvals"], 1):
        yield row(
            "approval",
            n,
            a["decided_at"],
            a["approver"],
            a["decision"],
            a["note"],
            _details(
                ("as", a["as_role"]),
                ("version", a["version"]),
                ("rules seen", a["rules_seen"]),
                ("authorised", a["authorised"]),
            ),
        )
    for n, r in enumerate(post["removals"], 1):
        yield row(
            "removal",
            n,
            r["at"],
            r["requested_by"],
            r["outcome"],
            r["reason"],
            _details(("detail", r["detail"]), ("by hand", r["by_hand_needed"] or None)),
        )
    for n, c in enumerate(post["corrections"], 1):
        yield row(
            "correction",
            n,
            c["at"],
            c["requested_by"],
            c["outcome"],
            c["new_text"],
            _details(("reason", c["reason"]), ("words before", c["old_text"])),
        )
    for n, d in enumerate(post["removal_requests"], 1):
        yield row(
            "removal request",
            n,
            d["decided_at"],
            "",
            d["outcome"],
            "",
            _details(
                ("request", d["reference"]),
                ("right", d["right"]),
                ("request status", d["request_status"]),
                ("task carried out", d["task_carried_out_at"]),
            ),
        )
    for n, item in enumerate(post["reviews"], 1):
        yield row(
            "review",
            n,
            item["decided_at"],
            item["decided_by"],
            item["decision"] or "not decided",
            item["note"],
            _details(("month", item["month"])),
        )
    for n, case in enumerate(post["appeal_cases"], 1):
        yield row(
            "appeal case",
            n,
            case["resolved_at"],
            "",
            case["status"],
            case["case"],
            _details(
                ("removal due", case["removal_due_at"]),
                ("removal done", case["removal_done_at"]),
            ),
        )
    for event in post["history"]:
        yield row(
            "history",
            event["sequence"],
            event["at"],
            event["actor"],
            event["action"],
            event["label"],
            _details(("before", event["before"]), ("after", event["after"])),
        )


def header_lines(header: dict[str, Any]) -> list[str]:
    """The header's facts as lines of text (the CSV's first rows and the PDF's cover)."""
    filters, summary = header["filters"], header["summary"]
    counts = summary["counts"]
    lines = [
        f"Generated: {header['generated_at']} (UTC) by {header['generated_by']}, "
        f"from {header['service']}",
        f"Account: {filters['account'] or 'any account'}",
        f"Search words: {filters['search'] or 'none'}",
        f"Published from {filters['date_from']} to {filters['date_to']} "
        "(whole days, UK time, both included)",
        "Counts: " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items()),
        "Verdicts: "
        + (", ".join(f"{n} {verdict}" for verdict, n in summary["verdicts"].items()) or "none"),
        "Rule sets of the stored findings: "
        + ("; ".join(summary["rules_versions"]) or "none recorded"),
    ]
    if summary["posts_without_rules_version"]:
        lines.append(
            f"Posts checked when they were written, rule set not recorded: "
            f"{summary['posts_without_rules_version']}"
        )
    lines.append(f"Rule set in use now: {header['current_rules_version']}")
    lines.append(f"Messages: {header['messages']}")
    return lines


def csv_rows(header: dict[str, Any], posts: Iterable[dict[str, Any]]) -> Iterator[list[str]]:
    """The header's facts as ``#`` rows, the column names, then every post's rows."""
    yield [csv_cell("# " + header["title"])]
    for line in header_lines(header):
        yield [csv_cell("# " + line)]
    yield list(CSV_COLUMNS)
    for post in posts:
        for row in _post_rows(post):
            yield [csv_cell(value) for value in row]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(header: dict[str, Any], posts: Iterable[dict[str, Any]]) -> Iterator[str]:
    """``csv_rows`` as text, a line at a time (with the UTF-8 mark a spreadsheet needs to read
    accented letters right)."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in csv_rows(header, posts):
        yield writer.writerow(row)


# ---------------------------------------------------------------------------------- JSON


def json_chunks(header: dict[str, Any], posts: Iterable[dict[str, Any]]) -> Iterator[str]:
    """``{"export": header, "posts": [post, ...]}``, a post at a time."""
    yield '{"export": ' + json.dumps(header, ensure_ascii=False, sort_keys=True) + ', "posts": ['
    for number, post in enumerate(posts):
        yield ("," if number else "") + "\n" + json.dumps(post, ensure_ascii=False)
    yield "\n]}\n"


# ----------------------------------------------------------------------------------- PDF


def _post_text(number: int, post: dict[str, Any]) -> str:
    check, record = post["check"], post["disclosure_record"]
    account = post["account"]
    lines = [
        f"{number}. @{account['handle']} ({account['platform']}), published "
        f"{post['published_at'] or 'unknown'}",
        f"Author: {post['author']}. State: {post['state']} ({post['source']}). "
        f"Kind: {post['kind']}.",
        f"Bluelamp ID: {post['bluelamp_id']}",
    ]
    for label, key in (
        ("Platform post ID", "platform_post_id"),
        ("Platform URL", "platform_url"),
        ("Reply to", "reply_to"),
        ("Repost of", "repost_of"),
        ("Quote of", "quote_of"),
        ("Removed", "removed_at"),
        ("Deleted on the platform", "deleted_on_platform_at"),
    ):
        if post[key]:
            lines.append(f"{label}: {post[key]}")
    if record["crime_ref"] or record["incident_log_ref"] or record["oic_told"]:
        lines.append(
            "Disclosure record: "
            + _details(
                ("crime reference", record["crime_ref"]),
                ("incident log", record["incident_log_ref"]),
                ("officer in the case told", record["oic_told"] or None),
                ("officer in the case", record["oic_name"]),
                ("recorded by", record["recorded_by"]),
                ("at", record["recorded_at"]),
            )
        )
    lines += ["Text:", post["text"] or "(no text)", ""]
    lines.append(
        f"Check: {check['verdict'] or 'not checked'}"
        + (f", {check['checked_at']}" if check["checked_at"] else "")
        + (f"; rule set {check['rules_version']}" if check["rules_version"] else "")
    )
    for f in check["findings"]:
        lines.append(
            f"  - {f['severity']} {f['rule']} ({f['clause']}): {f['message']}"
            + (f' Words: "{f["excerpt"]}"' if f["excerpt"] else "")
        )
    for image in post["images"]:
        lines.append(
            f"Image {image['position']}: {image['alt_text']} ({image['mime_type']}, "
            f"sha256 {image['sha256']}"
            + (", location stripped" if image["had_location"] else "")
            + (f", taken off {image['removed_at']}" if image["removed_at"] else "")
            + ")"
        )
    for media in post["imported_media"]:
        lines.append(
            f"Imported media: {media['kind']} {media['path'] or ''} "
            f"{media['alt_text'] or ''}".rstrip()
            + (" (had a location)" if media["had_location"] else "")
        )
    for v in post["versions"]:
        lines.append(f"Version {v['number']} ({v['source']}) by {v['made_by']}, {v['made_at']}:")
        lines.append(f"  {v['text']}")
        if v["accepted_at"]:
            lines.append(f"  accepted by {v['accepted_by']}, {v['accepted_at']}")
    for a in post["approvals"]:
        lines.append(
            f"Approval: {a['decision']} by {a['approver']} as {a['as_role']}, {a['decided_at']}"
            + (f", version {a['version']}" if a["version"] else "")
            + (f". Note: {a['note']}" if a["note"] else "")
        )
    for r in post["removals"]:
        lines.append(f"Removal: {r['outcome']} by {r['requested_by']}, {r['at']}. {r['reason']}")
    for c in post["corrections"]:
        lines.append(f"Correction: {c['outcome']} by {c['requested_by']}, {c['at']}. {c['reason']}")
        lines.append(f"  before: {c['old_text']}")
        lines.append(f"  after: {c['new_text']}")
    for d in post["removal_requests"]:
        lines.append(
            f"Removal request {d['reference']} ({d['right']}, {d['request_status']}): "
            f"{d['outcome']}"
            + (f", decided {d['decided_at']}" if d["decided_at"] else "")
            + (f", carried out {d['task_carried_out_at']}" if d["task_carried_out_at"] else "")
        )
    for item in post["reviews"]:
        lines.append(
            f"Monthly review {item['month']}: {item['decision'] or 'not decided'}"
            + (f" by {item['decided_by']}, {item['decided_at']}" if item["decided_at"] else "")
            + (f". {item['note']}" if item["note"] else "")
        )
    for case in post["appeal_cases"]:
        lines.append(
            f"Appeal case: {case['case']} ({case['status']})"
            + (f", removal done {case['removal_done_at']}" if case["removal_done_at"] else "")
        )
    if post["history"]:
        lines.append("History:")
        for event in post["history"]:
            lines.append(f"  {event['at']} {event['actor']}: {event['label']} ({event['action']})")
    return "\n".join(lines)


def needs_shaping(text: str) -> bool:
    """True when ``text`` has letters that join or run right to left (Hebrew, Arabic and the
    scripts after them up to Georgian, and Arabic and Hebrew presentation forms). Shaping every
    line with HarfBuzz makes a PDF about four times slower to write, so it is switched on only for
    the posts that need it: Latin, Greek and Cyrillic print the same without it."""
    return any(0x0590 <= ord(c) < 0x10A0 or 0xFB1D <= ord(c) <= 0xFEFC for c in text)


def pdf_bytes(header: dict[str, Any], posts: Iterable[dict[str, Any]]) -> bytes:
    """The cover page, then every post (one after another, each starting on a new line)."""
    document = FPDF(orientation="portrait", unit="pt", format="A4")
    document.set_margins(MARGIN, MARGIN, MARGIN)
    document.set_auto_page_break(True, margin=MARGIN)
    document.add_font(FONT, fname=FONT_FILE)
    document.set_title(header["title"])
    document.set_producer("Bluelamp")
    document.set_creator("Bluelamp")
    document.add_page()
    document.set_font(FONT, size=16)
    document.multi_cell(w=0, h=22, text=header["title"], new_x="LMARGIN", new_y="NEXT", align="L")
    document.set_font(FONT, size=FONT_SIZE)
    document.multi_cell(
        w=0,
        h=LEADING,
        text="CC/01 4.4 and 4.26; Freedom of Information Act 2000; Criminal Procedure and "
        "Investigations Act 1996. Times are UTC (ISO 8601).",
        new_x="LMARGIN",
        new_y="NEXT",
        align="L",
    )
    document.ln(LEADING)
    cover = "\n".join(header_lines(header))
    document.set_text_shaping(needs_shaping(cover))
    document.multi_cell(w=0, h=LEADING, text=cover, new_x="LMARGIN", new_y="NEXT", align="L")
    first = True
    for number, post in enumerate(posts, 1):
        if first:
            document.add_page()
            first = False
        else:
            document.ln(LEADING)
            document.multi_cell(
                w=0, h=LEADING, text="-" * 60, new_x="LMARGIN", new_y="NEXT", align="L"
            )
        text = _post_text(number, post)
        document.set_text_shaping(needs_shaping(text))
        document.multi_cell(w=0, h=LEADING, text=text, new_x="LMARGIN", new_y="NEXT", align="L")
    if first:
        document.ln(LEADING)
        document.multi_cell(
            w=0,
            h=LEADING,
            text="No posts match these filters.",
            new_x="LMARGIN",
            new_y="NEXT",
            align="L",
        )
    return bytes(document.output())
