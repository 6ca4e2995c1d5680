import datetime

import pytest
from django.urls import reverse

from members.mobility import actions as letters
from members.mobility.models import IntroductionLetter, MobileRecord
from tests.factories import make_member, make_record, registration_fields

pytestmark = pytest.mark.django_db


def _post_registration(client, member, **overrides):
    data = registration_fields(departure_date="2026-03-01", **overrides)
    data = {k: ("" if v is None else getattr(v, "pk", v)) for k, v in data.items()}
    return client.post(reverse("records:create", args=[member.pk]), data)


def test_outflow_secretary_registers_and_submits(client, tree, member_a1, secretary_a):
    client.force_login(secretary_a)

    response = _post_registration(
        client, member_a1, inflow_target="system", inflow_organization=tree.town_b
    )

    record = MobileRecord.objects.get()
    assert response.status_code == 302
    assert response.url == record.get_absolute_url()
    assert record.status == "draft"
    client.post(reverse("records:step", args=[record.pk, "submit"]))
    record.refresh_from_db()
    assert record.status == "waiting"


def test_registration_form_names_the_wrong_field_and_saves_nothing(client, member_a1, secretary_a):
    client.force_login(secretary_a)

    response = _post_registration(
        client,
        member_a1,
        inflow_target="system",
        destination_region_code="99",
        employer_contact_phone="12",
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert {
        "destination_region_code",
        "employer_contact_phone",
        "inflow_organization",
    } <= form.errors.keys()
    assert not MobileRecord.objects.exists()


def test_external_inflow_organisation_is_recorded(client, member_a1, secretary_a):
    client.force_login(secretary_a)

    _post_registration(
        client,
        member_a1,
        inflow_target="external",
        external_name="中共西藏易达投资股份有限公司支部",
        external_region_code="540102",
        destination_region_code="540102",
    )

    record = MobileRecord.objects.get()
    assert record.inflow_external.name == "中共西藏易达投资股份有限公司支部"
    assert record.scope == "cross_province"


@pytest.fixture
def waiting(tree, member_a1):
    return make_record(member_a1, inflow_organization=tree.town_b)


def test_inflow_inbox_shows_waiting_registrations_with_their_age(
    client, waiting, secretary_a, secretary_b
):
    client.force_login(secretary_b)
    page = client.get(reverse("records:inbox"))
    assert [r.pk for r in page.context["records"]] == [waiting.pk]
    assert page.context["records"][0].age_days == 0

    client.force_login(secretary_a)
    assert list(client.get(reverse("records:inbox")).context["records"]) == []


def test_take_in_needs_the_phone_check(client, tree, waiting, secretary_b):
    client.force_login(secretary_b)
    url = reverse("records:step", args=[waiting.pk, "take_in"])
    data = {
        "taken_in_by": tree.branch_b1.pk,
        "inflow_date": "2026-03-05",
        "reported_on": "2026-03-05",
        "inflow_contact_person": "刘德花",
    }

    response = client.post(url, data)
    assert "checked_by_phone" in response.context["form"].errors
    waiting.refresh_from_db()
    assert waiting.status == "waiting"

    client.post(url, {**data, "checked_by_phone": "on"})
    waiting.refresh_from_db()
    assert (waiting.status, waiting.taken_in_by) == ("taken_in", tree.branch_b1)


def test_a_stale_second_take_in_shows_a_clear_message(client, tree, waiting, secretary_b):
    client.force_login(secretary_b)
    url = reverse("records:step", args=[waiting.pk, "take_in"])
    data = {
        "taken_in_by": tree.branch_b1.pk,
        "inflow_date": "2026-03-05",
        "reported_on": "2026-03-05",
        "inflow_contact_person": "刘德花",
        "checked_by_phone": "on",
    }
    client.post(url, data)

    response = client.post(url, data, follow=True)

    label = str(MobileRecord.Status.TAKEN_IN.label)
    assert any(label in str(m) for m in response.context["messages"])


@pytest.mark.parametrize(
    ("persona", "detail", "take_in"),
    [
        ("secretary_a", 200, 403),
        ("secretary_b", 200, 200),
        ("officer_a1", 200, 403),
        ("viewer_b", 200, 403),
        ("outsider", 404, 404),
        ("superuser", 200, 200),
    ],
)
def test_record_page_permissions(client, request, waiting, persona, detail, take_in):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("records:detail", args=[waiting.pk])).status_code == detail
    assert client.get(reverse("records:step", args=[waiting.pk, "take_in"])).status_code == take_in


