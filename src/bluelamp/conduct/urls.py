from django.urls import path

from bluelamp.conduct import views

app_name = "conduct"

urlpatterns = [
    path("conduct/", views.index, name="index"),
    path("conduct/report/", views.case_report, name="report"),
    path("conduct/cases/", views.case_queue, name="queue"),
    path("conduct/cases/<int:pk>/", views.case_detail, name="case"),
    path(
        "conduct/cases/<int:pk>/screenshots/<slug:which>/",
        views.case_screenshot,
        name="case_screenshot",
    ),
    path("conduct/cases/<int:pk>/<slug:action>/", views.case_action, name="case_action"),
    path("conduct/removals/<int:pk>/", views.removal_detail, name="removal"),
    path("conduct/staff-reports/", views.staff_report_list, name="staff_reports"),
    path("conduct/staff-reports/new/", views.staff_report_new, name="staff_report_new"),
    path("conduct/staff-reports/<int:pk>/", views.staff_report_detail, name="staff_report"),
    path(
        "conduct/staff-reports/<int:pk>/close/",
        views.staff_report_close_page,
        name="staff_report_close",
    ),
    path(
        "conduct/staff-reports/<int:pk>/screenshot/",
        views.staff_report_screenshot,
        name="staff_report_screenshot",
    ),
    path("conduct/media-alerts/", views.media_alert_list, name="media_alerts"),
    path(
        "posts/<uuid:public_id>/media-attention/",
        views.media_alert_new,
        name="media_alert",
    ),
]
