from django.urls import path

from bluelamp.identity import oidc, views

app_name = "identity"

urlpatterns = [
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("sso/", oidc.SignInView.as_view(), name="oidc_init"),
    path("sso/callback/", oidc.CallbackView.as_view(), name="oidc_callback"),
]
