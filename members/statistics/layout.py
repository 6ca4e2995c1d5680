"""The layout of the official table 流动党员情况: its columns, its lines and what each counts.

Columns: the total, then the original occupations (原职业) in the form's order. Lines: the
total of members who left; of which across provinces, across cities within the province and
holding the activity card; then the destination (外出流向) by unit type, where the publicly
controlled units' subtotal also counts state-owned and collective enterprises (国有/集体企业,
which have no line of their own) and 事业单位 counts the talent (labour) service centres it
lists again as "of which".
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from members.mobility.models import MobileRecord

U = MobileRecord.UnitType
S = MobileRecord.Scope
# Plain values, as the grouped query answers them.
OCCUPATIONS = MobileRecord.Occupation.values
OF_WHICH, DESTINATION = "of_which", "destination"
GROUPS = {OF_WHICH: _("Of which"), DESTINATION: _("Where they went")}


def _values(*choices) -> frozenset[str]:
    return frozenset(choice.value for choice in choices)


PUBLIC = _values(
    U.STATE_ORGAN,
    U.INSTITUTION,
    U.TALENT_CENTRE,
    U.STATE_ENTERPRISE,
    U.PUBLIC_HMT_ENTERPRISE,
    U.PUBLIC_FOREIGN_ENTERPRISE,
)
NON_PUBLIC = _values(
    U.PRIVATE_NON_ENTERPRISE, U.PRIVATE_ENTERPRISE, U.HMT_ENTERPRISE, U.FOREIGN_ENTERPRISE
)


@dataclass(frozen=True)
class Line:
    """One line of the table and the registrations it counts (``None``: any)."""

    key: str
    label: str | Promise
    group: str = ""
    level: int = 0  # 1: part of the line above; 2: "of which" of that part
    unit_types: frozenset[str] | None = None
    scope: str | None = None
    card: bool | None = None

    def counts(self, unit_type: str, scope: str, card: bool) -> bool:
        return (
            (self.unit_types is None or unit_type in self.unit_types)
            and (self.scope is None or scope == self.scope)
            and (self.card is None or card == self.card)
        )


def _unit(key: str, unit_type: U, level: int = 0, label=None) -> Line:
    return Line(key, label or unit_type.label, DESTINATION, level, _values(unit_type))


LINES = [
    Line("total", _("Mobile Party members who left, total")),
    Line("cross_province", _("Moving across provinces"), OF_WHICH, scope=S.CROSS_PROVINCE.value),
    Line(
        "within_province",
        _("Moving across cities (prefectures) within the province"),
        OF_WHICH,
        scope=S.WITHIN_PROVINCE.value,
    ),
    Line("card_holders", _("Holding the mobile Party member's activity card"), OF_WHICH, card=True),
    Line("public", _("Publicly controlled units"), DESTINATION, unit_types=PUBLIC),
    _unit("state_organ", U.STATE_ORGAN, 1),
    Line(
        "institution", U.INSTITUTION.label, DESTINATION, 1, _values(U.INSTITUTION, U.TALENT_CENTRE)
    ),
    _unit("talent_centre", U.TALENT_CENTRE, 2, _("Of which: talent (labour) service centres")),
    _unit("public_hmt", U.PUBLIC_HMT_ENTERPRISE, 1, U.HMT_ENTERPRISE.label),
    _unit("public_foreign", U.PUBLIC_FOREIGN_ENTERPRISE, 1, U.FOREIGN_ENTERPRISE.label),
    Line("non_public", _("Non-publicly controlled units"), DESTINATION, unit_types=NON_PUBLIC),
    _unit("private_non_enterprise", U.PRIVATE_NON_ENTERPRISE, 1),
    _unit("private_enterprise", U.PRIVATE_ENTERPRISE, 1),
    _unit("hmt", U.HMT_ENTERPRISE, 1),
    _unit("foreign", U.FOREIGN_ENTERPRISE, 1),
    _unit("individual", U.INDIVIDUAL),
    _unit("urban_community", U.URBAN_COMMUNITY),
    _unit("town_community", U.TOWN_COMMUNITY),
    _unit("village", U.VILLAGE),
    _unit("other", U.OTHER),
    _unit("unknown", U.UNKNOWN),
]


@dataclass(frozen=True)
class TableLine:
    """A line as shown: its label, nesting, the merged group cell it starts, its numbers."""

    key: str
    label: str | Promise
    level: int
    group: str | Promise  # the group's label, on the group's first line only
    group_span: int  # lines the group's merged cell spans (on its first line), else 0
    grouped: bool  # inside a group (the label takes one column, not two)
    values: list[int]  # the total, then one per occupation


def table_lines(groups: Iterable[tuple[str, str, str, bool, int]]) -> list[TableLine]:
    """The table's lines from the grouped counts ``(occupation, unit_type, scope, card, n)``."""
    groups = list(groups)
    spans = {name: sum(1 for line in LINES if line.group == name) for name in GROUPS}
    lines, started = [], set()
    for line in LINES:
        by_occupation = dict.fromkeys(OCCUPATIONS, 0)
        for occupation, unit_type, scope, card, number in groups:
            if occupation in by_occupation and line.counts(unit_type, scope, card):
                by_occupation[occupation] += number
        values = list(by_occupation.values())
        first = line.group and line.group not in started
        started.add(line.group)
        lines.append(
            TableLine(
                key=line.key,
                label=line.label,
                level=line.level,
                group=GROUPS[line.group] if first else "",
                group_span=spans[line.group] if first else 0,
                grouped=bool(line.group),
                values=[sum(values), *values],
            )
        )
    return lines


def column_labels() -> list[str | Promise]:
    return MobileRecord.Occupation.labels
