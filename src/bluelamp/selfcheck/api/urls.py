"""The self-check in the REST API, under /api/v1/ (names in the ``api`` namespace)."""

from __future__ import annotations

from django.urls import path

from bluelamp.selfcheck.api import views

urlpatterns = [
    path("self-check", views.SelfCheckRunView.as_view(), name="self_check"),
    path("self-check/saved", views.SavedListView.as_view(), name="self_check_saved_list"),
    path("self-check/saved/<int:pk>", views.SavedDetailView.as_view(), name="self_check_saved"),
]
