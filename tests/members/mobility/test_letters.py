"""The letter of introduction: one content for page and PDF, and what its return slip does."""

import datetime
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from members.mobility import actions
from members.mobility.letter_text import letter_content
from members.mobility.models import MobileRecord, RecordEvent
from tests.factories import make_external_organization, make_record, registration_fields

pytestmark = pytest.mark.django_db
Status = MobileRecord.Status
ARRIVAL_FIELDS = {
    "original_occupation",
    "reason",
    "unit_type",
    "departure_date",
    "destination_region_code",
    "destination_address",
}


@pytest.fixture
def to_lhasa(member_a1):
    """张善强 goes to study in Lhasa; the branch there is outside the system."""
    outside = make_external_organization(
        name="中共拉萨市城关区某支部",
        region_code="540102",
        contact_person="次仁",
        contact_phone="0891-6321234",
    )
    return make_record(
        member_a1, inflow_external=outside, reason="study", destination_address="拉萨市城关区某学校"
    )


def _issue(record, actor):
    return actions.letter_issue(
        actor=actor,
        record=record,
        suggestions_for_inflow="请督促按时参加组织生活",
        suggestions_for_employer="请支持党员亮身份",
        dues_paid_to=datetime.date(2026, 5, 1),
    )


def _pdf_text(response) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_body_gives_the_recorded_reason_and_the_addressee(to_lhasa, secretary_a):
    content = letter_content(_issue(to_lhasa, secretary_a))

    assert content.addressee == "中共拉萨市城关区某支部："
    assert "因外出学习前往拉萨市城关区某学校，请予接收" in content.body
    assert "务工经商" not in content.body
    assert ("联系人及电话", "次仁 0891-6321234") in content.facts
    assert ("流出地联系人", "马慧艳 0971-8123456") in content.facts
    assert "有效期30天" in content.validity


def test_page_and_pdf_say_the_same_letter(client, to_lhasa, secretary_a, member_a1):
    letter = _issue(to_lhasa, secretary_a)
    client.force_login(secretary_a)

    page = client.get(letter.get_absolute_url()).content.decode()
    pdf = _pdf_text(client.get(reverse("records:letter_pdf", args=[letter.pk])))

    content = letter_content(letter)
    for text in (
        content.addressee,
        content.slip.title,
        "因外出学习前往",
        "2026-05",
        "请支持党员亮身份",
    ):
        assert text in page
        assert text in pdf.replace("\n", "")
    assert f"{member_a1.name}同志持介绍信（编号{letter.number}）" in pdf.replace("\n", "")
    assert "外出务工经商或学习" not in pdf


def test_a_long_suggestion_wraps_within_the_page(client, to_lhasa, secretary_a):
    letter = actions.letter_issue(
        actor=secretary_a, record=to_lhasa, suggestions_for_inflow="请按季度反馈学习情况。" * 40
    )
    client.force_login(secretary_a)

    reader = PdfReader(
        io.BytesIO(client.get(reverse("records:letter_pdf", args=[letter.pk])).content)
    )

    assert len(reader.pages) == 2
    assert "回执" in reader.pages[-1].extract_text()


@time_machine.travel(datetime.datetime(2026, 6, 20, 10, tzinfo=datetime.UTC), tick=False)
def test_the_return_slip_of_an_outside_branch_records_the_report_in(client, to_lhasa, secretary_a):
    letter = _issue(to_lhasa, secretary_a)
    client.force_login(secretary_a)

    response = client.post(
        reverse("records:letter_return_slip", args=[letter.pk]), {"reported_on": "2026-06-12"}
    )

    to_lhasa.refresh_from_db()
    assert response.url == to_lhasa.get_absolute_url()
    assert (to_lhasa.status, to_lhasa.reported_on) == (Status.TAKEN_IN, datetime.date(2026, 6, 12))
    assert to_lhasa.inflow_contact_person == "次仁"
    page = client.get(to_lhasa.get_absolute_url()).content.decode()
    assert f"已收到介绍信{letter.number}的回执：2026-06-12报到" in page
    assert "接收纳管" in page  # the take-in step in the timeline
    transitions = to_lhasa.events.filter(kind=RecordEvent.Kind.TRANSITION).order_by("id")
    assert list(transitions.values_list("transition", flat=True)) == ["draft", "submit", "take_in"]


def test_the_return_slip_of_a_branch_in_the_system_changes_no_status(
    tree, member_a1, secretary_a, secretary_b
):
    record = make_record(member_a1, inflow_organization=tree.town_b)
    letter = _issue(record, secretary_a)

    actions.letter_record_return_slip(actor=secretary_b, letter=letter)

    record.refresh_from_db()
    letter.refresh_from_db()
    assert record.status == Status.WAITING  # the inflow branch takes the member in itself
    assert letter.return_slip_received_at is not None


def test_a_return_slip_dated_in_the_future_is_refused(to_lhasa, secretary_a):
    letter = _issue(to_lhasa, secretary_a)

    with pytest.raises(ValidationError):
        actions.letter_record_return_slip(
            actor=secretary_a, letter=letter, reported_on=datetime.date(2099, 1, 1)
        )

    to_lhasa.refresh_from_db()
    letter.refresh_from_db()
    assert (to_lhasa.status, letter.return_slip_received_at) == (Status.WAITING, None)


def test_the_outside_organisations_contact_is_shown_on_the_record(
    client, tree, to_lhasa, secretary_a, secretary_b, member_b1
):
    chengdu = make_external_organization(contact_person="王书记", contact_phone="028-85551234")
    arrived = actions.mobile_record_register_inflow(
        actor=secretary_b,
        receiving_organization=tree.branch_b1,
        outflow_external=chengdu,
        member=member_b1,
        **{k: v for k, v in registration_fields().items() if k in ARRIVAL_FIELDS},
    )

    client.force_login(secretary_a)
    assert "次仁 0891-6321234" in client.get(to_lhasa.get_absolute_url()).content.decode()
    client.force_login(secretary_b)
    assert "王书记 028-85551234" in client.get(arrived.get_absolute_url()).content.decode()
