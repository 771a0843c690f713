"""Policy acknowledgement and training in the REST API, under /api/v1/."""

from __future__ import annotations

from django.urls import path

from bluelamp.acknowledgements.api import views

urlpatterns = [
    path("policy-acknowledgement", views.MineView.as_view(), name="policy_acknowledgement"),
    path(
        "policy-acknowledgements/outstanding",
        views.OutstandingView.as_view(),
        name="policy_acknowledgements_outstanding",
    ),
    path(
        "policy-acknowledgements/reminders",
        views.RemindView.as_view(),
        name="policy_acknowledgements_reminders",
    ),
    path("training-records", views.TrainingView.as_view(), name="training_records"),
]
