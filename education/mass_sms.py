"""Education's SMS to many members at once (a lesson published, a class's invitations and
reminders): the kind's text for the sending organisation, filled once but for each member's
``{name}``, written and dispatched a batch at a time so memory stays flat."""

from django.db.models import QuerySet
from django.utils import translation

from members.files.models import Member
from members.organizations.models import Organization, User
from members.outbox.actions import member_message, outbox_add
from members.outbox.texts import TemplateBook, render

BATCH = 2000


def kind_text(kind, organization: Organization, **values) -> str:
    """The kind's text for the organisation (its own template, an ancestor's or the default),
    filled with ``values`` and the organisation; ``{name}`` is left for each member."""
    with translation.override("zh-hans"):
        template = TemplateBook(kind).text_for(organization.path)
        return render(
            template,
            name="{name}",
            organization=organization.name,
            secretary=organization.secretary_name,
            **values,
        )


def send_to_members(
    *,
    kind,
    occasion: str,
    organization_id: int,
    member_ids: QuerySet,
    text: str,
    actor: User | None,
) -> None:
    """An SMS to each member whose pk ``member_ids`` (a values queryset) gives, once per
    (kind, member, occasion): the outbox makes a repeated call a no-op."""
    sender = {"pk": organization_id}
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
