"""The attendance sheet's search by name: a city-wide class has more than one page."""

from django.urls import reverse


def test_the_sheet_lists_only_the_members_named(client, invited, city_officer):
    client.force_login(city_officer)
    url = reverse("education:classes:class_detail", args=[invited.pk])

    page = client.get(url, {"name": "王文"})

    assert [row.member.name for row in page.context["page"].items] == ["王文春"]


def test_a_name_no_invitee_has_leaves_the_sheet_empty(client, invited, city_officer):
    client.force_login(city_officer)
    url = reverse("education:classes:class_detail", args=[invited.pk])

    page = client.get(url, {"name": "无此人"})

    assert page.context["page"].items == []
