"""Metrics in Prometheus' text format.

Two kinds: the time each request took, counted by the URL's name (never its path, which may hold
ids) in this process; and gauges of the work in the database (posts in flight, scheduled posts
the worker is late with, open removal requests, the audit chain's length), read when scraped with
queries that use an index and never count the archive. Under gunicorn with several workers set
``PROMETHEUS_MULTIPROC_DIR`` (docs/deploy.md) so every worker's request counts are added up."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client import CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from bluelamp.data_requests.choices import RequestStatus
from bluelamp.publishing.choices import PostState

REQUESTS = CollectorRegistry(auto_describe=True)
REQUEST_SECONDS = Histogram(
    "bluelamp_http_request_duration_seconds",
    "Time to answer a request, by URL name, method and status class.",
    ("route", "method", "status"),
    registry=REQUESTS,
    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0),
)

# Posts that still need someone or the worker: the states that stay small however large the
# archive grows (published, removed and withdrawn posts are the archive itself).
IN_FLIGHT = tuple(
    state
    for state in PostState.values
    if state not in (PostState.PUBLISHED, PostState.REMOVED, PostState.WITHDRAWN)
)


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None and match.view_name else "unmatched"


class RequestMetricsMiddleware:
    """Times every request. Placed first, so the time includes the other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        REQUEST_SECONDS.labels(
            route=_route(request),
            method=request.method if request.method in _METHODS else "other",
            status=f"{response.status_code // 100}xx",
        ).observe(time.perf_counter() - started)
        return response


_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class WorkCollector:
    """Gauges read from the database at scrape time."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from bluelamp.audit.models import ChainHead
        from bluelamp.data_requests.models import RemovalRequest
        from bluelamp.publishing.models import Post

        posts = GaugeMetricFamily(
            "bluelamp_posts_in_flight", "Posts not yet published, by state.", labels=("state",)
        )
        counts = dict(
            Post.objects.filter(state__in=IN_FLIGHT)
            .values_list("state")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for state in IN_FLIGHT:
            posts.add_metric((state,), counts.get(state, 0))
        yield posts

        now = timezone.now()
        overdue = Post.objects.filter(state=PostState.SCHEDULED, scheduled_for__lt=now).aggregate(
            n=Count("pk"), oldest=Min("scheduled_for")
        )
        yield GaugeMetricFamily(
            "bluelamp_scheduled_posts_overdue",
            "Scheduled posts whose time has passed: the worker is late or stopped.",
            value=overdue["n"],
        )
        yield GaugeMetricFamily(
            "bluelamp_scheduled_posts_overdue_seconds",
            "How late the oldest overdue scheduled post is (0 when none is).",
            value=(now - overdue["oldest"]).total_seconds() if overdue["oldest"] else 0.0,
        )

        yield GaugeMetricFamily(
            "bluelamp_removal_requests_open",
            "Removal and correction requests not yet closed.",
            value=RemovalRequest.objects.exclude(status=RequestStatus.CLOSED).count(),
        )

        from bluelamp.jobs.selectors import jobs_counts

        jobs = GaugeMetricFamily(
            "bluelamp_jobs",
            "Background jobs queued, running and failed (docs/jobs.md).",
            labels=("state",),
        )
        for state, n in jobs_counts().items():
            jobs.add_metric((str(state),), n)
        yield jobs

        head = ChainHead.objects.filter(pk=1).values_list("sequence", flat=True).first()
        yield GaugeMetricFamily(
            "bluelamp_audit_events",
            "Events in the audit chain (its head's sequence number).",
            value=head or 0,
        )


def render() -> bytes:
    work = CollectorRegistry(auto_describe=False)
    work.register(WorkCollector())
    body = generate_latest(work)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        merged = CollectorRegistry()
        MultiProcessCollector(merged)
        return body + generate_latest(merged)
    return body + generate_latest(REQUESTS)
