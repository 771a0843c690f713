"""Removal and correction requests in the REST API, under /api/v1/ (included by
``bluelamp.api.urls`` into its ``api`` namespace, so the names stay ``api:removal_requests``,
``api:removal_request``, ``api:rr_<step>``…)."""

from __future__ import annotations

from django.urls import path

from bluelamp.data_requests.api import views
from bluelamp.engine.workflows import data_requests as flow

#: Each step's path under a request, and its URL name.
STEPS = {
    flow.ADD_POST: ("posts", "rr_posts"),
    flow.DECIDE_POST: ("posts/<int:post_id>/decision", "rr_decision"),
    flow.SET_REGIME: ("regime", "rr_regime"),
    flow.ASK_IDENTITY: ("identity-request", "rr_identity_request"),
    flow.RECEIVE_IDENTITY: ("identity-receipt", "rr_identity_receipt"),
    flow.CONFIRM_IDENTITY: ("identity-confirmation", "rr_identity_confirmation"),
    flow.EXTEND: ("extension", "rr_extension"),
    flow.START_ACTIONING: ("tasks", "rr_tasks"),
    flow.COMPLETE_TASK: ("tasks/<int:task_id>/completion", "rr_task_completion"),
    flow.RESPOND: ("response", "rr_response"),
    flow.CLOSE: ("closure", "rr_closure"),
}

urlpatterns = [
    path("removal-requests", views.RemovalRequestListView.as_view(), name="removal_requests"),
    path(
        "removal-requests/<int:pk>",
        views.RemovalRequestDetailView.as_view(),
        name="removal_request",
    ),
    *(
        path(f"removal-requests/<int:pk>/{suffix}", views.STEP_VIEWS[step].as_view(), name=name)
        for step, (suffix, name) in STEPS.items()
    ),
    path("removal-requests/<int:pk>/letters", views.LetterListView.as_view(), name="rr_letters"),
    path(
        "removal-requests/<int:pk>/letters/draft",
        views.LetterDraftView.as_view(),
        name="rr_letter_draft",
    ),
    path(
        "removal-requests/<int:pk>/letters/<int:letter_id>/pdf",
        views.LetterPdfView.as_view(),
        name="rr_letter_pdf",
    ),
]
