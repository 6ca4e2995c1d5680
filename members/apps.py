from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

ADMIN_MODULES = ["organizations", "files", "mobility", "followup", "orglife", "outbox"]


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Management chain")

    def ready(self):
        from importlib import import_module

        # Each topic registers its own models with the admin.
        for topic in ADMIN_MODULES:
            import_module(f"members.{topic}.admin")
