"""Valid input for every form and endpoint: a refused request must be refused for who sends
it, not for what it sends (an empty form would hide a missing check behind its errors)."""

import datetime

from members.demo.samples import fake_id_number
from members.files.actions import MEMBER_FIELDS
from tests.factories import registration_fields

SKIP = {"photo", "home_external", "skills"}


def _plain(value, blank=""):
    if value is None:
        return blank
    if isinstance(value, datetime.date):
        return value.isoformat()
    return getattr(value, "pk", value)


def new_member(world, obj) -> dict:
    """A new file in branch A1."""
    branch = world["branch_a1"]
    birth = datetime.date(1990, 1, 2)
    return {
        "name": "王新",
        "id_number": fake_id_number(branch.region_code, birth, 777, "M"),
        "ethnicity": "汉族",
        "organization": branch.pk,
        "category": "full",
        "joined_party_on": "2015-07-01",
    }


def member_fields(world, member) -> dict:
    """The member's file as its edit form shows it, with a new note."""
    fields = {name: _plain(getattr(member, name)) for name in MEMBER_FIELDS - SKIP}
    return fields | {"organization": member.organization_id, "notes": "走访后补充"}


def api_member(world, member) -> dict:
    fields = {name: _plain(getattr(member, name), None) for name in MEMBER_FIELDS - SKIP}
    return fields | {"organization": member.organization_id, "notes": "走访后补充", "skills": []}


def relative(world, member) -> dict:
    return {"name": "王小妹", "relation": "女儿", "age": "8", "care_kind": "child"}


def reason(world, obj) -> dict:
    return {"reason": "办理组织关系转接"}


def registration(world, obj) -> dict:
    fields = {name: _plain(value) for name, value in registration_fields().items()}
    return fields | {"inflow_target": "system", "inflow_organization": world["town_b"].pk}


def api_registration(world, obj) -> dict:
    fields = {name: _plain(value) for name, value in registration_fields().items()}
    return fields | {"member": world["member_a"].pk, "inflow_organization": world["town_b"].pk}


def arrival(world, obj) -> dict:
    """A member arriving in B1 from Chengdu (story 1)."""
    fields = {name: _plain(value) for name, value in registration_fields().items()}
    birth = datetime.date(1988, 4, 5)
    return fields | {
        "name": "廖宏伟",
        "id_number": fake_id_number("510107", birth, 778, "M"),
        "joined_party_on": "2012-07-01",
        "category": "full",
        "receiving_organization": world["branch_b1"].pk,
        "external_name": "中共成都市武侯区某街道工委",
        "external_region_code": "510107",
    }


def note(world, obj) -> dict:
    return {"text": "已电话核实"}


def co_management(world, obj) -> dict:
    return {"employer_name": "某劳务公司", "co_management_measures": "每季度通报"}


def letter(world, obj) -> dict:
    return {"suggestions_for_inflow": "请接收管理", "validity_days": "30"}


def step(name: str):
    """What each step's form asks for."""

    def data(world, record) -> dict:
        return {
            "return": {"reason": "信息不全"},
            "take_in": {
                "taken_in_by": world["branch_b1"].pk,
                "inflow_date": "2026-11-20",
                "reported_on": "2026-11-20",
                "inflow_contact_person": "刘德花",
                "checked_by_phone": "on",
            },
            "end": {"end_reason": "returned_home", "ended_on": "2026-11-25"},
            "assign_inflow": {"inflow_target": "system", "inflow_organization": world["town_b"].pk},
        }.get(name, {})

    return data


def api_step(name: str):
    def data(world, record) -> dict:
        return {
            "return": {"reason": "信息不全"},
            "take-in": {"taken_in_by": world["branch_b1"].pk, "inflow_contact_person": "刘德花"},
            "end": {"end_reason": "returned_home"},
            "assign-inflow": {"inflow_organization": world["town_b"].pk},
            "notes": {"text": "已电话核实"},
            "co-management": {"employer_name": "某劳务公司"},
            "letters": {"suggestions_for_inflow": "请接收管理"},
        }.get(name, {})

    return data


def management(name: str):
    """The fields of each management form (page and API alike)."""

    def data(world, member) -> dict:
        return {
            "contact": {"channel": "phone", "contacted_on": "2026-11-25", "reached": "yes"},
            "lost-contact": {"marked_on": "2026-11-01"},
            "contact-regained": {"cleared_on": "2026-11-25"},
            "dues-rate": {"amount": "12.00", "since": "2026-12"},
            "dues-payment": {
                "amount": "10.00",
                "period_from": "2026-11",
                "period_to": "2026-11",
                "paid_on": "2026-11-25",
                "place": "home",
            },
            "card-review": {"year": "2025", "result": "passed", "reviewed_on": "2026-11-25"},
            "work": {"description": "慰问困难党员", "assigned_on": "2026-11-25"},
        }.get(name, {})

    return data


def new_activity(world, obj) -> dict:
    return {
        "organization": world["branch_a1"].pk,
        "kind": "group_study",
        "title": "集中学习",
        "held_at": "2026-12-01T09:00",
    }


def activity_fields(world, activity) -> dict:
    return {
        "kind": activity.kind,
        "title": activity.title + "（更正）",
        "held_at": "2026-11-02T09:00",
        "location": "党群服务中心",
    }


def attendance(world, activity) -> dict:
    member = activity.attendances.order_by("pk").first().member_id
    return {"member": [member], f"status_{member}": "excused"}


def api_attendance(world, activity) -> dict:
    member = activity.attendances.order_by("pk").first().member_id
    return {"entries": [{"member": member, "status": "excused"}]}


def message(world, obj) -> dict:
    return {
        "organization": world["branch_a1"].pk,
        "kind": "notice",
        "text": "{name}同志：本周五开展主题党日。",
        "token": "walk-token",
        "confirm": "1",
    }


def new_organization(world, obj) -> dict:
    return {
        "name": "大街新社区党支部",
        "kind": "branch",
        "region_code": "630102",
        "parent": world["town_a"].pk,
    }


def organization_fields(world, organization) -> dict:
    return {
        "name": organization.name,
        "kind": organization.kind,
        "region_code": organization.region_code,
        "address": "新地址",
    }
