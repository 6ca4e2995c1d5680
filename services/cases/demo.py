"""Stories 6 and 7 for the demo, and one closed request so the list has some history.

Story 6: 杨增奎 (新添堡村党支部) has let 3 mu of land to a fellow villager who has not paid
for five years. 长宁镇党委's secretary 赵德明 files the dispute and hands it over to the
village branch, whose secretary 祁海成 has started handling it.
Story 7: 肖双强 and 24 fellow workers from 河南 (sample members of 南滩街道流动党员党支部)
are owed wages by a labour subcontractor; 刘德花 filed one request for all 25.
The management chain's demo has no logins for the secretaries these stories hand cases to:
祁海成 (``qihaicheng``, 新添堡村党支部) and 苏文华 (``suwenhua``, 南滩街道党工委) get one here.
Running it again changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from members.files.actions import member_create
from members.files.models import Member
from members.organizations.models import Assignment, Organization, User
from members.scoping import Role
from members.validators import id_check_char
from services.cases import actions
from services.cases.models import CaseEvent, ServiceCase

TOWN, VILLAGE, NANTAN_BRANCH = "长宁镇党委", "新添堡村党支部", "南滩街道流动党员党支部"
NANTAN = "南滩街道党工委"
VILLAGE_LOGIN, VILLAGE_SECRETARY = "qihaicheng", "祁海成"
NANTAN_LOGIN, NANTAN_SECRETARY = "suwenhua", "苏文华"
LAND_TITLE = "杨增奎3亩耕地租金5年未付"
HANDOVER_REASON = "请村支部书记联系杨增奎本人并协调调解"
WAGES_TITLE = "肖双强等25人被拖欠工资"
CLOSED_TITLE = "咨询流动党员组织关系转接政策"
SAMPLE = "（示例数据）"

# 24 fellow workers from 驻马店 (ID region 4117xx), each with a birth date.
FELLOW_WORKERS = [
    ("王建国", "411702", datetime.date(1978, 4, 2)),
    ("李卫东", "411721", datetime.date(1981, 6, 15)),
    ("张红军", "411722", datetime.date(1976, 9, 8)),
    ("刘保国", "411723", datetime.date(1983, 1, 21)),
    ("陈志强", "411724", datetime.date(1985, 11, 3)),
    ("杨新民", "411725", datetime.date(1979, 7, 19)),
    ("赵富贵", "411726", datetime.date(1974, 3, 27)),
    ("黄海涛", "411727", datetime.date(1988, 5, 9)),
    ("周国庆", "411728", datetime.date(1977, 10, 1)),
    ("吴俊峰", "411729", datetime.date(1986, 2, 14)),
    ("徐长青", "411702", datetime.date(1980, 8, 30)),
    ("孙振华", "411721", datetime.date(1982, 12, 12)),
    ("马向阳", "411722", datetime.date(1984, 4, 25)),
    ("朱永刚", "411723", datetime.date(1975, 6, 6)),
    ("胡建设", "411724", datetime.date(1973, 9, 17)),
    ("郭留柱", "411725", datetime.date(1979, 1, 4)),
    ("何文斌", "411726", datetime.date(1987, 3, 11)),
    ("高建伟", "411727", datetime.date(1983, 7, 28)),
    ("林秋生", "411728", datetime.date(1976, 10, 20)),
    ("罗明亮", "411729", datetime.date(1989, 2, 2)),
    ("郑三喜", "411702", datetime.date(1972, 5, 16)),
    ("梁国栋", "411721", datetime.date(1981, 11, 23)),
    ("宋金山", "411722", datetime.date(1978, 8, 8)),
    ("谢志军", "411723", datetime.date(1985, 12, 30)),
]


@transaction.atomic
def load_demo() -> None:
    """Nothing without the management chain's demo (its tree, members and logins)."""
    town = Organization.objects.filter(name=TOWN).first()
    village = Organization.objects.filter(name=VILLAGE).first()
    branch = Organization.objects.filter(name=NANTAN_BRANCH).first()
    zhao = User.objects.filter(username="zhaodeming").first()
    liu = User.objects.filter(username="liudehua").first()
    if None in (town, village, branch, zhao, liu):
        return
    qi = _secretary(VILLAGE_LOGIN, VILLAGE_SECRETARY, village, like=zhao)
    nantan = Organization.objects.filter(name=NANTAN).first()
    if nantan is not None:
        _secretary(NANTAN_LOGIN, NANTAN_SECRETARY, nantan, like=liu)
    _story_6(town, village, zhao, qi)
    _story_7(branch, liu)
    _closed_case()


