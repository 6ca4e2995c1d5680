import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from education.audience import Audience
from education.lessons import actions
from tests.factories import make_member


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded attachments go to a temporary folder, not the project's media."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def mobiles(tree):
    """Three mobile members of branch A1 (one without a phone) and one at home."""
    members = [
        make_member(tree.branch_a1, name="曹忠海", status="mobile"),
        make_member(tree.branch_a1, name="王文春", status="mobile"),
        make_member(tree.branch_a1, name="李无机", status="mobile", phone=""),
    ]
    make_member(tree.branch_a1, name="张在家")
    return members


@pytest.fixture
def draft(tree, secretary_a):
    return actions.lesson_create(
        actor=secretary_a,
        organization=tree.town_a,
        title="学习党的二十届四中全会精神",
        body="全文学习。",
    )


@pytest.fixture
def published(draft, tree, secretary_a, mobiles):
    audience = Audience(organization=tree.branch_a1, mobile_only=True)
    actions.lesson_publish(actor=secretary_a, lesson=draft, audience=audience)
    draft.refresh_from_db()
    return draft


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()
