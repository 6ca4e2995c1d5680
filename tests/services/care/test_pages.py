"""Care's pages: campaigns with progress and to-do lists, the steps, care records and the
member file's panel (with the political-birthday greetings)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from members.files.models import POLITICAL_BIRTHDAY
from members.outbox.models import Notification
from services.care import actions
from services.care.models import CareCampaign, CareRecord
from services.care.panels import care_panel
from tests.services.care.conftest import relative

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_campaign_list_shows_progress(client, secretary_a, campaign_a):
    client.force_login(secretary_a)
    page = client.get(reverse("services:care:campaign_list")).content.decode()
    assert "0/2" in page


def test_the_campaign_list_reads_a_constant_number_of_queries(
    client, secretary_a, campaign_a, tree, django_assert_max_num_queries
):
    for n in range(5):
        actions.care_campaign_create(
            actor=secretary_a,
            organization=tree.town_a,
            name=f"走访{n}",
            holiday="other",
            focus="all",
            starts_on=D(2026, 1, 1 + n),
            ends_on=D(2026, 12, 31),
        )
    client.force_login(secretary_a)
    with django_assert_max_num_queries(8):
        client.get(reverse("services:care:campaign_list"))


def test_a_branch_reads_the_towns_campaign(client, tree, campaign_a):
    from tests.factories import UserFactory, assign

    branch_secretary = UserFactory(username="a1_secretary")
    assign(branch_secretary, tree.branch_a1, "secretary")
    client.force_login(branch_secretary)
    page = client.get(reverse("services:care:campaign_detail", args=[campaign_a.pk]))
    assert "李小花" in page.content.decode()


def test_the_detail_offers_the_steps_to_a_writer(client, secretary_a, campaign_a):
    client.force_login(secretary_a)
    page = client.get(reverse("services:care:campaign_detail", args=[campaign_a.pk]))
    assert page.content.decode().count('class="visit-done"') == 2


def test_the_detail_shows_the_organiser_the_progress_per_branch(client, secretary_a, campaign_a):
    client.force_login(secretary_a)
    page = client.get(reverse("services:care:campaign_detail", args=[campaign_a.pk]))
    assert 'id="branch-progress"' in page.content.decode()


def test_a_viewer_sees_no_buttons(client, tree, viewer_b, family_b, secretary_b):
    campaign = actions.care_campaign_create(
        actor=secretary_b,
        organization=tree.town_b,
        name="南滩走访",
        holiday="mid_autumn",
        focus="all",
        starts_on=D(2026, 9, 1),
        ends_on=D(2026, 12, 31),
    )
    client.force_login(viewer_b)
    page = client.get(reverse("services:care:campaign_detail", args=[campaign.pk]))
    assert ("马奶奶" in page.content.decode(), 'class="visit-done"' in page.content.decode()) == (
        True,
        False,
    )


def test_the_detail_filters_to_do_and_done(client, secretary_a, campaign_a, visit_father):
    actions.care_visit_done(actor=secretary_a, visit=visit_father, on_date=D(2026, 11, 20))
    client.force_login(secretary_a)
    url = reverse("services:care:campaign_detail", args=[campaign_a.pk])
    page = client.get(url, {"status": "to_visit"}).content.decode()
    assert ("李小花" in page, "李老爹" in page) == (True, False)


def test_the_detail_reads_a_constant_number_of_queries(
    client, secretary_a, campaign_a, django_assert_max_num_queries
):
    member = campaign_a.visits.first().member
    for name in "甲乙丙丁戊己":
        relative(member, f"亲属{name}", "elder")
    actions.care_visit_done(
        actor=secretary_a, visit=campaign_a.visits.first(), on_date=D(2026, 11, 20)
    )
    actions.care_campaign_create(
        actor=secretary_a,
        organization=campaign_a.organization,
        name=campaign_a.name,
        holiday=campaign_a.holiday,
        focus=campaign_a.focus,
        starts_on=campaign_a.starts_on,
        ends_on=campaign_a.ends_on,
    )
    client.force_login(secretary_a)
    with django_assert_max_num_queries(12):
        client.get(reverse("services:care:campaign_detail", args=[campaign_a.pk]))


def test_done_on_the_page_records_the_visit(client, secretary_a, visit_father):
    client.force_login(secretary_a)
    url = reverse("services:care:visit_step", args=[visit_father.pk, "done"])
    client.post(url, {"on_date": "2026-11-20", "description": "送米面油"})
    assert CareRecord.objects.get().description == "送米面油"


def test_done_twice_on_the_page_makes_one_record(client, secretary_a, visit_father):
    client.force_login(secretary_a)
    url = reverse("services:care:visit_step", args=[visit_father.pk, "done"])
    for _ in range(2):
        client.post(url, {"on_date": "2026-11-20"})
    assert CareCampaign.objects.get().done_count == 1


def test_a_viewer_posting_a_step_is_refused(client, visit_father, viewer_b):
    client.force_login(viewer_b)
    url = reverse("services:care:visit_step", args=[visit_father.pk, "done"])
    assert client.post(url, {"on_date": "2026-11-20"}).status_code == 403


def test_skip_twice_shows_a_message_and_changes_nothing(client, secretary_a, visit_father):
    client.force_login(secretary_a)
    url = reverse("services:care:visit_step", args=[visit_father.pk, "skip"])
    client.post(url, {"note": "已返乡"})
    client.post(url, {"note": "再次"})
    assert CareCampaign.objects.get().visits_count == 1


def test_a_campaign_made_on_the_page(client, secretary_a, tree, family):
    client.force_login(secretary_a)
    answer = client.post(
        reverse("services:care:campaign_create"),
        {
            "organization": tree.town_a.pk,
            "name": "大街重阳走访",
            "holiday": "double_ninth",
            "focus": "elders",
            "starts_on": "2026-10-10",
            "ends_on": "2026-10-31",
        },
    )
    campaign = CareCampaign.objects.get()
    assert (answer.status_code, campaign.visits_count) == (302, 1)


def test_a_bad_campaign_shows_the_field_error(client, secretary_a, tree, family):
    client.force_login(secretary_a)
    answer = client.post(
        reverse("services:care:campaign_create"),
        {
            "organization": tree.town_a.pk,
            "name": "大街重阳走访",
            "holiday": "double_ninth",
            "focus": "elders",
            "starts_on": "2026-10-31",
            "ends_on": "2026-10-10",
        },
    )
    assert (list(answer.context["form"].errors), CareCampaign.objects.count()) == (["ends_on"], 0)


def record_url(member) -> str:
    return f"{reverse('services:care:record_create')}?member={member.pk}"


def test_a_care_record_added_from_the_file(client, secretary_a, tree, mobile_a_in_b, family):
    client.force_login(secretary_a)
    answer = client.post(
        record_url(mobile_a_in_b),
        {
            "kind": "school",
            "family_member": family["daughter"].pk,
            "on_date": "2026-09-01",
            "description": "协助办理入学",
            "organization": tree.branch_a1.pk,
        },
    )
    assert (answer.status_code, CareRecord.objects.get().family_member) == (302, family["daughter"])


def test_the_record_form_offers_only_the_members_family(client, secretary_a, mobile_a_in_b, family):
    client.force_login(secretary_a)
    form = client.get(record_url(mobile_a_in_b)).context["form"]
    offered = sorted(form.fields["family_member"].queryset.values_list("name", flat=True))
    assert offered == ["李小花", "李老爹"]


def test_a_viewer_may_not_add_care(client, viewer_b, mobile_a_in_b):
    client.force_login(viewer_b)
    assert client.get(record_url(mobile_a_in_b)).status_code == 403


def test_an_outsider_does_not_find_the_member(client, outsider, mobile_a_in_b):
    client.force_login(outsider)
    assert client.get(record_url(mobile_a_in_b)).status_code == 404


def make_records(secretary_a, member, organization, count: int):
    for n in range(count):
        actions.care_record_add(
            actor=secretary_a,
            member=member,
            kind="hospital_visit" if n % 2 else "school",
            on_date=D(2026, 10 + n % 2, 1 + n),
            description=f"关怀{n}",
            organization=organization,
        )


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"kind": "school"}, ["关怀0", "关怀2"]),
        ({"month": "2026-11"}, ["关怀1", "关怀3"]),
        ({}, ["关怀0", "关怀1", "关怀2", "关怀3"]),
    ],
)
def test_the_record_list_filters(client, secretary_a, member_a1, tree, query, shown):
    make_records(secretary_a, member_a1, tree.branch_a1, 4)
    client.force_login(secretary_a)
    page = client.get(reverse("services:care:record_list"), query).content.decode()
    assert [f"关怀{n}" for n in range(4) if f"关怀{n}" in page] == shown


def test_the_record_list_filters_by_branch(client, secretary_b, member_b1, mobile_a_in_b, tree):
    actions.care_record_add(
        actor=secretary_b,
        member=mobile_a_in_b,
        kind="other",
        on_date=D(2026, 11, 2),
        description="看望李",
        organization=tree.branch_b1,
    )
    make_records(secretary_b, member_b1, tree.branch_b1, 1)
    client.force_login(secretary_b)
    page = client.get(reverse("services:care:record_list"), {"branch": tree.branch_b1.pk})
    assert ("关怀0" in page.content.decode(), "看望李" in page.content.decode()) == (True, False)


def test_the_record_list_reads_a_constant_number_of_queries(
    client, secretary_a, member_a1, tree, django_assert_max_num_queries
):
    make_records(secretary_a, member_a1, tree.branch_a1, 6)
    client.force_login(secretary_a)
    with django_assert_max_num_queries(10):
        client.get(reverse("services:care:record_list"))


def greet(member, year: int):
    return Notification.objects.create(
        kind=POLITICAL_BIRTHDAY,
        channel="sms",
        recipient_member=member,
        occasion=str(year),
        organization=member.organization,
        text=f"{member.name}同志：今天是你的政治生日。",
        status="sent",
        sent_at=timezone.now(),
    )


def test_the_file_shows_care_and_greetings(client, secretary_a, member_a1, tree):
    make_records(secretary_a, member_a1, tree.branch_a1, 1)
    greet(member_a1, 2026)
    client.force_login(secretary_a)
    page = client.get(member_a1.get_absolute_url()).content.decode()
    years = 2026 - member_a1.joined_party_on.year
    assert ("关怀0" in page, f"政治生日祝福：入党第{years}年" in page) == (True, True)


def test_the_panel_queries_do_not_grow_with_rows(secretary_a, member_a1, tree):
    def queries() -> int:
        member = type(member_a1).objects.get(pk=member_a1.pk)
        with CaptureQueriesContext(connection) as captured:
            care_panel(member, user=secretary_a, today=D(2026, 11, 27))
        return len(captured)

    make_records(secretary_a, member_a1, tree.branch_a1, 1)
    greet(member_a1, 2025)
    queries()  # the user's scope is read once a request
    few = queries()
    make_records(secretary_a, member_a1, tree.branch_a1, 5)
    greet(member_a1, 2026)
    assert queries() == few


def test_the_panel_is_newest_first(secretary_a, member_a1, tree):
    make_records(secretary_a, member_a1, tree.branch_a1, 3)
    panel = care_panel(member_a1, user=secretary_a, today=D(2026, 11, 27))[0]
    dates = [entry.on_date for entry in panel.context["entries"]]
    assert dates == sorted(dates, reverse=True)


def test_an_outsider_sees_no_greeting(outsider, member_a1):
    greet(member_a1, 2026)
    panel = care_panel(member_a1, user=outsider, today=D(2026, 11, 27))[0]
    assert panel.context["entries"] == []


def test_the_hub_leads_to_care(client, secretary_a):
    client.force_login(secretary_a)
    assert "/services/care/" in client.get(reverse("services:hub")).content.decode()
