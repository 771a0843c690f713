"""The audit actions core records."""

from bluelamp.audit.registry import register_action

register_action("auth.login", "Signed in")
register_action("auth.logout", "Signed out")
register_action("auth.login_failed", "Failed to sign in")
register_action("auth.locked_out", "Locked out after repeated failed sign-ins")
register_action("auth.unlocked", "Sign-in lock lifted")
register_action("user.created", "User created")
register_action("user.updated", "User details changed")
register_action("user.roles_changed", "User's roles changed")
