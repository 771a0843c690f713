"""Monthly reviews and appeal cases in the REST API, under /api/v1/ (names in the ``api``
namespace)."""

from __future__ import annotations

from django.urls import path

from bluelamp.reviews.api import views

urlpatterns = [
    path("reviews", views.ReviewListView.as_view(), name="reviews"),
    path("reviews/<int:pk>", views.ReviewDetailView.as_view(), name="review"),
    path(
        "reviews/<int:pk>/items/<int:item_id>/decision",
        views.STEP_VIEWS["decide_item"].as_view(),
        name="review_decide_item",
    ),
    path(
        "reviews/<int:pk>/completion",
        views.STEP_VIEWS["complete"].as_view(),
        name="review_complete",
    ),
    path("appeal-cases", views.CaseListView.as_view(), name="appeal_cases"),
    path("appeal-cases/<int:pk>/posts", views.CaseLinkView.as_view(), name="appeal_case_posts"),
    path(
        "appeal-cases/<int:pk>/resolution",
        views.CaseResolveView.as_view(),
        name="appeal_case_resolution",
    ),
]
