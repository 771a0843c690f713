"""Every write of the account-security workflows, one module per sub-domain:

- ``rotation``: ``rotation_task_open`` (every trigger), ``rotation_task_complete``,
  ``rotation_task_escalate``, ``rotation_tasks_sweep`` (the password-age sweep and escalations);
- ``lost_devices``: ``lost_device_report_file``, ``checklist_step_complete``,
  ``lost_device_publishing_suspend`` / ``_resume``, ``lost_device_reports_sweep``;
- ``staff_changes``: ``staff_changes_parse``, ``staff_changes_apply``.

Each is keyword-only, checks who may and the state under a row lock, saves with
``update_fields`` and writes its audit event in the same transaction; e-mails go after commit.
"""
