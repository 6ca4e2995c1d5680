"""Message texts: bare placeholders only, bounded output; kinds declared in code."""

import pytest
from django.core.exceptions import ValidationError

from members.outbox import kinds
from members.outbox.actions import outbox_add
from members.outbox.models import Notification
from members.outbox.texts import MAX_TEXT_LENGTH, message_text_check, render

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    ["{name:>99999999}", "{name!r}", "{name.__class__}", "{name[0]}", "{years:,}", "{}", "{name"],
)
def test_anything_but_a_bare_placeholder_is_refused(text):
    with pytest.raises(ValidationError) as error:
        message_text_check(text)

    assert list(error.value.message_dict) == ["text"]


def test_a_format_spec_is_never_expanded_when_rendering():
    rendered = render("{name:>99999999}你好{name}", name="王秀玲")

    assert rendered == "{name:>99999999}你好王秀玲"


def test_rendered_text_stays_bounded():
    rendered = render("{name}" * 100, name="长" * 10_000)

    assert len(rendered) <= MAX_TEXT_LENGTH * 100


def test_known_placeholders_and_literal_braces():
    message_text_check("{{示例}} {name}同志：入党{years}年。——{signature}")

    assert render("{{示例}} {name}", name="王秀玲") == "{示例} 王秀玲"


def test_kind_column_takes_registered_kinds_without_model_choices():
    field = Notification._meta.get_field("kind")

    assert not field.choices
    assert {"political_birthday", "record_update", "notice"} <= dict(kinds.choices()).keys()


def test_an_unknown_kind_is_refused_before_anything_is_written(member_a1):
    message = Notification(kind="no_such_kind", channel="sms", recipient_member=member_a1, text="x")

    with pytest.raises(ValidationError):
        outbox_add(kind="no_such_kind", occasion="x", messages=[message])

    assert not Notification.objects.exists()


def test_a_kind_is_declared_once():
    with pytest.raises(ValueError, match="already registered"):
        kinds.register("notice", "Notice again")
