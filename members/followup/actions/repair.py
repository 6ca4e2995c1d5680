"""The nightly repair of what rows keep as copies: scope paths and warning facts.

The actions keep both in step as they write; this recomputes them from the source rows in
batches, so a row written outside the actions (an import, a fix by hand) is right by morning.
"""

from django.db import transaction

from members.followup.models import record_facts_refresh
from members.mobility.models import MobileRecord
from members.scoping import scope_paths_repair


def stored_copies_repair(*, batch_size: int = 10_000) -> dict[str, int]:
    """Recompute every stored scope path and every away record's facts; return the counts."""
    with transaction.atomic():
        paths = scope_paths_repair()
    facts, last = 0, 0
    away = MobileRecord.objects.filter(status__in=MobileRecord.AWAY_STATUSES).order_by("pk")
    while ids := list(away.filter(pk__gt=last).values_list("pk", flat=True)[:batch_size]):
        with transaction.atomic():
            facts += record_facts_refresh(record_ids=ids)
        last = ids[-1]
    return {"paths": paths, "facts": facts}
