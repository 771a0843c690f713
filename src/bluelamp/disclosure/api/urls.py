"""The disclosure export in the REST API, under /api/v1/ (name ``api:disclosure_export``)."""

from __future__ import annotations

from django.urls import path

from bluelamp.disclosure.api import views

urlpatterns = [
    path("disclosure/export", views.DisclosureExportView.as_view(), name="disclosure_export"),
]
