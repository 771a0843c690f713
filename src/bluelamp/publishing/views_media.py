"""The one page anyone may fetch without signing in: an image of a post while it is being
published or is published, at an unguessable address. Instagram's API takes an image by URL and
fetches it itself (``BLUELAMP_PUBLIC_BASE_URL``); the same image is public on Instagram from then
on. Drafts, held and removed posts' images are never served here."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing.models import PostImage

PUBLIC_STATES = (flow.PUBLISHING, flow.PUBLISHED)


@login_not_required
@require_safe
def public_image(request, image_id):
    image = (
        PostImage.objects.filter(
            public_id=image_id, removed_at__isnull=True, post__state__in=PUBLIC_STATES
        )
        .only("data", "mime_type")
        .first()
    )
    if image is None:
        raise Http404("No such image.")
    response = HttpResponse(bytes(image.data), content_type=image.mime_type)
    response["Cache-Control"] = "public, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response
