"""Users on the admin site. Django's admin saves the user itself (in one transaction per form);
every save is then audited through ``services.user_admin_change_record`` in that transaction.
Failed sign-ins are shown read-only: lift a lock with ``bluelamp manage unlock USERNAME``."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from bluelamp.core import selectors, services
from bluelamp.core.models import LoginFailure, User
from bluelamp.core.permissions import forget_roles


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Bluelamp", {"fields": ("display_name", "staff_id", "team", "line_manager")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        ("Bluelamp", {"fields": ("email", "display_name", "staff_id", "team", "line_manager")}),
    )
    list_display = ("username", "display_name", "staff_id", "team", "is_active")
    search_fields = ("username", "display_name", "staff_id", "email", "team")
    raw_id_fields = ("line_manager",)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # deactivate instead: the audit trail refers to users

    def save_model(self, request, obj, form, change):
        request._bluelamp_roles_before = (
            set(selectors.user_roles_stored(obj)) if change and obj.pk else set()
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        forget_roles(user)
        services.user_admin_change_record(
            actor=request.user,
            user=user,
            created=not change,
            changed_fields=form.changed_data,
            roles_before=getattr(request, "_bluelamp_roles_before", set()),
        )


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    list_display = ("username", "at", "ip_address")
    search_fields = ("username",)
    readonly_fields = ("username", "at", "ip_address")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # unlocking is audited: use the unlock command
