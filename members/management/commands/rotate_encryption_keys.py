from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from members.downloads.models import ExportJob
from members.files.models import Member

# Every encrypted field: (model, field). A model that gains one adds its line here.
ENCRYPTED_FIELDS = [(Member, "id_number_encrypted"), (ExportJob, "params")]


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the first key of FIELD_ENCRYPTION_KEYS "
        "(MultiFernet.rotate), in batches, each in its own transaction. Values already under "
        "the first key are left as they are, so a second run changes nothing; the lookup "
        "hashes are never touched. Steps: put the new key first (the old one after it) on "
        "every process and restart them, run this, then remove the old key."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        keys = [Fernet(key) for key in settings.FIELD_ENCRYPTION_KEYS]
        rotator = Rotator(first=keys[0], all_keys=MultiFernet(keys))
        for model, field in ENCRYPTED_FIELDS:
            label = f"{model._meta.label}.{field}"
            total, rotated = model.objects.count(), 0
            for seen, changed in rotator.batches(model, field, batch_size=batch_size):
                rotated += changed
                self.stdout.write(f"{label}: {seen}/{total} read, {rotated} re-encrypted")
            self.stdout.write(f"{label}: done, {rotated} of {total} re-encrypted")


class Rotator:
    def __init__(self, *, first: Fernet, all_keys: MultiFernet):
        self.first, self.all_keys = first, all_keys

    def batches(self, model, field: str, *, batch_size: int):
        """Walk the table by primary key; yield (rows read so far, rows changed in the batch)."""
        last, seen = 0, 0
        while True:
            with transaction.atomic():
                rows = list(
                    model.objects.select_for_update()
                    .filter(pk__gt=last)
                    .order_by("pk")
                    .only("pk", field)[:batch_size]
                )
                if not rows:
                    return
                changed = [row for row in rows if self._rotate(row, field)]
                # bulk_update: no save(), so no history row and no new "updated" time.
                model.objects.bulk_update(changed, [field])
            last, seen = rows[-1].pk, seen + len(rows)
            yield seen, len(changed)

    def _rotate(self, row, field: str) -> bool:
        token = getattr(row, field).encode()
        if not token:
            return False
        try:
            self.first.decrypt(token)
            return False  # already under the first key
        except InvalidToken:
            pass
        try:
            setattr(row, field, self.all_keys.rotate(token).decode())
        except InvalidToken:
            raise CommandError(
                f"{row._meta.label} {row.pk}: no key of FIELD_ENCRYPTION_KEYS decrypts it; "
                "add the key it was written with (after the first) and run again."
            ) from None
        return True
