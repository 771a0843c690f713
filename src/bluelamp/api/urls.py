"""The API's URLs, under /api/: the versioned REST endpoints (/api/v1/), the OpenAPI schema,
its interactive reference, and the page where people manage their API tokens."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from bluelamp.api import data_requests_views as removal
from bluelamp.api import pages, registry, views
from bluelamp.publishing.api import urls as publishing_api

app_name = "api"

v1 = [
    path("check", views.CheckView.as_view(), name="check"),
    path("accounts", registry.AccountListView.as_view(), name="accounts"),
    path("accounts/<int:pk>", registry.AccountDetailView.as_view(), name="account"),
    path("applications", registry.ApplicationListView.as_view(), name="applications"),
    path("applications/<int:pk>", registry.ApplicationDetailView.as_view(), name="application"),
    path(
        "applications/<int:pk>/decision",
        registry.ApplicationDecisionView.as_view(),
        name="application_decision",
    ),
    path(
        "applications/<int:pk>/withdrawal",
        registry.ApplicationWithdrawalView.as_view(),
        name="application_withdrawal",
    ),
    *publishing_api.urlpatterns,
    path("removal-requests", removal.RemovalRequestListView.as_view(), name="removal_requests"),
    path(
        "removal-requests/<int:pk>",
        removal.RemovalRequestDetailView.as_view(),
        name="removal_request",
    ),
    path("removal-requests/<int:pk>/posts", removal.PostAddView.as_view(), name="rr_posts"),
    path(
        "removal-requests/<int:pk>/posts/<int:post_id>/decision",
        removal.DecisionView.as_view(),
        name="rr_decision",
    ),
    path("removal-requests/<int:pk>/regime", removal.RegimeView.as_view(), name="rr_regime"),
    path(
        "removal-requests/<int:pk>/identity-request",
        removal.IdentityRequestView.as_view(),
        name="rr_identity_request",
    ),
    path(
        "removal-requests/<int:pk>/identity-receipt",
        removal.IdentityReceiptView.as_view(),
        name="rr_identity_receipt",
    ),
    path(
        "removal-requests/<int:pk>/identity-confirmation",
        removal.IdentityConfirmationView.as_view(),
        name="rr_identity_confirmation",
    ),
    path(
        "removal-requests/<int:pk>/extension", removal.ExtensionView.as_view(), name="rr_extension"
    ),
    path("removal-requests/<int:pk>/tasks", removal.TasksView.as_view(), name="rr_tasks"),
    path(
        "removal-requests/<int:pk>/tasks/<int:task_id>/completion",
        removal.TaskCompletionView.as_view(),
        name="rr_task_completion",
    ),
    path("removal-requests/<int:pk>/response", removal.ResponseView.as_view(), name="rr_response"),
    path("removal-requests/<int:pk>/closure", removal.ClosureView.as_view(), name="rr_closure"),
    path("removal-requests/<int:pk>/letters", removal.LetterListView.as_view(), name="rr_letters"),
    path(
        "removal-requests/<int:pk>/letters/draft",
        removal.LetterDraftView.as_view(),
        name="rr_letter_draft",
    ),
    path(
        "removal-requests/<int:pk>/letters/<int:letter_id>/pdf",
        removal.LetterPdfView.as_view(),
        name="rr_letter_pdf",
    ),
]

urlpatterns = [
    path("v1/", include(v1)),
    re_path(r"^v1/", views.not_found),
    # Needs a signed-in session or a token (SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]).
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    path("docs/", pages.docs, name="docs"),
    path("tokens/", pages.token_list, name="token_list"),
    path("tokens/<int:token_id>/revoke/", pages.token_revoke, name="token_revoke"),
]
