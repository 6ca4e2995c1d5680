"""Hardship subsidy pages and API: the form's errors, the steps offered, the files, the
member file panel, the home card and the 409 of a refused step."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from members.files.panels import panels_for
from services.subsidies import actions
from services.subsidies.attention import subsidies_to_approve
from services.subsidies.models import SubsidyApplication
from services.subsidies.panels import subsidy_panel
from tests.factories import make_member

pytestmark = pytest.mark.django_db
S = SubsidyApplication.Status
TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def applied(member_b1, receiving_b1):
    return actions.subsidy_apply(
        actor=receiving_b1,
        member=member_b1,
        reason="家庭困难",
        amount="800",
        files=(SimpleUploadedFile("证明.pdf", b"%PDF-1.4\n", content_type="application/pdf"),),
    )


def test_the_form_shows_a_bad_amount_and_saves_nothing(client, member_b1, receiving_b1):
    client.force_login(receiving_b1)
    data = {
        "member": member_b1.pk,
        "year": timezone.localdate().year,
        "amount": "12.345",
        "reason": "困难",
    }

    answer = client.post(reverse("services:subsidies:subsidy_create"), data)

    assert answer.status_code == 200
    assert "amount" in answer.context["form"].errors
    assert not SubsidyApplication.objects.exists()


def test_the_form_submits_with_a_pdf(client, member_b1, receiving_b1):
    client.force_login(receiving_b1)
    upload = SimpleUploadedFile("证明.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    data = {
        "member": member_b1.pk,
        "year": timezone.localdate().year,
        "amount": "500.5",
        "reason": "困难",
        "file": upload,
    }

    answer = client.post(reverse("services:subsidies:subsidy_create"), data)

    application = SubsidyApplication.objects.get()
    assert answer.status_code == 302
    assert application.attachments.count() == 1


def test_the_new_page_searches_members_without_one_chosen(client, member_b1, receiving_b1):
    client.force_login(receiving_b1)

    answer = client.get(reverse("services:subsidies:subsidy_create"), {"name": "肖"})

    assert list(answer.context["found"]) == [member_b1]


def test_detail_offers_the_deciding_steps_to_the_town(client, applied, secretary_b):
    client.force_login(secretary_b)

    answer = client.get(reverse("services:subsidies:subsidy_detail", args=[applied.pk]))

    assert [step.name for step, _form in answer.context["steps"]] == [
        "approve",
        "decline",
        "withdraw",
    ]


def test_detail_offers_only_withdrawing_to_the_branch(client, applied, receiving_b1):
    client.force_login(receiving_b1)

    answer = client.get(reverse("services:subsidies:subsidy_detail", args=[applied.pk]))

    assert [step.name for step, _form in answer.context["steps"]] == ["withdraw"]


def test_detail_offers_nothing_to_a_viewer(client, applied, viewer_b):
    client.force_login(viewer_b)

    answer = client.get(reverse("services:subsidies:subsidy_detail", args=[applied.pk]))

    assert answer.context["steps"] == []


def test_detail_is_404_for_an_outsider_subtree(client, applied, secretary_a):
    client.force_login(secretary_a)

    answer = client.get(reverse("services:subsidies:subsidy_detail", args=[applied.pk]))

    assert answer.status_code == 404


def test_a_viewer_posting_a_step_gets_403(client, applied, viewer_b):
    client.force_login(viewer_b)

    answer = client.post(reverse("services:subsidies:subsidy_step", args=[applied.pk, "approve"]))

    assert answer.status_code == 403
    applied.refresh_from_db()
    assert applied.status == S.SUBMITTED


def test_the_page_step_approves(client, applied, secretary_b):
    client.force_login(secretary_b)

    client.post(reverse("services:subsidies:subsidy_step", args=[applied.pk, "approve"]))

    applied.refresh_from_db()
    assert applied.status == S.APPROVED


def test_the_file_downloads_for_a_reader(client, applied, viewer_b):
    client.force_login(viewer_b)
    paper = applied.attachments.get()

    answer = client.get(
        reverse("services:subsidies:attachment_download", args=[applied.pk, paper.pk])
    )

    assert answer.status_code == 200
    assert b"".join(answer.streaming_content).startswith(b"%PDF")


def test_the_list_query_count_is_constant(
    client, member_b1, receiving_b1, django_assert_max_num_queries
):
    for number in range(5):
        actions.subsidy_apply(
            actor=receiving_b1, member=member_b1, reason=f"困难{number}", amount="10"
        )
    client.force_login(receiving_b1)

    with django_assert_max_num_queries(12):
        answer = client.get(reverse("services:subsidies:subsidy_list"))
    assert len(answer.context["page"].items) == 5


def test_the_list_shows_those_awaiting_my_approval(client, applied, secretary_b):
    client.force_login(secretary_b)

    answer = client.get(reverse("services:subsidies:subsidy_list"), {"box": "to_approve"})

    assert answer.context["page"].items == [applied]


def test_the_panel_reads_in_a_constant_number_of_queries(
    tree, receiving_b1, secretary_b, django_assert_max_num_queries
):
    member = make_member(tree.branch_b1, name="肖双强")
    for number in range(6):
        application = actions.subsidy_apply(
            actor=receiving_b1, member=member, reason=f"困难{number}", amount="100"
        )
        actions.subsidy_approve(actor=secretary_b, application=application)

    with django_assert_max_num_queries(5):
        panels = subsidy_panel(member, user=secretary_b, today=TODAY)

    assert panels[0].context["totals"][0][1] == 600
    assert len(panels[0].context["applications"]) == 6


def test_the_panel_is_on_the_member_file(applied, member_b1, receiving_b1):
    templates = [p.template for p in panels_for(member_b1, user=receiving_b1, today=TODAY)]

    assert "services/subsidies/_member_panel.html" in templates


def test_the_home_card_counts_what_awaits_me(applied, secretary_b, receiving_b1):
    assert subsidies_to_approve(secretary_b, TODAY, 99).count == 1
    assert subsidies_to_approve(receiving_b1, TODAY, 99).count == 0


def test_api_applies_and_refuses_a_bad_amount(client, member_b1, receiving_b1):
    client.force_login(receiving_b1)
    url = "/api/v1/services/subsidies/"

    bad = client.post(
        url, {"member": member_b1.pk, "amount": "-1", "reason": "困难"}, "application/json"
    )
    good = client.post(
        url, {"member": member_b1.pk, "amount": "10.00", "reason": "困难"}, "application/json"
    )

    assert (bad.status_code, list(bad.json())) == (400, ["amount"])
    assert good.status_code == 201


def test_api_refused_step_is_409_and_changes_nothing(client, applied, secretary_b):
    client.force_login(secretary_b)

    answer = client.post(f"/api/v1/services/subsidies/{applied.pk}/pay/")

    assert answer.status_code == 409
    applied.refresh_from_db()
    assert applied.status == S.SUBMITTED


def test_api_submitter_cannot_approve_own(client, applied, receiving_b1):
    client.force_login(receiving_b1)

    answer = client.post(f"/api/v1/services/subsidies/{applied.pk}/approve/")

    assert answer.status_code == 403
