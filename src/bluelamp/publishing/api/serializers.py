"""Serializers for posts in the API (/api/v1/posts).

Output serializers read the posts ``publishing.selectors`` returns. Input serializers check only
the shape of the JSON (types, choices, presence); everything else (who may act, whether the
post's state allows it, the rules' verdict, the disclosure record, the time to publish) is the
publishing services' to check, so the API and the pages refuse the same things with the same
messages."""

from __future__ import annotations

from rest_framework import serializers

from bluelamp.core.rest.serializers import (
    SEVERITIES,
    FindingSerializer,
    OptionalURLField,
    UserRefSerializer,
)
from bluelamp.core.validation import MAX_ID
from bluelamp.engine.rules import registry
from bluelamp.publishing import search
from bluelamp.publishing.choices import (
    Approver,
    CorrectionOutcome,
    Decision,
    PostKind,
    PostState,
    RemovalOutcome,
    Source,
    VersionSource,
)
from bluelamp.publishing.diffs import word_diff
from bluelamp.publishing.models import (
    Approval,
    Correction,
    Post,
    PostImage,
    PostVersion,
    Removal,
)

#: The steps ``POST /api/v1/posts/{id}/{action}`` takes, in the order a post meets them.
ACTIONS = (
    "record",
    "submit",
    "approve",
    "return",
    "accept_change",
    "reject_change",
    "revise",
    "withdraw",
    "schedule",
    "unschedule",
    "publish",
    "correct",
    "remove",
)


# Output ------------------------------------------------------------------------------------


class PostAccountSerializer(serializers.Serializer):
    """The account a post is on, as the registry names it."""

    id = serializers.IntegerField(read_only=True)
    platform = serializers.CharField(read_only=True)
    handle = serializers.CharField(read_only=True)
    tier = serializers.CharField(read_only=True)


class DisclosureRecordSerializer(serializers.Serializer):
    """The disclosure record (CC/01 4.24), kept with the post."""

    incident_log_ref = serializers.CharField(read_only=True)
    crime_ref = serializers.CharField(read_only=True)
    oic_told = serializers.BooleanField(
        read_only=True, help_text="The officer in the case was told."
    )
    oic_name = serializers.CharField(read_only=True)
    recorded_at = serializers.DateTimeField(read_only=True, allow_null=True)
    recorded_by = serializers.CharField(
        source="recorded_by.username", read_only=True, allow_null=True, default=None
    )


class PostApprovalSerializer(serializers.ModelSerializer):
    """One approver's decision (four eyes: never the author)."""

    approver = serializers.CharField(source="approver.username", read_only=True)
    role = serializers.ChoiceField(source="as_role", choices=Approver.choices, read_only=True)
    decision = serializers.ChoiceField(choices=Decision.choices, read_only=True)
    authorised = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Approval
        fields = ("approver", "role", "decision", "note", "authorised", "version", "decided_at")
        read_only_fields = fields


class VersionImageSerializer(serializers.Serializer):
    """An image as the version had it."""

    id = serializers.CharField(read_only=True)
    sha256 = serializers.CharField(read_only=True)
    alt_text = serializers.CharField(read_only=True)


class DiffPartSerializer(serializers.Serializer):
    """A run of words kept (`equal`), taken out (`delete`) or put in (`insert`)."""

    op = serializers.ChoiceField(choices=["equal", "delete", "insert"], read_only=True)
    text = serializers.CharField(read_only=True)


