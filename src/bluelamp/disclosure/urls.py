from django.urls import path

from bluelamp.disclosure import views

app_name = "disclosure"

urlpatterns = [
    path("disclosure/export/", views.export_page, name="export"),
]
