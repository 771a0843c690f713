from django.urls import include, path

from bluelamp.publishing import views_media

app_name = "publishing"

# Page groups with their own modules: posts in flight and the calendar; writing and approving
# posts; the archive and its exports;
# the public image addresses a platform fetches while publishing.
urlpatterns = [
    path("", include("bluelamp.publishing.urls_flight")),
    path("", include("bluelamp.publishing.urls_posts")),
    path("", include("bluelamp.publishing.urls_archive")),
    path("media/<uuid:image_id>", views_media.public_image, name="public_image"),
]
