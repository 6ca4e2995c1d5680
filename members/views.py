"""Secretary pages of the member file and the organisation tree; thin: forms call the actions."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from members import actions
from members.forms import (
    FamilyMemberForm,
    MemberFilterForm,
    MemberForm,
    RevealIdForm,
    scope_top_depth,
)
from members.models import FamilyMember, Member, Organization
from members.models.members import add_years
from members.models.organizations import scope_paths
from members.orglife_selectors import member_attendance_year
from members.pagination import keyset_page
from members.selectors import (
    member_mobility_path,
    member_queryset,
    member_search,
    user_can_write_member,
)
from members.warnings import member_management

PAGE_SIZE, MAX_PAGE_SIZE = 25, 100
HISTORY_LIMIT = 50
TREE_LEVELS = 4  # levels the tree page opens at once; deeper ones via ?root=


@login_required
def member_list(request):
    form = MemberFilterForm(request.GET, user=request.user)
    members = member_search(user=request.user, filters=form.filters())
    page = keyset_page(
        members, order=form.sort_order(), cursor=request.GET.get("cursor", ""), size=_size(request)
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    context["can_create"] = _can_create(request)
    return render(request, "members/member_list.html", context)


def _size(request) -> int:
    try:
        return min(max(int(request.GET.get("size", PAGE_SIZE)), 1), MAX_PAGE_SIZE)
    except ValueError:
        return PAGE_SIZE


def _can_create(request) -> bool:
    # Any write assignment at all (``None`` = superuser); no query beyond the cached scope.
    return scope_paths(request.user, for_write=True) != []


@login_required
def member_detail(request, pk):
    member = get_object_or_404(member_queryset(user=request.user), pk=pk)
    return render(request, "members/member_detail.html", _detail_context(request, member))


def _detail_context(request, member: Member, **extra) -> dict:
    can_write = user_can_write_member(request.user, member)
    context = {
        "member": member,
        "can_write": can_write,
        "family": member.family.all(),
        "mobility_path": member_mobility_path(user=request.user, member=member),
        "attendance_year": member_attendance_year(member=member, year=timezone.localdate().year),
        "history": _history(member),
        "political_birthday": political_birthday(member, today=timezone.localdate()),
        "reveal_form": RevealIdForm(),
        "family_form": FamilyMemberForm(),
        "management": member_management(member=member, today=timezone.localdate()),
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
        "next_years": member.party_years(upcoming),
        "days": (upcoming - today).days,
    }


def _anniversary(joined: datetime.date, year: int) -> datetime.date:
    return add_years(joined, year - joined.year)


def _history(member: Member) -> list[dict]:
    """Newest first: who changed what, when, old → new; one query for the whole page."""
    records = list(member.history.select_related("history_user")[: HISTORY_LIMIT + 1])
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changes = []
        if older is not None:
            changes = [_change(c) for c in newer.diff_against(older).changes]
            changes += _id_number_change(newer, older)
        entries.append({"record": newer, "changes": changes})
    return entries[:HISTORY_LIMIT]


def _id_number_change(newer, older) -> list[dict]:
    """The masked number, never the hash: ``diff_against`` skips non-editable fields."""
    if newer.id_number_hash == older.id_number_hash:
        return []
    label = Member._meta.get_field("id_number_masked").verbose_name
    return [{"label": label, "old": older.id_number_masked, "new": newer.id_number_masked}]


def _change(change) -> dict:
    field = Member._meta.get_field(change.field)
    labels = dict(field.choices or [])

    def shown(value):
        if isinstance(value, list):
            return "、".join(map(str, value))
        if field.is_relation and value is not None:
            # Moves between organisations are rare; one lookup per changed reference.
            related = field.related_model.objects.filter(pk=value).first()
            return str(related) if related else value
        return labels.get(value, value)

    return {"label": field.verbose_name, "old": shown(change.old), "new": shown(change.new)}


def _writable_member(request, pk) -> Member:
    """The member, or 404 outside the user's scope, or 403 for read-only roles."""
    member = get_object_or_404(member_queryset(user=request.user), pk=pk)
    if not user_can_write_member(request.user, member):
        raise PermissionDenied
    return member


