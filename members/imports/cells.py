"""A row of an import file: its cells read by the column's type, and its errors.

Each reader returns the value, or raises ``CellError`` with the reason in words; the row
collects one error per column (row number, column header, reason).
"""

import datetime
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from members.imports.template import CHOICE, DATE, NUMBER, YES_NO, Column
from members.spreadsheets import cell_text

_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT_DATE_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")
YES, NO = ("是", "yes", "y", "true", "1"), ("否", "no", "n", "false", "0", "")


class CellError(ValueError):
    """A cell whose value the column cannot take; the message says why."""


@dataclass
class Row:
    """One data row: its number in the sheet (the header is row 1) and its errors."""

    number: int
    cells: dict[str, Any]
    columns: dict[str, Column]
    errors: list[dict] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    def error(self, key: str, message: str) -> None:
        """Note what is wrong with the column ``key`` (``""``: the row as a whole)."""
        column = self.columns.get(key)
        header = column.header if column is not None else ""
        if not any(e["column"] == header for e in self.errors):
            self.errors.append({"row": self.number, "column": header, "message": str(message)})

    def field_errors(self, errors: dict, *, aliases: dict[str, str] | None = None) -> None:
        """An action's errors (field → message or messages) on their columns."""
        for name, messages in errors.items():
            message = messages if isinstance(messages, str) else " ".join(map(str, messages))
            key = (aliases or {}).get(name, name)
            self.error(key if key in self.columns else "", message)

    def read(self) -> None:
        """Read every cell by its column's type into ``values``."""
        for key, column in self.columns.items():
            try:
                self.values[key] = read_cell(column, self.cells.get(key))
            except CellError as error:
                self.error(key, str(error))

    @property
    def ok(self) -> bool:
        return not self.errors


def cell_normal(kind: str, raw: Any) -> str:
    """The cell as the text a column of ``kind`` reads: ``read_cell`` makes of this text what
    it would make of the cell (a date cell as 2024-03-01, an Excel day number in a date column
    as its date, a number as typed). The dry run and the apply both read these texts, so the
    apply may read them from the dry run's file instead of the workbook."""
    if raw.__class__ is str:
        return raw.strip()
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    if kind == DATE and isinstance(raw, int | float) and not isinstance(raw, bool):
        try:
            return from_excel(raw).date().isoformat()
        except (ValueError, OverflowError, AttributeError, TypeError):
            pass  # not a day number: read as the text it shows, as in a csv file
    return cell_text(raw)


def read_cell(column: Column, raw: Any) -> Any:
    if column.kind == DATE:
        value = read_date(raw)
    elif isinstance(raw, datetime.date):
        value = raw.isoformat()[:10]
    else:
        value = cell_text(raw)
    if value in ("", None):
        if column.required:
            raise CellError(_("This column is required; the cell is empty."))
        return None if column.kind in (DATE, NUMBER) else ""
    if column.kind == CHOICE:
        return read_choice(column, value)
    if column.kind == NUMBER:
        return read_number(value)
    if column.kind == YES_NO:
        return read_yes_no(value)
    return value


def read_date(raw: Any) -> datetime.date | None:
    """A date cell (Excel's own), an Excel day number, or text such as 2024-03-01."""
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        try:
            return from_excel(raw).date()
        except (ValueError, OverflowError, AttributeError):
            raise CellError(_("%(value)s is not a date.") % {"value": raw}) from None
    text = cell_text(raw)
    if not text:
        return None
    match = _DATE_RE.fullmatch(text) or _COMPACT_DATE_RE.fullmatch(text)
    try:
        if match is None:
            raise ValueError
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise CellError(
            _("“%(value)s” is not a date; write it as 2024-03-01.") % {"value": text}
        ) from None


def read_choice(column: Column, text: str) -> str:
    found = choice_values(column.choices, translation.get_language() or "").get(_squeeze(text))
    if found is None:
        raise CellError(
            _("“%(value)s” is not one of the values allowed: %(allowed)s.")
            % {"value": text, "allowed": column.allowed()}
        )
    return found


@cache
def choice_values(choices, language: str) -> dict[str, str]:
    """Label (in Chinese, in English and as shown now) or stored value → stored value."""
    found = {}
    for value, label in choices.choices:
        for lang in ("en", "zh-hans", language):
            with translation.override(lang):
                found[_squeeze(str(label))] = value
        found[_squeeze(value)] = value
    found.pop("", None)
    return found


def _squeeze(text: str) -> str:
    return "".join(text.split()).lower()


def read_number(text: str) -> int:
    try:
        number = int(float(text))
    except ValueError:
        number = -1
    if number < 1 or str(number) != text.split(".")[0]:
        raise CellError(_("“%(value)s”: write a whole number, e.g. 12.") % {"value": text})
    return number


def read_yes_no(text: str) -> bool:
    lowered = text.lower()
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    raise CellError(_("Write 是 or 否."))
