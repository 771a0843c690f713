"""Background jobs in the REST API, under /api/v1/."""

from __future__ import annotations

from django.urls import path

from bluelamp.jobs.api import views

urlpatterns = [path("jobs", views.JobListView.as_view(), name="jobs_list")]
