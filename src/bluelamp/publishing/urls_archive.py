"""The archive and its disclosure schedules (in the ``publishing`` namespace).

A disclosure reference may contain slashes (crime references often do), so it is a ``path``;
the downloads are matched before the schedule page."""

from django.urls import path

from bluelamp.publishing import views_archive as views
from bluelamp.publishing import views_import

urlpatterns = [
    path("archive/", views.archive_list, name="archive"),
    path("archive/import/", views_import.archive_import, name="archive_import"),
    path(
        "archive/import/<int:job_id>/",
        views_import.archive_import_job,
        name="archive_import_job",
    ),
    path("archive/disclosure/", views.disclosure_list, name="disclosure_list"),
    path("archive/disclosure/<path:ref>/csv", views.disclosure_csv, name="disclosure_csv"),
    path("archive/disclosure/<path:ref>/pdf", views.disclosure_pdf, name="disclosure_pdf"),
    path("archive/disclosure/<path:ref>/", views.disclosure_schedule, name="disclosure_schedule"),
    path("archive/<uuid:public_id>/", views.archive_detail, name="archive_detail"),
]
