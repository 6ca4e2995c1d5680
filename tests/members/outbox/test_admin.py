"""Message templates in the admin: each office writes its own texts; the city default is the
administrators'."""

import pytest

from members.outbox.models import MessageTemplate
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def _staff(client, user, *codenames):
    client.force_login(make_staff(user, *codenames))
    return client


def _post(client, **fields):
    data = {"kind": "political_birthday", "text": "{name}同志：政治生日快乐！", **fields}
    return client.post("/admin/members/messagetemplate/add/", data)


def test_secretary_cannot_write_the_city_default(client, secretary_a):
    response = _post(_staff(client, secretary_a), organization="")

    assert response.status_code == 200
    assert "organization" in response.context["adminform"].form.errors
    assert not MessageTemplate.objects.exists()


def test_secretary_cannot_write_for_another_subtree(client, tree, secretary_a):
    response = _post(_staff(client, secretary_a), organization=tree.town_b.pk)

    assert "organization" in response.context["adminform"].form.errors
    assert not MessageTemplate.objects.exists()


def test_secretary_writes_for_her_own_town_and_sees_only_hers(client, tree, secretary_a):
    MessageTemplate.objects.create(kind="notice", organization=tree.town_b, text="{name}")
    client = _staff(client, secretary_a)

    response = _post(client, organization=tree.town_a.pk)
    listing = client.get("/admin/members/messagetemplate/")

    assert response.status_code == 302
    assert [t.organization for t in listing.context["cl"].result_list] == [tree.town_a]


def test_a_format_spec_is_refused_in_the_admin(client, tree, secretary_a):
    response = _post(
        _staff(client, secretary_a), organization=tree.town_a.pk, text="{name:>99999999}"
    )

    assert "text" in response.context["adminform"].form.errors
    assert not MessageTemplate.objects.exists()
