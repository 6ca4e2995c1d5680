"""The shipment's declared workflow: to pack → sent → delivered → received; or returned.

A returned parcel goes back to "to pack" with a corrected address and is sent again; the
member (through the phone page) or a secretary on the member's word confirms receipt.
"""

from django.utils.translation import gettext_lazy as _

from education.packages.models import Shipment
from members.workflow import Transition, Workflow

S = Shipment.Status
SECRETARY, MEMBER = "secretary", "member"

SHIPMENT_WORKFLOW = Workflow(
    Transition("send", frozenset({S.TO_PACK}), S.SENT, SECRETARY, _("Mark sent")),
    Transition("deliver", frozenset({S.SENT}), S.DELIVERED, SECRETARY, _("Mark delivered")),
    Transition(
        "receive", frozenset({S.SENT, S.DELIVERED}), S.RECEIVED, MEMBER, _("Confirm receipt")
    ),
    Transition(
        "return", frozenset({S.SENT, S.DELIVERED}), S.RETURNED, SECRETARY, _("Mark returned")
    ),
    Transition("resend", frozenset({S.RETURNED}), S.TO_PACK, SECRETARY, _("Send again")),
)

# Counted as "sent" in a dispatch's progress: everything that has left the office.
SENT_OR_LATER = (S.SENT, S.DELIVERED, S.RECEIVED)
RECEIVABLE = (S.SENT, S.DELIVERED)
