"""The statistics page (流动党员情况) of an organisation's subtree and a year, and its Excel."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from members.api_fields import query_id
from members.audit.actions import Kind, audit_record
from members.organizations.models import Organization
from members.statistics import selectors
from members.statistics.xlsx import statistics_xlsx
from members.web import get_or_404

INDENT = "\u3000"  # an ideographic space: a select's options take no padding
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def statistics_page(request):
    organization, year, error = _chosen(request)
    table = selectors.statistics_table(organization=organization, year=year)
    context = {
        "table": table,
        "organization": organization,
        "year": year,
        "year_error": error,
        "choices": _choices(request.user, organization),
        "years": selectors.statistics_years(today=timezone.localdate()),
        "query": f"organization={organization.pk}&year={year}",
        "width": 3 + len(table.columns),
    }
    return render(request, "members/statistics/table.html", context)


@login_required
@require_GET
def statistics_export(request):
    """The table as the Excel workbook to submit; every download is in the audit log."""
    organization, year, error = _chosen(request)
    if error:
        raise Http404
    table = selectors.statistics_table(organization=organization, year=year)
    content = statistics_xlsx(table, subtree_text=subtree_text(table))
    filename = f"mobile-party-members-{year}-{organization.pk}.xlsx"
    detail = {"file": filename, "year": year}
    audit_record(kind=Kind.EXPORT, request=request, obj=organization, detail=detail)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def subtree_text(table: selectors.StatisticsTable) -> str:
    """The line under the title: who reports, for which year, counted up to which day."""
    return _(
        "Reporting organisation: %(name)s and the organisations below it · Year: %(year)s · "
        "Counted as of %(day)s"
    ) % {
        "name": table.organization.name,
        "year": table.year,
        "day": date_format(table.as_of, "Y-m-d"),
    }


def _chosen(request) -> tuple[Organization, int, str]:
    """The organisation (404 outside the user's scope) and year asked for, else the user's
    topmost organisation and the current year; an unusable year is said, not guessed."""
    raw = request.GET.get("organization", "")
    pk = query_id(raw) if raw else None
    if raw and pk is None:
        raise Http404
    organization = get_or_404(selectors.statistics_organization, user=request.user, pk=pk)
    years = selectors.statistics_years(today=timezone.localdate())
    raw_year = request.GET.get("year", "")
    year = query_id(raw_year) if raw_year else years[0]
    if year in years:
        return organization, year, ""
    error = _("Year: “%(year)s” is not one of the years listed; the current year is shown.")
    return organization, years[0], error % {"year": raw_year}


def _choices(user, organization: Organization) -> list[tuple[Organization, str]]:
    """The picker's organisations, each name indented by its depth below the first one, the
    chosen one included even when it lies deeper."""
    organizations = selectors.statistics_organizations(user=user)
    if organization not in organizations:
        organizations.append(organization)
    top = min(o.depth for o in organizations)
    return [(o, INDENT * (o.depth - top) + o.name) for o in organizations]
