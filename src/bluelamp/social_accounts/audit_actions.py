"""The audit actions the account registry records."""

from bluelamp.audit.registry import register_action

# Applications (3.3–3.6)
register_action("application.submitted", "Account application submitted")
register_action("application.manager_approved", "Account application approved by line manager")
register_action("application.manager_rejected", "Account application rejected by line manager")
register_action("application.approved", "Account application approved by CCD")
register_action("application.refused", "Account application refused by CCD")
register_action("application.withdrawn", "Account application withdrawn")

# Accounts (3.2, 3.5, 3.8, 4.18, 4.19, 5.7)
register_action("account.created", "Account entered the registry on an approved application")
register_action("account.imported", "Existing account recorded in the registry")
register_action("account.details_changed", "Account details changed")
register_action("account.password_changed", "Account password change recorded")
register_action("account.last_post_recorded", "Account's last post recorded")
register_action("account.roster_added", "Person added to an account's roster")
register_action("account.roster_removed", "Person removed from an account's roster")
register_action("account.deputy_changed", "Account deputy changed")
register_action("account.handed_over", "Account handed over to a new owner")
register_action("account.conversion_requested", "Conversion to personal use requested")
register_action("account.converted", "Account converted to personal use")
register_action("account.conversion_refused", "Conversion to personal use refused")
register_action("account.suspended", "Account suspended")
register_action("account.reinstated", "Account reinstated")
register_action("account.closed", "Account closed")

# The credential vault (3.7, 5.9)
register_action("account.credentials_recorded", "Account credentials recorded in the vault")
register_action("account.credentials_revealed", "Account credentials revealed to CCD")

# Suspending publishing while an account's security is restored (5.5, 5.6)
register_action("account.publishing_suspended", "Publishing suspended on an account")
register_action("account.publishing_resumed", "Publishing resumed on an account")
# The vault (3.7, 5.9)
register_action(
    "vault.keys_rotated", "Every stored secret re-encrypted under the vault's newest key"
)
