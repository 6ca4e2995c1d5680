"""The organisation filter of the list pages: two levels listed, any visible one accepted."""

from django.urls import reverse


def _options(response) -> list[str]:
    field = response.context["form"]["organization"].field
    return [str(label).strip("\u3000") for _pk, label in field.widget.choices][1:]


def test_activity_filter_lists_the_top_two_levels_of_the_scope(client, tree, superuser):
    client.force_login(superuser)
    response = client.get(reverse("orglife:activity_list"))
    assert _options(response) == ["中共西宁市委", "中共西宁市城东区委", "中共西宁市城中区委"]


def test_activity_filter_keeps_a_deeper_choice_shown(client, tree, superuser):
    client.force_login(superuser)
    response = client.get(reverse("orglife:activity_list"), {"organization": tree.branch_b1.pk})
    assert _options(response)[-1] == "南滩街道流动党员党支部"


def test_activity_filter_refuses_an_organisation_outside_the_scope(client, tree, secretary_b):
    client.force_login(secretary_b)
    response = client.get(reverse("orglife:activity_list"), {"organization": tree.town_a.pk})
    assert "organization" in response.context["form"].errors


def test_member_filter_lists_the_same_levels(client, tree, secretary_b):
    client.force_login(secretary_b)
    response = client.get(reverse("members:member_list"))
    assert _options(response) == ["南滩街道党工委", "南滩街道流动党员党支部"]
