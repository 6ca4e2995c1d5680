"""The management chain's figures on the dashboard: mobile members by category (差异化管理),
registrations waiting in the inbox, lost-contact warnings, political birthdays.

Each links to the list that shows exactly the rows it counts: the records list filtered by
category (outflow side), the inflow inbox, the warnings list filtered by code, the birthdays
card of the home page.
"""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from members.files.models import Member
from members.followup.models import Category, Code, ContactLog, LostContactMark
from members.followup.selectors import category_counts, warning_count
from members.mobility.models import MobileRecord
from members.mobility.selectors import OUTFLOW, inflow_inbox, record_side
from members.overview.build import BIRTHDAY_LIMIT, birthdays
from members.overview.registry import MANAGEMENT, Figure, Part, figure, scoped_cache, watch

CAP = 99

# A contact logged or a lost-contact mark changes a record's category without saving it.
RECORD_FACTS = [MobileRecord, ContactLog, LostContactMark]
watch(ContactLog, LostContactMark)
watch(MobileRecord, Member, paths=("home_path", "host_path"))


@figure("categories", order=10, chain=MANAGEMENT)
def mobile_by_category(user, today: datetime.date) -> Figure:
    """The outflow side's mobile members per category, as the records list counts them."""

    def compute() -> dict[str, int]:
        return category_counts(record_side(user=user, side=OUTFLOW), today=today)

    counts = scoped_cache("categories", user, today, RECORD_FACTS, compute)
    url = reverse("records:list")
    parts = tuple(
        Part(str(label), counts[value], f"{url}?category={value}")
        for value, label in Category.choices
    )
    return Figure(_("Mobile members away, by category"), sum(counts.values()), parts=parts)


@figure("inbox", order=20, chain=MANAGEMENT)
def inbox_waiting(user, today: datetime.date) -> Figure:
    """Registrations waiting for the user's organisations to take the member in (capped)."""
    count = inflow_inbox(user=user).order_by().values("pk")[: CAP + 1].count()
    return Figure(_("Registrations waiting in my inbox"), count, reverse("records:inbox"), cap=CAP)


@figure("lost_contact", order=30, chain=MANAGEMENT)
def lost_contact_warnings(user, today: datetime.date) -> Figure:
    """Mobile members not reached for six months (art. 24), as the warnings list shows them."""

    def compute() -> int:
        return warning_count(user=user, today=today, code=Code.LOST_CONTACT)

    count = scoped_cache("lost_contact", user, today, RECORD_FACTS, compute)
    url = f"{reverse('management:warnings')}?code={Code.LOST_CONTACT}"
    return Figure(_("Lost-contact warnings"), count, url)


@figure("birthdays", order=40, chain=MANAGEMENT)
def birthdays_this_week(user, today: datetime.date) -> Figure:
    """Today's and this week's political birthdays: the card further down the home page."""

    members = birthdays(user, today)
    on_the_day = sum(1 for m in members[:BIRTHDAY_LIMIT] if m.celebrated_on == today)
    week = len(members)
    parts = (Part(_("Today"), on_the_day, "#birthdays-today"),)
    return Figure(
        _("Political birthdays this week"),
        week,
        "#political-birthdays",
        parts=parts,
        cap=BIRTHDAY_LIMIT,
    )
