"""The mobile record's workflow: every status change a record can make, declared once."""

from django.utils.translation import gettext_lazy as _

from members.mobility.models.records import MobileRecord, Side
from members.workflow import NEW, Transition, Workflow

_s = MobileRecord.Status
WORKFLOW = Workflow(
    Transition("draft", frozenset({NEW}), _s.DRAFT, Side.OUTFLOW, _("Registration drafted")),
    Transition(
        "register_arrival",
        frozenset({NEW}),
        _s.WAITING,
        Side.INFLOW,
        _("Registered by the inflow side"),
    ),
    Transition("submit", frozenset({_s.DRAFT}), _s.WAITING, Side.OUTFLOW, _("Submit")),
    Transition(
        "register_no_inflow",
        frozenset({_s.DRAFT}),
        _s.NO_INFLOW,
        Side.OUTFLOW,
        _("Register without inflow organisation"),
    ),
    Transition(
        "assign_inflow",
        frozenset({_s.NO_INFLOW}),
        _s.WAITING,
        Side.OUTFLOW,
        _("Send to an inflow organisation"),
    ),
    Transition(
        "return", frozenset({_s.WAITING}), _s.RETURNED, Side.INFLOW, _("Return to outflow side")
    ),
    Transition("resubmit", frozenset({_s.RETURNED}), _s.WAITING, Side.OUTFLOW, _("Resubmit")),
    Transition("take_in", frozenset({_s.WAITING}), _s.TAKEN_IN, Side.INFLOW, _("Take in")),
    Transition("end", frozenset(MobileRecord.AWAY_STATUSES), _s.ENDED, Side.EITHER, _("End")),
)
