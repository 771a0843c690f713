from django.urls import path

from bluelamp.selfcheck import views

app_name = "selfcheck"

urlpatterns = [
    path("self-check/", views.start, name="start"),
    path("self-check/save/", views.save, name="save"),
    path("self-check/saved/<int:pk>/", views.saved, name="saved"),
    path("self-check/saved/<int:pk>/delete/", views.delete, name="delete"),
]
