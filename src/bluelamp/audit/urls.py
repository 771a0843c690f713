from django.urls import path

from bluelamp.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("export.csv", views.event_export, {"fmt": "csv"}, name="event_export_csv"),
    path("export.json", views.event_export, {"fmt": "json"}, name="event_export_json"),
    path("events/<int:sequence>/", views.event_detail, name="event_detail"),
    path("verify/", views.chain_verify, name="verify"),
]
