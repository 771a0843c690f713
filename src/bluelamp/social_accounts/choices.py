"""The fixed lists of the account registry. Status values are the engine's workflow states
(``engine.workflows``), so the table the services check and the values stored are the same."""

from __future__ import annotations

from django.db import models

from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.engine.workflows import applications as application_flow


class Platform(models.TextChoices):
    """The platforms CC/01 names (its introduction and 3.11); handles are checked per platform
    by ``engine.handles``."""

    X = "x", "X (Twitter)"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    YOUTUBE = "youtube", "YouTube"
    SNAPCHAT = "snapchat", "Snapchat"
    FLICKR = "flickr", "Flickr"
    LINKEDIN = "linkedin", "LinkedIn"


class Tier(models.TextChoices):
    """Whose account it is, which decides what it may post (4.8, 3.11)."""

    FORCE = "force", "Force (run by Corporate Communications)"
    NPU = "npu", "Neighbourhood policing unit"
    DEPARTMENT = "department", "Department"
    TEAM = "team", "Team"
    INDIVIDUAL = "individual", "Individual officer or member of staff"


class Ownership(models.TextChoices):
    """Who owns the account (3.2)."""

    FORCE_OWNED = "force_owned", "Owned by the force"
    CONVERTED_PERSONAL = "converted_personal", "Converted from personal to policing use"
    STAFF_NETWORK = "staff_network", "Staff network (not owned by Corporate Communications)"


class AccountStatus(models.TextChoices):
    """Where an account is in its life (``engine.workflows.accounts``)."""

    ACTIVE = account_flow.ACTIVE, "Active"
    CONVERSION_REQUESTED = account_flow.CONVERSION_REQUESTED, "Conversion to personal requested"
    SUSPENDED = account_flow.SUSPENDED, "Suspended"
    CLOSED = account_flow.CLOSED, "Closed"
    CONVERTED_TO_PERSONAL = account_flow.CONVERTED_TO_PERSONAL, "Converted to personal use"


class ApplicationStatus(models.TextChoices):
    """Where an application is (``engine.workflows.applications``)."""

    AWAITING_MANAGER = application_flow.AWAITING_MANAGER, "Waiting for line manager"
    AWAITING_CCD = application_flow.AWAITING_CCD, "Waiting for Corporate Communications"
    APPROVED = application_flow.APPROVED, "Approved"
    REJECTED_BY_MANAGER = application_flow.REJECTED_BY_MANAGER, "Rejected by line manager"
    REFUSED_BY_CCD = application_flow.REFUSED_BY_CCD, "Refused by Corporate Communications"
    WITHDRAWN = application_flow.WITHDRAWN, "Withdrawn"


class Purpose(models.TextChoices):
    """The purposes of a corporate account (3.1); an application names the one it serves."""

    INFORMATION = "information", "Be the first place for important information and news"
    TRUST = "trust", "Increase trust and confidence"
    ENGAGEMENT = "engagement", "Engage communities about crime and anti-social behaviour"
    FEEDBACK = "feedback", "Give the public a place to comment and engage with the force"
    APPEALS = "appeals", "Publicise news, appeals and crime prevention to help investigations"
    TEAMS = "teams", "Publicise the work of teams"


class Acknowledgement(models.TextChoices):
    """The four things an applicant must show (3.4); all four are required."""

    POLICING_PURPOSE = "policing_purpose", "The account has a policing purpose"
    RESPONSIBILITIES = (
        "responsibilities",
        "I understand my responsibilities in managing the account",
    )
    GUIDANCE = "guidance", "I have read the social media guidance on the intranet"
    POLICY = "policy", "I agree to all of the Social and Digital Media Policy (CC/01)"


ALL_ACKNOWLEDGEMENTS = frozenset(Acknowledgement.values)

#: Tiers in a word, for tables.
TIER_SHORT = {
    Tier.FORCE: "Force",
    Tier.NPU: "NPU",
    Tier.DEPARTMENT: "Department",
    Tier.TEAM: "Team",
    Tier.INDIVIDUAL: "Individual",
}

# Tag colours for states on pages (GOV.UK tag modifiers).
ACCOUNT_STATUS_TAGS = {
    AccountStatus.ACTIVE: "govuk-tag--green",
    AccountStatus.CONVERSION_REQUESTED: "govuk-tag--purple",
    AccountStatus.SUSPENDED: "govuk-tag--orange",
    AccountStatus.CLOSED: "govuk-tag--grey",
    AccountStatus.CONVERTED_TO_PERSONAL: "govuk-tag--grey",
}
APPLICATION_STATUS_TAGS = {
    ApplicationStatus.AWAITING_MANAGER: "",
    ApplicationStatus.AWAITING_CCD: "govuk-tag--purple",
    ApplicationStatus.APPROVED: "govuk-tag--green",
    ApplicationStatus.REJECTED_BY_MANAGER: "govuk-tag--red",
    ApplicationStatus.REFUSED_BY_CCD: "govuk-tag--red",
    ApplicationStatus.WITHDRAWN: "govuk-tag--grey",
}
