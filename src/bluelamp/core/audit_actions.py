"""The audit actions core records. Plain data: core sits below ``bluelamp.audit``, whose app
registers these when it starts (``AuditConfig.ready``)."""

ACTIONS: tuple[tuple[str, str], ...] = (
    ("auth.login", "Signed in"),
    ("auth.logout", "Signed out"),
    ("auth.login_failed", "Failed to sign in"),
    ("auth.locked_out", "Locked out after repeated failed sign-ins"),
    ("auth.unlocked", "Sign-in lock lifted"),
    ("user.created", "User created"),
    ("user.updated", "User details changed"),
    ("user.roles_changed", "User's roles changed"),
)
