"""The education chain's SMS to a group: one text per organisation, one message per member.

Lessons (publish, remind) and training classes (invite, remind) send the same way: the kind's
text for the sending organisation rendered once from its ``TemplateBook``, then an SMS per
member written and dispatched a batch at a time, so a city-wide group costs flat memory.
"""

from django.db.models import QuerySet
from django.utils import translation

from members.files.models import Member
from members.organizations.models import Organization, User
from members.outbox.actions import member_message, outbox_add
from members.outbox.texts import TemplateBook, render

BATCH = 2000


def send_per_member(
    *,
    kind,
    occasion: str,
    organization: Organization,
    member_ids: QuerySet,
    actor: User | None,
    **fields: str,
) -> None:
    """An SMS of ``kind`` to each member in ``member_ids`` (a ``values("member_id")`` query),
    sent by ``organization``; ``fields`` fill the text's other placeholders."""
    sender = {"pk": organization.pk}
    text = kind_text(kind, organization, **fields)
    members = Member.objects.filter(pk__in=member_ids)
    last = 0
    while rows := list(
        members.filter(pk__gt=last).order_by("pk").values("pk", "name", "phone")[:BATCH]
    ):
        messages = [
            member_message(
                kind=kind,
                member=row,
                occasion=occasion,
                organization=sender,
                text=text.replace("{name}", row["name"]),
                sender=actor,
            )
            for row in rows
        ]
        outbox_add(kind=kind, occasion=occasion, messages=messages, mass=True)
        last = rows[-1]["pk"]


def kind_text(kind, organization: Organization, **fields: str) -> str:
    """The kind's text for the organisation, filled but for each member's ``{name}``."""
    # Messages are Chinese whatever the secretary's language.
    with translation.override("zh-hans"):
        template = TemplateBook(kind).text_for(organization.path)
        return render(
            template,
            name="{name}",
            organization=organization.name,
            secretary=organization.secretary_name,
            **fields,
        )
