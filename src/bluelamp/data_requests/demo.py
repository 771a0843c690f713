"""Demo removal requests for `make run`: information security's queue in the states people meet
first — a request just received, one waiting for the requester's identity and close to its
target, and one about a post in the archive, decided and waiting for the social media team."""

from __future__ import annotations

import datetime as dt

from bluelamp.core.models import User
from bluelamp.data_requests.models import RemovalRequest
from bluelamp.data_requests.services.actioning import removal_request_actioning_start
from bluelamp.data_requests.services.decisions import post_decision_decide
from bluelamp.data_requests.services.intake import (
    removal_request_create,
    removal_request_identity_ask,
    removal_request_identity_confirm,
    removal_request_post_add,
)
from bluelamp.publishing.models import Post


def load_demo(now: dt.datetime) -> str:
    """Load the demo requests once; returns what was done."""
    infosec = User.objects.filter(username="infosec", is_active=True).first()
    if infosec is None:
        return "no information security user: no requests loaded"
    if RemovalRequest.objects.exists():
        return "demo requests already loaded"

    def request(days: int, name: str, text: str, how: str = "written") -> RemovalRequest:
        return removal_request_create(
            actor=infosec,
            requester_name=name,
            requester_contact=f"{name.split()[0].lower()}@example.org",
            request_text=text,
            right="erasure",
            regime="ukgdpr",
            received_at=now - dt.timedelta(days=days),
            received_how=how,
            now=now,
        )

    request(0, "Alex Demo", "A photo of my house is in a post about a burglary last year.")
    waiting = request(
        9, "Sam Example", "My name is in an appeal you posted; please take it down.", "verbal"
    )
    removal_request_identity_ask(actor=infosec, removal_request=waiting, now=now)
    appeal = Post.objects.filter(text__startswith="Have you seen Bethany").first()
    if appeal is not None:
        case = request(
            3,
            "Jordan Sample",
            "My daughter Bethany was in a missing appeal; she is home now, please remove it.",
        )
        removal_request_identity_confirm(actor=infosec, removal_request=case, now=now)
        decision = removal_request_post_add(
            actor=infosec, removal_request=case, archived_post=appeal, now=now
        )
        post_decision_decide(actor=infosec, decision=decision, outcome="remove", now=now)
        removal_request_actioning_start(actor=infosec, removal_request=case, now=now)
    return f"{RemovalRequest.objects.count()} demo removal requests loaded"
