"""Pages of the needs collection: a month's rounds, a round's table to fill, the summary."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.organizations.models import Organization
from members.pagination import keyset_page
from members.scoping import has_write_role
from members.web import ensure_writer, get_or_404, page_size
from services.needs import actions, selectors
from services.needs.forms import EntryForm, OpenForm

ENTRY_PAGE = 50
SUMMARY_PAGE = 50
# A county has a few hundred branches at most; beyond, the page asks for a town instead.
BRANCH_LIMIT = 300


def _month(request) -> datetime.date:
    return selectors.chosen_month(request.GET.get("month"))


@login_required
def round_list(request):
    month = _month(request)
    page = selectors.month_rounds(
        user=request.user,
        month=month,
        cursor=request.GET.get("cursor", ""),
        size=page_size(request),
    )
    writer = has_write_role(request.user)
    open_form = OpenForm(user=request.user, initial={"month": f"{month:%Y-%m}"}) if writer else None
    context = {
        "month": month,
        "rows": [(r, selectors.totals_of(r)) for r in page.items],
        "page": page,
        "query": f"month={month:%Y-%m}",
        "open_form": open_form,
    }
    return render(request, "services/needs/round_list.html", context)


@login_required
@require_POST
def rounds_open(request):
    ensure_writer(request.user)
    form = OpenForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose the organisation and the month."))
        return redirect("services:needs:round_list")
    data = form.cleaned_data
    try:
        opened = actions.needs_rounds_open(
            actor=request.user, organization=data["organization"], month=data["month"]
        )
    except PermissionDenied:
        # The picker lists every organisation of the user's; a read-only one is refused here.
        messages.error(request, _("You may only open the collection where you are secretary."))
        return redirect("services:needs:round_list")
    messages.success(
        request,
        _("Opened: %(rounds)d new rounds, %(entries)d new rows.") % opened,
    )
    url = reverse("services:needs:round_list")
    return redirect(f"{url}?month={data['month']:%Y-%m}")


@login_required
def round_detail(request, pk: int):
    needs_round = get_or_404(selectors.round_get, user=request.user, pk=pk)
    todo = request.GET.get("todo") == "1"
    page = keyset_page(
        selectors.round_entries(needs_round=needs_round, todo=todo),
        order=("id",),
        cursor=request.GET.get("cursor", ""),
        size=ENTRY_PAGE,
    )
    where = selectors.where_now([entry.member_id for entry in page.items])
    writer = selectors.round_can_write(request.user, needs_round)
    context = {
        "round": needs_round,
        "totals": selectors.totals_of(needs_round),
        "rows": [(entry, where.get(entry.member_id, "")) for entry in page.items],
        "page": page,
        "todo": todo,
        "query": "todo=1" if todo else "",
        "writer": writer,
        "outcomes": EntryForm.base_fields["outcome"].choices,
        "methods": EntryForm.base_fields["method"].choices,
        "categories": EntryForm.base_fields["category"].choices,
    }
    return render(request, "services/needs/round_detail.html", context)


def _writable_entry(request, pk: int):
    entry = get_or_404(selectors.entry_get, user=request.user, pk=pk)
    if not actions.entry_can_write(request.user, entry):
        raise PermissionDenied
    return entry


def _back(request, entry):
    url = reverse("services:needs:round_detail", args=[entry.round_id])
    todo = "?todo=1" if request.POST.get("todo") == "1" else ""
    return redirect(f"{url}{todo}#entry-{entry.pk}")


@login_required
@require_POST
def entry_fill(request, pk: int):
    entry = _writable_entry(request, pk)
    form = EntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _error_text(entry, form.errors.get_json_data()))
        return _back(request, entry)
    try:
        actions.needs_entry_fill(actor=request.user, entry=entry, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, _error_text(entry, error.message_dict))
    else:
        messages.success(request, _("Saved: %(member)s.") % {"member": entry.member.name})
    return _back(request, entry)


def _error_text(entry, errors: dict) -> str:
    labels = {name: field.label for name, field in EntryForm.base_fields.items()}
    parts = []
    for name, problems in errors.items():
        texts = [p["message"] if isinstance(p, dict) else str(p) for p in problems]
        parts.append(f"{labels.get(name, '')}：{' '.join(texts)}")
    return _("%(member)s — %(errors)s") % {"member": entry.member.name, "errors": "；".join(parts)}


@login_required
@require_POST
def entry_case(request, pk: int):
    entry = _writable_entry(request, pk)
    try:
        case = actions.needs_entry_to_case(actor=request.user, entry=entry)
    except ValidationError as error:
        messages.error(request, _error_text(entry, error.message_dict))
    else:
        messages.success(
            request,
            _("%(member)s's needs are request no. %(case)d.")
            % {"member": entry.member.name, "case": case.pk},
        )
    return _back(request, entry)


@login_required
def summary(request):
    month = _month(request)
    organization = _summary_organization(request)
    rounds = selectors.subtree_rounds(user=request.user, organization=organization, month=month)
    branches = keyset_page(rounds, order=("path", "id"), cursor="", size=BRANCH_LIMIT)
    waiting = selectors.not_contacted(
        rounds=rounds, cursor=request.GET.get("cursor", ""), size=SUMMARY_PAGE
    )
    context = {
        "month": month,
        "organization": organization,
        "choices": selectors.summary_organizations(user=request.user),
        "totals": selectors.summary_totals(rounds),
        "branches": [(r, selectors.totals_of(r)) for r in branches.items],
        "more_branches": branches.next_cursor is not None,
        "categories": selectors.summary_categories(rounds),
        "page": waiting,
        "query": f"month={month:%Y-%m}&organization={organization.pk}",
    }
    return render(request, "services/needs/summary.html", context)


def _summary_organization(request) -> Organization:
    """The organisation asked for (404 outside the user's scope), else the user's first."""
    visible = Organization.objects.visible_to(request.user)
    chosen = request.GET.get("organization", "")
    if chosen:
        if not chosen.isdigit():
            raise Http404
        return get_or_404(visible.get, pk=int(chosen))
    first = selectors.summary_organizations(user=request.user).first()
    if first is None:
        raise Http404
    return first
