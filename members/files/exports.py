"""The member list's export (一人一档): the list with its search, filters and sort."""

from django.utils.translation import gettext_lazy as _

from members.downloads.registry import (
    Column,
    ListExport,
    choice,
    filters_in_words,
    id_number_column,
    register,
)
from members.files.forms import MemberFilterForm
from members.files.models import Member
from members.files.selectors import member_search


def member_rows(*, user, params):
    """The page's rows: the same form, selector and order as ``views.member_list``."""
    form = MemberFilterForm(params, user=user)
    members = member_search(user=user, filters=form.filters()).order_by(*form.sort_order())
    return members.only(*COLUMN_FIELDS)


# What the columns read: a million rows are read faster without the notes, skills and keys.
COLUMN_FIELDS = (
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "id_number_masked",
    "phone",
    "education",
    "organization__name",
    "category",
    "status",
    "joined_party_on",
    "full_member_on",
    "household_address",
)


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
            Column(_("gender"), choice(Member, "gender"), width=6),
            Column(_("ethnicity"), lambda m: m.ethnicity, width=8),
            Column(_("birth date"), lambda m: m.birth_date, width=12),
            id_number_column(lambda member: member),
            Column(_("mobile phone"), lambda m: m.phone, width=13),
            Column(_("education"), choice(Member, "education"), width=14),
            Column(_("home organisation"), lambda m: m.organization.name, width=28),
            Column(_("category"), choice(Member, "category"), width=10),
            Column(_("status"), choice(Member, "status"), width=10),
            Column(_("date joined the Party"), lambda m: m.joined_party_on, width=12),
            Column(_("date of full membership"), lambda m: m.full_member_on, width=12),
            Column(_("household address"), lambda m: m.household_address, width=30),
        ],
    )
)
