from django.urls import path

from bluelamp.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("events/<int:sequence>/", views.event_detail, name="event_detail"),
    path("verify/", views.chain_verify, name="verify"),
]
