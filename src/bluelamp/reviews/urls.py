from django.urls import path

from bluelamp.reviews import views

app_name = "reviews"

urlpatterns = [
    path("reviews/", views.review_list, name="list"),
    path("reviews/completion/", views.completion, name="completion"),
    path("reviews/<int:pk>/", views.review_detail, name="detail"),
    path("reviews/<int:pk>/complete/", views.review_complete, name="complete"),
    path("reviews/<int:pk>/items/<int:item>/", views.item_decide, name="decide"),
    path("appeal-cases/", views.case_list, name="cases"),
    path("appeal-cases/new/", views.case_create, name="case_create"),
    path("appeal-cases/<int:pk>/", views.case_detail, name="case_detail"),
    path(
        "appeal-cases/<int:pk>/tasks/<int:task>/remove/",
        views.case_task_remove,
        name="case_task_remove",
    ),
]
