"""Scoped reads of study hours: a member's credits and the year's total against the line.

The total is shown against the 32-hour line of 党员教育管理工作条例 art. 20 — a line each member
reaches at their own pace, never a ranking: nothing here orders members by hours.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from education.hours.models import REQUIRED_HOURS_PER_YEAR, StudyCredit
from members.files.models import Member
from members.organizations.models import User


def credit_queryset(*, user: User) -> QuerySet[StudyCredit]:
    """Credits of the members the user manages (home files and hosted members)."""
    return StudyCredit.objects.visible_to(user)


def member_credits(*, user: User, member: Member, year: int | None = None):
    credits = credit_queryset(user=user).filter(member=member)
    return credits.filter(year=year) if year else credits


@dataclass(frozen=True)
class HoursBar:
    """The year's hours against a line: what a bar with a marker at the line needs."""

    hours: Decimal
    line: Decimal = REQUIRED_HOURS_PER_YEAR

    @property
    def reached(self) -> bool:
        return self.hours >= self.line

    @property
    def scale(self) -> Decimal:
        # The bar runs a quarter past the line, or to the hours if more.
        return max(self.line * Decimal("1.25"), self.hours, Decimal(1))

    @property
    def percent(self) -> int:
        return int(self.hours * 100 / self.scale)

    @property
    def line_percent(self) -> int:
        return int(self.line * 100 / self.scale)

    @property
    def missing(self) -> Decimal:
        return max(self.line - self.hours, Decimal(0))


def year_bar(*, member: Member, year: int, line: Decimal = REQUIRED_HOURS_PER_YEAR) -> HoursBar:
    total = StudyCredit.objects.filter(member=member, year=year).aggregate(total=Sum("hours"))
    return HoursBar(hours=total["total"] or Decimal(0), line=line)
