"""Demo lesson (story 4): 严义萍 of 卡阳村党支部 pushes a lesson to her branch's mobile members,
曹忠海 among them. Built through the actions; loading it again adds nothing."""

from decimal import Decimal

from education.audience import Audience
from education.lessons.actions import lesson_create, lesson_open, lesson_publish
from education.lessons.models import Lesson
from members.files.models import Member
from members.organizations.models import Organization, User

TITLE = "学习贯彻党的二十届四中全会精神（流动党员专题）"
BODY = (
    "各位在外务工的党员同志：\n"
    "本期课程学习党的二十届四中全会精神，约20分钟。请在方便时阅读全文，"
    "学完后点击“我已学完”，计入本年度学习学时。\n"
    "在外务工期间如有困难，请随时与村党支部联系。"
)


def load_demo_lessons() -> Lesson | None:
    branch = Organization.objects.filter(name="卡阳村党支部").first()
    secretary = User.objects.filter(username="yanyiping").first()
    if branch is None or secretary is None:
        return None  # the management chain's demo is not loaded
    lesson = Lesson.objects.filter(organization=branch, title=TITLE).first()
    if lesson is not None:
        return lesson
    lesson = lesson_create(
        actor=secretary,
        organization=branch,
        title=TITLE,
        body=BODY,
        video_url="https://www.12371.cn/",
        hours=Decimal("1.0"),
    )
    lesson_publish(actor=secretary, lesson=lesson, audience=Audience(branch, mobile_only=True))
    # Someone has read it already; 曹忠海 has not: the secretary's page shows whom to remind.
    for member in lesson.deliveries.exclude(member__name="曹忠海").values_list("member", flat=True)[
        :1
    ]:
        lesson_open(member=Member.objects.get(pk=member), lesson_id=lesson.pk)
    return lesson
