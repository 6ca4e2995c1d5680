"""Pages of the exports: ask for one from a list page, follow its progress, download it."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from members.audit.actions import Kind, audit_record
from members.downloads import actions, registry, selectors
from members.downloads.forms import ExportStartForm
from members.downloads.models import ExportJob
from members.downloads.tasks import export_write_on_commit
from members.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from members.web import get_or_404


@login_required
@require_GET
def job_list(request):
    jobs = selectors.export_jobs_recent(user=request.user)
    return render(request, "downloads/jobs.html", {"jobs": jobs})


@login_required
def export_start(request, export):
    """GET: what will be exported (the list and its filters) and the choices; POST: queue it."""
    listed = registry.get(export)
    if listed is None:
        raise Http404
    params = registry.query_params(request.GET.urlencode())
    may_reveal = actions.may_reveal(request.user, listed)
    data = request.POST if request.method == "POST" else None
    form = ExportStartForm(data, may_reveal=may_reveal)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                job = actions.export_job_start(
                    user=request.user,
                    export=export,
                    params=params.urlencode(),
                    **form.action_fields(),
                )
                export_write_on_commit(job.pk)
        except ValidationError as error:
            form.add_action_error(error)
        else:
            return redirect("downloads:job", job.pk)
    query = params.urlencode()
    context = {
        "listed": listed,
        "form": form,
        "query": query,
        "list_url": reverse(listed.list_url) + (f"?{query}" if query else ""),
        "filters": listed.describe(user=request.user, params=params) if listed.describe else [],
    }
    return render(request, "downloads/start.html", context)


@login_required
@require_GET
def job_detail(request, pk):
    job = get_or_404(selectors.export_job_get, user=request.user, pk=pk)
    listed = registry.get(job.export)
    return render(request, "downloads/job.html", {"job": job, "listed": listed})


@never_cache
@login_required
@require_GET
def job_status(request, pk):
    """The job's progress as JSON, for the job page's script."""
    job = get_or_404(selectors.export_job_get, user=request.user, pk=pk)
    done = job.status == ExportJob.Status.DONE
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "rows_done": job.rows_done,
            "rows_total": job.rows_total,
            "download": reverse("downloads:download", args=[job.pk]) if done else "",
        }
    )


@login_required
@require_GET
def job_download(request, pk):
    """The file, to its user only; every download is in the audit log."""
    job = get_or_404(selectors.export_job_get, user=request.user, pk=pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    try:
        content = job.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    detail = {"export": job.export, "rows": job.rows_done, "full_id_numbers": job.reveal_ids}
    audit_record(kind=Kind.EXPORT, request=request, obj=job, detail=detail)
    csv = job.file_name.endswith(".csv")
    return FileResponse(
        content,
        as_attachment=True,
        filename=job.file_name,
        content_type=CSV_CONTENT_TYPE if csv else XLSX_CONTENT_TYPE,
    )
