"""The two picture fields (a member's photo, a lesson's image) are checked as attachments are:
before, any image format Pillow opens was kept, of any size."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from education.lessons.forms import LessonForm
from members.files.admin import MemberForm

pytestmark = pytest.mark.django_db


def _picture(name: str, image_format: str) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, image_format)
    return SimpleUploadedFile(name, out.getvalue())


def test_a_lesson_takes_a_png_picture(secretary_a):
    form = LessonForm({}, {"image": _picture("海报.png", "PNG")}, user=secretary_a)

    assert "image" not in form.errors


def test_a_lesson_refuses_a_gif_picture(secretary_a):
    form = LessonForm({}, {"image": _picture("海报.gif", "GIF")}, user=secretary_a)

    assert form.errors["image"] == ["“海报.gif”：不支持此类文件，允许的类型为 jpeg, jpg, png。"]


def test_a_member_photo_must_be_what_its_name_says(member_a1):
    form = MemberForm({}, {"photo": _picture("照片.jpg", "PNG")}, instance=member_a1)

    assert form.errors["photo"] == ["“照片.jpg”的内容不是 .jpg 文件。"]
