"""The audit actions single sign-on and two-factor record."""

from bluelamp.audit.registry import register_action

register_action("auth.sso_refused", "Refused single sign-on: no group gives a role")
register_action("auth.two_factor_enrolled", "Set up two-factor")
register_action("auth.two_factor_failed", "Gave a wrong two-factor code")
register_action("auth.two_factor_reset", "Two-factor reset (set up again at the next sign-in)")
