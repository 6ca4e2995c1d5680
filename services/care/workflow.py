"""The care visit's declared workflow: to visit → visited (with a care record), or → not
needed (the family moved, the member came home); a visit marked not needed may still be made."""

from django.utils.translation import gettext_lazy as _

from members.workflow import Transition, Workflow
from services.care.models import CareVisit

S = CareVisit.Status
BRANCH = "branch"

VISIT_WORKFLOW = Workflow(
    Transition("done", frozenset({S.TO_VISIT, S.NOT_NEEDED}), S.VISITED, BRANCH, _("Visited")),
    Transition("skip", frozenset({S.TO_VISIT}), S.NOT_NEEDED, BRANCH, _("No visit needed")),
)
