"""Story 8 for the demo: 城中区 and 湟中区 collect their mobile members' needs each month.

Last month's rounds are complete (every member asked, a few needs); this month's are open with
some rows filled in each round — needs of several categories, one of 南滩街道流动党员党支部's
turned into a request — and the rest left for 刘德花 and her colleagues to ask. Rows are filled
by each branch's own secretaries. Running it again changes nothing: opening adds only what is
missing, and a round that has any row filled is left as it is.
"""

import datetime
import itertools

from django.utils import timezone

from members.organizations.models import Organization
from members.organizations.selectors import organization_handlers
from services.needs import actions
from services.needs.models import NeedsRound

COUNTIES = ["中共西宁市城中区委", "中共西宁市湟中区委"]
STORY_BRANCH = "南滩街道流动党员党支部"
# What the members said, by category: the demo's rows cycle through them.
SAMPLE_NEEDS = [
    ("unpaid_wages", "工地拖欠三个月工资，希望帮助讨薪（示例数据）"),
    ("children", "孩子在老家上学，想了解随迁入学政策（示例数据）"),
    ("skills", "想参加电工技能培训（示例数据）"),
    ("policy", "咨询异地医保报销办法（示例数据）"),
]
# This month: of every four rows, one with needs, two without, one not reached; then the rest.
THIS_MONTH_FILLED = 4


def load_demo() -> None:
    this_month = actions.month_start(timezone.localdate())
    last_month = actions.month_start(this_month - datetime.timedelta(days=1))
    for name in COUNTIES:
        county = Organization.objects.filter(name=name).first()
        if county is None:
            continue
        for month in (last_month, this_month):
            actions.needs_rounds_open(actor=None, organization=county, month=month)
        rounds = NeedsRound.objects.filter(path__startswith=county.path, asked_count=0)
        for needs_round in rounds.filter(month=last_month).select_related("organization"):
            _fill(needs_round, limit=None)
        for needs_round in rounds.filter(month=this_month).select_related("organization"):
            _fill(needs_round, limit=THIS_MONTH_FILLED)


def _fill(needs_round: NeedsRound, *, limit: int | None) -> None:
    handlers = organization_handlers(needs_round.organization)
    if not handlers:
        return
    actor = handlers[0]
    samples = itertools.cycle(SAMPLE_NEEDS)
    entries = needs_round.entries.select_related("member").order_by("id")
    entries = list(entries[:limit] if limit else entries)
    for index, entry in enumerate(entries):
        if index % 4 == 0:
            category, needs = next(samples)
            entry = actions.needs_entry_fill(
                actor=actor,
                entry=entry,
                outcome="needs",
                method="phone",
                needs=needs,
                category=category,
            )
            if needs_round.organization.name == STORY_BRANCH and limit is not None:
                actions.needs_entry_to_case(actor=actor, entry=entry)
        elif index % 4 == 3:
            actions.needs_entry_fill(actor=actor, entry=entry, outcome="unreachable")
        else:
            actions.needs_entry_fill(actor=actor, entry=entry, outcome="no_needs", method="wechat")
