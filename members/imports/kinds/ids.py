"""The ID number column every kind has: read, hashed, and each number once per file."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from members.files.selectors import id_number_key
from members.imports.cells import Row
from members.validators import IdNumber, parse_id_number


class IdNumbers:
    """Parse the ID numbers of a file's rows, a chunk at a time; a number twice is an error."""

    def __init__(self):
        self.first_row: dict[str, int] = {}  # keyed hash → the row it first appeared in
        self.parsed: dict[int, IdNumber] = {}

    def parse(self, rows: list[Row]) -> dict[int, str]:
        """Row number → keyed hash of the rows whose ID number is valid and new in the file."""
        self.parsed.clear()
        hashes, today = {}, timezone.localdate()
        for row in rows:
            text = row.values.get("id_number")
            if not text:
                continue
            try:
                parsed = parse_id_number(text, today=today)
            except ValidationError as error:
                row.error("id_number", error.messages[0])
                continue
            id_hash = id_number_key(parsed.number)
            first = self.first_row.setdefault(id_hash, row.number)
            if first != row.number:
                row.error("id_number", _("Row %(row)d has the same ID number.") % {"row": first})
                continue
            self.parsed[row.number] = parsed
            hashes[row.number] = id_hash
        return hashes
