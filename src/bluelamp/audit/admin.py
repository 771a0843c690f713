"""The audit trail on the admin site: read only, whatever the user's permissions."""

from django.contrib import admin

from bluelamp.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = (
        "sequence",
        "occurred_at",
        "action",
        "actor_text",
        "target_type",
        "target_label",
    )
    list_filter = ("action", "target_type")
    search_fields = ("actor_text", "target_id", "target_label", "request_id")
    date_hierarchy = "occurred_at"
    ordering = ("-sequence",)
    readonly_fields = tuple(field.name for field in AuditEvent._meta.fields)
    actions = None

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
