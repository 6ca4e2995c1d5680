"""Story 1 through the phone: the member waiting at the inflow branch sees where to report
and says "我已报到"; the record's timeline keeps it, both sides hear it, nobody is taken in."""

import pytest

from members.links.actions import link_issue
from members.links.models import LinkEvent
from members.mobility.models import MobileRecord, RecordEvent
from members.outbox.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting_link(waiting, secretary_a):
    return link_issue(actor=secretary_a, member=waiting.member)


def _report(client, link, record):
    return client.post(f"{link.path}do/report_in/{record.pk}/")


def test_the_page_names_the_inflow_branch_and_offers_the_button(client, waiting, waiting_link):
    body = client.get(waiting_link.path).content.decode()

    assert "南滩街道流动党员党支部" in body
    assert f'action="{waiting_link.path}do/report_in/{waiting.pk}/"' in body


def test_the_page_gives_the_branch_address_and_contact(client, tree, waiting, waiting_link):
    tree.branch_b1.address = "西宁市城中区南滩街道党群服务中心"
    tree.branch_b1.contact_person, tree.branch_b1.contact_phone = "刘德花", "0971-8234567"
    tree.branch_b1.save()

    body = client.get(waiting_link.path).content.decode()

    assert "西宁市城中区南滩街道党群服务中心" in body
    assert "0971-8234567" in body


def test_no_report_in_item_without_a_waiting_record(client, issued):
    assert "report_in" not in client.get(issued.path).content.decode()


def test_reporting_in_goes_on_the_records_timeline(client, waiting, waiting_link):
    _report(client, waiting_link, waiting)

    event = waiting.events.get(kind=RecordEvent.Kind.MEMBER_REPORT)
    assert event.actor is None
    assert "李等待" in event.text


def test_reporting_in_takes_nobody_in(client, waiting, waiting_link):
    _report(client, waiting_link, waiting)

    assert MobileRecord.objects.get().status == MobileRecord.Status.WAITING


def test_reporting_in_goes_on_the_members_timeline(client, waiting, waiting_link):
    _report(client, waiting_link, waiting)

    event = LinkEvent.objects.get()
    assert (event.member, event.action) == (waiting.member, "report_in")
    assert event.target == f"members.mobilerecord:{waiting.pk}"


def test_both_sides_hear_of_it(client, waiting, waiting_link, secretary_a, secretary_b):
    _report(client, waiting_link, waiting)

    event = waiting.events.get(kind=RecordEvent.Kind.MEMBER_REPORT)
    told = Notification.objects.filter(occasion=f"record:{waiting.pk}:event:{event.pk}")
    recipients = set(told.values_list("recipient_user__username", flat=True))
    assert recipients == {"mahuiyan", "liudehua"}


def test_the_button_is_gone_once_reported(client, waiting, waiting_link):
    _report(client, waiting_link, waiting)

    assert "do/report_in/" not in client.get(waiting_link.path).content.decode()


def test_reporting_twice_writes_once(client, waiting, waiting_link):
    _report(client, waiting_link, waiting)
    _report(client, waiting_link, waiting)

    assert waiting.events.filter(kind=RecordEvent.Kind.MEMBER_REPORT).count() == 1
    assert LinkEvent.objects.count() == 1


def test_another_members_record_is_refused(client, waiting, issued):
    response = _report(client, issued, waiting)

    assert response.status_code == 302
    assert not waiting.events.filter(kind=RecordEvent.Kind.MEMBER_REPORT).exists()
    assert not LinkEvent.objects.exists()


def test_the_record_page_shows_the_members_own_step(client, waiting, waiting_link, secretary_a):
    _report(client, waiting_link, waiting)
    client.force_login(secretary_a)

    response = client.get(waiting.get_absolute_url())

    assert response.status_code == 200
    assert "李等待" in response.content.decode()


def test_the_api_gives_the_members_step_without_an_actor(
    client, waiting, waiting_link, secretary_a
):
    _report(client, waiting_link, waiting)
    client.force_login(secretary_a)

    events = client.get(f"/api/v1/records/{waiting.pk}/").json()["events"]

    assert [e["actor"] for e in events if e["kind"] == "member_report"] == [None]
