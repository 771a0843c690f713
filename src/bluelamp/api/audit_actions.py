"""The audit actions the API app records."""

from bluelamp.audit.registry import register_action

register_action("api_token.created", "API token created")
register_action("api_token.revoked", "API token revoked")
