from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

TOPICS = ["hours", "plans", "packages", "lessons", "classes"]
# Modules a topic may have that register something when loaded: its admin pages, and what it
# puts on the member's phone page (members.links.registry) and on the member file, and the
# spreadsheets of its list pages (members.downloads.registry).
REGISTERING_MODULES = ["admin", "links", "panels", "exports"]


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = _("Education chain")

    def ready(self):
        for topic in TOPICS:
            for module in REGISTERING_MODULES:
                name = f"education.{topic}.{module}"
                if find_spec(name):
                    import_module(name)

    def load_demo(self):
        """Stories 4 and 5 on top of the management chain's demo (members/demo)."""
        from education.demo import load_demo

        load_demo()
