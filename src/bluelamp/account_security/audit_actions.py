"""The audit actions of lost devices, rotation tasks and staff changes. Passwords are never in
them: the credential service masks and omits them."""

from bluelamp.audit.registry import register_action

register_action("lost_device.reported", "Lost or stolen device reported")
register_action("lost_device.step_completed", "Lost-device checklist step completed")
register_action("lost_device.account_secured", "Account secured after a lost device")
register_action("lost_device.escalated", "Lost device not secured in time: escalated")
register_action("lost_device.closed", "Lost-device report closed: every account secured")
register_action("rotation_task.opened", "Password rotation task set")
register_action("rotation_task.reason_added", "Another reason added to a rotation task")
register_action("rotation_task.completed", "Password rotated and lodged in the vault")
register_action("rotation_task.escalated", "Overdue rotation task escalated")
register_action("rotation_task.cancelled", "Rotation task cancelled (account closed)")
register_action("staff_changes.applied", "Leavers and movers applied to the rosters")
