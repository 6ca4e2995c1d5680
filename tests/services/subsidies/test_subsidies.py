"""Hardship subsidies: applying (amount, papers, who applies), the decision's steps and who
takes them, refused transitions changing nothing, totals, and the inbox message."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from members.outbox.models import Notification
from members.workflow import TransitionError
from services.subsidies import actions, selectors
from services.subsidies.models import SubsidyApplication
from tests.factories import UserFactory, assign

pytestmark = pytest.mark.django_db
S = SubsidyApplication.Status
PDF = b"%PDF-1.4\n%test\n"


def pdf(name="证明.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def applied(member_b1, receiving_b1):
    """B1's secretary applies for 肖双强: B's town decides."""
    return actions.subsidy_apply(
        actor=receiving_b1, member=member_b1, reason="家庭困难", amount="800.5", files=(pdf(),)
    )


def test_apply_sets_the_branch_and_the_organisation_above(applied, tree):
    assert (applied.organization, applied.approver) == (tree.branch_b1, tree.town_b)
    assert applied.approver_path == tree.town_b.path
    assert applied.amount == Decimal("800.50")
    assert applied.attachments.get().content_type == "application/pdf"


def test_a_hosting_branch_applies_for_a_member_it_hosts(mobile_a_in_b, receiving_b1, tree):
    application = actions.subsidy_apply(
        actor=receiving_b1, member=mobile_a_in_b, reason="工伤", amount="300"
    )

    assert application.organization == tree.branch_b1


@pytest.mark.parametrize("amount", ["-5", "0", "0.00", "12.345", "abc", "1e3x"])
def test_a_bad_amount_is_an_error_on_the_amount(member_b1, receiving_b1, amount):
    with pytest.raises(ValidationError) as error:
        actions.subsidy_apply(actor=receiving_b1, member=member_b1, reason="困难", amount=amount)

    assert list(error.value.message_dict) == ["amount"]
    assert not SubsidyApplication.objects.exists()


def test_a_renamed_program_is_refused_on_the_file(member_b1, receiving_b1):
    fake = SimpleUploadedFile("证明.pdf", b"MZ\x90\x00program", content_type="application/pdf")

    with pytest.raises(ValidationError) as error:
        actions.subsidy_apply(
            actor=receiving_b1, member=member_b1, reason="困难", amount="10", files=(fake,)
        )

    assert "file" in error.value.message_dict
    assert not SubsidyApplication.objects.exists()


def test_an_outsider_and_a_viewer_cannot_apply(member_b1, outsider, viewer_b):
    for user in (outsider, viewer_b):
        with pytest.raises(PermissionDenied):
            actions.subsidy_apply(actor=user, member=member_b1, reason="困难", amount="10")
    assert not SubsidyApplication.objects.exists()


def test_the_town_approves_and_pays(applied, secretary_b):
    actions.subsidy_approve(actor=secretary_b, application=applied)
    actions.subsidy_pay(actor=secretary_b, application=applied)

    applied.refresh_from_db()
    assert applied.status == S.PAID
    assert applied.decided_by == secretary_b
    assert applied.paid_at is not None


def test_whoever_applied_cannot_approve_their_own(tree, member_b1):
    town_secretary = UserFactory(username="town_b_two", full_name="南滩书记二")
    assign(town_secretary, tree.town_b, "secretary")
    application = actions.subsidy_apply(
        actor=town_secretary, member=member_b1, reason="困难", amount="100"
    )

    with pytest.raises(PermissionDenied):
        actions.subsidy_approve(actor=town_secretary, application=application)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


@pytest.mark.parametrize("user", ["receiving_b1", "viewer_b", "secretary_a", "outsider"])
def test_only_the_deciding_side_approves(applied, request, user):
    with pytest.raises(PermissionDenied):
        actions.subsidy_approve(actor=request.getfixturevalue(user), application=applied)

    applied.refresh_from_db()
    assert applied.status == S.SUBMITTED


def test_decline_needs_a_reason(applied, secretary_b):
    with pytest.raises(ValidationError) as error:
        actions.subsidy_decline(actor=secretary_b, application=applied, reason="  ")

    assert "reason" in error.value.message_dict
    applied.refresh_from_db()
    assert applied.status == S.SUBMITTED


def test_paying_before_approval_is_refused_and_changes_nothing(applied, secretary_b):
    with pytest.raises(TransitionError):
        actions.subsidy_pay(actor=secretary_b, application=applied)

    applied.refresh_from_db()
    assert (applied.status, applied.paid_at) == (S.SUBMITTED, None)


def test_a_declined_application_cannot_be_withdrawn(applied, secretary_b, receiving_b1):
    actions.subsidy_decline(actor=secretary_b, application=applied, reason="材料不全")

    with pytest.raises(TransitionError):
        actions.subsidy_withdraw(actor=receiving_b1, application=applied)
    applied.refresh_from_db()
    assert applied.status == S.DECLINED


def test_the_applicant_side_withdraws(applied, receiving_b1):
    actions.subsidy_withdraw(actor=receiving_b1, application=applied)

    applied.refresh_from_db()
    assert applied.status == S.WITHDRAWN


def test_the_decision_reaches_the_applying_branch_inbox(applied, secretary_b, receiving_b1):
    actions.subsidy_approve(actor=secretary_b, application=applied)

    message = Notification.objects.get(kind="subsidy_decision")
    assert message.recipient_user == receiving_b1


def test_year_totals_count_approved_and_paid_only(applied, member_b1, receiving_b1, secretary_b):
    second = actions.subsidy_apply(actor=receiving_b1, member=member_b1, reason="二", amount="200")
    third = actions.subsidy_apply(actor=receiving_b1, member=member_b1, reason="三", amount="50")
    actions.subsidy_approve(actor=secretary_b, application=applied)
    actions.subsidy_approve(actor=secretary_b, application=second)
    actions.subsidy_pay(actor=secretary_b, application=second)
    actions.subsidy_decline(actor=secretary_b, application=third, reason="不符合条件")

    assert selectors.member_year_totals(member_b1) == [(applied.year, Decimal("1000.50"))]


def test_awaiting_approval_leaves_out_the_users_own(applied, secretary_b, receiving_b1):
    assert list(selectors.awaiting_approval(user=secretary_b)) == [applied]
    assert not selectors.awaiting_approval(user=receiving_b1).exists()


def test_papers_are_added_only_while_waiting(applied, receiving_b1, secretary_b):
    actions.subsidy_attach(actor=receiving_b1, application=applied, upload=pdf("二.pdf"))
    actions.subsidy_approve(actor=secretary_b, application=applied)

    with pytest.raises(ValidationError):
        actions.subsidy_attach(actor=receiving_b1, application=applied, upload=pdf("三.pdf"))
    assert applied.attachments.count() == 2
