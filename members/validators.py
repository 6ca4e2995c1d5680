"""Field validators for Chinese identity data: ID numbers, phones, region codes."""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# First two digits of GB/T 2260 codes: provinces, autonomous regions, municipalities, SARs.
PROVINCE_CODES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
ID_NUMBER_RE = re.compile(r"[0-9]{17}[0-9X]")
# What Chinese input methods type in full-width mode: digits ０-９, Ｘ/ｘ and the wide space.
_FULL_WIDTH = str.maketrans(
    {**{chr(0xFF10 + d): str(d) for d in range(10)}, "Ｘ": "X", "ｘ": "X", "\u3000": " "}
)
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


class Gender:
    MALE = "M"
    FEMALE = "F"


@dataclass(frozen=True)
class IdNumber:
    """A validated national ID number (GB 11643) and what it tells."""

    number: str
    birth_date: datetime.date
    gender: str
    region_code: str

    @property
    def masked(self) -> str:
        return mask_id_number(self.number)


def id_check_char(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def normalize_id_number(value: str) -> str:
    """Full-width digits and X to ASCII, spaces out, x upper-case. Other characters stay as
    typed (a superscript ² is not a 2), for the validator to refuse."""
    return str(value or "").translate(_FULL_WIDTH).replace(" ", "").strip().upper()


def parse_id_number(value: str, *, today: datetime.date | None = None) -> IdNumber:
    """Validate an 18-character ID number; raise ``ValidationError`` saying what is wrong."""
    number = normalize_id_number(value)
    if len(number) != 18:
        raise ValidationError(
            _("An ID number has 18 characters; this one has %(count)d."),
            code="id_length",
            params={"count": len(number)},
        )
    # ASCII only: str.isdigit() also accepts "²" and other scripts' digits, which int() refuses.
    if not ID_NUMBER_RE.fullmatch(number):
        raise ValidationError(
            _("An ID number is 17 digits followed by a digit or X."), code="id_characters"
        )
    if number[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("%(code)s is not a province code; check the first two digits."),
            code="id_province",
            params={"code": number[:2]},
        )
    birth_date = _id_birth_date(number, today or timezone.localdate())
    if id_check_char(number[:17]) != number[17]:
        raise ValidationError(
            _("The check digit is wrong; please check the number for a typing mistake."),
            code="id_checksum",
        )
    gender = Gender.MALE if int(number[16]) % 2 else Gender.FEMALE
    return IdNumber(number=number, birth_date=birth_date, gender=gender, region_code=number[:6])


def _id_birth_date(number: str, today: datetime.date) -> datetime.date:
    try:
        birth_date = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            _("Digits 7 to 14 must be a real birth date (YYYYMMDD); %(value)s is not."),
            code="id_birth_date",
            params={"value": number[6:14]},
        ) from None
    if birth_date > today or birth_date.year < 1900:
        raise ValidationError(
            _("The birth date %(date)s in the ID number is impossible."),
            code="id_birth_date",
            params={"date": birth_date.isoformat()},
        )
    return birth_date


def mask_id_number(number: str) -> str:
    """Show the region and the last four characters only: ``630102********1234``."""
    if not number:
        return ""
    return f"{number[:6]}{'*' * (len(number) - 10)}{number[-4:]}"


# An ID number inside a text (a log line, an audit label): a digit as typed (also full-width,
# which \d matches) or percent-encoded in a URL (full-width digits are UTF-8 EF BC 90-99,
# full-width Ｘ and ｘ EF BC B8 and EF BD 98). 18-character numbers end in a digit or X,
# 15-character ones in a digit; neither may be part of a longer run of letters and digits (a
# percent-escape before it, such as an encoded space, is a separator). Phone numbers (11
# digits) and masked numbers do not match.
_DIGIT = r"(?:\d|%EF%BC%9[0-9])"
_CHECK_X = r"[XxＸｘ×]|%EF%BC%B8|%EF%BD%98"
ID_NUMBER_IN_TEXT = re.compile(
    r"(?:(?<=%[0-9A-Fa-f]{2})|(?<![0-9A-Za-z%]))"
    rf"{_DIGIT}{{15}}(?:{_DIGIT}{{2}}(?:{_DIGIT}|{_CHECK_X}))?"
    r"(?![0-9A-Za-z])",
    re.IGNORECASE,
)


def redact_id_numbers(text: str, replacement: str) -> str:
    """``text`` with every ID number in it replaced by ``replacement``."""
    return ID_NUMBER_IN_TEXT.sub(replacement, text)


def validate_id_number(value: str) -> None:
    parse_id_number(value)


def validate_mobile(value: str) -> None:
    if value and not MOBILE_RE.match(value):
        raise ValidationError(
            _("Enter an 11-digit mainland mobile number starting with 1, e.g. 13909710000."),
            code="mobile",
        )


def validate_phone(value: str) -> None:
    if value and not (MOBILE_RE.match(value) or LANDLINE_RE.match(value)):
        raise ValidationError(
            _("Enter a mobile number or a landline with area code, e.g. 0971-8888888."),
            code="phone",
        )


def validate_region_code(value: str) -> None:
    if not (
        len(value) == 6 and value.isascii() and value.isdigit() and value[:2] in PROVINCE_CODES
    ):
        raise ValidationError(
            _("Enter a six-digit administrative division code, e.g. 630102."),
            code="region_code",
        )


# Han characters (the basic block, extension A, compatibility and the supplementary planes).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CHINESE_NAME_RE = re.compile(rf"[{_HAN}]+(·[{_HAN}]+)*")
# Foreign names in Latin letters: words of letters joined by spaces, hyphens or apostrophes.
_LATIN_NAME_RE = re.compile(r"[^\W\d_]+([ '\-.]+[^\W\d_]+)*\.?")
_MIDDLE_DOTS = str.maketrans({"•": "·", "・": "·", "．": "·", "\u2027": "·"})


def normalize_person_name(value: str) -> str:
    """Trim, collapse spaces (none between Han characters), write the minority names'
    separator as the one "·"."""
    name = " ".join(value.split()).translate(_MIDDLE_DOTS)
    without_spaces = name.replace(" ", "")
    return without_spaces if _CHINESE_NAME_RE.fullmatch(without_spaces) else name


def validate_person_name(value: str) -> None:
    """A person's name: Han characters, with "·" between the parts of a minority name
    (阿卜杜拉·买买提), or a foreign name in Latin letters; no digits, markup or symbols."""
    name = normalize_person_name(value)
    if not name:
        return
    if _CHINESE_NAME_RE.fullmatch(name):
        if len(name) < 2:
            raise ValidationError(_("A name has at least two characters."), code="name_short")
        return
    if _LATIN_NAME_RE.fullmatch(name) and all(_latin(char) for char in name if char.isalpha()):
        return
    raise ValidationError(
        _(
            "Write the name in Chinese characters (with “·” between the parts of a minority "
            "name) or in Latin letters; digits, symbols and markup are not allowed."
        ),
        code="name",
    )


def _latin(char: str) -> bool:
    return "LATIN" in unicodedata.name(char, "")
