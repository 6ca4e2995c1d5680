from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

ADMIN_MODULES = [
    "organizations",
    "files",
    "mobility",
    "followup",
    "orglife",
    "outbox",
    "links",
    "accounts",
    "audit",
]
# Modules that register on the member file (members.files.panels), the member's phone page
# (members.links.registry) and the exports (members.downloads.registry) when loaded; the audit
# log's and the sessions' signal receivers; the statistics' cache receivers and supplement
# parts (members.statistics.registry).
REGISTERING_MODULES = [
    "links.panels",
    "mobility.links",
    "audit.receivers",
    "accounts.receivers",
    # The list pages' exports (members.downloads.registry).
    "files.exports",
    "mobility.exports",
    "followup.exports",
    "orglife.exports",
    "outbox.exports",
    "statistics.receivers",
    "statistics.supplement",
]


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Management chain")

    def ready(self):
        from importlib import import_module

        from django.utils.module_loading import autodiscover_modules

        # Each topic registers its own models with the admin.
        for topic in ADMIN_MODULES:
            import_module(f"members.{topic}.admin")
        for module in REGISTERING_MODULES:
            import_module(f"members.{module}")
        # The dashboard's figures and charts: the management chain's, then every app's
        # ``overview`` module (education's and services' register themselves there).
        import_module("members.overview.figures")
        import_module("members.overview.charts_data")
        autodiscover_modules("overview")
