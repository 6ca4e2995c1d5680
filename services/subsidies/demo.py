"""Story 9 for the demo: 杨增奎's family (新添堡村) got a hardship subsidy last year, paid by
长宁镇党委, and a new application waits for the town's decision (赵德明's home card counts
it). Marked as sample data in the reasons; running it again changes nothing."""

from django.utils import timezone

from members.files.models import Member
from members.organizations.models import User
from services.subsidies import actions
from services.subsidies.models import SubsidyApplication

MEMBER, BRANCH_SECRETARY, TOWN_SECRETARY = "杨增奎", "qihaicheng", "zhaodeming"
LAST_YEAR_REASON = "母亲李桂兰年迈多病，家中耕地租金多年未收回，生活困难（示例数据）。"
THIS_YEAR_REASON = "母亲住院治疗，自付医疗费用较多，申请困难党员补助（示例数据）。"


def load_demo() -> None:
    member = Member.objects.filter(name=MEMBER).first()
    # The branch's secretary (services/cases/demo.py adds the login) files for the member.
    applicant = User.objects.filter(username=BRANCH_SECRETARY).first()
    town = User.objects.filter(username=TOWN_SECRETARY).first()
    if member is None or applicant is None or town is None:
        return
    year = timezone.localdate().year
    paid = _application(member, applicant, year - 1, LAST_YEAR_REASON, "600.00")
    if paid is not None:
        actions.subsidy_approve(actor=town, application=paid, note="经镇党委审核同意")
        actions.subsidy_pay(actor=town, application=paid)
    _application(member, applicant, year, THIS_YEAR_REASON, "1000.00")


def _application(member, applicant, year, reason, amount):
    if SubsidyApplication.objects.filter(member=member, year=year, reason=reason).exists():
        return None
    return actions.subsidy_apply(
        actor=applicant, member=member, year=year, reason=reason, amount=amount
    )
