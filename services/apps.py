from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

TOPICS = ["stations", "cases", "needs", "care", "subsidies"]
# Modules a topic may have that register something when loaded: its admin pages, what it puts
# on the member's phone page (members.links.registry) and on the member file, its outbox kinds,
# the spreadsheets of its list pages (members.downloads.registry) and its part of the official
# statistics' supplement (members.statistics.registry).
REGISTERING_MODULES = ["admin", "links", "panels", "kinds", "exports", "statistics"]


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Service chain")
    topics = TOPICS
    # Logins the service chain's demo adds (services/cases/demo.py), printed by `load_demo`.
    demo_logins = [
        ("qihaicheng", "secretary, 大通县长宁镇新添堡村党支部 (story 6)"),
        ("suwenhua", "secretary, 城中区南滩街道党工委 (story 7)"),
    ]

    def ready(self):
        for topic in TOPICS:
            for module in REGISTERING_MODULES:
                name = f"services.{topic}.{module}"
                if find_spec(name):
                    import_module(name)

    def load_demo(self):
        """Stories 6–9 and 11 on top of the management chain's demo (members/demo)."""
        from services.demo import load_demo

        load_demo()
