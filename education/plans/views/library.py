"""Pages of the reading lists and plan templates an organisation keeps and shares down."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from education.plans import actions, selectors
from education.plans.forms import ReadingForm, TemplateForm
from members.pagination import keyset_page
from members.scoping import ensure_can_write, has_write_role, scope_paths, within
from members.web import ensure_writer, get_or_404, page_size

READINGS = "education:plans:reading_list"
TEMPLATES = "education:plans:template_list"


def _mark_writable(user, rows) -> None:
    """Flag the rows the user may change (owned in a write subtree, not shared from above)."""
    paths = scope_paths(user, for_write=True)
    for row in rows:
        row.writable = within(row.organization.path, paths)


def _listing(request, queryset, order, template: str, name: str):
    page = keyset_page(
        queryset, order=order, cursor=request.GET.get("cursor", ""), size=page_size(request)
    )
    _mark_writable(request.user, page.items)
    context = {"page": page, name: page.items, "can_create": has_write_role(request.user)}
    return render(request, template, context)


@login_required
def reading_list(request):
    readings = selectors.reading_queryset(user=request.user)
    return _listing(
        request, readings, selectors.READING_ORDER, "education/plans/reading_list.html", "readings"
    )


@login_required
def reading_create(request):
    ensure_writer(request.user)
    form = ReadingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        organization = form.cleaned_data["organization"]
        if form.call(
            actions.reading_create,
            actor=request.user,
            organization=organization,
            **form.action_fields(),
        ):
            messages.success(request, _("The reading was added to the list."))
            return redirect(READINGS)
    return render(request, "education/plans/reading_form.html", {"form": form, "reading": None})


@login_required
def reading_edit(request, pk: int):
    reading = get_or_404(selectors.reading_get, user=request.user, pk=pk)
    ensure_can_write(request.user, reading)
    form = ReadingForm(request.POST or None, user=request.user, instance=reading)
    if (
        request.method == "POST"
        and form.is_valid()
        and form.call(
            actions.reading_update, actor=request.user, reading=reading, **form.action_fields()
        )
    ):
        messages.success(request, _("Changes saved."))
        return redirect(READINGS)
    return render(request, "education/plans/reading_form.html", {"form": form, "reading": reading})


@login_required
def reading_delete(request, pk: int):
    """Ask first (GET), delete on the confirmation's POST."""
    reading = get_or_404(selectors.reading_get, user=request.user, pk=pk)
    ensure_can_write(request.user, reading)
    if request.method != "POST":
        return render(
            request, "education/plans/confirm_delete.html", {"object": reading, "cancel": READINGS}
        )
    try:
        actions.reading_delete(actor=request.user, reading=reading)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Deleted: %(title)s") % {"title": reading})
    return redirect(READINGS)


@login_required
def template_list(request):
    templates = selectors.template_queryset(user=request.user).prefetch_related("readings")
    return _listing(
        request, templates, ("name", "id"), "education/plans/template_list.html", "templates"
    )


@login_required
def template_create(request):
    ensure_writer(request.user)
    form = TemplateForm(request.POST or None, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and form.call(
            actions.template_create,
            actor=request.user,
            organization=form.cleaned_data["organization"],
            **form.action_fields(),
        )
    ):
        messages.success(request, _("The template was saved."))
        return redirect(TEMPLATES)
    context = {"form": form, "template": None}
    return render(request, "education/plans/template_form.html", context)


@login_required
def template_edit(request, pk: int):
    template = get_or_404(selectors.template_get, user=request.user, pk=pk)
    ensure_can_write(request.user, template)
    form = TemplateForm(request.POST or None, user=request.user, instance=template)
    if (
        request.method == "POST"
        and form.is_valid()
        and form.call(
            actions.template_update,
            actor=request.user,
            template=template,
            **form.action_fields(),
        )
    ):
        messages.success(request, _("Changes saved."))
        return redirect(TEMPLATES)
    context = {"form": form, "template": template}
    return render(request, "education/plans/template_form.html", context)


@login_required
def template_delete(request, pk: int):
    template = get_or_404(selectors.template_get, user=request.user, pk=pk)
    ensure_can_write(request.user, template)
    if request.method != "POST":
        return render(
            request,
            "education/plans/confirm_delete.html",
            {"object": template, "cancel": TEMPLATES},
        )
    actions.template_delete(actor=request.user, template=template)
    messages.success(request, _("Deleted: %(title)s") % {"title": template})
    return redirect(TEMPLATES)
