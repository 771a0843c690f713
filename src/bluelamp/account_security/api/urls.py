"""Lost devices, rotation tasks and staff changes in the REST API, under /api/v1/ (included by
``bluelamp.api.urls`` into its ``api`` namespace)."""

from __future__ import annotations

from django.urls import path

from bluelamp.account_security.api import views
from bluelamp.engine.workflows import account_security as flow

LOST_DEVICE_STEPS = {
    flow.COMPLETE_STEP: ("steps", "lost_device_steps"),
    flow.SUSPEND_PUBLISHING: ("publishing-suspension", "lost_device_suspension"),
    flow.RESUME_PUBLISHING: ("publishing-resumption", "lost_device_resumption"),
}

urlpatterns = [
    path("lost-devices", views.LostDeviceListView.as_view(), name="lost_devices"),
    path(
        "lost-devices/register", views.LostDeviceRegisterView.as_view(), name="lost_device_register"
    ),
    path("lost-devices/<int:pk>", views.LostDeviceDetailView.as_view(), name="lost_device"),
    *(
        path(
            f"lost-devices/<int:pk>/{suffix}",
            views.LOST_DEVICE_STEP_VIEWS[step].as_view(),
            name=name,
        )
        for step, (suffix, name) in LOST_DEVICE_STEPS.items()
    ),
    path("rotation-tasks", views.RotationTaskListView.as_view(), name="rotation_tasks"),
    path("rotation-tasks/<int:pk>", views.RotationTaskDetailView.as_view(), name="rotation_task"),
    path(
        "rotation-tasks/<int:pk>/completion",
        views.ROTATION_STEP_VIEWS[flow.COMPLETE].as_view(),
        name="rotation_task_completion",
    ),
    path("staff-changes", views.StaffChangesView.as_view(), name="staff_changes"),
]
