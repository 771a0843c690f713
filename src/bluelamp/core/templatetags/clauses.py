"""Clause citations that link to the clause on the policy page: ``{{ f.clause|clause_link }}``
gives "CC/01 4.12" linked to ``/policy/#clause-4-12``; ``{{ text|cite_clauses }}`` links every
"CC/01 4.12" (or "CC/01 4.12–4.14": the first) within a text, which is escaped first."""

from __future__ import annotations

import re

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from bluelamp.core.policy import policy_pack
from bluelamp.engine.policy_pack import clause_number

register = template.Library()

_CITATION = re.compile(r"CC/01 (\d+\.\d+)")


def clause_anchor(clause_id: str) -> str:
    """The id of a clause's section on the policy page: "4.12" -> "clause-4-12"."""
    return "clause-" + str(clause_id).replace(".", "-")


def clause_url(clause_id: str) -> str | None:
    """The clause's address on the policy page, or None for a clause the pack does not have."""
    if str(clause_id) not in {c.id for c in policy_pack().clauses}:
        return None
    try:
        page = reverse("acknowledgements:policy")
    except NoReverseMatch:
        return None
    return f"{page}#{clause_anchor(clause_id)}"


@register.filter
def clause_link(clause_id: object, prefix: str = "CC/01 ") -> SafeString:
    """The clause cited as a link to its place on the policy page."""
    text = f"{prefix}{clause_id}" if clause_id else ""
    url = clause_url(str(clause_id)) if clause_id else None
    if url is None:
        return conditional_escape(text)
    return format_html('<a class="govuk-link" href="{}">{}</a>', url, text)


@register.filter
def cite_clauses(text: object) -> SafeString:
    """``text`` escaped, with each "CC/01 n.n" in it linked to the clause."""
    escaped = str(conditional_escape(text))

    def link(match: re.Match) -> str:
        url = clause_url(match[1])
        if url is None:
            return match[0]
        return str(format_html('<a class="govuk-link" href="{}">{}</a>', url, match[0]))

    return mark_safe(_CITATION.sub(link, escaped))


@register.filter
def anchor(clause_id: object) -> str:
    return clause_anchor(str(clause_id))


@register.inclusion_tag("includes/policy_guidance.html")
def policy_guidance(*ids: str, heading: str = "What the policy advises") -> dict[str, object]:
    """The guidance of the pack's clauses with these ids, or within "6.3-6.10" ranges, shown
    beside the work it applies to: ``{% policy_guidance "4.22" heading="Before you post" %}``."""
    wanted = []
    for item in ids:
        first, _, last = str(item).partition("-")
        wanted.append((clause_number(first), clause_number(last or first)))
    pack = policy_pack()
    clauses = [
        {"id": c.id, "title": c.title, "summary": c.summary, "url": clause_url(c.id)}
        for c in sorted(pack.clauses, key=lambda c: c.number)
        if any(low <= c.number <= high for low, high in wanted)
    ]
    return {"clauses": clauses, "heading": heading, "reference": pack.reference}
