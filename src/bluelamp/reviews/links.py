"""Whether the force website link in an appeal still answers (CC/01 4.11): an appeal whose page
has gone should come down or be corrected."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass

URL = re.compile(r"https?://[^\s<>\"')]+", re.IGNORECASE)
TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True)
class LinkAnswer:
    url: str
    ok: bool
    detail: str


class _NoRedirectToOtherSchemes(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_NoRedirectToOtherSchemes)


def force_links(text: str, domains: tuple[str, ...]) -> list[str]:
    """The links in ``text`` to the force's own sites (its domains and their subdomains)."""
    found = []
    for match in URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?")
        host = urllib.request.urlparse(url).hostname or ""
        if any(host == d or host.endswith("." + d) for d in domains) and url not in found:
            found.append(url)
    return found


def link_answers(url: str, *, timeout: float = TIMEOUT_SECONDS) -> LinkAnswer:
    """HEAD the page (GET when the server does not allow HEAD); any 2xx or 3xx that ends in a
    2xx answers. A 4xx, 5xx, a time-out or no connection does not, with the reason."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(
            url, method=method, headers={"User-Agent": "Bluelamp link check"}
        )
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                return LinkAnswer(url, True, f"{response.status}")
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (405, 501):
                continue
            return LinkAnswer(url, False, f"the page answered {error.code}")
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            return LinkAnswer(url, False, f"no answer ({reason})")
    return LinkAnswer(url, False, "no answer")
