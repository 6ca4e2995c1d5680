"""Import pages: upload (with the templates), my imports, a job's page and its status."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from members.imports import actions, selectors
from members.imports.forms import ImportForm
from members.imports.models import ImportJob
from members.imports.template import COLUMNS, TEMPLATE_NAMES, template_workbook
from members.organizations.models import Organization
from members.web import ensure_writer, get_or_404
from members.workflow import TransitionError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RECENT = 50


@login_required
def import_start(request):
    ensure_writer(request.user)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid() and (job := form.save()) is not None:
            return redirect("imports:job", job.pk)
    else:
        first = _first_writable(request.user)
        initial = {"kind": ImportJob.Kind.MEMBERS, "organization": first.pk if first else None}
        form = ImportForm(user=request.user, initial=initial)
    kinds = [(kind, label, COLUMNS[kind]) for kind, label in ImportJob.Kind.choices]
    return render(request, "members/imports/start.html", {"form": form, "kinds": kinds})


def _first_writable(user) -> Organization | None:
    """The highest organisation the user writes: the upload's default and the template's
    example."""
    writable = Organization.objects.visible_to(user, for_write=True).order_by("depth", "path")
    return writable.only("pk", "name").first()


@login_required
@require_GET
def import_template(request, kind: str):
    ensure_writer(request.user)
    if kind not in COLUMNS:
        raise Http404
    first = _first_writable(request.user)
    example = {"organization": first.name if first else ""}
    response = HttpResponse(template_workbook(kind, example=example), content_type=XLSX)
    name = TEMPLATE_NAMES[kind]
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.xlsx"
    return response


@login_required
@require_GET
def job_list(request):
    jobs = selectors.import_jobs_of(user=request.user)[:RECENT]
    return render(request, "members/imports/job_list.html", {"jobs": jobs})


@login_required
@require_GET
def job_detail(request, pk: int):
    job = get_or_404(selectors.import_job_get, user=request.user, pk=pk)
    context = {
        "job": job,
        "progress": selectors.import_job_progress(job),
        "can_apply": job.status == ImportJob.Status.CHECKED and not job.error_count,
        "columns": COLUMNS[job.kind],
    }
    return render(request, "members/imports/job_detail.html", context)


@login_required
@require_GET
def job_status(request, pk: int):
    job = get_or_404(selectors.import_job_get, user=request.user, pk=pk)
    return JsonResponse(selectors.import_job_progress(job))


@login_required
@require_POST
def job_apply(request, pk: int):
    job = get_or_404(selectors.import_job_get, user=request.user, pk=pk)
    try:
        actions.import_job_apply_start(actor=request.user, job=job)
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The file is being applied."))
    return redirect("imports:job", job.pk)
