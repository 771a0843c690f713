"""The page's <title>: ``{% page_title %}`` gives the view's ``title`` and, on a page about one
thing, which thing ("Close the account: @WMPDudley"), so that no two pages share a title
(WCAG 2.4.2). A view may name the thing itself with ``title_for``."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import truncatechars

register = template.Library()


def _thing(context: template.Context, title: str) -> str:
    """Words that tell this page's item from others of its kind, or "" for none."""
    if context.get("title_for"):
        return str(context["title_for"])
    for name in ("rr", "case", "report", "task", "review"):
        reference = getattr(context.get(name), "reference", "")
        if reference:
            return str(reference)
    post = context.get("post")
    if getattr(post, "text", None) and getattr(post, "account", None):
        words = f"“{truncatechars(post.text, 40)}”"
        handle = post.account.at_handle
        return words if handle in title else f"{words} on {handle}"
    account = context.get("account")
    if getattr(account, "at_handle", ""):
        return account.at_handle
    return ""


@register.simple_tag(takes_context=True)
def page_title(context: template.Context) -> str:
    title = str(context.get("title") or "")
    thing = _thing(context, title)
    if not thing or thing in title:
        return title
    return f"{title}: {thing}"