@login_required
def member_create(request):
    if not _can_create(request):
        raise PermissionDenied
    initial = {"organization": request.GET.get("organization")}
    form = MemberForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid() and (member := form.save()):
        messages.success(request, _("The file of %(name)s was opened.") % {"name": member})
        return redirect(member)
    return render(request, "members/member_form.html", {"form": form, "member": None})


@login_required
def member_edit(request, pk):
    member = _writable_member(request, pk)
    form = MemberForm(request.POST or None, user=request.user, member=member)
    if request.method == "POST" and form.is_valid() and form.save():
        messages.success(request, _("Changes saved."))
        return redirect(member)
    return render(request, "members/member_form.html", {"form": form, "member": member})


@never_cache
@login_required
@require_POST
def member_reveal_id(request, pk):
    """Show the full ID number in this one response; the action logs who saw it and why."""
    member = _writable_member(request, pk)
    form = RevealIdForm(request.POST)
    number = form.reveal(actor=request.user, member=member) if form.is_valid() else None
    context = _detail_context(request, member, reveal_form=form, revealed_id_number=number)
    return render(request, "members/member_detail.html", context)


@login_required
@require_POST
def family_add(request, pk):
    member = _writable_member(request, pk)
    form = FamilyMemberForm(request.POST)
    if form.is_valid() and form.save(actor=request.user, member=member):
        messages.success(request, _("Family member added."))
        return redirect(member)
    context = _detail_context(request, member, family_form=form)
    return render(request, "members/member_detail.html", context)


@login_required
@require_POST
def family_remove(request, pk, relative_pk):
    member = _writable_member(request, pk)
    relative = get_object_or_404(FamilyMember, pk=relative_pk, member=member)
    actions.family_member_remove(actor=request.user, relative=relative)
    messages.success(request, _("Family member removed."))
    return redirect(member)


@login_required
def organization_tree(request):
    """The user's subtree(s) as nested, collapsible lists; ``?root=`` starts lower down."""
    visible = Organization.objects.visible_to(request.user)
    root = None
    if request.GET.get("root", "").isdigit():
        root = get_object_or_404(visible, pk=request.GET["root"])
        visible = visible.filter(path__startswith=root.path)
    nodes = list(visible.filter(depth__lt=_tree_floor(request, root)))
    return render(request, "members/organization_tree.html", {"roots": _nest(nodes), "root": root})


def _tree_floor(request, root: Organization | None) -> int:
    """Show at most ``TREE_LEVELS`` levels; deeper nodes are one click away (``?root=``)."""
    if root is not None:
        return root.depth + TREE_LEVELS
    return scope_top_depth(request.user) + TREE_LEVELS


def _nest(nodes: list[Organization]) -> list[dict]:
    """Turn a path-ordered list into a forest of ``{"node", "children", "open"}`` dicts."""
    forest, by_path = [], {}
    for node in nodes:
        parent = by_path.get(node.path[: -Organization.steplen])
        level = parent["level"] + 1 if parent else 0
        # The top two levels start unfolded; below that the reader opens what they need.
        entry = {"node": node, "children": [], "level": level, "open": level < 2}
        by_path[node.path] = entry
        (parent["children"] if parent else forest).append(entry)
    return forest


@login_required
def organization_detail(request, pk):
    visible = Organization.objects.visible_to(request.user)
    organization = get_object_or_404(visible, pk=pk)
    ancestor_paths = [
        organization.path[:end]
        for end in range(Organization.steplen, len(organization.path), Organization.steplen)
    ]
    context = {
        "organization": organization,
        "ancestors": visible.filter(path__in=ancestor_paths),
        "children": visible.filter(
            path__startswith=organization.path, depth=organization.depth + 1
        ),
        "can_write": Organization.objects.visible_to(request.user, for_write=True)
        .filter(pk=pk)
        .exists(),
    }
    return render(request, "members/organization_detail.html", context)
