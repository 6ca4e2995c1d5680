"""Export jobs: the list's rows with its filters, scoped; ID numbers masked unless a writer asks
and is logged; progress, the owner alone downloads, and the task writes once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from members.audit.models import AuditEvent
from members.downloads.actions import export_job_start, export_job_write, export_jobs_purge
from members.downloads.models import ExportJob
from members.downloads.tasks import export_write_task
from members.files.models import IdNumberReveal
from tests.factories import make_member
from tests.members.downloads.conftest import column, id_column, sheet_rows

pytestmark = pytest.mark.django_db

ID = id_column("members")


@pytest.fixture
def people(tree):
    """Two members at A1 (one a woman), one at B1."""
    return {
        "zhang": make_member(tree.branch_a1, name="张善强"),
        "wang": make_member(tree.branch_a1, name="王秀玲", gender="F"),
        "xiao": make_member(tree.branch_b1, name="肖双强"),
    }


def full_number(member) -> str:
    from members.files import crypto

    return crypto.decrypt(member.id_number_encrypted)


def test_the_file_holds_the_filtered_rows_of_the_users_scope(client, export, secretary_a, people):
    client.force_login(secretary_a)

    job = export("members", "gender=M")

    assert column(job, 0) == ["张善强"]


def test_without_a_filter_the_file_holds_the_scope_in_the_lists_order(
    client, export, secretary_a, people
):
    client.force_login(secretary_a)

    job = export("members", "sort=name")

    assert column(job, 0) == sorted(["张善强", "王秀玲"])


def test_id_numbers_are_masked_by_default(client, export, secretary_a, people):
    client.force_login(secretary_a)

    job = export("members")

    assert column(job, ID) == [people["wang"].id_number_masked, people["zhang"].id_number_masked]


def test_a_writer_asking_for_full_numbers_gets_them_and_is_logged(
    client, export, secretary_a, people
):
    client.force_login(secretary_a)

    job = export("members", reveal_ids="on", reveal_reason="核对社保")

    assert column(job, ID) == [full_number(people["wang"]), full_number(people["zhang"])]
    assert set(IdNumberReveal.objects.values_list("member__name", "reason", "user")) == {
        ("王秀玲", "核对社保", secretary_a.pk),
        ("张善强", "核对社保", secretary_a.pk),
    }
    [event] = AuditEvent.objects.filter(kind=AuditEvent.Kind.ID_REVEAL)
    assert (event.actor_id, event.detail) == (secretary_a.pk, {"export": "members", "count": 2})


def test_full_numbers_need_a_reason(client, secretary_a, people):
    client.force_login(secretary_a)

    response = client.post(reverse("downloads:start", args=["members"]), {"reveal_ids": "on"})

    assert response.status_code == 200
    assert ExportJob.objects.count() == 0


def test_full_numbers_only_for_the_files_the_user_writes(
    client, export, receiving_b1, secretary_b, tree, mobile_a_in_b
):
    """The inflow branch sees the member it took in, but writes only its own files."""
    own = make_member(tree.branch_b1, name="肖双强")
    client.force_login(receiving_b1)

    job = export("records", "side=inflow", reveal_ids="on", reveal_reason="核对")

    assert column(job, 0) == ["李建军"]
    assert column(job, 1) == [mobile_a_in_b.id_number_masked]
    assert IdNumberReveal.objects.filter(member=own).count() == 0


def test_a_viewer_is_not_offered_full_numbers(client, viewer_b, people):
    client.force_login(viewer_b)

    response = client.get(reverse("downloads:start", args=["members"]))

    assert "reveal_ids" not in response.content.decode()


def test_a_viewers_forged_request_for_full_numbers_gets_masked_ones(
    client, export, viewer_b, people
):
    client.force_login(viewer_b)

    job = export("members", reveal_ids="on", reveal_reason="伪造")

    assert column(job, ID) == [people["xiao"].id_number_masked]
    assert IdNumberReveal.objects.count() == 0


def test_the_action_refuses_full_numbers_to_a_viewer(viewer_b, people):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        export_job_start(user=viewer_b, export="members", reveal_ids=True, reveal_reason="x")


def test_a_list_without_members_offers_no_full_numbers(client, secretary_a):
    client.force_login(secretary_a)

    response = client.get(reverse("downloads:start", args=["activities"]))

    assert "reveal_ids" not in response.content.decode()


def test_the_start_page_says_the_filters_in_words(client, secretary_a, people):
    client.force_login(secretary_a)

    response = client.get(reverse("downloads:start", args=["members"]) + "?gender=F")

    assert "女" in response.content.decode()


def test_an_unknown_list_is_404(client, secretary_a):
    client.force_login(secretary_a)

    assert client.get(reverse("downloads:start", args=["nothing"])).status_code == 404


@pytest.mark.parametrize("route", ["downloads:job", "downloads:job_status", "downloads:download"])
def test_another_users_job_is_404(client, export, secretary_a, secretary_b, people, route):
    client.force_login(secretary_a)
    job = export("members")
    client.force_login(secretary_b)

    assert client.get(reverse(route, args=[job.pk])).status_code == 404


def test_the_download_is_the_file_and_is_logged(client, export, secretary_a, people):
    client.force_login(secretary_a)
    job = export("members")

    response = client.get(reverse("downloads:download", args=[job.pk]))

    assert response["Content-Disposition"].startswith("attachment")
    [event] = AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT)
    assert event.detail == {"export": "members", "rows": 2, "full_id_numbers": False}


def test_the_job_page_offers_the_download_once_written(client, export, secretary_a, people):
    client.force_login(secretary_a)
    job = export("members")

    response = client.get(reverse("downloads:job", args=[job.pk]))

    assert reverse("downloads:download", args=[job.pk]) in response.content.decode()


def test_the_status_gives_the_progress(client, export, secretary_a, people):
    client.force_login(secretary_a)
    job = export("members")

    status = client.get(reverse("downloads:job_status", args=[job.pk])).json()

    assert (status["status"], status["rows_done"], status["rows_total"]) == ("done", 2, 2)


def test_a_waiting_job_has_no_download(client, secretary_a, people):
    job = export_job_start(user=secretary_a, export="members")
    client.force_login(secretary_a)

    status = client.get(reverse("downloads:job_status", args=[job.pk])).json()

    assert (status["status"], status["download"]) == ("queued", "")


def test_a_waiting_jobs_file_is_404(client, secretary_a, people):
    job = export_job_start(user=secretary_a, export="members")
    client.force_login(secretary_a)

    assert client.get(reverse("downloads:download", args=[job.pk])).status_code == 404


def test_my_exports_lists_only_mine(client, export, secretary_a, secretary_b, people):
    client.force_login(secretary_a)
    mine = export("members")
    theirs = export_job_start(user=secretary_b, export="members")

    response = client.get(reverse("downloads:jobs"))

    assert list(response.context["jobs"]) == [mine]
    assert theirs not in response.context["jobs"]


def test_the_task_run_twice_writes_once(secretary_a, people):
    job = export_job_start(
        user=secretary_a, export="members", reveal_ids=True, reveal_reason="核对"
    )

    export_write_task.delay(job.pk)
    export_write_task.delay(job.pk)

    assert IdNumberReveal.objects.count() == 2
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ID_REVEAL).count() == 1


def test_a_written_job_keeps_its_file_when_written_again(secretary_a, people):
    job = export_job_start(user=secretary_a, export="members")
    export_job_write(job_id=job.pk)
    name = ExportJob.objects.get(pk=job.pk).file.name

    export_job_write(job_id=job.pk)

    assert ExportJob.objects.get(pk=job.pk).file.name == name


def test_the_file_is_csv_when_asked(client, export, secretary_a, people):
    client.force_login(secretary_a)

    job = export("members", "gender=F", fmt="csv")

    with job.file.open("rb") as content:
        text = content.read().decode("utf-8-sig")
    assert text.splitlines()[1].startswith("王秀玲,")


def test_dates_are_dates(client, export, secretary_a, people):
    client.force_login(secretary_a)

    job = export("members", "gender=F")

    # openpyxl reads a date cell as a date-time at midnight (Excel has no date-only type).
    assert sheet_rows(job)[1][3].date() == datetime.date(1985, 5, 20)


def test_text_that_looks_like_a_formula_is_quoted(client, export, secretary_a, tree):
    make_member(tree.branch_a1, name="王秀玲", household_address="=HYPERLINK(1)")
    client.force_login(secretary_a)

    job = export("members")

    assert sheet_rows(job)[1][-1] == "'=HYPERLINK(1)"


def test_a_failing_list_fails_the_job(secretary_a, people, monkeypatch):
    from members.downloads import registry

    listed = registry.get("members")
    monkeypatch.setitem(
        registry._EXPORTS, "members", type(listed)(**{**listed.__dict__, "rows": _broken})
    )
    job = export_job_start(user=secretary_a, export="members")

    export_job_write(job_id=job.pk)

    assert ExportJob.objects.get(pk=job.pk).status == ExportJob.Status.FAILED


def _broken(**kwargs):
    raise RuntimeError("broken list")


def test_old_exports_are_deleted_with_their_files(secretary_a, people):
    job = export_job_start(user=secretary_a, export="members")
    export_job_write(job_id=job.pk)
    path = ExportJob.objects.get(pk=job.pk).file.path

    deleted = export_jobs_purge(now=timezone.now() + datetime.timedelta(days=8))

    assert (deleted, ExportJob.objects.count()) == (1, 0)
    assert not __import__("os").path.exists(path)


def test_recent_exports_are_kept(secretary_a, people):
    export_job_start(user=secretary_a, export="members")

    assert export_jobs_purge(now=timezone.now() + datetime.timedelta(days=6)) == 0


def test_the_progress_moves_after_each_chunk(secretary_a, people, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from members.downloads import actions

    monkeypatch.setattr(actions, "CHUNK", 1)
    job = export_job_start(user=secretary_a, export="members")

    with CaptureQueriesContext(connection) as queries:
        export_job_write(job_id=job.pk)

    progress = [q["sql"] for q in queries if 'SET "rows_done"' in q["sql"]]
    assert len(progress) == 2


def test_a_writer_gets_full_numbers_in_the_records_list(client, export, secretary_a, mobile_a_in_b):
    client.force_login(secretary_a)

    job = export("records", reveal_ids="on", reveal_reason="核对")

    assert column(job, 1) == [full_number(mobile_a_in_b)]


def test_the_filters_are_kept_encrypted_a_search_may_hold_an_id_number(
    client, export, secretary_a, people
):
    client.force_login(secretary_a)
    number = full_number(people["zhang"])

    job = export("members", f"q={number}")

    assert (number in job.params, column(job, 0)) == (False, ["张善强"])


def test_the_file_speaks_the_language_the_user_asked_in(
    client, export, secretary_a, people, settings
):
    client.force_login(secretary_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    job = export("members")

    assert sheet_rows(job)[0][0] == "full name"
