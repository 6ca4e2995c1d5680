"""Rows of mobile registrations: the outflow side registers each member's departure.

The member is found by ID number among the files the user writes, within the organisation
chosen for the import. A row is written through the registration's own actions (register,
then submit to the inflow organisation, or register without one), so the timeline and the
other side's notice follow as they do on the page. A member whose open registration is the
row's (same departure date and destination) is unchanged; another open one is an error.
"""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from members.files.models import Member
from members.files.selectors import members_by_id_hash
from members.imports.cells import CellError, Row
from members.imports.kinds.ids import IdNumbers
from members.imports.models import ImportJob
from members.imports.names import OrganizationNames
from members.imports.template import RECORD_COLUMNS
from members.mobility import actions as mobility
from members.mobility.models import MobileRecord
from members.organizations.actions import external_organization_get_or_create
from members.organizations.models import Organization
from members.regions import region_names
from members.validators import normalize_person_name, validate_phone, validate_region_code

# The registration's fields a row fills in; the inflow organisation is found by its name.
INFLOW_FIELDS = {"inflow_organization", "inflow_external"}
RECORD_FIELDS = [c.key for c in RECORD_COLUMNS if c.key in mobility.OUTFLOW_FIELDS - INFLOW_FIELDS]
CREATED, UNCHANGED = "created", "unchanged"
EXTERNAL_KEYS = ("external_region_code", "external_contact_person", "external_contact_phone")


@dataclass
class Prepared:
    row: Row
    record: MobileRecord
    state: str
    external: dict | None = None  # an organisation outside the system, found or made on writing


class RecordRows:
    columns = RECORD_COLUMNS

    def __init__(self, job: ImportJob, *, writing: bool = False):
        self.job = job
        self.inflow = OrganizationNames(Organization.objects.all(), where=_("in the system"))
        self.ids = IdNumbers()

    def check(self, rows: list[Row]) -> list[Prepared]:
        """Check the chunk (a few queries, whatever its length); return its good rows."""
        for row in rows:
            row.read()
        hashes = self.ids.parse(rows)
        members = members_by_id_hash(user=self.job.user, id_hashes=hashes.values())
        open_records = {
            record.member_id: record
            for record in MobileRecord.objects.filter(
                member__in=[m.pk for m in members.values()]
            ).exclude(status=MobileRecord.Status.ENDED)
        }
        self.inflow.load(
            row.values.get("inflow_organization")
            for row in rows
            if not row.values.get("inflow_outside")
        )
        prepared = []
        for row in rows:
            member = self._member(row, members.get(hashes.get(row.number, "")))
            if member is not None:
                found = self._prepare(row, member, open_records.get(member.pk))
                if row.ok:
                    prepared.append(found)
        return prepared

    def _member(self, row: Row, member: Member | None) -> Member | None:
        if row.values.get("id_number") and row.number not in self.ids.parsed:
            return None  # the ID number's own error is noted
        if member is None:
            row.error(
                "id_number",
                _("No member file with this ID number in the organisations you manage."),
            )
            return None
        if not member.home_path.startswith(self.job.organization.path):
            row.error(
                "id_number",
                _("The member belongs to %(organization)s, outside %(chosen)s.")
                % {
                    "organization": member.organization.name,
                    "chosen": self.job.organization.name,
                },
            )
            return None
        name = row.values.get("name")
        if name and normalize_person_name(name) != member.name:
            row.error(
                "name",
                _("The file with this ID number is in the name of %(name)s.")
                % {"name": member.name},
            )
        return member

    def _prepare(self, row: Row, member: Member, open_record: MobileRecord | None) -> Prepared:
        fields = {key: row.values.get(key) for key in RECORD_FIELDS}
        record = MobileRecord(member=member, outflow_organization=member.organization, **fields)
        external = self._inflow(row, record)
        if record.destination_region_code and record.destination_region_code not in region_names():
            row.error(
                "destination_region_code",
                _("%(code)s is not an administrative division code in the list.")
                % {"code": record.destination_region_code},
            )
        aliases = {"inflow_external": "inflow_organization"}
        row.field_errors(mobility.mobile_record_registration_check(record), aliases=aliases)
        if open_record is None:
            return Prepared(row, record, CREATED, external)
        if (open_record.departure_date, open_record.destination_region_code) != (
            record.departure_date,
            record.destination_region_code,
        ):
            row.error("id_number", _("This member already has an open registration; end it first."))
        return Prepared(row, open_record, UNCHANGED)

    def _inflow(self, row: Row, record: MobileRecord) -> dict | None:
        """Set the inflow organisation in the system; return one outside it (as fields)."""
        name = row.values.get("inflow_organization")
        if not row.values.get("inflow_outside"):
            if name:
                try:
                    record.inflow_organization = self.inflow.find(name)
                except CellError as error:
                    row.error("inflow_organization", str(error))
            return None
        external = {"name": name, **{key: row.values.get(key) for key in EXTERNAL_KEYS}}
        if not name:
            row.error("inflow_organization", _("Write the name of the organisation."))
        checks = (
            ("external_region_code", validate_region_code, True),
            ("external_contact_phone", validate_phone, False),
        )
        for key, validate, required in checks:
            if not external[key] and required:
                row.error(key, _("This column is required for an organisation outside the system."))
            elif external[key]:
                try:
                    validate(external[key])
                except ValidationError as error:
                    row.error(key, error.messages[0])
        return external

    def write(self, prepared: list[Prepared], *, actor) -> Counter:
        """Register and submit each new row through the registration's actions."""
        counts = Counter()
        for item in prepared:
            counts[item.state] += 1
            if item.state == CREATED:
                self._register(item, actor)
        return counts

    @staticmethod
    def _register(item: Prepared, actor) -> None:
        record = item.record
        fields = {key: getattr(record, key) for key in RECORD_FIELDS}
        fields["inflow_organization"] = record.inflow_organization
        external = item.external
        fields["inflow_external"] = external and external_organization_get_or_create(
            name=external["name"],
            region_code=external["external_region_code"],
            contact_person=external["external_contact_person"],
            contact_phone=external["external_contact_phone"],
        )
        try:
            created = mobility.mobile_record_create(actor=actor, member=record.member, **fields)
            mobility.mobile_record_submit(actor=actor, record=created)
        except ValidationError as error:
            item.row.field_errors(
                error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            )
            raise
