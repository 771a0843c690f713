from django.urls import path

from bluelamp.spoofs import views

app_name = "spoofs"

urlpatterns = [
    path("spoofs/", views.queue, name="queue"),
    path("spoofs/new/", views.add, name="add"),
    path("spoofs/import/", views.import_list, name="import"),
    path("spoofs/search/", views.search, name="search"),
    path("spoofs/<int:pk>/", views.detail, name="detail"),
    path("spoofs/<int:pk>/<slug:name>/", views.step, name="step"),
]