class PostVersionSerializer(serializers.ModelSerializer):
    """The words and images at one point after the post was sent on, who made them, and, for
    an approver's change, whether the author accepted it."""

    origin = serializers.ChoiceField(
        source="source",
        choices=VersionSource.choices,
        read_only=True,
        help_text="How it came to be: sent on by the author, changed by an approver, or "
        "corrected after publishing.",
    )
    made_by = serializers.CharField(
        source="made_by.username", read_only=True, allow_null=True, default=None
    )
    accepted_by = serializers.CharField(
        source="accepted_by.username", read_only=True, allow_null=True, default=None
    )
    images = VersionImageSerializer(many=True, read_only=True)
    changes = serializers.SerializerMethodField(
        help_text="What changed from the version before, word by word (empty for the first)."
    )

    class Meta:
        model = PostVersion
        fields = (
            "number",
            "text",
            "images",
            "origin",
            "made_by",
            "made_at",
            "accepted_by",
            "accepted_at",
            "changes",
        )
        read_only_fields = fields

    def get_changes(self, version: PostVersion) -> list[dict[str, str]]:
        before = getattr(version, "previous_text", None)
        if before is None:
            return []
        parts = word_diff(before, version.text)
        return DiffPartSerializer([{"op": op, "text": text} for op, text in parts], many=True).data


class PostRemovalSerializer(serializers.ModelSerializer):
    """An attempt to take the post down, and what the platform said."""

    requested_by = serializers.CharField(source="requested_by.username", read_only=True)
    outcome = serializers.ChoiceField(choices=RemovalOutcome.choices, read_only=True)

    class Meta:
        model = Removal
        fields = ("requested_by", "reason", "outcome", "detail", "at")
        read_only_fields = fields


class PostCorrectionSerializer(serializers.ModelSerializer):
    """A change to the published words: the words before and after, and the outcome."""

    requested_by = serializers.CharField(source="requested_by.username", read_only=True)
    outcome = serializers.ChoiceField(choices=CorrectionOutcome.choices, read_only=True)

    class Meta:
        model = Correction
        fields = ("requested_by", "reason", "old_text", "new_text", "outcome", "detail", "at")
        read_only_fields = fields


