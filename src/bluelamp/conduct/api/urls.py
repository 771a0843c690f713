"""Conduct in the REST API, under /api/v1/ (included by ``bluelamp.api.urls`` into its ``api``
namespace)."""

from __future__ import annotations

from django.urls import path

from bluelamp.conduct.api import views
from bluelamp.engine.workflows import conduct_cases as flow

#: Each step's path under a case, and its URL name.
STEPS = {
    flow.ASSESS: ("assessment", "cc_assessment"),
    flow.REFER: ("referral", "cc_referral"),
    flow.REQUEST_REMOVAL: ("removal-request", "cc_removal_request"),
    flow.PROVE_REMOVAL: ("removal-proof", "cc_removal_proof"),
    flow.ESCALATE: ("escalation", "cc_escalation"),
    flow.CLOSE: ("closure", "cc_closure"),
}

urlpatterns = [
    path("conduct-cases", views.ConductCaseListView.as_view(), name="conduct_cases"),
    path("conduct-cases/<int:pk>", views.ConductCaseDetailView.as_view(), name="conduct_case"),
    *(
        path(f"conduct-cases/<int:pk>/{suffix}", views.STEP_VIEWS[step].as_view(), name=name)
        for step, (suffix, name) in STEPS.items()
    ),
    path("staff-reports", views.StaffReportListView.as_view(), name="staff_reports"),
    path("staff-reports/<int:pk>", views.StaffReportDetailView.as_view(), name="staff_report"),
    path(
        "staff-reports/<int:pk>/closure",
        views.StaffReportCloseView.as_view(),
        name="staff_report_closure",
    ),
    path(
        "posts/<uuid:public_id>/media-attention",
        views.MediaAlertView.as_view(),
        name="post_media_attention",
    ),
]
