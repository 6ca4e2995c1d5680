"""Writes of mobility: the record workflow, its notices to both sides, letters of introduction."""

from members.mobility.actions.letters import (
    issuing_committee,
    letter_count_print,
    letter_issue,
    letter_record_return_slip,
)
from members.mobility.actions.notices import mobile_records_remind, record_event_notify
from members.mobility.actions.records import (
    log_event,
    mobile_record_add_note,
    mobile_record_assign_inflow,
    mobile_record_create,
    mobile_record_delete,
    mobile_record_end,
    mobile_record_register_inflow,
    mobile_record_registration_check,
    mobile_record_resubmit,
    mobile_record_return,
    mobile_record_set_co_management,
    mobile_record_submit,
    mobile_record_take_in,
    mobile_record_update,
    region_scope,
)
from members.mobility.actions.reports import member_report_event, mobile_record_member_report
from members.mobility.actions.sides import (
    CO_MANAGEMENT_FIELDS,
    OUTFLOW_FIELDS,
    TAKE_IN_FIELDS,
    acting_side,
    may_act,
)
from members.mobility.actions.steps import (
    departure_allowed,
    record_step_allowed,
    record_step_ensure,
    record_steps,
)

__all__ = [
    "CO_MANAGEMENT_FIELDS",
    "OUTFLOW_FIELDS",
    "TAKE_IN_FIELDS",
    "acting_side",
    "departure_allowed",
    "issuing_committee",
    "letter_count_print",
    "letter_issue",
    "letter_record_return_slip",
    "log_event",
    "may_act",
    "member_report_event",
    "mobile_record_add_note",
    "mobile_record_assign_inflow",
    "mobile_record_create",
    "mobile_record_delete",
    "mobile_record_end",
    "mobile_record_member_report",
    "mobile_record_register_inflow",
    "mobile_record_registration_check",
    "mobile_record_resubmit",
    "mobile_record_return",
    "mobile_record_set_co_management",
    "mobile_record_submit",
    "mobile_record_take_in",
    "mobile_record_update",
    "mobile_records_remind",
    "record_event_notify",
    "record_step_allowed",
    "record_step_ensure",
    "record_steps",
    "region_scope",
]
