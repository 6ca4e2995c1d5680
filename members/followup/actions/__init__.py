"""Writes of differentiated management: contacts, lost-contact marks, dues, card reviews, work.

Either side may act: the writer of the member's home organisation (outflow side) or of the
inflow side of the member's open record. Each action is atomic and raises ``PermissionDenied``
or a ``ValidationError`` naming the field at fault; contacts and lost-contact marks also go
into the record's timeline.
"""

from members.followup.actions.contacts import contact_record, lost_contact_clear, lost_contact_mark
from members.followup.actions.dues import dues_payment_record, dues_rate_set
from members.followup.actions.reminders import management_warnings_remind
from members.followup.actions.repair import stored_copies_repair
from members.followup.actions.reviews import assigned_work_add, card_review_record
from members.followup.actions.sides import (
    management_step_ensure,
    management_steps,
    managing_side,
    may_manage,
)

__all__ = [
    "assigned_work_add",
    "card_review_record",
    "contact_record",
    "dues_payment_record",
    "dues_rate_set",
    "lost_contact_clear",
    "lost_contact_mark",
    "management_step_ensure",
    "management_steps",
    "management_warnings_remind",
    "managing_side",
    "may_manage",
    "stored_copies_repair",
]
