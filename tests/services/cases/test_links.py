"""The member's phone page: «我的诉求», filing a request, its progress and the feedback."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from members.links.actions import link_issue
from members.links.models import LinkEvent
from members.links.registry import action_handler
from members.outbox.models import Notification
from services.cases import actions
from services.cases.kinds import CASE_FILED, CASE_RESOLVED
from services.cases.links import case_feedback, case_file, case_page, cases_section
from services.cases.models import ServiceCase
from tests.services.cases.helpers import file_case

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def case_b(tree, secretary_b, member_b1):
    return file_case(secretary_b, tree.town_b, [member_b1])


def resolve(case, secretary):
    actions.case_step(actor=secretary, case=case, step="accept")
    return actions.case_step(actor=secretary, case=case, step="resolve", text="工资已发放")


def file_through_link(member, **data):
    fields = {"category": "policy", "title": "社保咨询", "description": "异地社保怎么转"}
    return case_file(member, target_id=0, data=fields | data, link=None)


def test_the_actions_are_registered():
    assert (action_handler("case_file"), action_handler("case_feedback")) == (
        case_file,
        case_feedback,
    )


def test_the_section_lists_the_members_requests_with_the_latest_line(case_b, member_b1):
    (section,) = cases_section(member_b1, today=TODAY)
    first = section.items[0]
    assert (first.title, first.url, first.detail.endswith(f"{case_b.events.get().text}")) == (
        "拖欠工资",
        f"case/{case_b.pk}/",
        True,
    )


def test_the_section_offers_filing_a_request(member_b1):
    (section,) = cases_section(member_b1, today=TODAY)
    assert [item.url for item in section.items] == ["case_new/0/"]


def test_the_section_hides_the_secretaries_notes(case_b, secretary_b, member_b1):
    actions.case_note(actor=secretary_b, case=case_b, text="老板态度不好")
    (section,) = cases_section(member_b1, today=TODAY)
    assert "老板态度不好" not in section.items[0].detail


def test_the_section_costs_one_query_for_many_requests(
    tree, secretary_b, member_b1, django_assert_num_queries
):
    for number in range(4):
        file_case(secretary_b, tree.town_b, [member_b1], title=f"诉求{number}")
    with django_assert_num_queries(1):
        (section,) = cases_section(member_b1, today=TODAY)
    assert len(section.items) == 5


def test_a_member_at_home_files_with_the_home_branch(tree, member_b1):
    file_through_link(member_b1)
    case = ServiceCase.objects.get()
    assert (case.organization, case.channel, case.filed_by) == (tree.branch_b1, "member", None)


def test_a_member_taken_in_files_with_the_hosting_branch(tree, mobile_a_in_b):
    mobile_a_in_b.refresh_from_db()  # as the link reads the member: hosted in B1
    file_through_link(mobile_a_in_b)
    assert ServiceCase.objects.get().organization == tree.branch_b1


def test_the_handling_branch_hears_of_a_request_from_the_phone(tree, receiving_b1, member_b1):
    file_through_link(member_b1)
    sent = Notification.objects.filter(kind=CASE_FILED).values_list("recipient_user", flat=True)
    assert list(sent) == [receiving_b1.pk]


def test_filing_without_a_category_is_refused_and_files_nothing(member_b1):
    with pytest.raises(ValidationError) as error:
        file_through_link(member_b1, category="")
    assert (list(error.value.message_dict), ServiceCase.objects.count()) == (["category"], 0)


def test_filing_without_a_title_is_refused(member_b1):
    with pytest.raises(ValidationError) as error:
        file_through_link(member_b1, title=" ")
    assert "title" in error.value.message_dict


def test_the_case_page_shows_the_member_lines_not_the_notes(case_b, secretary_b, member_b1):
    actions.case_note(actor=secretary_b, case=case_b, text="老板态度不好")
    actions.case_step(actor=secretary_b, case=case_b, step="accept")
    _template, context = case_page(member_b1, target_id=case_b.pk, link=None, request=None)
    assert [event.kind for event in context["events"]] == ["step", "step"]


def test_another_members_case_page_is_404(case_b, member_a1):
    with pytest.raises(Http404):
        case_page(member_a1, target_id=case_b.pk, link=None, request=None)


def test_resolving_texts_the_members(case_b, secretary_b, member_b1):
    resolve(case_b, secretary_b)
    message = Notification.objects.get(kind=CASE_RESOLVED)
    assert (message.recipient_member, "已办结" in message.text) == (member_b1, True)


def test_each_member_of_a_group_case_gets_the_text(tree, secretary_b, member_b1, mobile_a_in_b):
    case = file_case(secretary_b, tree.town_b, [member_b1, mobile_a_in_b])
    resolve(case, secretary_b)
    assert Notification.objects.filter(kind=CASE_RESOLVED).count() == 2


def test_feedback_closes_a_resolved_case(case_b, secretary_b, member_b1):
    resolve(case_b, secretary_b)
    case_feedback(
        member_b1, target_id=case_b.pk, data={"satisfaction": "5", "text": "谢谢"}, link=None
    )
    case_b.refresh_from_db()
    assert (case_b.status, case_b.satisfaction, case_b.feedback) == ("closed", 5, "谢谢")


def test_feedback_on_an_open_case_is_refused(case_b, member_b1):
    with pytest.raises(ValidationError):
        case_feedback(member_b1, target_id=case_b.pk, data={"satisfaction": "5"}, link=None)


def test_feedback_without_stars_is_refused_and_changes_nothing(case_b, secretary_b, member_b1):
    resolve(case_b, secretary_b)
    with pytest.raises(ValidationError) as error:
        case_feedback(member_b1, target_id=case_b.pk, data={"satisfaction": ""}, link=None)
    case_b.refresh_from_db()
    assert (list(error.value.message_dict), case_b.status) == (["satisfaction"], "resolved")


def test_feedback_on_another_members_case_is_refused(case_b, secretary_b, member_a1):
    resolve(case_b, secretary_b)
    with pytest.raises(PermissionDenied):
        case_feedback(member_a1, target_id=case_b.pk, data={"satisfaction": "5"}, link=None)


@pytest.fixture
def phone(client, secretary_b, member_b1):
    """The member's own phone page, reached through a new personal link."""
    return client, link_issue(actor=secretary_b, member=member_b1).path


def test_the_phone_page_lists_my_requests(phone, case_b):
    client, home = phone
    assert "拖欠工资" in client.get(home).content.decode()


def test_the_filing_page_through_the_link(phone):
    client, home = phone
    page = client.get(f"{home}case_new/0/")
    assert (page.status_code, 'name="category"' in page.content.decode()) == (200, True)


def test_filing_through_the_link_goes_on_the_members_timeline(phone, member_b1):
    client, home = phone
    data = {"category": "jobs", "title": "找工作", "description": "想找保安工作"}
    client.post(f"{home}do/case_file/0/", data)
    event = LinkEvent.objects.get(member=member_b1)
    assert (event.action, ServiceCase.objects.get().title) == ("case_file", "找工作")


def test_the_case_page_through_the_link_offers_feedback_once_resolved(phone, case_b, secretary_b):
    client, home = phone
    resolve(case_b, secretary_b)
    page = client.get(f"{home}case/{case_b.pk}/").content.decode()
    assert f"do/case_feedback/{case_b.pk}/" in page


def test_another_members_case_through_the_link_is_404(phone, tree, secretary_a, member_a1):
    client, home = phone
    other = file_case(secretary_a, tree.town_a, [member_a1])
    assert client.get(f"{home}case/{other.pk}/").status_code == 404
