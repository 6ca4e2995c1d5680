"""Rows of member files: checked by the file's own rules, written in bulk with their history.

A row's file is found by its ID number's keyed hash: unchanged when the row says what the
file says, updated when it differs, created when new. A blank optional cell keeps what the
file holds (a new file gets the field's default).
"""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from members.files import actions as files
from members.files.models import Member, skills_from_text
from members.files.selectors import id_hashes_taken, members_by_id_hash
from members.imports.cells import CellError, Row
from members.imports.kinds.ids import IdNumbers
from members.imports.models import ImportJob
from members.imports.names import OrganizationNames
from members.imports.template import MEMBER_COLUMNS
from members.organizations.models import Organization
from members.scoping import scope_paths_repair, subtree_q

# The fields a row sets (besides the organisation) and compares with the stored file.
ROW_FIELDS = [c.key for c in MEMBER_COLUMNS if c.key in files.MEMBER_FIELDS]
UPDATED_FIELDS = [*ROW_FIELDS, "name_initials", "join_anniversary", "organization", "home_path"]
# The fields a row sets are validated as the model declares them; the others are not the row's.
NOT_CHECKED = [f.name for f in Member._meta.concrete_fields if f.name not in ROW_FIELDS]
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
FILED_ELSEWHERE = gettext_lazy(
    "A file with this ID number already exists in an organisation you do not manage; ask its "
    "secretary to transfer the member."
)
BATCH = 500


@dataclass
class Prepared:
    row: Row
    member: Member
    state: str
    moved_or_renamed: bool = False


