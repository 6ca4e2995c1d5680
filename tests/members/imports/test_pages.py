"""The import pages: only writers import, a job is its uploader's alone, the template."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from members.imports.models import ImportJob
from tests.members.imports.sheets import MEMBER_HEADER, member_row, xlsx

pytestmark = pytest.mark.django_db


def _post(client, tree, file, kind="members"):
    data = {"kind": kind, "organization": tree.town_a.pk, "file": file}
    return client.post(reverse("imports:start"), data)


def test_a_secretary_uploads_and_sees_the_job(client, secretary_a, tree):
    client.force_login(secretary_a)
    response = _post(client, tree, xlsx([member_row(1)], MEMBER_HEADER))
    assert response.url == reverse("imports:job", args=[ImportJob.objects.get().pk])


def test_a_viewer_cannot_open_the_upload_page(client, viewer_b):
    client.force_login(viewer_b)
    assert client.get(reverse("imports:start")).status_code == 403


def test_a_viewer_cannot_upload(client, viewer_b, tree):
    client.force_login(viewer_b)
    _post(client, tree, xlsx([member_row(1)], MEMBER_HEADER))
    assert not ImportJob.objects.exists()


def test_an_organisation_the_user_may_not_write_is_refused(client, secretary_b, tree):
    client.force_login(secretary_b)
    response = _post(client, tree, xlsx([member_row(1)], MEMBER_HEADER))
    assert response.status_code == 200  # the form again, with its error


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, secretary_a, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(secretary_a)
    _post(client, tree, SimpleUploadedFile("党员.pdf", b"%PDF-1.4"))
    assert not ImportJob.objects.exists()


@pytest.fixture
def job(upload, secretary_a, tree):
    return upload(secretary_a, tree.town_a, xlsx([member_row(1, 学历="博士后")], MEMBER_HEADER))


def test_the_job_page_lists_the_errors(client, secretary_a, job):
    client.force_login(secretary_a)
    response = client.get(reverse("imports:job", args=[job.pk]))
    assert "博士后" in response.content.decode()


def test_the_job_page_offers_no_apply_while_errors_remain(client, secretary_a, job):
    client.force_login(secretary_a)
    response = client.get(reverse("imports:job", args=[job.pk]))
    assert reverse("imports:apply", args=[job.pk]) not in response.content.decode()


def test_a_clean_job_offers_the_apply(client, upload, secretary_a, tree):
    clean = upload(secretary_a, tree.town_a, xlsx([member_row(1)], MEMBER_HEADER))
    client.force_login(secretary_a)
    response = client.get(reverse("imports:job", args=[clean.pk]))
    assert reverse("imports:apply", args=[clean.pk]) in response.content.decode()


@pytest.mark.parametrize("route", ["imports:job", "imports:job_status"])
def test_another_users_job_is_not_found(client, secretary_b, job, route):
    client.force_login(secretary_b)
    assert client.get(reverse(route, args=[job.pk])).status_code == 404


def test_another_user_cannot_apply_a_job(client, secretary_b, job):
    client.force_login(secretary_b)
    assert client.post(reverse("imports:apply", args=[job.pk])).status_code == 404


def test_the_status_answers_the_progress(client, secretary_a, job):
    client.force_login(secretary_a)
    status = client.get(reverse("imports:job_status", args=[job.pk])).json()
    assert (status["rows_done"], status["error_count"], status["finished"]) == (1, 1, True)


def test_my_imports_lists_only_mine(client, secretary_b, job):
    client.force_login(secretary_b)
    response = client.get(reverse("imports:jobs"))
    assert job.file_name not in response.content.decode()


def test_the_template_has_the_header_and_the_notes(client, secretary_a):
    client.force_login(secretary_a)
    response = client.get(reverse("imports:template", args=["members"]))
    book = load_workbook(io.BytesIO(response.content))
    first_row = [cell.value for cell in book.worksheets[0][1]]
    assert (first_row, book.sheetnames[1]) == (MEMBER_HEADER, "说明")


def test_the_template_example_row_passes_the_check(client, upload, secretary_a, tree):
    """Filled in with the user's organisation, the example row is a valid row."""
    client.force_login(secretary_a)
    response = client.get(reverse("imports:template", args=["members"]))
    from django.core.files.uploadedfile import SimpleUploadedFile

    job = upload(secretary_a, tree.town_a, SimpleUploadedFile("模板.xlsx", response.content))
    assert job.errors == []


def test_the_member_list_links_the_import_for_writers(client, secretary_a):
    client.force_login(secretary_a)
    response = client.get(reverse("members:member_list"))
    assert reverse("imports:start") in response.content.decode()


def test_the_member_list_has_no_import_for_viewers(client, viewer_b):
    client.force_login(viewer_b)
    response = client.get(reverse("members:member_list"))
    assert reverse("imports:start") not in response.content.decode()