def _secretary(login: str, name: str, organization: Organization, *, like: User) -> User:
    """A secretary's login, with the other demo logins' password (their hash is copied)."""
    user, _created = User.objects.get_or_create(
        username=login, defaults={"full_name": name, "password": like.password}
    )
    Assignment.objects.get_or_create(
        user=user, organization=organization, defaults={"role": Role.SECRETARY}
    )
    return user


def _story_6(town, village, zhao, qi) -> None:
    yang = Member.objects.filter(name="杨增奎", organization=village, is_sample=True).first()
    if yang is None or ServiceCase.objects.filter(title=LAND_TITLE).exists():
        return
    case = actions.case_file(
        actor=zhao,
        organization=town,
        members=[yang],
        category=ServiceCase.Category.LAND_LEASE,
        title=LAND_TITLE,
        description="杨增奎与妻子在外务工，3亩耕地租给本村村民，对方近5年未付租金，"
        "本人电话求助镇党委。" + SAMPLE,
    )
    case = actions.case_step(actor=zhao, case=case, step="accept")
    case = actions.case_handover(
        actor=zhao, case=case, organization=village, reason=HANDOVER_REASON
    )
    case = actions.case_step(actor=qi, case=case, step="start")
    actions.case_note(actor=qi, case=case, text="已电话联系杨增奎，约定下周与承租方见面。")


def _story_7(branch, liu) -> None:
    xiao = Member.objects.filter(name="肖双强", organization=branch, is_sample=True).first()
    if xiao is None or ServiceCase.objects.filter(title=WAGES_TITLE).exists():
        return
    workers = [_worker(branch, liu, serial, *row) for serial, row in enumerate(FELLOW_WORKERS)]
    case = actions.case_file(
        actor=liu,
        organization=branch,
        members=[xiao, *workers],
        category=ServiceCase.Category.UNPAID_WAGES,
        title=WAGES_TITLE,
        description="肖双强与24名河南同乡在城中区某劳务分包公司务工，"
        "工程完工后工资一直被拖欠，共约38万元。" + SAMPLE,
        priority=ServiceCase.Priority.HIGH,
    )
    actions.case_step(actor=liu, case=case, step="accept")


def _worker(branch, actor, serial: int, name: str, region: str, born: datetime.date) -> Member:
    first17 = f"{region}{born:%Y%m%d}{701 + serial * 2:03d}"  # odd sequence: a man
    id_number = first17 + id_check_char(first17)
    existing = Member.objects.filter(
        organization=branch, name=name, birth_date=born, is_sample=True
    ).first()
    if existing is not None:
        return existing
    return member_create(
        actor=actor,
        organization=branch,
        id_number=id_number,
        is_sample=True,
        name=name,
        joined_party_on=datetime.date(born.year + 25, 7, 1),
        full_member_on=datetime.date(born.year + 26, 7, 1),
        category="full",
        education="junior",
        household_address="河南省驻马店市某村",
        notes="随肖双强在城中区劳务分包公司务工，工资被拖欠" + SAMPLE,
    )


def _closed_case() -> None:
    """王秀玲 asked 尕庄村党支部 about moving her Party relations; answered and closed."""
    wang = Member.objects.filter(name="王秀玲", is_sample=True).first()
    secretary = User.objects.filter(username="wangshenggui").first()
    if wang is None or secretary is None or ServiceCase.objects.filter(title=CLOSED_TITLE).exists():
        return
    case = actions.case_file(
        actor=secretary,
        organization=wang.organization,
        members=[wang],
        category=ServiceCase.Category.POLICY,
        title=CLOSED_TITLE,
        description="王秀玲在苏州务工满一年，询问是否需要把组织关系转到务工地。" + SAMPLE,
    )
    for step, text in (
        ("accept", ""),
        ("resolve", "已电话说明：可持流动党员活动证就地参加组织生活，组织关系暂不转接。"),
    ):
        case = actions.case_step(actor=secretary, case=case, step=step, text=text)
    actions.case_step(
        actor=secretary, case=case, step="close", text="解释清楚，很满意。", satisfaction=5
    )
    _backdate(case, days=40)


def _backdate(case: ServiceCase, *, days: int) -> None:
    """An older request: filed ``days`` ago, closed a few days later (demo only)."""
    now = timezone.now()
    filed = now - datetime.timedelta(days=days)
    closed = filed + datetime.timedelta(days=3)
    ServiceCase.objects.filter(pk=case.pk).update(
        filed_at=filed,
        accepted_at=filed + datetime.timedelta(hours=2),
        resolved_at=closed,
        closed_at=closed,
        due_on=(filed + datetime.timedelta(days=7)).date(),
    )
    CaseEvent.objects.filter(case=case).update(at=closed)
