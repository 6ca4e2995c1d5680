"""Story 11 for the demo: holiday care for the left-behind families of members away.

湟中区委 ran «2026年重阳节走访慰问» for left-behind elders (done) and, with 湟源县委 and 大通县
长宁镇党委, «2027年春节走访慰问» is under way: 卡阳村 and 长宁镇 have made a few visits, 尕庄村
(王生贵) still has 王秀玲's daughter 王丽 and mother-in-law 赵秀英 to see. Two care records
besides: a hospital visit to 杨增奎's mother and help with 王丽's school enrolment. Sample data
(the texts say so); running it again changes nothing.
"""

import datetime

from django.utils import timezone

from members.files.models import FamilyMember
from members.organizations.models import Organization, User
from services.care import actions
from services.care.models import CareCampaign, CareRecord, CareVisit

D = datetime.date
ORGANISER = "xn_zzb"  # 西宁市委组织部 sets the campaigns up for the counties and towns
SPRING = ("2027年春节走访慰问", CareCampaign.Holiday.SPRING_FESTIVAL, "all", D(2026, 11, 23))
CAMPAIGNS = [
    ("中共西宁市湟中区委", "2026年重阳节走访慰问", CareCampaign.Holiday.DOUBLE_NINTH, "elders",
     D(2026, 10, 12), D(2026, 10, 25)),
    ("中共西宁市湟中区委", *SPRING, D(2027, 2, 20)),
    ("中共湟源县委", *SPRING, D(2027, 2, 20)),
    ("长宁镇党委", *SPRING, D(2027, 2, 20)),
]  # fmt: skip
# (campaign, relative, who visited, when, what was done)
VISITS = [
    ("2026年重阳节走访慰问", "曹德福", "yanyiping", D(2026, 10, 18),
     "重阳节上门看望曹德福老人，送去牛奶和棉衣，帮助打扫院子（示例数据）。"),
    ("2027年春节走访慰问", "曹小宇", "yanyiping", D(2026, 11, 25),
     "看望曹小宇，送去书包和学习用品，了解学习情况（示例数据）。"),
    ("2027年春节走访慰问", "李桂兰", "zhaodeming", D(2026, 11, 26),
     "看望李桂兰老人，送去米面油和慰问金500元（示例数据）。"),
]  # fmt: skip
# (member, relative or None, kind, branch, who, when, what was done)
RECORDS = [
    ("杨增奎", "李桂兰", CareRecord.Kind.HOSPITAL_VISIT, "新添堡村党支部", "zhaodeming",
     D(2026, 11, 10), "李桂兰老人因肺炎住院，镇村干部到县医院看望，协助办理医保报销（示例数据）。"),
    ("王秀玲", "王丽", CareRecord.Kind.SCHOOL, "尕庄村党支部", "wangshenggui",
     D(2026, 8, 28), "协助王丽办理城关镇中心学校五年级入学手续，落实营养午餐（示例数据）。"),
]  # fmt: skip


def load_demo() -> None:
    organiser = User.objects.filter(username=ORGANISER).first()
    if organiser is None:
        return  # the management chain's demo is not loaded
    for organization, name, holiday, focus, starts_on, ends_on in CAMPAIGNS:
        actions.care_campaign_create(
            actor=organiser,
            organization=Organization.objects.get(name=organization),
            name=name,
            holiday=holiday,
            focus=focus,
            starts_on=starts_on,
            ends_on=ends_on,
        )
    for campaign, relative, login, on_date, description in VISITS:
        visit = CareVisit.objects.get(campaign__name=campaign, family_member__name=relative)
        actions.care_visit_done(
            actor=User.objects.get(username=login),
            visit=visit,
            on_date=_not_after_today(on_date),
            description=description,
        )
    for member, relative, kind, branch, login, on_date, description in RECORDS:
        family_member = FamilyMember.objects.get(member__name=member, name=relative)
        if CareRecord.objects.filter(family_member=family_member, kind=kind).exists():
            continue
        actions.care_record_add(
            actor=User.objects.get(username=login),
            member=family_member.member,
            family_member=family_member,
            kind=kind,
            on_date=_not_after_today(on_date),
            description=description,
            organization=Organization.objects.get(name=branch),
        )


def _not_after_today(day: datetime.date) -> datetime.date:
    """The demo's dates, or today when it is loaded earlier (no care is recorded ahead)."""
    return min(day, timezone.localdate())
