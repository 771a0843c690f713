"""Writing, approving and publishing posts (namespace ``publishing``, from ``urls.py``)."""

from django.urls import path

from bluelamp.publishing import views_approvals, views_compose, views_posts

urlpatterns = [
    path("posts/", views_compose.post_list, name="post_list"),
    path("posts/new/", views_compose.post_new, name="post_new"),
    path("posts/check/", views_compose.post_check, name="post_check"),
    path("posts/approvals/", views_approvals.approval_list, name="approval_list"),
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
    path("posts/<uuid:public_id>/record/", views_posts.post_record, name="post_record"),
    path("posts/<uuid:public_id>/submit/", views_posts.post_submit, name="post_submit"),
    path("posts/<uuid:public_id>/revise/", views_posts.post_revise, name="post_revise"),
    path("posts/<uuid:public_id>/withdraw/", views_posts.post_withdraw, name="post_withdraw"),
    path("posts/<uuid:public_id>/schedule/", views_posts.post_schedule, name="post_schedule"),
    path(
        "posts/<uuid:public_id>/unschedule/",
        views_posts.post_unschedule,
        name="post_unschedule",
    ),
    path("posts/<uuid:public_id>/publish/", views_posts.post_publish, name="post_publish"),
    path("posts/<uuid:public_id>/correct/", views_posts.post_correct, name="post_correct"),
    path(
        "posts/<uuid:public_id>/corrected-by-hand/",
        views_posts.post_corrected_by_hand,
        name="post_corrected_by_hand",
    ),
    path("posts/<uuid:public_id>/remove/", views_posts.post_remove, name="post_remove"),
    path(
        "posts/<uuid:public_id>/removed-by-hand/",
        views_posts.post_removed_by_hand,
        name="post_removed_by_hand",
    ),
    path(
        "posts/connections/<int:pk>/",
        views_posts.account_connection,
        name="account_connection",
    ),
]
