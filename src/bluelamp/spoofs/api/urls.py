"""Spoof candidates in the REST API, under /api/v1/ (names in the ``api`` namespace)."""

from __future__ import annotations

from django.urls import path

from bluelamp.spoofs.api import views

urlpatterns = [
    path("spoof-candidates", views.CandidateListView.as_view(), name="spoof_candidates"),
    path(
        "spoof-candidates/import",
        views.CandidateImportView.as_view(),
        name="spoof_candidates_import",
    ),
    path(
        "spoof-candidates/search",
        views.CandidateSearchView.as_view(),
        name="spoof_candidates_search",
    ),
    path("spoof-candidates/<int:pk>", views.CandidateDetailView.as_view(), name="spoof_candidate"),
    *(
        path(
            f"spoof-candidates/{{pk}}/{name.replace('_', '-')}".replace("{pk}", "<int:pk>"),
            views.STEP_VIEWS[name].as_view(),
            name=f"spoof_{name}",
        )
        for name in views.STEP_VIEWS
    ),
]
