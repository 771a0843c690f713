"""Posts in flight across the force, the publishing calendar and approving several posts at
once (namespace ``publishing``, from ``urls.py``)."""

from django.urls import path

from bluelamp.publishing import views_flight

urlpatterns = [
    path("posts/in-flight/", views_flight.flight_list, name="flight_list"),
    path("posts/calendar/", views_flight.flight_calendar, name="flight_calendar"),
    path("posts/approvals/several/", views_flight.flight_approve, name="flight_approve"),
]
