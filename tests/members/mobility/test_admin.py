import pytest
from django.contrib.auth.models import Permission

from members.mobility import actions as letters
from tests.factories import make_record

pytestmark = pytest.mark.django_db

SEES_RECORD = {"secretary_a", "secretary_b", "officer_a1", "viewer_b", "superuser"}


@pytest.fixture
def waiting(tree, member_a1):
    return make_record(member_a1, inflow_organization=tree.town_b)


def staff_client(request, client, persona):
    user = request.getfixturevalue(persona)
    if not user.is_superuser:
        user.is_staff = True
        user.save()
        codenames = ["view_mobilerecord", "change_mobilerecord", "view_introductionletter"]
        user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "persona", ["secretary_a", "secretary_b", "officer_a1", "viewer_b", "outsider", "superuser"]
)
def test_record_admin_is_scoped_and_read_only(request, client, waiting, persona):
    client = staff_client(request, client, persona)
    letter = letters.letter_issue(
        actor=request.getfixturevalue("superuser"), record=waiting, suggestions_for_inflow="x"
    )

    listing = client.get("/admin/members/mobilerecord/")
    change = client.get(f"/admin/members/mobilerecord/{waiting.pk}/change/")
    letters_list = client.get("/admin/members/introductionletter/")

    assert listing.status_code == 200
    shown = list(listing.context["cl"].result_list)
    assert shown == ([waiting] if persona in SEES_RECORD else [])
    assert list(letters_list.context["cl"].result_list) == (
        [letter] if persona in SEES_RECORD else []
    )
    if persona in SEES_RECORD:
        assert change.status_code == 200
        assert not change.context["has_change_permission"]
    else:
        assert change.status_code == 302  # the admin sends unknown objects back to the list
    post = client.post(f"/admin/members/mobilerecord/{waiting.pk}/change/", {"status": "ended"})
    assert post.status_code in (302, 403)
    waiting.refresh_from_db()
    assert waiting.status == "waiting"
