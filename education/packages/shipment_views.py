"""Pages acting on a dispatch's shipments: steps, the tracking import, spreadsheets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from education.packages import actions, selectors, spreadsheets
from education.packages.forms import STEP_FORMS, ImportForm
from education.packages.tracking import tracking_import as run_import
from members.audit.actions import Kind, audit_record
from members.scoping import ensure_can_write
from members.web import get_or_404
from members.workflow import TransitionError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


def _sent_dispatch(request, pk: int):
    """The dispatch, 404 outside the user's scope, 403 unless the user sent it."""
    dispatch = get_or_404(selectors.dispatch_get, user=request.user, pk=pk)
    ensure_can_write(request.user, dispatch)
    return dispatch


STEPS = {
    "send": lambda actor, s, d: actions.shipment_send(
        actor=actor, shipment=s, courier=d["courier"], tracking_number=d["tracking_number"]
    ),
    "deliver": lambda actor, s, d: actions.shipment_deliver(actor=actor, shipment=s),
    "receive": lambda actor, s, d: actions.shipment_receive(actor=actor, shipment=s),
    "return": lambda actor, s, d: actions.shipment_return(
        actor=actor, shipment=s, reason=d["reason"]
    ),
    "resend": lambda actor, s, d: actions.shipment_resend(
        actor=actor, shipment=s, address=d["address"]
    ),
    "address": lambda actor, s, d: actions.shipment_update_address(
        actor=actor, shipment=s, address=d["address"]
    ),
}


@login_required
@require_POST
def shipment_step(request, pk: int, step: str):
    if step not in STEPS:
        raise Http404
    shipment = get_or_404(selectors.shipment_get, user=request.user, pk=pk)
    if not selectors.shipment_can_write(request.user, shipment):
        raise PermissionDenied
    form_class = STEP_FORMS[step]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, _("Fill in the step's fields."))
    else:
        try:
            STEPS[step](request.user, shipment, form.cleaned_data if form else {})
        except (ValidationError, TransitionError) as error:
            text = error.messages if isinstance(error, ValidationError) else [str(error)]
            messages.error(request, " ".join(text))
        else:
            messages.success(request, _("Saved: %(member)s.") % {"member": shipment.member.name})
    return redirect("education:packages:dispatch_detail", shipment.dispatch_id)


@login_required
def tracking_import(request, pk: int):
    """Upload tracking numbers: every bad row listed, nothing applied until the file is clean."""
    dispatch = _sent_dispatch(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = run_import(
                actor=request.user,
                dispatch=dispatch,
                upload=form.cleaned_data["file"],
                dry_run=form.cleaned_data["check_only"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            if report.applied:
                messages.success(
                    request,
                    _("Applied: %(sent)d sent, %(corrected)d corrected, %(unchanged)d unchanged.")
                    % vars(report),
                )
                return redirect("education:packages:dispatch_detail", dispatch.pk)
    return render(
        request,
        "education/packages/tracking_import.html",
        {"dispatch": dispatch, "form": form, "report": report},
    )


@login_required
def tracking_template(request, pk: int):
    """The list to fill in: the dispatch's parcels not yet sent."""
    dispatch = _sent_dispatch(request, pk)
    shipments = dispatch.shipments.filter(status="to_pack").select_related("member")
    rows = ([s.pk, s.member.name, s.member.phone, s.address, "", ""] for s in shipments)
    content = spreadsheets.workbook_bytes(spreadsheets.TEMPLATE_HEADER, rows)
    return _download(request, dispatch, content, XLSX, f"tracking-{dispatch.pk}.xlsx")


@login_required
def shipment_export(request, pk: int, fmt: str):
    """Names, phones and addresses for the courier's labels: for the sender only."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    dispatch = _sent_dispatch(request, pk)
    shipments = dispatch.shipments.select_related("member").order_by("pk")
    package = dispatch.package.name
    rows = (
        [
            s.pk,
            s.member.name,
            s.member.phone,
            s.address,
            package,
            s.get_status_display(),
            s.courier,
            s.tracking_number,
        ]
        for s in shipments
    )
    header = spreadsheets.LABEL_HEADER
    if fmt == "csv":
        content = spreadsheets.csv_bytes(header, rows)
        return _download(request, dispatch, content, CSV, f"shipments-{dispatch.pk}.csv")
    content = spreadsheets.workbook_bytes(header, rows)
    return _download(request, dispatch, content, XLSX, f"shipments-{dispatch.pk}.xlsx")


def _download(request, dispatch, content: bytes, content_type: str, filename: str) -> HttpResponse:
    """The file as an attachment; every download of these personal data is audited."""
    audit_record(kind=Kind.EXPORT, request=request, obj=dispatch, detail={"file": filename})
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
