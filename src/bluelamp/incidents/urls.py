from django.urls import path

from bluelamp.incidents import views

app_name = "incidents"

urlpatterns = [
    path("crisis/", views.period_list, name="list"),
    path(
        "crisis/major-incident/declare/",
        views.major_incident_declare,
        name="major_incident_declare",
    ),
    path("crisis/election/new/", views.election_new, name="election_new"),
    path("crisis/<int:pk>/end/", views.period_end, name="end"),
]