def test_inflow_side_sees_only_what_it_needs_of_the_file(client, waiting, secretary_b, member_a1):
    client.force_login(secretary_b)

    page = client.get(reverse("records:detail", args=[waiting.pk])).content.decode()

    assert member_a1.id_number_masked in page
    assert member_a1.get_absolute_url() not in page
    assert client.get(member_a1.get_absolute_url()).status_code == 404


def test_list_query_count_does_not_grow(client, tree, secretary_a, django_assert_max_num_queries):
    client.force_login(secretary_a)
    for _ in range(3):
        make_record(make_member(tree.branch_a1), inflow_organization=tree.town_b)
    # 7, and one query per kind of organisation the records name (at most 5).
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("records:list"))
    for _ in range(20):
        make_record(make_member(tree.branch_a1), inflow_organization=tree.town_b)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get(reverse("records:list"))
    assert len(response.context["records"]) == 23
    # The only COUNT allowed is the one grouped query of category counts, not a page count.
    counts = [
        q["sql"].upper()
        for q in large.captured_queries
        if "COUNT(" in q["sql"].upper() and "mobilerecord" in q["sql"]
    ]
    assert all("GROUP BY" in sql for sql in counts)


def test_letter_page_pdf_and_public_verification(client, waiting, secretary_a, member_a1):
    letter = letters.letter_issue(
        actor=secretary_a,
        record=waiting,
        suggestions_for_inflow="请督促按时参加组织生活",
        suggestions_for_employer="请支持党员亮身份",
        dues_paid_to=datetime.date(2026, 6, 1),
    )
    client.force_login(secretary_a)

    page = client.get(letter.get_absolute_url()).content.decode()
    assert letter.number in page
    assert member_a1.id_number_masked in page
    assert "<svg" in page
    pdf = client.get(reverse("records:letter_pdf", args=[letter.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert IntroductionLetter.objects.get().print_count == 0  # reading is not printing
    printed = client.post(reverse("records:letter_print", args=[letter.pk]))
    assert printed.content.startswith(b"%PDF")
    assert IntroductionLetter.objects.get().print_count == 1

    client.logout()
    public = client.get(letter.get_verify_url())
    assert public.status_code == 200
    text = public.content.decode()
    assert letter.number in text
    assert member_a1.name not in text
    assert member_a1.id_number_masked not in text
    assert client.get(reverse("letter_verify", args=["nonsense"])).status_code == 404


def test_return_slip_and_notes_on_the_page(client, waiting, secretary_a, secretary_b):
    letter = letters.letter_issue(actor=secretary_a, record=waiting, suggestions_for_inflow="x")
    client.force_login(secretary_b)

    client.post(reverse("records:letter_return_slip", args=[letter.pk]))
    client.post(reverse("records:note", args=[waiting.pk]), {"text": "已报到，编入流动党员党支部"})

    letter.refresh_from_db()
    assert letter.return_slip_received_at is not None
    client.force_login(secretary_a)
    page = client.get(waiting.get_absolute_url()).content.decode()
    assert "已报到，编入流动党员党支部" in page


def test_the_home_side_is_not_offered_steps_of_a_host_outside_the_system(
    client, member_a1, secretary_a
):
    from tests.factories import make_external_organization

    record = make_record(member_a1, inflow_external=make_external_organization())
    client.force_login(secretary_a)

    page = client.get(record.get_absolute_url())
    take_in = client.get(reverse("records:step", args=[record.pk, "take_in"]))

    assert page.context["steps"] == ["end", "letter", "co_management", "note"]
    assert "/step/take_in/" not in page.content.decode()
    assert take_in.status_code == 403


def test_a_refused_registration_leaves_no_new_outside_organisation(
    client, tree, member_a1, secretary_a
):
    from members.organizations.models import ExternalOrganization

    make_record(member_a1, inflow_organization=tree.town_b)  # already away: a second is refused
    client.force_login(secretary_a)

    response = _post_registration(
        client,
        member_a1,
        inflow_target="external",
        external_name="中共拉萨市某支部",
        external_region_code="540102",
    )

    assert response.status_code == 302
    assert not ExternalOrganization.objects.filter(name="中共拉萨市某支部").exists()
    assert MobileRecord.objects.count() == 1


def test_taking_in_without_the_phone_check_says_what_to_do(client, tree, member_a1, secretary_b):
    record = make_record(member_a1, inflow_organization=tree.town_b)
    client.force_login(secretary_b)

    response = client.post(
        reverse("records:step", args=[record.pk, "take_in"]),
        {
            "inflow_date": "2026-03-05",
            "reported_on": "2026-03-05",
            "inflow_contact_person": "刘德花",
        },
    )

    assert response.context["form"].errors["checked_by_phone"] == [
        "请先打电话与党员核对信息，再勾选此项。"
    ]
