from django.urls import path

from bluelamp.account_security import views

app_name = "account_security"

urlpatterns = [
    path("account-security/", views.home, name="home"),
    path("account-security/lost-devices/new/", views.report_create, name="report_create"),
    path("account-security/lost-devices/register/", views.register, name="register"),
    path("account-security/lost-devices/<int:pk>/", views.report_detail, name="report_detail"),
    path(
        "account-security/lost-devices/<int:pk>/checklists/<int:checklist>/<slug:step>/",
        views.step_complete,
        name="step",
    ),
    path(
        "account-security/lost-devices/<int:pk>/<slug:action>/",
        views.report_action,
        name="report_action",
    ),
    path("account-security/rotation/", views.rotation_list, name="rotation_list"),
    path(
        "account-security/rotation/<int:pk>/complete/",
        views.rotation_complete,
        name="rotation_complete",
    ),
    path("account-security/staff-changes/", views.staff_changes, name="staff_changes"),
]
