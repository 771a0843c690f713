"""Endpoints for the load balancer, the orchestrator and the metrics scraper. None needs a
session: liveness says only that the process answers, readiness names which check failed (no
secret, no personal data), and metrics need the scraper's bearer token."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST

from bluelamp.ops import metrics
from bluelamp.ops.readiness import run_checks


@login_not_required
@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@login_not_required
@never_cache
@require_safe
def readyz(request):
    checks = run_checks()
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ready" if ready else "not ready", "checks": checks},
        status=200 if ready else 503,
    )


def _scraper_allowed(request) -> bool:
    expected = getattr(settings, "BLUELAMP_METRICS_TOKEN", "")
    given = request.headers.get("Authorization", "")
    if not given.startswith("Bearer "):
        return False
    return hmac.compare_digest(given.removeprefix("Bearer ").encode(), expected.encode())


@login_not_required
@never_cache
@require_safe
def metrics_view(request):
    # Switched off unless a token is configured: an endpoint that exists but always refuses
    # would tell a prober nothing more than one that is absent.
    if not getattr(settings, "BLUELAMP_METRICS_TOKEN", ""):
        raise Http404
    if not _scraper_allowed(request):
        response = HttpResponse("A valid bearer token is required.\n", status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(metrics.render(), content_type=CONTENT_TYPE_LATEST)
