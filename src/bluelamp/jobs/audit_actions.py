"""The audit actions of background jobs."""

from bluelamp.audit.registry import register_action

register_action("job.retried", "Failed background job queued again by Corporate Communications")
