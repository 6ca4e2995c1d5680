"""The messages hardship subsidies send (members.outbox.kinds)."""

from django.utils.translation import gettext_lazy as _

from members.outbox.kinds import register

DECISION = register("subsidy_decision", _("Hardship subsidy decided"))
