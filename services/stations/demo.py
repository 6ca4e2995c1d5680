"""Story 9 for the demo: the service stations of 西宁 and the one in 苏州 for those working there.

Each station is marked as sample data in its name's note (the model has no flag); running it
again changes nothing.
"""

from members.organizations.models import Organization
from members.organizations.selectors import organization_handlers
from services.stations import actions
from services.stations.models import ServiceStation

ROOT = "中共西宁市委"
L = ServiceStation.Level
S = ServiceStation.Service
STATIONS = [
    ("南滩街道党工委", "城中区南滩街道党群服务中心流动党员服务站", L.SUBDISTRICT, "630103",
     "西宁市城中区南滩街道党群服务中心一楼（示例数据）", "周一至周五 8:30-12:00，14:30-18:00",
     "刘德花", "0971-8123456", [S.POLICY, S.JOBS, S.RIGHTS, S.HEALTH]),
    ("大街街道党工委", "城东区大街街道党群服务中心服务站", L.SUBDISTRICT, "630102",
     "西宁市城东区大街街道党群服务中心（示例数据）", "周一至周六 9:00-17:30",
     "马慧艳", "0971-8234567", [S.POLICY, S.JOBS, S.SKILLS]),
    ("拦隆口镇党委", "湟中区拦隆口镇党群服务中心流动党员服务点", L.TOWN, "630106",
     "西宁市湟中区拦隆口镇政府院内（示例数据）", "周一至周五 9:00-17:00",
     "汪海燕", "0971-2345678", [S.POLICY, S.CHILDREN, S.SKILLS]),
    (ROOT, "西宁市驻苏州流动党员服务站", L.CITY, "320505",
     "江苏省苏州市虎丘区枫桥街道（示例数据）", "每天 9:00-20:00",
     "驻苏州工作组", "13912345678", [S.POLICY, S.JOBS, S.RIGHTS, S.CHILDREN]),
]  # fmt: skip


def load_demo() -> None:
    for org_name, name, level, region, address, hours, person, phone, services in STATIONS:
        organization = Organization.objects.filter(name=org_name).first()
        if organization is None or ServiceStation.objects.filter(name=name).exists():
            continue
        # Whoever acts for the organisation (the demo has no superuser: 三员分立).
        handlers = organization_handlers(organization)
        if not handlers:
            continue
        actions.station_create(
            actor=handlers[0],
            organization=organization,
            name=name,
            level=level,
            region_code=region,
            address=address,
            opening_hours=hours,
            contact_person=person,
            contact_phone=phone,
            services=[str(code) for code in services],
        )
