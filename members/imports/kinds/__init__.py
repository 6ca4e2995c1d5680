"""What each kind of import reads and writes: a class with ``columns``, ``check(rows)`` (the
chunk's good rows, prepared) and ``write(prepared, actor=...)`` (counts by outcome)."""

from members.imports.kinds.files import MemberRows
from members.imports.kinds.registrations import RecordRows
from members.imports.models import ImportJob

KINDS = {ImportJob.Kind.MEMBERS: MemberRows, ImportJob.Kind.RECORDS: RecordRows}
