"""Where each platform takes reports of impersonation, and the request Bluelamp drafts for it
(CC/01 6.11). Plain data: check the routes when a platform changes its help pages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReportRoute:
    name: str
    route: str
    url: str


ROUTES: dict[str, ReportRoute] = {
    "x": ReportRoute(
        "X (Twitter)",
        "X's impersonation report form (Help Center > Report impersonation), as the "
        "organisation being impersonated",
        "https://help.x.com/forms/impersonation",
    ),
    "facebook": ReportRoute(
        "Facebook",
        "Facebook's form for reporting an impersonating Page or profile (Help Centre > "
        "Report impersonation), as the organisation's authorised representative",
        "https://www.facebook.com/help/contact/295309487309948",
    ),
    "instagram": ReportRoute(
        "Instagram",
        "Instagram's impersonation report form (Help Centre > Report an account pretending to "
        "be someone else), as the organisation's authorised representative",
        "https://help.instagram.com/contact/636276399721841",
    ),
    "youtube": ReportRoute(
        "YouTube",
        "YouTube's impersonation complaint form (Help > Report impersonation)",
        "https://support.google.com/youtube/answer/2801947",
    ),
    "snapchat": ReportRoute(
        "Snapchat",
        "Snapchat Support's form (Report a safety concern > Impersonation)",
        "https://help.snapchat.com/hc/en-gb/requests/new",
    ),
    "flickr": ReportRoute(
        "Flickr",
        "Flickr Help's contact form (Report abuse > Impersonation)",
        "https://www.flickrhelp.com/hc/en-us/requests/new",
    ),
    "linkedin": ReportRoute(
        "LinkedIn",
        "LinkedIn's form for reporting a fake company page or profile",
        "https://www.linkedin.com/help/linkedin/ask/TS-NFPI",
    ),
}


def takedown_draft(
    *,
    platform: str,
    handle: str,
    display_name: str,
    url: str,
    force: str,
    genuine: list[str],
    reasons: list[str],
    contact: str,
) -> str:
    """The text of a takedown request for ``platform``: what to send, where and why."""
    route = ROUTES[platform]
    lines = [
        f"Where to send it: {route.route}.",
        f"Address: {route.url}",
        "",
        f"Subject: Impersonation of {force} — @{handle}",
        "",
        f"I report on behalf of {force} that the {route.name} account @{handle}"
        + (f" ({display_name})" if display_name else "")
        + (f", at {url}," if url else "")
        + f" impersonates {force}. It is not run or authorised by {force}.",
    ]
    if genuine:
        lines += ["", f"{force}'s genuine accounts on {route.name} are:"]
        lines += [f"- @{h}" for h in genuine]
    if reasons:
        lines += ["", "Why it misleads:"]
        lines += [f"- {r}" for r in reasons]
    lines += [
        "",
        "It may lead members of the public to report crime, give information or send money "
        "to someone who is not the police. Please remove it or require it to stop presenting "
        f"itself as {force}.",
        "",
        f"Contact: {contact}",
    ]
    return "\n".join(lines)
