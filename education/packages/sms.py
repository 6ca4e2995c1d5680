"""The SMS a member gets when the study package is on its way (kind ``package_sent``)."""

from django.utils.translation import gettext_lazy as _

from education.packages.models import Shipment
from members.outbox import kinds
from members.outbox.actions import member_message, outbox_add
from members.outbox.texts import TemplateBook, render, signature

PACKAGE_SENT = kinds.register(
    "package_sent",
    _("Study package sent"),
    default_text=(
        "{name}同志：您的学习礼包已由{courier}寄出，单号{tracking}。"
        "收到后请在个人页面确认收货。——{signature}"
    ),
)


def package_sent_queue(shipment: Shipment, *, sender=None) -> None:
    """Queue the message inside the caller's transaction. The occasion names the tracking
    number, so a re-import sends nothing new and a corrected number is announced once."""
    organization = shipment.dispatch.organization
    signing = {
        "pk": organization.pk,
        "name": organization.name,
        "secretary_name": organization.secretary_name,
    }
    member = shipment.member
    text = render(
        TemplateBook(PACKAGE_SENT).text_for(organization.path),
        name=member.name,
        organization=organization.name,
        secretary=organization.secretary_name,
        signature=signature(signing),
        courier=shipment.courier,
        tracking=shipment.tracking_number,
    )
    occasion = f"shipment:{shipment.pk}:{shipment.tracking_number}"[:64]
    message = member_message(
        kind=PACKAGE_SENT,
        member={"pk": member.pk, "name": member.name, "phone": member.phone},
        occasion=occasion,
        text=text,
        organization=signing,
        sender=sender,
    )
    outbox_add(kind=PACKAGE_SENT, occasion=occasion, messages=[message])
