from django.apps import apps
from django.core.management.base import BaseCommand

from members.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_is_loaded, load_demo


class Command(BaseCommand):
    help = "Load the Xining demo data (sample data only, not real people)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when demo data is already there"
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and demo_is_loaded():
            self.stdout.write("Demo data already loaded.")
        else:
            load_demo()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, description in demo_logins():
            self.stdout.write(f"  {username:<12} {description}")


def demo_logins() -> list[tuple[str, str]]:
    """The management chain's logins, then those other apps' demos add (``demo_logins`` on
    their app config: the service chain's village and town secretaries)."""
    added = [
        login for config in apps.get_app_configs() for login in getattr(config, "demo_logins", [])
    ]
    return [*DEMO_LOGINS, *added]
