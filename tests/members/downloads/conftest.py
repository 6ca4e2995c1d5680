import pytest
from django.urls import reverse
from openpyxl import load_workbook

from members.downloads.models import ExportJob


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Export files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def export(client, django_capture_on_commit_callbacks):
    """Ask for an export as the signed-in user, with the list's query string and the form's
    data; the task runs (eagerly) when the request's transaction commits. Returns the job."""

    def start(name: str, query: str = "", **data) -> ExportJob:
        url = reverse("downloads:start", args=[name]) + (f"?{query}" if query else "")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        return ExportJob.objects.latest("id")

    return start


def sheet_rows(job: ExportJob) -> list[tuple]:
    """The written file's rows, the header first."""
    job.refresh_from_db()
    with job.file.open("rb") as content:
        book = load_workbook(content, read_only=True)
        return [tuple(row) for row in book.active.iter_rows(values_only=True)]


def column(job: ExportJob, index: int) -> list:
    """One column's cells below the header."""
    return [row[index] for row in sheet_rows(job)[1:]]


def id_column(name: str) -> int:
    """Where the export's ID-number column is."""
    from members.downloads import registry

    [index] = [i for i, c in enumerate(registry.get(name).columns) if c.id_number]
    return index
