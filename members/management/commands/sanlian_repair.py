from django.core.management.base import BaseCommand

from members.followup.actions import stored_copies_repair


class Command(BaseCommand):
    help = (
        "Recompute the scope paths and warning facts rows keep as copies (the nightly task "
        "does it too); run once after migrating an existing database or a bulk import."
    )

    def handle(self, *args, **options):
        counts = stored_copies_repair()
        self.stdout.write(
            f"Scope paths written: {counts['paths']}; record facts written: {counts['facts']}."
        )
