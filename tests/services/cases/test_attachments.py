"""Files attached to a case: checked on the way in, served only through the scoped page."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from services.cases.attachments import case_attach
from services.cases.models import CaseAttachment, CaseEvent
from tests.services.cases.page_helpers import case_b_fixture  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% a pay slip\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name="工资条.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_pdf_is_kept_with_a_timeline_line(case_b, secretary_b):
    attachment = case_attach(actor=secretary_b, case=case_b, upload=pdf())
    assert (attachment.name, attachment.content_type, case_b.events.last().kind) == (
        "工资条.pdf",
        "application/pdf",
        CaseEvent.Kind.ATTACHMENT,
    )


def test_a_recorded_call_is_accepted(case_b, secretary_b):
    mp3 = SimpleUploadedFile("通话录音.mp3", b"ID3\x03\x00" + b"\x00" * 20)
    assert case_attach(actor=secretary_b, case=case_b, upload=mp3).content_type == "audio/mpeg"


def test_a_video_is_refused(case_b, secretary_b):
    mp4 = SimpleUploadedFile("现场.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 8)
    with pytest.raises(ValidationError) as error:
        case_attach(actor=secretary_b, case=case_b, upload=mp4)
    assert (list(error.value.message_dict), CaseAttachment.objects.count()) == (["file"], 0)


def test_a_renamed_program_is_refused(case_b, secretary_b):
    with pytest.raises(ValidationError):
        case_attach(actor=secretary_b, case=case_b, upload=pdf("工资条.pdf", b"MZ\x90\x00"))
    assert case_b.events.count() == 1


def test_a_file_over_20_mb_is_refused(case_b, secretary_b):
    big = pdf()
    big.size = 21 * 1024 * 1024
    with pytest.raises(ValidationError):
        case_attach(actor=secretary_b, case=case_b, upload=big)
    assert CaseAttachment.objects.count() == 0


def download(case, attachment) -> str:
    return reverse("services:cases:attachment_download", args=[case.pk, attachment.pk])


def test_a_reader_of_the_case_downloads_it(client, case_b, secretary_b, secretary_a):
    attachment = case_attach(actor=secretary_b, case=case_b, upload=pdf())
    client.force_login(secretary_a)
    response = client.get(download(case_b, attachment))
    assert (response.status_code, b"".join(response.streaming_content)) == (200, PDF)


def test_an_outsider_gets_404(client, case_b, secretary_b, outsider):
    attachment = case_attach(actor=secretary_b, case=case_b, upload=pdf())
    client.force_login(outsider)
    assert client.get(download(case_b, attachment)).status_code == 404


def test_attaching_from_the_case_page(client, case_b, secretary_b):
    client.force_login(secretary_b)
    url = reverse("services:cases:case_attach", args=[case_b.pk])
    client.post(url, {"file": pdf()})
    assert CaseAttachment.objects.get().case == case_b


def test_a_viewer_may_not_attach(client, case_b, viewer_b):
    client.force_login(viewer_b)
    url = reverse("services:cases:case_attach", args=[case_b.pk])
    assert (client.post(url, {"file": pdf()}).status_code, CaseAttachment.objects.count()) == (
        403,
        0,
    )


def test_filing_with_an_attachment(client, tree, secretary_b, member_b1):
    client.force_login(secretary_b)
    data = {
        "members": [member_b1.pk],
        "category": "unpaid_wages",
        "title": "拖欠工资",
        "description": "工地拖欠工资",
        "priority": "normal",
        "organization": tree.town_b.pk,
        "attachment": pdf(),
        "file": "1",
    }
    client.post(reverse("services:cases:case_create"), data)
    assert CaseAttachment.objects.get().name == "工资条.pdf"


def test_filing_with_a_bad_attachment_files_nothing(client, tree, secretary_b, member_b1):
    client.force_login(secretary_b)
    data = {
        "members": [member_b1.pk],
        "category": "unpaid_wages",
        "title": "拖欠工资",
        "description": "工地拖欠工资",
        "priority": "normal",
        "organization": tree.town_b.pk,
        "attachment": SimpleUploadedFile("a.exe", b"MZ"),
        "file": "1",
    }
    response = client.post(reverse("services:cases:case_create"), data)
    assert (list(response.context["form"].errors), CaseEvent.objects.count()) == (
        ["attachment"],
        0,
    )


def test_a_file_lost_from_the_storage_is_404(client, case_b, secretary_b):
    attachment = case_attach(actor=secretary_b, case=case_b, upload=pdf())
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(secretary_b)
    assert client.get(download(case_b, attachment)).status_code == 404
