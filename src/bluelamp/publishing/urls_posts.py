"""Writing, approving and publishing posts (namespace ``publishing``, from ``urls.py``)."""

from django.urls import path

from bluelamp.publishing import views_approvals, views_compose, views_held, views_posts

urlpatterns = [
    path("posts/", views_compose.post_list, name="post_list"),
    path("posts/new/", views_compose.post_new, name="post_new"),
    path("posts/check/", views_compose.post_check, name="post_check"),
    path("posts/approvals/", views_approvals.approval_list, name="approval_list"),
    path("posts/held/", views_held.held_list, name="held_posts"),
    path("posts/<uuid:public_id>/", views_posts.post_detail, name="post_detail"),
    path("posts/<uuid:public_id>/edit/", views_compose.post_edit, name="post_edit"),
    path("posts/<uuid:public_id>/approve/", views_approvals.post_approve, name="post_approve"),
    path("posts/<uuid:public_id>/images/", views_posts.post_image_add, name="post_image_add"),
    path(
        "posts/<uuid:public_id>/images/<uuid:image_id>",
        views_posts.post_image,
        name="post_image",
    ),
    path(
        "posts/<uuid:public_id>/images/<uuid:image_id>/blur/",
        views_posts.post_image_blur,
        name="post_image_blur",
    ),
    path(
        "posts/<uuid:public_id>/images/<uuid:image_id>/consent/",
        views_posts.post_image_consent,
        name="post_image_consent",
    ),
    path(
        "posts/<uuid:public_id>/images/<uuid:image_id>/remove/",
        views_posts.post_image_remove,
        name="post_image_remove",
    ),
    # The post's workflow actions (publishing.actions), one address each.
    *(
        path(
            f"posts/<uuid:public_id>/{address}/",
            views_posts.post_step,
            {"action": action},
            name=f"post_{name}",
        )
        for address, action, name in (
            ("record", "record", "record"),
            ("submit", "submit", "submit"),
            ("revise", "revise", "revise"),
            ("accept-change", "accept_change", "accept_change"),
            ("reject-change", "reject_change", "reject_change"),
            ("withdraw", "withdraw", "withdraw"),
            ("schedule", "schedule", "schedule"),
            ("unschedule", "unschedule", "unschedule"),
            ("release", "release", "release"),
            ("publish", "publish", "publish"),
            ("correct", "correct", "correct"),
            ("corrected-by-hand", "correct_by_hand", "corrected_by_hand"),
            ("remove", "remove", "remove"),
            ("removed-by-hand", "remove_by_hand", "removed_by_hand"),
        )
    ),
    path(
        "posts/connections/<int:pk>/",
        views_posts.account_connection,
        name="account_connection",
    ),
]
