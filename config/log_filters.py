"""Keep resident ID numbers out of the logs.

Searches by ID number are GET requests (the member list, the API's ``?q=``, the admin's
search), so the number stands in the request line that the access log writes. Rather than
turn every search into a POST, every log record's text is redacted here: one filter covers
each form and API filter that exists or is added later, and links, paging and the back button
keep working.
"""

import logging
import re

# A digit as typed (also a full-width one, which \d matches) or percent-encoded in a URL:
# a full-width digit is UTF-8 EF BC 90-99, full-width Ｘ and ｘ are EF BC B8 and EF BD 98.
_DIGIT = r"(?:\d|%EF%BC%9[0-9])"
_CHECK_X = r"[XxＸｘ]|%EF%BC%B8|%EF%BD%98"
# 18-character numbers end in a digit or X, 15-character ones in a digit; neither may be part
# of a longer run of letters and digits (a percent-escape before it, such as an encoded space,
# is a separator).
ID_NUMBER = re.compile(
    r"(?:(?<=%[0-9A-Fa-f]{2})|(?<![0-9A-Za-z%]))"
    rf"{_DIGIT}{{15}}(?:{_DIGIT}{{2}}(?:{_DIGIT}|{_CHECK_X}))?"
    r"(?![0-9A-Za-z])",
    re.IGNORECASE,
)
REDACTED = "[ID number]"


def redact_id_numbers(text: str) -> str:
    return ID_NUMBER.sub(REDACTED, text)


class RedactIdNumbers(logging.Filter):
    """Replace ID numbers in a record's message; the record is formatted once, here."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_id_numbers(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
