"""Posts in the REST API, under /api/v1/ (included by ``bluelamp.api.urls`` into its ``api``
namespace, so the names stay ``api:posts``, ``api:post``, ``api:post_<action>``)."""

from __future__ import annotations

from django.urls import path

from bluelamp.publishing.api import flight, several, views

urlpatterns = [
    path("posts", views.PostListView.as_view(), name="posts"),
    path("posts/in-flight", flight.PostsInFlightView.as_view(), name="posts_in_flight"),
    path("posts/calendar", flight.PostsCalendarView.as_view(), name="posts_calendar"),
    path("posts/several", several.PostsCreateSeveralView.as_view(), name="posts_create_several"),
    path("posts/approve-many", flight.ApproveManyView.as_view(), name="posts_approve_many"),
    path("posts/held/decide", views.HeldPostsDecideView.as_view(), name="posts_held_decide"),
    path("posts/<uuid:public_id>", views.PostDetailView.as_view(), name="post"),
    *(
        path(f"posts/<uuid:public_id>/{action}", view.as_view(), name=f"post_{action}")
        for action, view in views.ACTION_VIEWS.items()
    ),
]
