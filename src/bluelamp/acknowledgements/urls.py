from django.urls import path

from bluelamp.acknowledgements import views

app_name = "acknowledgements"

urlpatterns = [
    path("policy/", views.policy, name="policy"),
    path("policy/acknowledge/", views.acknowledge, name="acknowledge"),
    path("policy/acknowledgements/", views.outstanding, name="outstanding"),
    path("policy/acknowledgements/remind/", views.remind, name="remind"),
    path("policy/training/new/", views.training_new, name="training_new"),
]
