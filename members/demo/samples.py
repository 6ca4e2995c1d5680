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


# Common surnames in Qinghai's Han, Hui and Tu communities, and given-name characters; combined
# at random they make plausible names that belong to nobody in particular.
SURNAMES = tuple(
    "王李张刘陈杨赵马祁韩朱胡郭何高林罗郑梁谢宋唐许冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾鲁"
)
GIVEN_CHARS = tuple(
    "海春秀玲文明国强伟芳英华军平红霞德生福才贵成林兰梅燕萍莲永忠建新学志勇宏云峰丽娟静慧艳花山胜发顺清宁青兴晓东玉珍桂进全义"
)


def fake_name(rng) -> str:
    """A surname and a one- or two-character given name drawn from ``rng`` (random.Random)."""
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2, 2))))
    return rng.choice(SURNAMES) + given
