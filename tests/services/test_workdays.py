import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from services.workdays import (
    add_working_days,
    calendar_known,
    is_working_day,
    validate_working_day,
    working_days_between,
)

D = datetime.date


def test_the_national_day_week_is_not_worked():
    assert [is_working_day(D(2026, 10, day)) for day in range(1, 8)] == [False] * 7


def test_a_weekend_day_made_a_working_day_counts():
    # 2026-09-20 (a Sunday) is worked in exchange for the National Day holiday.
    assert (D(2026, 9, 20).weekday(), is_working_day(D(2026, 9, 20))) == (6, True)


def test_working_days_skip_the_national_day_holiday():
    # Filed on Wednesday 30 September: the 1st working day after it is Thursday 8 October.
    assert add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)


def test_working_days_between_counts_the_end_not_the_start():
    assert working_days_between(D(2026, 11, 23), D(2026, 11, 27)) == 4


def test_a_year_the_calendar_does_not_know_counts_monday_to_friday():
    assert (calendar_known(D(2030, 1, 7)), add_working_days(D(2030, 1, 4), 1)) == (
        False,
        D(2030, 1, 7),
    )


def test_a_due_date_on_a_public_holiday_is_refused_in_words():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        validate_working_day(D(2026, 10, 2))
    assert error.value.messages == ["2026-10-02 是法定节假日（国庆节），请选择工作日。"]


def test_a_due_date_on_a_sunday_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_working_day(D(2026, 11, 29))
    assert error.value.code == "holiday"
