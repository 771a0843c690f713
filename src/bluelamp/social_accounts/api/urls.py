"""The registry's REST endpoints (/api/v1/accounts, /api/v1/applications), included by
``bluelamp.api.urls`` under /api/v1/ in the ``api`` namespace: the names (``api:application``…)
and the OpenAPI operation ids are as they were when these lived in ``bluelamp.api``."""

from __future__ import annotations

from django.urls import path

from bluelamp.social_accounts.api import views

urlpatterns = [
    path("accounts", views.AccountListView.as_view(), name="accounts"),
    path("accounts/<int:pk>", views.AccountDetailView.as_view(), name="account"),
    path("applications", views.ApplicationListView.as_view(), name="applications"),
    path("applications/<int:pk>", views.ApplicationDetailView.as_view(), name="application"),
    path(
        "applications/<int:pk>/decision",
        views.ApplicationDecisionView.as_view(),
        name="application_decision",
    ),
    path(
        "applications/<int:pk>/withdrawal",
        views.ApplicationWithdrawalView.as_view(),
        name="application_withdrawal",
    ),
]
