"""The URL map. Every page needs a signed-in user (LoginRequiredMiddleware) except sign-in;
role checks happen in each view, on the server."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Bluelamp administration"
admin.site.site_title = "Bluelamp administration"
admin.site.index_title = "Administration"

urlpatterns = [
    path("", include("bluelamp.core.urls")),
    path("audit/", include("bluelamp.audit.urls")),
    path("", include("bluelamp.social_accounts.urls")),
    path("", include("bluelamp.data_requests.urls")),
    path("", include("bluelamp.conduct.urls")),
    path("", include("bluelamp.incidents.urls")),
    path("", include("bluelamp.publishing.urls")),
    path("api/", include("bluelamp.api.urls")),
    path("admin/", admin.site.urls),
]
