import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from education.audience import Audience
from education.packages import actions, selectors
from education.packages.models import Dispatch
from tests.education.packages.conftest import shipment_of
from tests.factories import make_member, make_record


def test_one_shipment_per_member(dispatch, members_a):
    assert dispatch.shipments.count() == len(members_a)


def test_address_defaults_to_the_household_address(dispatch, members_a):
    assert shipment_of(dispatch, members_a[1]).address == "西宁市城东区大街2号"


def test_a_mobile_member_is_addressed_where_they_are(tree, secretary_a, package):
    member = make_member(tree.branch_a1, name="曹外出", household_address="湟中区拦隆口镇卡阳村")
    make_record(member, destination_address="江苏省苏州市工业园区星湖街1号")
    dispatch = actions.dispatch_create(
        actor=secretary_a,
        package=package,
        title="礼包",
        organization=tree.branch_a1,
        member_ids=[member.pk],
    )
    assert shipment_of(dispatch, member).address == "江苏省苏州市工业园区星湖街1号"


def test_members_outside_the_write_scope_are_refused(tree, secretary_a, package, member_b1):
    with pytest.raises(ValidationError):
        actions.dispatch_create(
            actor=secretary_a,
            package=package,
            title="礼包",
            organization=tree.branch_a1,
            member_ids=[member_b1.pk],
        )


def test_an_audience_outside_the_scope_is_refused(tree, secretary_a, package, member_b1):
    with pytest.raises(PermissionDenied):
        actions.dispatch_create(
            actor=secretary_a,
            package=package,
            title="礼包",
            audience=Audience(organization=tree.branch_b1, mobile_only=False),
        )


def test_no_members_no_dispatch(tree, secretary_a, package):
    with pytest.raises(ValidationError):
        actions.dispatch_create(
            actor=secretary_a,
            package=package,
            title="礼包",
            audience=Audience(organization=tree.branch_a1, mobile_only=True),
        )
    assert not Dispatch.objects.exists()


def test_a_package_needs_an_item(tree, secretary_a):
    with pytest.raises(ValidationError):
        actions.package_create(actor=secretary_a, organization=tree.town_a, name="空", items=[])


@pytest.fixture
def stepped(secretary_a, dispatch, members_a):
    """One received, one returned, one still to pack."""
    first, second, _third = (shipment_of(dispatch, m) for m in members_a)
    for shipment, number in ((first, "SF00000001"), (second, "SF00000002")):
        actions.shipment_send(
            actor=secretary_a, shipment=shipment, courier="顺丰", tracking_number=number
        )
    actions.shipment_receive(actor=secretary_a, shipment=first)
    actions.shipment_return(actor=secretary_a, shipment=second, reason="拒收")
    return dispatch


def test_progress_counts_each_status(secretary_a, stepped):
    dispatch = selectors.dispatch_get(user=secretary_a, pk=stepped.pk)
    progress = selectors.progress(dispatch)
    assert (progress.total, progress.sent, progress.received, progress.returned) == (3, 1, 1, 1)


def test_progress_of_a_page_of_dispatches_is_one_query(
    secretary_a, stepped, django_assert_num_queries
):
    with django_assert_num_queries(1):
        page = selectors.dispatch_list(user=secretary_a, size=10)
        [selectors.progress(dispatch) for dispatch in page.items]


def test_the_sender_reads_the_dispatch_the_outsider_does_not(secretary_b, secretary_a, dispatch):
    visible = {
        "a": selectors.dispatch_queryset(user=secretary_a).filter(pk=dispatch.pk).exists(),
        "b": selectors.dispatch_queryset(user=secretary_b).filter(pk=dispatch.pk).exists(),
    }
    assert visible == {"a": True, "b": False}


def test_the_host_branch_reads_and_steps_its_hosted_members_shipment(
    tree, secretary_a, receiving_b1, package, mobile_a_in_b
):
    dispatch = actions.dispatch_create(
        actor=secretary_a,
        package=package,
        title="礼包",
        organization=tree.town_a,
        member_ids=[mobile_a_in_b.pk],
    )
    shipment = shipment_of(dispatch, mobile_a_in_b)
    assert selectors.shipment_can_write(receiving_b1, shipment)


def test_shipments_listed_for_the_member_file_follow_the_reader(
    secretary_b, secretary_a, dispatch, members_a
):
    counts = [
        selectors.member_shipments(user=user, member=members_a[0]).count()
        for user in (secretary_a, secretary_b)
    ]
    assert counts == [1, 0]


def test_timestamps_unset_until_stepped(dispatch):
    assert set(dispatch.shipments.values_list("sent_at", flat=True)) == {None}
