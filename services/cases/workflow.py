"""The service case's declared workflow.

submitted → accepted → in progress → resolved → closed (with the member's feedback and
satisfaction); or declined (with a reason) before it is resolved. A resolved, closed or
declined case may be reopened (with a reason) and goes back to "in progress". The member closes
a resolved case by giving feedback on the phone page; a secretary may record that feedback
from a phone call.
"""

from django.utils.translation import gettext_lazy as _

from members.workflow import NEW, Transition, Workflow
from services.cases.models import ServiceCase

S = ServiceCase.Status
HANDLER, MEMBER, FILER = "handler", "member", "filer"

CASE_WORKFLOW = Workflow(
    Transition("file", frozenset({NEW}), S.SUBMITTED, FILER, _("File the request")),
    Transition("accept", frozenset({S.SUBMITTED}), S.ACCEPTED, HANDLER, _("Accept")),
    Transition("start", frozenset({S.ACCEPTED}), S.IN_PROGRESS, HANDLER, _("Start handling")),
    Transition(
        "resolve", frozenset({S.ACCEPTED, S.IN_PROGRESS}), S.RESOLVED, HANDLER, _("Mark resolved")
    ),
    Transition(
        "close", frozenset({S.RESOLVED}), S.CLOSED, HANDLER, _("Close with the member's feedback")
    ),
    Transition(
        "decline",
        frozenset({S.SUBMITTED, S.ACCEPTED, S.IN_PROGRESS}),
        S.DECLINED,
        HANDLER,
        _("Decline"),
    ),
    Transition(
        "reopen",
        frozenset({S.RESOLVED, S.CLOSED, S.DECLINED}),
        S.IN_PROGRESS,
        HANDLER,
        _("Reopen"),
    ),
)

# The steps a secretary takes on the case page (filing is its own form; the member's feedback
# closes from the phone page through ``case_feedback``).
HANDLER_STEPS = [t for t in CASE_WORKFLOW.transitions.values() if t.actor == HANDLER]
