"""Pages, API and daily reminders of differentiated management."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from members.followup import actions as management
from members.followup.models import ContactLog, DuesPayment
from members.followup.selectors import dues_paid_to
from members.followup.tasks import management_warnings_task
from members.mobility import actions as records
from members.outbox.models import Notification
from tests.factories import make_member, make_record

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.datetime(2026, 11, 26, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def take_in(record, user, branch):
    return records.mobile_record_take_in(
        actor=user,
        record=record,
        taken_in_by=branch,
        inflow_date=D(2026, 3, 5),
        inflow_contact_person="刘德花",
    )


@pytest.fixture
def away(tree, member_a1, secretary_b):
    """Away since 1 March 2026, taken in by 南滩: lost contact, should transfer, dues, art. 31."""
    return take_in(
        make_record(member_a1, inflow_organization=tree.town_b), secretary_b, tree.branch_b1
    )


def form_url(member, name):
    return reverse("management:member_form", args=[member.pk, name])


# --- Permission matrix -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "page", "form"),
    [
        ("secretary_a", 200, 200),
        ("secretary_b", 200, 200),
        ("viewer_b", 200, 403),
        ("outsider", 404, 404),
    ],
)
def test_who_sees_and_who_writes(request, client, away, persona, page, form):
    client.force_login(request.getfixturevalue(persona))
    member = away.member
    assert client.get(reverse("management:member", args=[member.pk])).status_code == page
    assert client.get(form_url(member, "contact")).status_code == form
    data = {"channel": "phone", "contacted_on": "2026-11-20", "reached": "yes"}
    response = client.post(form_url(member, "contact"), data)
    assert response.status_code == (302 if form == 200 else form)
    assert ContactLog.objects.count() == (1 if form == 200 else 0)


def test_dues_form_shows_the_back_pay_rule_and_saves_nothing(client, away, secretary_a):
    client.force_login(secretary_a)
    data = {
        "amount": "12.50",
        "period_from": "2026-04",
        "period_to": "2026-11",
        "paid_on": "2026-11-20",
        "place": "home",
    }
    response = client.post(form_url(away.member, "dues-payment"), data)
    assert response.status_code == 200
    assert "period_from" in response.context["form"].errors
    assert "2026-05" in response.context["form"].errors["period_from"][0]
    assert not DuesPayment.objects.exists()

    data["period_from"] = "2026-05"
    assert client.post(form_url(away.member, "dues-payment"), data).status_code == 302
    page = client.get(away.member.get_absolute_url())
    assert page.context["management"]["paid_to"] == D(2026, 11, 1)
    assert 'class="dues-paid-to">2026-11<' in page.content.decode()
    letter = client.get(reverse("records:letter_issue", args=[away.pk]))
    assert letter.context["form"].initial["dues_paid_to"] == D(2026, 11, 1)


def test_member_page_shows_category_and_warnings(client, away, secretary_a):
    client.force_login(secretary_a)
    response = client.get(away.member.get_absolute_url())
    management_context = response.context["management"]
    assert management_context["category"] == "lost_contact"
    codes = {w.code for w in management_context["warnings"]}
    assert codes == {"lost_contact", "art31", "dues", "transfer"}
    assert 'id="management"' in response.content.decode()


# --- Lists -------------------------------------------------------------------------------------


def test_warnings_list_is_scoped(client, away, tree, secretary_a, secretary_b, outsider):
    at_home = make_record(make_member(tree.branch_a1), submit=False)  # a draft: not yet away
    for user, expected in [(secretary_a, [away.pk]), (secretary_b, [away.pk]), (outsider, [])]:
        client.force_login(user)
        response = client.get(reverse("management:warnings"))
        assert [r.pk for r in response.context["records"]] == expected
        assert at_home.pk not in [r.pk for r in response.context["records"]]
    response = client.get(reverse("management:warnings") + "?code=card_review")
    assert response.context["records"] == []


def test_warnings_list_query_count_is_constant(
    client, tree, secretary_a, django_assert_max_num_queries
):
    client.force_login(secretary_a)
    for _ in range(3):
        make_record(make_member(tree.branch_a1), inflow_organization=tree.town_b)
    with django_assert_max_num_queries(10) as small:
        first = client.get(reverse("management:warnings"))
    for _ in range(20):
        make_record(make_member(tree.branch_a1), inflow_organization=tree.town_b)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("management:warnings"))
    assert len(first.context["records"]) == 3
    assert len(response.context["records"]) == 23
    assert all(r.warnings for r in response.context["records"])


def test_record_list_filters_and_counts_categories(
    client, tree, away, secretary_a, secretary_b, django_assert_num_queries
):
    recent = make_record(
        make_member(tree.branch_a1),
        inflow_organization=tree.town_b,
        departure_date=D(2026, 10, 1),
        expected_months=3,
    )
    hosted = take_in(
        make_record(
            make_member(tree.branch_a1),
            inflow_organization=tree.town_b,
            departure_date=D(2026, 10, 1),
        ),
        secretary_b,
        tree.branch_b1,
    )
    make_record(make_member(tree.branch_a1), submit=False)  # draft: no category
    client.force_login(secretary_a)
    response = client.get(reverse("records:list") + "?category=lost_contact")
    assert [r.pk for r in response.context["records"]] == [away.pk]
    counts = {value: count for value, _label, count in response.context["categories"]}
    assert counts == {"lost_contact": 1, "fixed_place": 0, "taken_in": 1, "online_home": 1}
    response = client.get(reverse("records:list") + "?category=online_home")
    assert [r.pk for r in response.context["records"]] == [recent.pk]
    response = client.get(reverse("records:list") + "?category=taken_in")
    assert [r.pk for r in response.context["records"]] == [hosted.pk]

    from members.followup.selectors import category_counts
    from members.mobility.selectors import record_side

    def counts():
        records = record_side(user=secretary_a, side="outflow")
        return category_counts(records, today=timezone.localdate())

    counts()  # caches the user's scope
    with django_assert_num_queries(1):
        counts()


# --- Daily reminders ---------------------------------------------------------------------------


def test_daily_task_writes_each_reminder_once(away, tree, secretary_a):
    rows = Notification.objects.filter(kind="management_warning")
    assert management_warnings_task() == 4  # lost contact, art. 31, dues, transfer
    assert rows.count() == 4
    management_warnings_task()
    assert rows.count() == 4
    # The outflow side's handlers: 大街街道党工委's secretary.
    assert set(rows.values_list("recipient_user", flat=True)) == {secretary_a.pk}
    assert all(r.link == reverse("management:member", args=[away.member_id]) for r in rows)

    # Contact regained, then lost again later: a new episode is a new reminder.
    management.contact_record(
        actor=secretary_a,
        member=away.member,
        channel="phone",
        contacted_on=D(2026, 5, 1),
        reached=True,
    )
    management_warnings_task(day="2026-11-26")
    assert rows.filter(occasion__startswith="mw:lost_contact").count() == 2


# --- API ---------------------------------------------------------------------------------------


def test_api_steps_and_scoping(client, away, secretary_b, viewer_b, outsider):
    url = reverse("mgmt-member-step", args=[away.member_id, "contact"])
    data = {"channel": "wechat", "contacted_on": "2026-11-20", "reached": "yes"}
    client.force_login(outsider)
    assert client.post(url, data).status_code == 404
    client.force_login(viewer_b)
    assert client.post(url, data).status_code == 403
    assert client.get(reverse("mgmt-member-detail", args=[away.member_id])).status_code == 200
    client.force_login(secretary_b)
    assert client.post(url, data).status_code == 201
    assert ContactLog.objects.get().side == "inflow"

    bad = {
        "amount": "10",
        "period_from": "2026-01",
        "period_to": "2026-11",
        "paid_on": "2026-11-20",
        "place": "inflow",
    }
    response = client.post(reverse("mgmt-member-step", args=[away.member_id, "dues-payment"]), bad)
    assert response.status_code == 400
    assert "period_from" in response.json()
    assert not DuesPayment.objects.exists()

    listing = client.get(reverse("mgmt-warning-list")).json()
    assert [row["record"] for row in listing["results"]] == [away.pk]
    contacts = client.get(reverse("mgmt-contact-list")).json()["results"]
    assert len(contacts) == 1
    client.force_login(outsider)
    assert client.get(reverse("mgmt-contact-list")).json()["results"] == []
    assert client.get(reverse("mgmt-member-detail", args=[away.member_id])).status_code == 404


def test_dues_rate_with_consent_allows_a_quarter_ahead(away, secretary_a):
    management.dues_rate_set(
        actor=secretary_a,
        member=away.member,
        amount=Decimal("20"),
        since=D(2026, 1, 1),
        quarterly_consent=True,
    )
    payment = management.dues_payment_record(
        actor=secretary_a,
        member=away.member,
        amount=Decimal("60"),
        period_from=D(2026, 11, 1),
        period_to=D(2027, 1, 1),
        paid_on=D(2026, 11, 20),
    )
    assert dues_paid_to(away.member) == payment.period_to
