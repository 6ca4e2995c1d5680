import pytest
from django.contrib.auth.models import Permission

from education.packages import actions
from education.packages.models import StudyPackage
from tests.education.packages.conftest import shipment_of


def staff(client, user):
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="education"))
    client.force_login(user)
    return client


@pytest.fixture
def sent(secretary_a, dispatch, members_a):
    return actions.shipment_send(
        actor=secretary_a,
        shipment=shipment_of(dispatch, members_a[0]),
        courier="中国邮政",
        tracking_number="9800001111",
    )


def test_the_shipment_list_is_scoped(client, secretary_b, dispatch):
    page = staff(client, secretary_b).get("/admin/education/shipment/")
    assert "曹忠海" not in page.content.decode()


def test_a_version_is_never_restored(client, secretary_a, sent):
    version = sent.history.latest("history_id").history_id
    url = f"/admin/education/shipment/{sent.pk}/history/{version}/"
    assert staff(client, secretary_a).post(url, {}).status_code == 403


def test_another_subtrees_version_is_not_shown(client, secretary_b, sent):
    # As every scoped admin's history: not found, whether or not it exists elsewhere.
    version = sent.history.latest("history_id").history_id
    url = f"/admin/education/shipment/{sent.pk}/history/{version}/"
    assert staff(client, secretary_b).get(url).status_code == 404


def test_a_package_is_added_through_the_action(client, secretary_a, tree):
    staff(client, secretary_a).post(
        "/admin/education/studypackage/add/",
        {
            "organization": tree.town_a.pk,
            "name": "礼包",
            "description": "",
            "items_text": "党章\n学习笔记本 × 2",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        },
    )
    items = list(StudyPackage.objects.get().items.values_list("title", "quantity"))
    assert items == [("党章", 1), ("学习笔记本", 2)]


def test_mark_delivered_goes_through_the_action(client, secretary_a, sent):
    staff(client, secretary_a).post(
        "/admin/education/shipment/",
        {"action": "mark_delivered", "_selected_action": [sent.pk]},
    )
    sent.refresh_from_db()
    assert sent.status == "delivered"
