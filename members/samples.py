"""Synthetic identity data for demo, tests and benchmarks; never describes a real person."""

import datetime

from members.validators import id_check_char


def fake_id_number(region_code: str, birth_date: datetime.date, serial: int, gender: str) -> str:
    """Build a well-formed ID number: region, birth date, 3-digit serial (odd = male), check."""
    sequence = serial % 500 * 2 + (1 if gender == "M" else 0)
    sequence = sequence if sequence else 2
    first17 = f"{region_code}{birth_date:%Y%m%d}{sequence:03d}"
    return first17 + id_check_char(first17)


def fake_mobile(serial: int) -> str:
    """An 11-digit number in the 19x range that looks real but is generated."""
    return f"19{serial % 1_000_000_000:09d}"
