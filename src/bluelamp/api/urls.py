"""The API's URLs, under /api/: the versioned REST endpoints (/api/v1/), the OpenAPI schema,
its interactive reference, and the page where people manage their API tokens."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from bluelamp.account_security.api import urls as account_security_api
from bluelamp.acknowledgements.api import urls as acknowledgements_api
from bluelamp.api import pages, views
from bluelamp.conduct.api import urls as conduct_api
from bluelamp.data_requests.api import urls as data_requests_api
from bluelamp.disclosure.api import urls as disclosure_api
from bluelamp.jobs.api import urls as jobs_api
from bluelamp.publishing.api import urls as publishing_api
from bluelamp.reviews.api import urls as reviews_api
from bluelamp.selfcheck.api import urls as selfcheck_api
from bluelamp.social_accounts.api import urls as registry_urls
from bluelamp.spoofs.api import urls as spoofs_api

app_name = "api"

v1 = [
    path("check", views.CheckView.as_view(), name="check"),
    path("me/work", views.MyWorkView.as_view(), name="me_work"),
    *registry_urls.urlpatterns,
    *publishing_api.urlpatterns,
    *data_requests_api.urlpatterns,
    *account_security_api.urlpatterns,
    *spoofs_api.urlpatterns,
    *selfcheck_api.urlpatterns,
    *acknowledgements_api.urlpatterns,
    *conduct_api.urlpatterns,
    *reviews_api.urlpatterns,
    *disclosure_api.urlpatterns,
    *jobs_api.urlpatterns,
]

urlpatterns = [
    path("v1/", include(v1)),
    re_path(r"^v1/", views.not_found),
    # Needs a signed-in session or a token (SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]).
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    path("docs/", pages.docs, name="docs"),
    path("tokens/", pages.token_list, name="token_list"),
    path("tokens/<int:token_id>/revoke/", pages.token_revoke, name="token_revoke"),
    # Anything else under /api/ is an unknown endpoint, answered in JSON.
    re_path(r"", views.not_found),
]
