"""Pages of the mobile-record workflow: outflow follow list, inflow inbox, record, letters."""

from members.mobility.views.letters import (
    VERIFY_RATE,
    letter_detail,
    letter_issue,
    letter_pdf,
    letter_print,
    letter_return_slip,
    letter_verify,
)
from members.mobility.views.records import (
    inflow_inbox,
    record_co_management,
    record_create,
    record_detail,
    record_edit,
    record_list,
    record_note,
    record_register_inflow,
)
from members.mobility.views.steps import record_step

__all__ = [
    "VERIFY_RATE",
    "inflow_inbox",
    "letter_detail",
    "letter_issue",
    "letter_pdf",
    "letter_print",
    "letter_return_slip",
    "letter_verify",
    "record_co_management",
    "record_create",
    "record_detail",
    "record_edit",
    "record_list",
    "record_note",
    "record_register_inflow",
    "record_step",
]
