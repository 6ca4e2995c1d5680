"""Service requests in the admin: scoped, read-only, steps through the actions."""

import pytest
from django.contrib.auth.models import Permission

from services.cases.models import CaseEvent
from tests.services.cases.helpers import file_case

pytestmark = pytest.mark.django_db
LIST = "/admin/services/servicecase/"


def staff(client, user):
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="services"))
    client.force_login(user)
    return client


@pytest.fixture
def case_b(tree, secretary_b, member_b1):
    return file_case(secretary_b, tree.town_b, [member_b1], title="工地欠薪案")


def test_the_list_shows_the_scopes_cases(client, secretary_b, case_b):
    assert "工地欠薪案" in staff(client, secretary_b).get(LIST).content.decode()


def test_the_list_leaves_out_other_subtrees(client, secretary_a, case_b):
    assert "工地欠薪案" not in staff(client, secretary_a).get(LIST).content.decode()


def test_the_list_filters_by_status(client, secretary_b, case_b):
    page = staff(client, secretary_b).get(f"{LIST}?status__exact=closed")
    assert "工地欠薪案" not in page.content.decode()


def test_the_case_page_shows_the_timeline_read_only(client, secretary_b, case_b):
    page = staff(client, secretary_b).get(f"{LIST}{case_b.pk}/change/")
    assert (page.status_code, case_b.events.get().text in page.content.decode()) == (200, True)


def test_a_post_to_the_case_page_changes_nothing(client, secretary_b, case_b):
    answer = staff(client, secretary_b).post(f"{LIST}{case_b.pk}/change/", {"status": "closed"})
    case_b.refresh_from_db()
    assert (answer.status_code, case_b.status) == (403, "submitted")


def test_another_subtrees_case_is_not_found(client, secretary_a, case_b):
    page = staff(client, secretary_a).get(f"{LIST}{case_b.pk}/change/")
    assert page.status_code in (302, 404)


def test_accepting_goes_through_the_action(client, secretary_b, case_b):
    staff(client, secretary_b).post(
        LIST, {"action": "step_accept", "_selected_action": [case_b.pk]}
    )
    case_b.refresh_from_db()
    steps = case_b.events.filter(kind=CaseEvent.Kind.STEP).count()
    assert (case_b.status, steps) == ("accepted", 2)


def test_a_viewer_is_not_offered_the_steps(client, viewer_b, case_b):
    page = staff(client, viewer_b).get(LIST).content.decode()
    assert "step_accept" not in page


def test_a_version_is_never_restored(client, secretary_b, case_b):
    version = case_b.history.latest("history_id").history_id
    url = f"{LIST}{case_b.pk}/history/{version}/"
    assert staff(client, secretary_b).post(url, {}).status_code == 403
