"""Secretary pages of the member file (一人一档); thin: forms call the actions."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from members.files import actions
from members.files.forms import FamilyMemberForm, MemberFilterForm, MemberForm, RevealIdForm
from members.files.models import FamilyMember, Member, add_years, party_anniversary
from members.files.panels import panels_for
from members.files.selectors import member_get, member_history, member_search
from members.followup.selectors import member_management
from members.mobility.actions import departure_allowed
from members.mobility.selectors import member_mobility_path
from members.orglife.selectors import member_attendance_year
from members.pagination import keyset_page
from members.scoping import can_write, ensure_can_write, has_write_role
from members.web import ensure_writer, get_or_404, page_size


@login_required
def member_list(request):
    form = MemberFilterForm(request.GET, user=request.user)
    members = member_search(user=request.user, filters=form.filters())
    page = keyset_page(
        members,
        order=form.sort_order(),
        cursor=request.GET.get("cursor", ""),
        size=page_size(request),
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    context["can_create"] = has_write_role(request.user)
    return render(request, "members/files/member_list.html", context)


@login_required
def member_detail(request, pk):
    member = get_or_404(member_get, user=request.user, pk=pk)
    return render(request, "members/files/member_detail.html", _detail_context(request, member))


def _detail_context(request, member: Member, **extra) -> dict:
    context = {
        "member": member,
        "can_write": can_write(request.user, member),
        "family": member.family.all(),
        "mobility_path": member_mobility_path(user=request.user, member=member),
        "can_register_departure": departure_allowed(request.user, member),
        "attendance_year": member_attendance_year(member=member, year=timezone.localdate().year),
        "history": member_history(user=request.user, member=member),
        "political_birthday": political_birthday(member, today=timezone.localdate()),
        "reveal_form": RevealIdForm(),
        "family_form": FamilyMemberForm(),
        "management": member_management(member=member, today=timezone.localdate()),
        "panels": panels_for(member, user=request.user, today=timezone.localdate()),
    }
    return context | extra


def political_birthday(member: Member, *, today: datetime.date) -> dict:
    """Years in the Party today, and the next anniversary of joining with the years it marks."""
    upcoming = _anniversary(member.joined_party_on, today.year)
    if upcoming < today:
        upcoming = _anniversary(member.joined_party_on, today.year + 1)
    return {
        "years": member.party_years(today),
        "next": upcoming,
        "next_years": party_anniversary(member.joined_party_on, upcoming),
        "days": (upcoming - today).days,
    }


def _anniversary(joined: datetime.date, year: int) -> datetime.date:
    return add_years(joined, year - joined.year)


def _writable_member(request, pk) -> Member:
    """The member, or 404 outside the user's scope, or 403 for read-only roles."""
    member = get_or_404(member_get, user=request.user, pk=pk)
    ensure_can_write(request.user, member)
    return member


@login_required
def member_create(request):
    ensure_writer(request.user)
    initial = {"organization": request.GET.get("organization")}
    form = MemberForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid() and (member := form.save()):
        messages.success(request, _("The file of %(name)s was opened.") % {"name": member})
        return redirect(member)
    return render(request, "members/files/member_form.html", {"form": form, "member": None})


@login_required
def member_edit(request, pk):
    member = _writable_member(request, pk)
    form = MemberForm(request.POST or None, user=request.user, member=member)
    if request.method == "POST" and form.is_valid() and form.save():
        messages.success(request, _("Changes saved."))
        return redirect(member)
    return render(request, "members/files/member_form.html", {"form": form, "member": member})


@never_cache
@login_required
@require_POST
def member_reveal_id(request, pk):
    """Show the full ID number in this one response; the action logs who saw it and why."""
    member = _writable_member(request, pk)
    form = RevealIdForm(request.POST)
    number = form.reveal(actor=request.user, member=member) if form.is_valid() else None
    context = _detail_context(request, member, reveal_form=form, revealed_id_number=number)
    return render(request, "members/files/member_detail.html", context)


@login_required
@require_POST
def family_add(request, pk):
    member = _writable_member(request, pk)
    form = FamilyMemberForm(request.POST)
    if form.is_valid() and form.save(actor=request.user, member=member):
        messages.success(request, _("Family member added."))
        return redirect(member)
    context = _detail_context(request, member, family_form=form)
    return render(request, "members/files/member_detail.html", context)


@login_required
@require_POST
def family_remove(request, pk, relative_pk):
    member = _writable_member(request, pk)
    relative = get_object_or_404(FamilyMember, pk=relative_pk, member=member)
    actions.family_member_remove(actor=request.user, relative=relative)
    messages.success(request, _("Family member removed."))
    return redirect(member)
