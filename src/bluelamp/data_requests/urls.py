from django.urls import path

from bluelamp.data_requests import views

app_name = "data_requests"

urlpatterns = [
    path("removal-requests/", views.request_queue, name="queue"),
    path("removal-requests/new/", views.request_create, name="create"),
    path("removal-requests/report/", views.request_report, name="report"),
    path("removal-requests/<int:pk>/", views.request_detail, name="detail"),
    path("removal-requests/<int:pk>/letters/", views.letter_choose, name="letters"),
    path(
        "removal-requests/<int:pk>/letters/<int:letter>/pdf/",
        views.letter_pdf,
        name="letter_pdf",
    ),
    path("removal-requests/<int:pk>/letters/<slug:kind>/", views.letter_write, name="letter_write"),
    path("removal-requests/<int:pk>/archive/", views.archive_search, name="archive_search"),
    path("removal-requests/<int:pk>/archive/link/", views.archive_link, name="archive_link"),
    path(
        "removal-requests/<int:pk>/tasks/<int:item>/from-platform/",
        views.task_from_platform,
        name="task_from_platform",
    ),
    path("removal-requests/<int:pk>/<slug:action>/", views.request_action, name="action"),
    path(
        "removal-requests/<int:pk>/<slug:action>/<int:item>/",
        views.request_action,
        name="item_action",
    ),
]