class PostImageSerializer(serializers.ModelSerializer):
    """An image as it will be published (metadata already stripped)."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    faces = serializers.SerializerMethodField(help_text="How many faces were found.")

    class Meta:
        model = PostImage
        fields = (
            "id",
            "position",
            "mime_type",
            "width",
            "height",
            "alt_text",
            "had_location",
            "faces",
            "faces_blurred",
            "consent_confirmed",
            "force_owns",
        )
        read_only_fields = fields

    def get_faces(self, image: PostImage) -> int:
        return len(image.faces or [])


class PostSerializer(serializers.ModelSerializer):
    """A post (in lists): its words, the rules' verdict and findings as last checked, where it
    has got to, and its platform id and address once the platform confirmed it."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    account = PostAccountSerializer(read_only=True)
    author = UserRefSerializer(read_only=True, allow_null=True)
    author_name = serializers.CharField(source="author_label", read_only=True)
    kind = serializers.ChoiceField(choices=PostKind.choices, read_only=True)
    state = serializers.ChoiceField(choices=PostState.choices, read_only=True)
    source = serializers.ChoiceField(choices=Source.choices, read_only=True)
    verdict = serializers.ChoiceField(
        choices=SEVERITIES, read_only=True, help_text="The worst finding, or pass."
    )
    findings = FindingSerializer(many=True, read_only=True)
    approver_needed = serializers.ChoiceField(
        choices=[("", "none"), *Approver.choices],
        read_only=True,
        help_text="Who must approve it: ccd, manager, or '' (nobody).",
    )
    authorisations = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Rule ids an approver has authorised (e.g. live-broadcast).",
    )
    version = serializers.IntegerField(
        read_only=True, help_text="Its latest version's number; 0 until it is first sent on."
    )
    approved_version = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="The version its approval is for: only that version is published.",
    )
    record = DisclosureRecordSerializer(source="*", read_only=True)
    in_reply_to = serializers.CharField(
        source="reply_to",
        read_only=True,
        help_text="The platform's id of the post it replies to ('' if none): sent to X as "
        "reply.in_reply_to_tweet_id, to Facebook as a comment on that object.",
    )
    quote_of = serializers.CharField(
        read_only=True, help_text="The platform's id of the post it quotes on X ('' if none)."
    )

    platform_url = OptionalURLField(read_only=True, allow_blank=True)
    match = serializers.CharField(
        source="search_highlight",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="In a list searched with `q`: an extract of the text around the words "
        "found, as HTML: the post's words escaped, the words found in `<mark class=\"bl-search-"
        'match">`. Otherwise null.',
    )

    class Meta:
        model = Post
        fields = (
            "id",
            "account",
            "author",
            "author_name",
            "kind",
            "text",
            "match",
            "in_reply_to",
            "quote_of",
            "state",
            "source",
            "verdict",
            "findings",
            "checked_at",
            "second_opinion",
            "approver_needed",
            "authorisations",
            "version",
            "approved_version",
            "scheduled_for",
            "held_reason",
            "record",
            "platform_post_id",
            "platform_url",
            "published_at",
            "publish_attempts",
            "last_error",
            "removed_at",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class RouteSerializer(serializers.Serializer):
    """What the post needs before it may go out, from its findings as last checked."""

    blocked = serializers.BooleanField(help_text="A 'block' finding must be fixed first.")
    approver = serializers.ChoiceField(
        choices=Approver.choices,
        allow_null=True,
        help_text="Who must approve it (ccd or manager), or null.",
    )
    needs_record = serializers.BooleanField(
        help_text="The disclosure record (4.24) is needed before it goes out."
    )
    faces_to_settle = serializers.BooleanField(
        help_text="An image shows faces: blur them or record consent (4.10)."
    )
    summary = serializers.CharField(help_text="The next step, in plain English.")


class PostDetailSerializer(PostSerializer):
    """One post with its images, approvals, removals, what its findings route it to, the
    workflow actions its state allows and the steps the caller may take now."""

    images = PostImageSerializer(source="image_list", many=True, read_only=True)
    approvals = PostApprovalSerializer(source="approval_list", many=True, read_only=True)
    versions = PostVersionSerializer(source="version_list", many=True, read_only=True)
    removals = PostRemovalSerializer(source="removal_list", many=True, read_only=True)
    corrections = PostCorrectionSerializer(source="correction_list", many=True, read_only=True)
    route = RouteSerializer(source="route_info", read_only=True)
    actions = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="The workflow actions the post's state allows (engine.workflows.posts), "
        "whoever takes them: the worker's and the platform's steps included.",
    )
    available_actions = serializers.ListField(
        child=serializers.ChoiceField(choices=[*ACTIONS, "edit"]),
        read_only=True,
        help_text="What you may do to it now: `edit` (PATCH) and the steps of "
        "POST /api/v1/posts/{id}/{action}. The services check again when you do.",
    )

    class Meta(PostSerializer.Meta):
        fields = (
            *PostSerializer.Meta.fields,
            "images",
            "approvals",
            "versions",
            "removals",
            "corrections",
            "route",
            "actions",
            "available_actions",
        )
        read_only_fields = fields


# Input -------------------------------------------------------------------------------------


class PostFilterSerializer(serializers.Serializer):
    account = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="An account's id."
    )
    author = serializers.CharField(
        required=False,
        default="",
        help_text="The author's username (exactly, any case) or part of their name.",
    )
    state = serializers.ChoiceField(choices=[("", "any"), *PostState.choices], required=False)
    rule = serializers.CharField(
        required=False,
        default="",
        help_text="A rule id (e.g. personal-data): posts whose findings include it.",
    )
    q = serializers.CharField(
        required=False,
        default="",
        max_length=500,
        help_text=(
            "Words in the text, found in any form (full-text search, English stemming): every "
            'word must be there; `"a phrase"` finds the words together in order; `word*` '
            'finds words that begin so; `-word` or `-"a phrase"` leaves posts out; `OR` '
            "between two words or phrases finds either. Anything else typed is a plain word. "
            "With `q` the results come best match first."
        ),
    )
    published_after = serializers.DateField(
        required=False, help_text="Published on or after this day (Europe/London)."
    )
    published_before = serializers.DateField(
        required=False, help_text="Published on or before this day (Europe/London)."
    )

    def validate_q(self, value: str) -> str:
        if problem := search.problem(value):
            raise serializers.ValidationError(problem + ".")
        return value

    def validate_rule(self, value: str) -> str:
        value = value.strip()
        if value and value not in registry:
            raise serializers.ValidationError(f"There is no rule with the id {value!r}.")
        return value

    def validate(self, attrs):
        after, before = attrs.get("published_after"), attrs.get("published_before")
        if after and before and before < after:
            raise serializers.ValidationError(
                {
                    "published_before": "published_before must be the same day as published_after or later."
                }
            )
        return attrs


