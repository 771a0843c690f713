"""The registry on the admin site: read-only. Every change goes through the services (and so
the audit trail), from the pages or the API, never from the admin site."""

from django.contrib import admin
from django.db import models

from bluelamp.social_accounts.models import Account, AccountApplication, RosterMembership


class ReadOnlyAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # noqa: RUF012

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class RosterInline(admin.TabularInline):
    model = RosterMembership
    fk_name = "account"
    extra = 0
    readonly_fields = ("user", "added_at", "added_by")
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ("handle", "platform", "tier", "ownership", "owner", "status", "last_post_at")
    list_filter = ("platform", "tier", "ownership", "status")
    search_fields = ("handle", "display_name", "team", "owner__username")
    inlines = (RosterInline,)


@admin.register(AccountApplication)
class AccountApplicationAdmin(ReadOnlyAdmin):
    list_display = ("id", "handle", "platform", "applicant", "status", "submitted_at")
    list_filter = ("status", "platform", "tier")
    search_fields = ("handle", "display_name", "applicant__username")