class MemberRows:
    """The member-file rows of one job, a chunk at a time; remembers the file's earlier rows
    (an ID number or a mobile number twice in one file is an error)."""

    columns = MEMBER_COLUMNS

    def __init__(self, job: ImportJob, *, writing: bool = False):
        self.job, self.writing = job, writing
        within = Organization.objects.filter(subtree_q([job.organization.path]))
        where = _("within %(organization)s") % {"organization": job.organization.name}
        self.organizations = OrganizationNames(within, where=where)
        self.ids = IdNumbers()
        self.phones: dict[str, int] = {}

    def check(self, rows: list[Row]) -> list[Prepared]:
        """Check the chunk (a few queries, whatever its length); return its good rows."""
        for row in rows:
            row.read()
        hashes = self.ids.parse(rows)
        existing = members_by_id_hash(user=self.job.user, id_hashes=hashes.values())
        taken = id_hashes_taken(hashes.values()) - existing.keys()
        phones = [row.values.get("phone") for row in rows if row.values.get("phone")]
        owners = dict(
            Member.objects.filter(phone__in=phones).values_list("phone", "id_number_hash")
        )
        self.organizations.load(row.values.get("organization") for row in rows)
        self.today = timezone.localdate()
        prepared = []
        for row in rows:
            id_hash = hashes.get(row.number)
            if id_hash in taken:
                row.error("id_number", FILED_ELSEWHERE)
            elif id_hash is not None:
                found = self._prepare(row, id_hash, existing, owners)
                if found is not None and row.ok:
                    prepared.append(found)
        return prepared

    def _prepare(self, row: Row, id_hash: str, existing: dict, owners: dict) -> Prepared | None:
        organization = self._organization(row)
        member = existing.get(id_hash)
        if member is not None and not member.home_path.startswith(self.job.organization.path):
            row.error("id_number", self._elsewhere(member))
            return None
        if organization is None:
            return None
        before = _snapshot(member) if member is not None else None
        member = member or Member(is_sample=False)
        member.organization = organization
        fields = {
            key: row.values[key] for key in ROW_FIELDS if row.values.get(key) not in ("", None)
        }
        if "skills" in fields:
            fields["skills"] = skills_from_text(fields["skills"])
        files.member_fields_set(member, fields, initials=self.writing)
        parsed = self.ids.parsed[row.number]
        if before is None:
            row.field_errors(files.member_id_number_set(member, parsed, store=self.writing))
        else:
            row.field_errors(files.member_id_consistency_check(member, parsed))
        row.field_errors(files.member_rules_check(member, today=self.today))
        self._check_phone(row, member, owners.get(member.phone), id_hash)
        if not self.writing:
            # The field validation depends on the row's cells alone, which the dry run checked
            # (the apply reads the same cells); the apply skips it (a tenth of its time).
            try:
                member.clean_fields(exclude=NOT_CHECKED)
            except ValidationError as error:
                row.field_errors(error.message_dict)
        return self._state(row, member, before)

    def _organization(self, row: Row) -> Organization | None:
        text = row.values.get("organization")
        if not text:
            return None
        try:
            return self.organizations.find(text)
        except CellError as error:
            row.error("organization", str(error))
            return None

    def _elsewhere(self, member: Member) -> str:
        return _(
            "The file with this ID number belongs to %(organization)s, outside %(chosen)s; "
            "this import cannot change it."
        ) % {"organization": member.organization.name, "chosen": self.job.organization.name}

    def _check_phone(self, row: Row, member: Member, owner: str | None, id_hash: str) -> None:
        if not member.phone:
            return
        if owner is not None and owner != id_hash:
            row.error("phone", _("Another member's file already has this mobile number."))
        first = self.phones.setdefault(member.phone, row.number)
        if first != row.number:
            row.error("phone", _("Row %(row)d has the same mobile number.") % {"row": first})

    @staticmethod
    def _state(row: Row, member: Member, before: dict | None) -> Prepared:
        if before is None:
            return Prepared(row, member, CREATED)
        after = _snapshot(member)
        if after == before:
            return Prepared(row, member, UNCHANGED)
        moved = (after["organization_id"], after["name"]) != (
            before["organization_id"],
            before["name"],
        )
        return Prepared(row, member, UPDATED, moved_or_renamed=moved)

    def write(self, prepared: list[Prepared], *, actor) -> Counter:
        """Write the chunk's new and changed files with their history rows."""
        created = [p.member for p in prepared if p.state == CREATED]
        updated = [p.member for p in prepared if p.state == UPDATED]
        now = timezone.now()
        for member in created + updated:
            member.home_path = member.organization.path
            member.updated_at = now
        for member in created:
            member.refresh_status()
        reason = _("Imported from %(file)s") % {"file": self.job.file_name}
        options = {"batch_size": BATCH, "default_user": actor, "default_change_reason": reason}
        Member.objects.bulk_create(created, batch_size=BATCH)
        _history_of_created([member.pk for member in created], actor=actor, reason=reason)
        bulk_update_with_history(updated, Member, [*UPDATED_FIELDS, "updated_at"], **options)
        followed = [p.member.pk for p in prepared if p.moved_or_renamed]
        if followed:
            # The stored copies follow the files: their records' paths, their names elsewhere.
            scope_paths_repair(member_ids=followed)
        return Counter({CREATED: len(created), UPDATED: len(updated)}) + Counter(
            {UNCHANGED: sum(p.state == UNCHANGED for p in prepared)}
        )


def _snapshot(member: Member) -> dict:
    return {
        **{key: getattr(member, key) for key in ROW_FIELDS},
        "organization_id": member.organization.pk,
    }


def _history_of_created(ids: list[int], *, actor, reason: str) -> None:
    """The created files' history rows ("+", as simple_history writes them) in one
    INSERT … SELECT: building a history object per file cost a fifth of the apply."""
    if not ids:
        return
    history = Member.history.model
    columns = [f.column for f in history._meta.concrete_fields if not f.name.startswith("history_")]
    listed = ", ".join(columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {history._meta.db_table} ({listed}, history_date, history_type, "
            f"history_change_reason, history_user_id) SELECT {listed}, %s, '+', %s, %s "
            f"FROM {Member._meta.db_table} WHERE id IN ({', '.join(['%s'] * len(ids))})",
            [timezone.now(), reason, actor.pk, *ids],
        )
