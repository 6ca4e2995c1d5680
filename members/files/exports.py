"""The member list's export (一人一档): the list with its search, filters and sort."""

from django.utils.translation import gettext_lazy as _

from members.downloads.registry import (
    Column,
    ListExport,
    filters_in_words,
    id_number_column,
    register,
)
from members.files.forms import MemberFilterForm
from members.files.selectors import member_search


def member_rows(*, user, params):
    """The page's rows: the same form, selector and order as ``views.member_list``."""
    form = MemberFilterForm(params, user=user)
    return member_search(user=user, filters=form.filters()).order_by(*form.sort_order())


def _describe(*, user, params):
    return filters_in_words(MemberFilterForm(params, user=user))


MEMBERS = register(
    ListExport(
        name="members",
        title=_("Party members"),
        list_url="members:member_list",
        rows=member_rows,
        member=lambda member: member,
        describe=_describe,
        columns=[
            Column(_("full name"), lambda m: m.name, width=12),
            Column(_("gender"), lambda m: m.get_gender_display(), width=6),
            Column(_("ethnicity"), lambda m: m.ethnicity, width=8),
            Column(_("birth date"), lambda m: m.birth_date, width=12),
            id_number_column(lambda member: member),
            Column(_("mobile phone"), lambda m: m.phone, width=13),
            Column(_("education"), lambda m: m.get_education_display(), width=14),
            Column(_("home organisation"), lambda m: m.organization.name, width=28),
            Column(_("category"), lambda m: m.get_category_display(), width=10),
            Column(_("status"), lambda m: m.get_status_display(), width=10),
            Column(_("date joined the Party"), lambda m: m.joined_party_on, width=12),
            Column(_("date of full membership"), lambda m: m.full_member_on, width=12),
            Column(_("household address"), lambda m: m.household_address, width=30),
        ],
    )
)
