"""The admin's history pages read through the same scope, and never restore an old version."""

import pytest

from members.mobility.models import MobileRecord, RecordEvent
from tests.factories import make_record, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken_in(tree, member_a1, secretary_b):
    from members.mobility import actions

    record = make_record(member_a1, inflow_organization=tree.town_b)
    return actions.mobile_record_take_in(
        actor=secretary_b, record=record, taken_in_by=tree.branch_b1, inflow_contact_person="刘德花"
    )


def _staff(client, user, *codenames):
    client.force_login(make_staff(user, *codenames))
    return client


def _history_urls(record: MobileRecord) -> tuple[str, str]:
    version = record.history.order_by("history_id").first()
    base = f"/admin/members/mobilerecord/{record.pk}/history/"
    return base, f"{base}{version.history_id}/"


def test_history_of_another_subtrees_record_is_404(client, tree, member_b1, viewer_b, taken_in):
    """城中区's viewer may read 城中区's records; this one is 城东区's draft-free record that the
    viewer's district does not host any more once it ended: it must not leak."""
    from members.mobility import actions

    ended = actions.mobile_record_end(
        actor=_superuser(), record=taken_in, end_reason="returned_home"
    )
    client = _staff(client, viewer_b, "view_mobilerecord")
    listing, version = _history_urls(ended)

    assert client.get(listing).status_code == 404
    response = client.get(version)
    assert response.status_code == 404
    assert "某劳务分包公司" not in response.content.decode()


def test_posting_an_old_version_never_reverts_the_record(client, secretary_a, taken_in):
    client = _staff(client, secretary_a)
    _listing, version = _history_urls(taken_in)
    events = RecordEvent.objects.filter(record=taken_in).count()

    response = client.post(version, {"status": "draft"})

    taken_in.refresh_from_db()
    assert response.status_code == 403
    assert taken_in.status == "taken_in"
    assert RecordEvent.objects.filter(record=taken_in).count() == events


def test_owner_reads_the_history_of_its_own_record(client, secretary_a, taken_in):
    client = _staff(client, secretary_a, "view_mobilerecord")
    listing, version = _history_urls(taken_in)

    assert client.get(listing).status_code == 200
    assert client.get(version).status_code == 200


def _superuser():
    from tests.factories import system_user

    return system_user()
