"""The hardship subsidy's declared workflow.

A branch applies (→ awaiting approval); the organisation directly above it approves or
declines (with a reason) — never the person who applied —, and marks an approved subsidy
paid. The applying side may withdraw an application not yet decided.
"""

from django.utils.translation import gettext_lazy as _

from members.workflow import NEW, Transition, Workflow
from services.subsidies.models import SubsidyApplication

S = SubsidyApplication.Status
APPLICANT, APPROVER = "applicant", "approver"

SUBSIDY_WORKFLOW = Workflow(
    Transition("apply", frozenset({NEW}), S.SUBMITTED, APPLICANT, _("Apply")),
    Transition("approve", frozenset({S.SUBMITTED}), S.APPROVED, APPROVER, _("Approve")),
    Transition("decline", frozenset({S.SUBMITTED}), S.DECLINED, APPROVER, _("Decline")),
    Transition("pay", frozenset({S.APPROVED}), S.PAID, APPROVER, _("Mark paid")),
    Transition("withdraw", frozenset({S.SUBMITTED}), S.WITHDRAWN, APPLICANT, _("Withdraw")),
)

# Counted in a member's yearly total: granted money, paid or about to be.
GRANTED = (S.APPROVED, S.PAID)
STEPS = [name for name in SUBSIDY_WORKFLOW.transitions if name != "apply"]
