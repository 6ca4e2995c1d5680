"""Demo study plan (story 4): 拦隆口镇党委's yearly template and reading list, a 2026 plan for
all mobile members of 拦隆口镇 — 曹忠海 of 卡阳村党支部 among them — and one reading he has
confirmed on his phone. Built through the actions; loading it again changes nothing."""

from decimal import Decimal

from education.audience import Audience
from education.plans import actions
from education.plans.models import PlanTemplate, Reading, StudyPlan
from members.files.models import Member
from members.organizations.models import Organization, User

TOWN = "拦隆口镇党委"
OFFICER = "wanghaiyan"  # 汪海燕, deputy secretary of the town committee
YEAR = 2026
TEMPLATE = "2026年流动党员学习计划"
READINGS = [
    ("book", "习近平新时代中国特色社会主义思想学习纲要", "中共中央宣传部", Decimal(4)),
    ("document", "中国共产党章程", "中国共产党第二十次全国代表大会", Decimal(2)),
    ("document", "党员教育管理工作条例", "中共中央", Decimal(2)),
]


def load_demo_plans() -> StudyPlan | None:
    """Load the demo plan; ``None`` when the management chain's demo is not loaded."""
    town = Organization.objects.filter(name=TOWN).first()
    actor = User.objects.filter(username=OFFICER).first()
    if town is None or actor is None:
        return None
    readings = [_reading(actor, town, *row) for row in READINGS]
    template = PlanTemplate.objects.filter(organization=town, name=TEMPLATE).first()
    if template is None:
        template = actions.template_create(
            actor=actor,
            organization=town,
            name=TEMPLATE,
            description="每名流动党员每年集中学习不少于32学时；年老体弱、居住分散的党员送学上门。",
            target_hours=Decimal(32),
            readings=readings,
        )
    plan = StudyPlan.objects.filter(organization=town, year=YEAR, template=template).first()
    if plan is None:
        plan = actions.plan_create(
            actor=actor,
            organization=town,
            year=YEAR,
            template=template,
            audience=Audience(organization=town, mobile_only=True),
        )
    _cao_zhonghai(actor, plan, readings[1])
    return plan


def _reading(actor: User, town: Organization, kind, title, author, hours) -> Reading:
    found = Reading.objects.filter(organization=town, title=title).first()
    if found is not None:
        return found
    return actions.reading_create(
        actor=actor, organization=town, kind=kind, title=title, author=author, hours=hours
    )


def _cao_zhonghai(actor: User, plan: StudyPlan, reading: Reading) -> None:
    """In the plan even if his record has not made him mobile yet; the party constitution read."""
    member = Member.objects.filter(name="曹忠海", is_sample=True).first()
    if member is None:
        return
    if not plan.plan_members.filter(member=member).exists():
        actions.plan_add_members(actor=actor, plan=plan, member=member)
    actions.reading_confirm(member=member, reading=reading, year=YEAR, through_link=True)
