"""The URL map. Every page needs a signed-in user (LoginRequiredMiddleware) except sign-in and
the operations endpoints (health, readiness, token-protected metrics);
role checks happen in each view, on the server."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Bluelamp administration"
admin.site.site_title = "Bluelamp administration"
admin.site.index_title = "Administration"

urlpatterns = [
    path("", include("bluelamp.ops.urls")),
    path("", include("bluelamp.core.urls")),
    path("sign-in/", include("bluelamp.identity.urls")),
    path("audit/", include("bluelamp.audit.urls")),
    path("", include("bluelamp.social_accounts.urls")),
    path("", include("bluelamp.data_requests.urls")),
    path("", include("bluelamp.account_security.urls")),
    path("", include("bluelamp.conduct.urls")),
    path("", include("bluelamp.incidents.urls")),
    path("", include("bluelamp.publishing.urls")),
    path("", include("bluelamp.spoofs.urls")),
    path("", include("bluelamp.reviews.urls")),
    path("", include("bluelamp.disclosure.urls")),
    path("", include("bluelamp.selfcheck.urls")),
    path("", include("bluelamp.acknowledgements.urls")),
    path("", include("bluelamp.jobs.urls")),
    path("api/", include("bluelamp.api.urls")),
    # The admin site signs in through the service's own sign-in page (single sign-on, the
    # break-glass rule and two-factor apply there), never through a login form of its own.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="core:login", query_string=True)),
    ),
    path("admin/", admin.site.urls),
]
