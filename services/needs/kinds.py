"""The outbox kind of the needs collection: a branch's round not finished near or after its
due date (an inbox message to the branch's secretaries)."""

from django.utils.translation import gettext_lazy as _

from members.outbox import kinds

NEEDS_ROUND_REMINDER = kinds.register(
    "needs_round_reminder",
    _("Monthly needs collection not finished"),
    default_text=(
        "{organization}：{date}前须完成本月流动党员需求收集，还有{count}名党员未联系，请尽快询问。"
    ),
)
