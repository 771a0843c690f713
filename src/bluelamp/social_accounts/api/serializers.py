"""Serializers for the account registry and applications in the API (/api/v1/accounts,
/api/v1/applications).

Output serializers read the models the social_accounts selectors return. Input serializers
check only the shape of the JSON (types, choices, presence); everything else (handles, force
e-mail domains, duplicates, who may act, whether the state allows it) is the services' to
check, so the API and the pages refuse the same things with the same messages."""

from __future__ import annotations

from rest_framework import serializers

from bluelamp.core.rest.serializers import OptionalURLField, UserRefSerializer
from bluelamp.engine.workflows import applications as application_flow
from bluelamp.social_accounts.choices import (
    Acknowledgement,
    Ownership,
    Platform,
    Purpose,
    Tier,
)
from bluelamp.social_accounts.models import Account, AccountApplication


class HealthIssueSerializer(serializers.Serializer):
    kind = serializers.CharField()
    clause = serializers.CharField()
    title = serializers.CharField()
    message = serializers.CharField()


class AccountSerializer(serializers.ModelSerializer):
    """An account in the registry (list and detail)."""

    owner = UserRefSerializer(read_only=True)
    deputy = UserRefSerializer(read_only=True, allow_null=True)
    supervisor = UserRefSerializer(read_only=True, allow_null=True)
    url = serializers.CharField(source="profile_url", read_only=True)

    class Meta:
        model = Account
        fields = (
            "id",
            "platform",
            "handle",
            "display_name",
            "url",
            "tier",
            "ownership",
            "team",
            "purpose",
            "status",
            "status_reason",
            "owner",
            "deputy",
            "supervisor",
            "registration_email",
            "bio",
            "shows_disclaimer",
            "location_services_on",
            "connected_apps",
            "opened_at",
            "last_post_at",
            "password_changed_at",
            "roster_changed_at",
            "status_changed_at",
        )
        read_only_fields = fields


class AccountDetailSerializer(AccountSerializer):
    """One account, with its roster, what the caller may do to it now, and (for CCD and the
    auditor) the policy points it breaks now."""

    roster = UserRefSerializer(many=True, read_only=True)
    available_actions = serializers.ListField(child=serializers.CharField(), read_only=True)
    health = HealthIssueSerializer(many=True, read_only=True, allow_null=True, required=False)

    class Meta(AccountSerializer.Meta):
        fields = (*AccountSerializer.Meta.fields, "roster", "available_actions", "health")
        read_only_fields = fields


class ApplicationSerializer(serializers.ModelSerializer):
    """An application for an account, and where it has got to."""

    applicant = UserRefSerializer(read_only=True)
    manager_decided_by = UserRefSerializer(read_only=True, allow_null=True)
    ccd_decided_by = UserRefSerializer(read_only=True, allow_null=True)
    account = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    existing_url = OptionalURLField(
        read_only=True, label="Address of the existing account", allow_blank=True
    )

    class Meta:
        model = AccountApplication
        fields = (
            "id",
            "status",
            "applicant",
            "ownership",
            "purpose",
            "purpose_detail",
            "platform",
            "handle",
            "display_name",
            "tier",
            "team",
            "registration_email",
            "existing_url",
            "acknowledgements",
            "submitted_at",
            "manager_decided_by",
            "manager_decided_at",
            "manager_reason",
            "ccd_decided_by",
            "ccd_decided_at",
            "ccd_reason",
            "withdrawn_at",
            "withdrawal_reason",
            "account",
        )
        read_only_fields = fields


class ApplicationDetailSerializer(ApplicationSerializer):
    available_actions = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(ApplicationSerializer.Meta):
        fields = (*ApplicationSerializer.Meta.fields, "available_actions")
        read_only_fields = fields


class ApplicationSubmitSerializer(serializers.Serializer):
    """Apply for an account (CC/01 3.3, 3.4): goes to the applicant's line manager."""

    ownership = serializers.ChoiceField(choices=Ownership.choices)
    purpose = serializers.ChoiceField(choices=Purpose.choices, help_text="A purpose of 3.1.")
    purpose_detail = serializers.CharField(help_text="How the account will serve it.")
    platform = serializers.ChoiceField(choices=Platform.choices)
    handle = serializers.CharField(help_text="The proposed handle, with or without @.")
    display_name = serializers.CharField()
    tier = serializers.ChoiceField(choices=Tier.choices)
    team = serializers.CharField(required=False, allow_blank=True, default="")
    registration_email = serializers.CharField(help_text="A force e-mail address (3.10).")
    existing_url = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="The address of the personal account being converted, if any.",
    )
    acknowledgements = serializers.ListField(
        child=serializers.ChoiceField(choices=Acknowledgement.choices),
        help_text="All four statements of 3.4.",
    )


DECISIONS = [
    application_flow.MANAGER_APPROVE,
    application_flow.MANAGER_REJECT,
    application_flow.CCD_APPROVE,
    application_flow.CCD_REFUSE,
]


class ApplicationDecisionSerializer(serializers.Serializer):
    """A decision: the line manager's, then CCD's (3.2, 3.4, 3.5)."""

    decision = serializers.ChoiceField(choices=DECISIONS)
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Required to reject or refuse.",
    )


class ApplicationWithdrawalSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")
