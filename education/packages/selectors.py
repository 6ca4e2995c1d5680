"""Scoped reads of study packages: packages, dispatches with their progress, shipments."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from education.packages.models import Dispatch, Shipment, StudyPackage
from education.packages.workflow import SENT_OR_LATER
from members.files.models import Member
from members.mobility.models import MobileRecord
from members.organizations.models import User
from members.pagination import KeysetPage, keyset_page
from members.scoping import can_write, scope_paths

S = Shipment.Status


@dataclass(frozen=True)
class Progress:
    total: int
    sent: int
    delivered: int
    received: int
    returned: int

    @property
    def to_pack(self) -> int:
        return self.total - self.sent - self.returned


def package_queryset(*, user: User, for_write: bool = False) -> QuerySet[StudyPackage]:
    """Packages of the user's subtrees and those shared down from above."""
    return (
        StudyPackage.objects.visible_to(user, for_write=for_write)
        .select_related("organization")
        .prefetch_related("items")
    )


def package_rows(*, user: User) -> QuerySet[StudyPackage]:
    """The packages the list shows (its page and its export), newest first, with items."""
    return package_queryset(user=user).order_by("-created_at", "-id")


def package_get(*, user: User, pk: int) -> StudyPackage:
    return package_queryset(user=user).get(pk=pk)


def with_progress(dispatches: QuerySet[Dispatch]) -> QuerySet[Dispatch]:
    """Each dispatch's counts in the same query (COUNT … FILTER per status)."""
    return dispatches.annotate(
        n_total=Count("shipments"),
        n_sent=Count("shipments", filter=Q(shipments__status__in=SENT_OR_LATER)),
        n_delivered=Count("shipments", filter=Q(shipments__status=S.DELIVERED)),
        n_received=Count("shipments", filter=Q(shipments__status=S.RECEIVED)),
        n_returned=Count("shipments", filter=Q(shipments__status=S.RETURNED)),
    )


def progress(dispatch: Dispatch) -> Progress:
    """The counts of an annotated dispatch (``with_progress``)."""
    return Progress(
        total=dispatch.n_total,
        sent=dispatch.n_sent,
        delivered=dispatch.n_delivered,
        received=dispatch.n_received,
        returned=dispatch.n_returned,
    )


def dispatch_queryset(*, user: User, for_write: bool = False) -> QuerySet[Dispatch]:
    """Dispatches sent from the user's subtrees, and those reaching its members."""
    return with_progress(
        Dispatch.objects.visible_to(user, for_write=for_write).select_related(
            "package", "organization"
        )
    )


def dispatch_get(*, user: User, pk: int, for_write: bool = False) -> Dispatch:
    return dispatch_queryset(user=user, for_write=for_write).get(pk=pk)


DISPATCH_ORDER = ("-created_at", "-id")


def dispatch_rows(*, user: User) -> QuerySet[Dispatch]:
    """The dispatches the list shows (its page and its export), newest first."""
    return dispatch_queryset(user=user).order_by(*DISPATCH_ORDER)


def dispatch_list(*, user: User, cursor: str = "", size: int = 25) -> KeysetPage:
    return keyset_page(dispatch_rows(user=user), order=DISPATCH_ORDER, cursor=cursor, size=size)


def shipment_queryset(*, user: User, for_write: bool = False) -> QuerySet[Shipment]:
    return Shipment.objects.visible_to(user, for_write=for_write).select_related(
        "member", "dispatch__organization", "dispatch__package"
    )


def shipment_readable(*, user: User) -> QuerySet[Shipment]:
    """Shipments of members the user manages, and those of dispatches the user sent."""
    related = ("member", "dispatch__organization", "dispatch__package")
    if scope_paths(user, for_write=True) == []:
        # A viewer sends nothing: its shipments are its members', a plain condition the
        # planner can walk in the list's order and stop at a page (the UNION below is
        # computed whole first: 35 ms for a county viewer instead of 1).
        return Shipment.objects.visible_to(user).select_related(*related)
    sent_here = Shipment.objects.filter(
        dispatch__in=Dispatch.objects.visible_to(user, for_write=True)
    )
    # One IN over a UNION of index scans (an OR of the two would scan every shipment).
    mine = Shipment.objects.visible_to(user).order_by().values("pk")
    readable = mine.union(sent_here.order_by().values("pk"))
    return Shipment.objects.filter(pk__in=readable).select_related(*related)


