"""What makes the cached statistics stale: saved or deleted mobile records and
organisations, and stored paths repaired in bulk (``cache.py``)."""

from members.mobility.models import MobileRecord
from members.organizations.models import Organization
from members.scoping import scope_paths_repairer
from members.statistics.cache import forget_everything, forget_on_save


def _record_paths(record: MobileRecord) -> list[str]:
    """The home side, the host, and the receiving branch (kept after the record ends)."""
    paths = [record.home_path, record.host_path]
    if record.taken_in_by_id:
        paths.append(record.taken_in_by.path)
    return paths


forget_on_save(MobileRecord, _record_paths)
forget_on_save(Organization, lambda organization: [organization.path])


@scope_paths_repairer
def _forget_after_repair(*, member_ids=None, prefix: str | None = None) -> int:
    """Moved rows count elsewhere now; nothing is written here."""
    forget_everything()
    return 0
