"""Working days (工作日) by the State Council's holiday calendar, for due dates of cases.

``chinese-calendar`` knows each year's public holidays and the weekend days made working days
(调休) once the State Council has published them (each year's notice comes out in November or
December). For a year it does not know yet we count Monday to Friday and say so on the page,
rather than refuse a due date; a newer release of the package fixes those dates.
"""

import datetime

import chinese_calendar
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def calendar_known(day: datetime.date) -> bool:
    """Whether the holiday calendar covers this day's year (else weekends only are rest)."""
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


def is_working_day(day: datetime.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The ``days``-th working day after ``start`` (``start`` itself does not count)."""
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days after ``start`` up to and including ``end`` (0 if not later)."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day)
    return count


def validate_working_day(day: datetime.date) -> None:
    """A due date must be a day someone is at work to meet it."""
    if is_working_day(day):
        return
    name = _holiday_name(day)
    if name:
        message = _("%(date)s is a public holiday (%(holiday)s); choose a working day.") % {
            "date": day.isoformat(),
            "holiday": name,
        }
    else:
        message = _("%(date)s is a rest day; choose a working day.") % {"date": day.isoformat()}
    raise ValidationError(message, code="holiday")


HOLIDAY_NAMES = {
    "New Year's Day": gettext_lazy("New Year's Day"),
    "Spring Festival": gettext_lazy("Spring Festival"),
    "Tomb-sweeping Day": gettext_lazy("Tomb-sweeping Day"),
    "Labour Day": gettext_lazy("Labour Day"),
    "Dragon Boat Festival": gettext_lazy("Dragon Boat Festival"),
    "National Day": gettext_lazy("National Day"),
    "Mid-autumn Festival": gettext_lazy("Mid-autumn Festival"),
}


def _holiday_name(day: datetime.date) -> str:
    try:
        on_holiday, holiday = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return ""
    if not on_holiday or holiday is None:
        return ""
    return str(HOLIDAY_NAMES.get(holiday, holiday))
