"""The authenticators of admin staff, in the admin: an administrator removes a lost one, and
its owner sets up a new one at the next sign-in. django-otp's own admin is replaced: its
columns are not translated, and it could add a device (and show its secret) for anyone."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):
    list_display = ["owner", "confirmed_device", "last_used"]
    fields = ["user", "name", "confirmed"]
    readonly_fields = fields
    search_fields = ["user__username", "user__full_name"]

    @admin.display(description=_("Staff user"), ordering="user__username")
    def owner(self, device):
        return device.user

    @admin.display(description=_("Set up"), boolean=True)
    def confirmed_device(self, device):
        return device.confirmed

    @admin.display(description=_("Last used"))
    def last_used(self, device):
        return device.last_used_at

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
