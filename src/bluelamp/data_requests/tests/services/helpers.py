"""What the services' tests share: a request recorded through intake, and a snapshot of a request
to show that a refusal changed nothing."""

from __future__ import annotations

import datetime as dt

from bluelamp.data_requests.models import PostDecision, RemovalRequest, RemovalTask
from bluelamp.data_requests.services.intake import removal_request_create
from bluelamp.data_requests.tests.factories import REQUESTER_CONTACT, REQUESTER_NAME


def intake(force, now, **overrides):
    """A request recorded by information security the day before ``now``."""
    fields = {
        "requester_name": REQUESTER_NAME,
        "requester_contact": REQUESTER_CONTACT,
        "request_text": "Remove the appeal with my photo: I have been found.",
        "right": "erasure",
        "regime": "ukgdpr",
        "received_at": now - dt.timedelta(days=1),
        "received_how": "verbal",
        **overrides,
    }
    return removal_request_create(actor=force.infosec, now=now, **fields)


def snapshot(request):
    """The request, its posts and tasks as stored: equal before and after a refusal."""
    request = RemovalRequest.objects.get(pk=request.pk)
    return (
        {f.name: getattr(request, f.name) for f in request._meta.concrete_fields},
        list(PostDecision.objects.filter(request=request).values()),
        list(RemovalTask.objects.filter(decision__request=request).values()),
    )
