from django.urls import path

from bluelamp.social_accounts import views

app_name = "social_accounts"

urlpatterns = [
    path("accounts/", views.account_list, name="account_list"),
    path("accounts/export.csv", views.account_export, name="account_export"),
    path("account-health/", views.account_health, name="account_health"),
    path("accounts/<int:pk>/", views.account_detail, name="account_detail"),
    path("accounts/<int:pk>/change/", views.account_change, name="account_change"),
    path("accounts/<int:pk>/password/", views.account_password, name="account_password"),
    path("accounts/<int:pk>/sign-in/", views.account_credentials, name="account_credentials"),
    path(
        "accounts/<int:pk>/sign-in/reveal/",
        views.account_credentials_reveal,
        name="account_credentials_reveal",
    ),
    path("accounts/<int:pk>/last-post/", views.account_last_post, name="account_last_post"),
    path("accounts/<int:pk>/roster/", views.account_roster, name="account_roster"),
    path("accounts/<int:pk>/hand-over/", views.account_hand_over, name="account_hand_over"),
    path(
        "accounts/<int:pk>/conversion/decide/",
        views.account_conversion_decide,
        name="account_conversion_decide",
    ),
    path(
        "accounts/<int:pk>/<slug:action>/",
        views.account_status_change,
        name="account_status_change",
    ),
    path("applications/", views.application_list, name="application_list"),
    path("applications/new/", views.application_new, name="application_new"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/decide/", views.application_decide, name="application_decide"),
    path(
        "applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"
    ),
]
