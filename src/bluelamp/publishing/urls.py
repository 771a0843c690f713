from django.urls import include, path

app_name = "publishing"

# Two page groups with their own modules: writing and approving posts; the archive and its exports.
urlpatterns = [
    path("", include("bluelamp.publishing.urls_posts")),
    path("", include("bluelamp.publishing.urls_archive")),
]