def shipments_overdue(*, user: User, sent_before) -> QuerySet[Shipment]:
    """On the road since before ``sent_before`` (sent or delivered, not yet received nor
    returned), among the shipments the user may step (``shipment_can_write``'s rule)."""
    on_the_road = Q(status__in=[S.SENT, S.DELIVERED], sent_at__lt=sent_before)
    sent_here = Shipment.objects.filter(
        on_the_road, dispatch__in=Dispatch.objects.visible_to(user, for_write=True)
    )
    mine = Shipment.objects.visible_to(user, for_write=True).filter(on_the_road)
    # One IN over a UNION of index scans, as in ``shipment_readable``.
    writable = mine.order_by().values("pk").union(sent_here.order_by().values("pk"))
    return Shipment.objects.filter(pk__in=writable)


def shipments_to_pack(*, user: User) -> QuerySet[Shipment]:
    """Shipments still to pack in the dispatches sent from the user's subtrees."""
    return Shipment.objects.filter(
        status=S.TO_PACK, dispatch__in=Dispatch.objects.visible_to(user, for_write=True)
    )


def shipment_get(*, user: User, pk: int) -> Shipment:
    return shipment_readable(user=user).get(pk=pk)


def shipment_can_write(user: User, shipment: Shipment) -> bool:
    """The one rule for a shipment's steps: the sending subtree, or the member's managers
    (a village secretary records receipt on the member's word)."""
    return can_write(user, shipment.dispatch) or can_write(user, shipment)


def dispatch_shipments(*, user: User, dispatch: Dispatch, status: str = "") -> QuerySet[Shipment]:
    """The dispatch's shipments the user may read: all for the sender, else its members'."""
    if can_write(user, dispatch):
        shipments = dispatch.shipments.all()
    else:
        shipments = Shipment.objects.visible_to(user).filter(dispatch=dispatch)
    if status:
        shipments = shipments.filter(status=status)
    return shipments.select_related("member")


def shipment_page(*, user: User, dispatch: Dispatch, status: str, cursor: str, size: int):
    shipments = dispatch_shipments(user=user, dispatch=dispatch, status=status)
    return keyset_page(shipments, order=("id",), cursor=cursor, size=size)


def writable_ids(*, user: User, dispatch: Dispatch, ids: list[int]) -> set[int]:
    """Which of these shipments the user may step (one query, not one per row)."""
    if can_write(user, dispatch):
        return set(ids)
    rows = Shipment.objects.visible_to(user, for_write=True).filter(pk__in=ids)
    return set(rows.values_list("pk", flat=True))


def member_shipments(*, user: User, member: Member) -> QuerySet[Shipment]:
    """The member's shipments for the file page, as far as the user may read them."""
    return shipment_queryset(user=user).filter(member=member).order_by("-id")


def member_open_shipments(member: Member) -> QuerySet[Shipment]:
    """The member's own parcels not yet received, for the phone page."""
    return (
        Shipment.objects.filter(member=member)
        .exclude(status=S.RECEIVED)
        .select_related("dispatch__package", "dispatch__organization")
        .order_by("-id")
    )


def default_addresses(member_ids: list[int]) -> dict[int, str]:
    """Where each member lives now: the open mobile record's address there (more precise than
    the destination, when given), else the destination, else the household address."""
    addresses = dict(
        Member.objects.filter(pk__in=member_ids).values_list("pk", "household_address")
    )
    away = MobileRecord.objects.filter(
        member_id__in=member_ids, status__in=MobileRecord.AWAY_STATUSES
    ).values_list("member_id", "member_address_there", "destination_address")
    for member_id, there, destination in away:
        addresses[member_id] = there or destination or addresses.get(member_id, "")
    return {pk: address for pk, address in addresses.items() if address}
