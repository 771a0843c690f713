from django.apps import AppConfig


class SelfCheckConfig(AppConfig):
    """A private check of one's own social media posts against the policy (CC/01 6.1, 5.1-5.4,
    6.3, 6.6-6.10): seen by the person who runs it and nobody else."""

    name = "bluelamp.selfcheck"
    label = "selfcheck"
    verbose_name = "Private self-check"
