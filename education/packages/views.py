"""Pages of study packages: dispatches with their progress, a new dispatch, packages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from education.audience import audience_members
from education.packages import actions, selectors
from education.packages.forms import DispatchForm, PackageForm, StatusFilterForm
from education.packages.workflow import SHIPMENT_WORKFLOW
from members.scoping import can_write, has_write_role
from members.web import ensure_writer, get_or_404, page_size

SHIPMENT_PAGE = 50
PREVIEW_NAMES = 10
PACKAGE_ROWS = 200


@login_required
def dispatch_list(request):
    page = selectors.dispatch_list(
        user=request.user, cursor=request.GET.get("cursor", ""), size=page_size(request)
    )
    rows = [(dispatch, selectors.progress(dispatch)) for dispatch in page.items]
    return render(
        request,
        "education/packages/dispatch_list.html",
        {"page": page, "rows": rows, "can_create": has_write_role(request.user)},
    )


@login_required
def dispatch_create(request):
    """Choose the package and the group, see how many get it, then confirm."""
    ensure_writer(request.user)
    form = DispatchForm(request.POST or None, user=request.user)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "confirm" in request.POST:
            dispatch = form.call(
                actions.dispatch_create,
                actor=request.user,
                package=data["package"],
                title=data["title"],
                audience=form.audience(),
            )
            if dispatch is not None:
                messages.success(request, _("The dispatch was created."))
                return redirect("education:packages:dispatch_detail", dispatch.pk)
        else:
            context["preview"] = _preview(request.user, form)
    return render(request, "education/packages/dispatch_form.html", context)


def _preview(user, form) -> dict:
    members = audience_members(user=user, audience=form.audience())
    names = list(members.order_by("pk").values_list("name", flat=True)[:PREVIEW_NAMES])
    count = members.count()
    return {"count": count, "names": names, "more": count > len(names)}


@login_required
def dispatch_detail(request, pk: int):
    dispatch = get_or_404(selectors.dispatch_get, user=request.user, pk=pk)
    filters = StatusFilterForm(request.GET or None)
    status = filters.chosen()
    page = selectors.shipment_page(
        user=request.user,
        dispatch=dispatch,
        status=status,
        cursor=request.GET.get("cursor", ""),
        size=SHIPMENT_PAGE,
    )
    writable = selectors.writable_ids(
        user=request.user, dispatch=dispatch, ids=[s.pk for s in page.items]
    )
    rows = [
        (s, SHIPMENT_WORKFLOW.allowed(s.status) if s.pk in writable else []) for s in page.items
    ]
    return render(
        request,
        "education/packages/dispatch_detail.html",
        {
            "dispatch": dispatch,
            "progress": selectors.progress(dispatch),
            "filters": filters,
            "page": page,
            "rows": rows,
            "query": f"status={status}" if status else "",
            "sender": can_write(request.user, dispatch),
        },
    )


@login_required
def package_list(request):
    packages = selectors.package_rows(user=request.user)[:PACKAGE_ROWS]
    return render(
        request,
        "education/packages/package_list.html",
        {"packages": packages, "can_create": has_write_role(request.user)},
    )


@login_required
def package_create(request):
    ensure_writer(request.user)
    form = PackageForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.package_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("The study package was saved."))
            return redirect("education:packages:package_list")
    return render(request, "education/packages/package_form.html", {"form": form})
