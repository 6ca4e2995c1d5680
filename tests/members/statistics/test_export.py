"""The Excel workbook: the official merged headers, the same numbers as the page, audited."""

import io

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from members.audit.models import AuditEvent
from members.statistics.selectors import statistics_table

pytestmark = pytest.mark.django_db
URL = "/statistics/export/"


def download(client, user, query=""):
    client.force_login(user)
    return client.get(URL + query)


def sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_the_export_is_an_excel_file(client, world, secretary_a):
    response = download(client, secretary_a)
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def test_the_headers_and_groups_are_merged_as_on_the_form(client, world, secretary_a):
    merged = {str(cells) for cells in sheet(download(client, secretary_a)).merged_cells.ranges}
    # Title, unit line; 项目 2×2, 总数, 原职业 over eight; the total line; 其中; 外出流向.
    expected = {"A1:K1", "A2:K2", "A3:B4", "C3:C4", "D3:K3", "A5:B5", "A6:A8", "A9:A25"}
    assert expected <= merged


def test_the_numbers_are_those_of_the_page(client, world, secretary_a):
    today = timezone.localdate()
    table = statistics_table(organization=world.tree.town_a, year=today.year, today=today)
    rows = sheet(download(client, secretary_a)).iter_rows(
        min_row=5, max_row=25, min_col=3, max_col=11, values_only=True
    )
    assert [list(row) for row in rows] == [line.values for line in table.lines]


def test_the_numbers_are_numbers(client, world, secretary_a):
    assert sheet(download(client, secretary_a))["C5"].value == 9


def test_the_occupation_headers_are_the_official_ones(client, world, secretary_a):
    assert sheet(download(client, secretary_a))["D4"].value == (
        "公有经济企事业单位管理人员专业技术人员"
    )


def test_the_unit_line_names_the_organisation_and_year(client, world, secretary_a):
    text = sheet(download(client, secretary_a))["A2"].value
    assert ("大街街道党工委" in text, str(timezone.localdate().year) in text) == (True, True)


def test_the_supplement_follows_the_table(client, world, secretary_a):
    assert sheet(download(client, secretary_a))["A27"].value == str(_("Supplement"))


def test_the_supplement_counts_the_receiving_branch(client, world, viewer_b):
    label = str(_("Organisations that took in mobile Party members"))
    rows = sheet(download(client, viewer_b)).iter_rows(min_row=28, values_only=True)
    assert next(row[2:4] for row in rows if row[0] == label) == (1, 1)


def test_the_download_is_in_the_audit_log(client, world, secretary_a):
    download(client, secretary_a)
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.EXPORT)
    assert (event.actor_id, event.object_label) == (secretary_a.pk, "大街街道党工委")


def test_another_subtree_cannot_be_downloaded(client, world, secretary_b):
    response = download(client, secretary_b, f"?organization={world.tree.town_a.pk}")
    assert response.status_code == 404


def test_an_unlisted_year_is_not_downloaded(client, world, secretary_a):
    assert download(client, secretary_a, "?year=1949").status_code == 404
