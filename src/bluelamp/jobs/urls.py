from django.urls import path

from bluelamp.jobs import views

app_name = "jobs"

urlpatterns = [
    path("jobs/", views.job_list, name="list"),
    path("jobs/<int:job_id>/retry/", views.job_retry, name="retry"),
]