class PostCreateSerializer(serializers.Serializer):
    """A new draft, checked by the rules at once."""

    account = serializers.IntegerField(
        max_value=MAX_ID, help_text="The id of an account you may post on."
    )
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)
    kind = serializers.ChoiceField(choices=PostKind.choices, required=False, default=PostKind.POST)
    second_opinion = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Ask your line manager for a second opinion before it goes out (6.14).",
    )
    in_reply_to = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=500,
        help_text="The post it replies to: its address on X or Facebook, the platform's id, or "
        "the id of a post in the archive. Makes it a reply.",
    )
    quote_of = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=500,
        help_text="The post it quotes (X only): its address, X's id, or an archive post's id.",
    )


class PostUpdateSerializer(serializers.Serializer):
    """Change a draft (the author), or the words of a post awaiting approval (its approver:
    only ``text``). Fields left out are unchanged."""

    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    kind = serializers.ChoiceField(choices=PostKind.choices, required=False)
    second_opinion = serializers.BooleanField(required=False)
    in_reply_to = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="The post it replies to: its address on X or Facebook, the platform's id, or "
        "the id of a post in the archive. Makes it a reply.",
    )
    quote_of = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="The post it quotes (X only): its address, X's id, or an archive post's id.",
    )


class SubmitSerializer(serializers.Serializer):
    scheduled_for = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When to publish it (ISO 8601; without an offset, UK time). Leave out to make "
        "it ready to publish now.",
    )


class ScheduleSerializer(serializers.Serializer):
    scheduled_for = serializers.DateTimeField(
        help_text="When to publish it (ISO 8601; without an offset, UK time); in the future."
    )


class RecordSerializer(serializers.Serializer):
    """The disclosure record (4.24): the incident log or crime reference, or that the officer in
    the case was told (and their name)."""

    incident_log_ref = serializers.CharField(required=False, allow_blank=True, default="")
    crime_ref = serializers.CharField(required=False, allow_blank=True, default="")
    oic_told = serializers.BooleanField(required=False, default=False)
    oic_name = serializers.CharField(required=False, allow_blank=True, default="")


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Kept with the approval."
    )


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, help_text="Required.")


class OptionalReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CorrectSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="The corrected words, checked like a new post.")
    reason = serializers.CharField(help_text="Why it is corrected.")


class EmptySerializer(serializers.Serializer):
    """No body is needed (an empty object, or none)."""


class HeldPostsDecideSerializer(serializers.Serializer):
    """CCD's decision on held posts after a major incident (4.16)."""

    posts = serializers.ListField(
        child=serializers.UUIDField(),
        min_length=1,
        max_length=200,
        help_text="The held posts' ids (`id` of each post).",
    )
    decision = serializers.ChoiceField(
        choices=("release", "reschedule", "withdraw"),
        help_text="`release`: ready again, or scheduled for its own time if still to come; "
        "`reschedule`: scheduled for `scheduled_for`; `withdraw`: never published.",
    )
    scheduled_for = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="For `reschedule`: when to publish them (ISO 8601; without an offset, UK time).",
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="For `withdraw` (optional)."
    )


class HeldPostOutcomeSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="post.public_id")
    done = serializers.BooleanField()
    state = serializers.CharField(source="post.state")
    message = serializers.CharField()


class HeldPostsOutcomeSerializer(serializers.Serializer):
    results = HeldPostOutcomeSerializer(many=True)
