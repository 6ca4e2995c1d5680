"""Keep resident ID numbers out of the logs.

Searches by ID number are GET requests (the member list, the API's ``?q=``, the admin's
search), so the number stands in the request line that the access log writes. Rather than
turn every search into a POST, every log record's text is redacted here: one filter covers
each form and API filter that exists or is added later, and links, paging and the back button
keep working.
"""

import logging

from members.validators import redact_id_numbers as redact

REDACTED = "[ID number]"


def redact_id_numbers(text: str) -> str:
    return redact(text, REDACTED)


class RedactIdNumbers(logging.Filter):
    """Replace ID numbers in a record's message; the record is formatted once, here."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_id_numbers(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
