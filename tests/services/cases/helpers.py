"""What the cases' API, escalation, phone page and panel tests share: a filed case."""

from services.cases import actions


def file_case(secretary, organization, members, *, category="unpaid_wages", title="拖欠工资"):
    return actions.case_file(
        actor=secretary,
        organization=organization,
        members=list(members),
        category=category,
        title=title,
        description="工地拖欠工人工资",
    )
