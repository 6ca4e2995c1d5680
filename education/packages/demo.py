"""Story 4 for the demo: 拦隆口镇党委 mails its mobile members the year's study package.

The town's officer 汪海燕 sends "2026年度学习礼包" to the town's mobile members (曹忠海 of
卡阳村党支部 among them, working in 山丹县); the town mailed about two thirds of the sets so
far, and 卡阳村's secretary 严义萍 recorded 曹忠海's parcel sent by EMS, so his phone page
offers "确认收到". Called by the education app's ``load_demo`` (wired by the lead); running
it again changes nothing.
"""

from django.db import transaction

from education.audience import Audience
from education.packages import actions
from education.packages.models import Dispatch, StudyPackage
from members.organizations.models import Organization, User

TOWN = "拦隆口镇党委"
PACKAGE = "2026年度学习礼包"
TITLE = "2026年度学习礼包（拦隆口镇流动党员）"
ITEMS = [("《习近平新时代中国特色社会主义思想学习纲要》", 1), ("党章", 1), ("学习笔记本", 1)]
OFFICER, VILLAGE_SECRETARY, STORY_MEMBER = "wanghaiyan", "yanyiping", "曹忠海"
COURIER = "中国邮政EMS"
SENT_SHARE, RECEIVED_SHARE = 2 / 3, 1 / 3


@transaction.atomic
def load_demo_packages() -> Dispatch | None:
    """The town's package, its dispatch and the parcels' progress (nothing if the members'
    demo is not loaded, the same dispatch if it already is)."""
    town = Organization.objects.filter(name=TOWN).first()
    officer = User.objects.filter(username=OFFICER).first()
    if town is None or officer is None:
        return None
    existing = Dispatch.objects.filter(organization=town, title=TITLE).first()
    if existing is not None:
        return existing
    package = StudyPackage.objects.filter(organization=town, name=PACKAGE).first()
    package = package or actions.package_create(
        actor=officer,
        organization=town,
        name=PACKAGE,
        description="党员教育学习资料，随寄学习笔记本。",
        items=ITEMS,
    )
    # The town's mobile members: its own working elsewhere (曹忠海 among them) and those
    # working in the town, hosted by it.
    dispatch = actions.dispatch_create(
        actor=officer, package=package, title=TITLE, audience=Audience(organization=town)
    )
    _progress(dispatch, officer)
    return dispatch


def _progress(dispatch: Dispatch, officer: User) -> None:
    shipments = list(dispatch.shipments.select_related("member").exclude(address=""))
    story = [s for s in shipments if s.member.name == STORY_MEMBER]
    others = [s for s in shipments if s.member.name != STORY_MEMBER]
    secretary = User.objects.filter(username=VILLAGE_SECRETARY).first() or officer
    for shipment in story:
        actions.shipment_send(
            actor=secretary,
            shipment=shipment,
            courier=COURIER,
            tracking_number=f"1186{shipment.pk:09d}",
        )
    sent = others[: int(len(others) * SENT_SHARE)]
    for shipment in sent:
        actions.shipment_send(
            actor=officer,
            shipment=shipment,
            courier=COURIER,
            tracking_number=f"1186{shipment.pk:09d}",
        )
    for shipment in sent[: int(len(sent) * RECEIVED_SHARE)]:
        actions.shipment_receive(actor=officer, shipment=shipment)
