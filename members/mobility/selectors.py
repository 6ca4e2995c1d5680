"""Scoped reads of mobility: the outflow side's follow list, the inflow side's inbox, a record."""

from django.db.models import QuerySet

from members.files.models import Member
from members.mobility.models import IntroductionLetter, MobileRecord, RecordEvent
from members.organizations.models import User
from members.scoping import scope_paths

OUTFLOW, INFLOW = "outflow", "inflow"
RECORD_RELATED = ("member",)
# The organisations a record names come in one small query each: joined into the list's
# query they made PostgreSQL spend 20-50 ms planning join orders for a 15 ms query.
RECORD_ORGANIZATIONS = (
    "outflow_organization",
    "outflow_external",
    "inflow_organization",
    "inflow_external",
    "taken_in_by",
)


def with_record_related(records: QuerySet[MobileRecord]) -> QuerySet[MobileRecord]:
    """Records with the member and the organisations the pages show of them."""
    return records.select_related(*RECORD_RELATED).prefetch_related(*RECORD_ORGANIZATIONS)


def record_queryset(*, user: User, for_write: bool = False) -> QuerySet[MobileRecord]:
    """Records the user may read from either side, with what the pages show of them."""
    return with_record_related(MobileRecord.objects.visible_to(user, for_write=for_write))


def record_get(*, user: User, pk: int) -> MobileRecord:
    """One record the user may read, or ``MobileRecord.DoesNotExist``."""
    return record_queryset(user=user).get(pk=pk)


def record_side(*, user: User, side: str) -> QuerySet[MobileRecord]:
    """The outflow side's follow list, or the records the user's organisations host."""
    records = with_record_related(MobileRecord.objects.all())
    paths = scope_paths(user)
    if side == INFLOW:
        return records.hosted_in(paths)
    return records.outflow_side_in(paths)


def record_page(
    *, records: QuerySet[MobileRecord], before: int | None = None, size: int = 25
) -> tuple[list[MobileRecord], int | None]:
    """One page of records, newest first, and the id to continue before (``None``: last page).

    No COUNT: the page costs one query however long the list.
    """
    if before:
        records = records.filter(id__lt=before)
    page = list(records.order_by("-id")[: size + 1])
    return page[:size], (page[size - 1].id if len(page) > size else None)


def inflow_inbox(*, user: User) -> QuerySet[MobileRecord]:
    """Registrations waiting for the user's organisations to take the member in, oldest first."""
    return (
        record_side(user=user, side=INFLOW)
        .filter(status=MobileRecord.Status.WAITING)
        .order_by("submitted_at", "id")
    )


def record_timeline(*, record: MobileRecord) -> QuerySet[RecordEvent]:
    return record.events.select_related("actor").order_by("created_at", "id")


def member_mobility_path(*, user: User, member: Member) -> QuerySet[MobileRecord]:
    """The member's periods away (流动路径), oldest first, as far as the user may see them."""
    records = record_queryset(user=user).filter(member=member).order_by("departure_date", "id")
    # Each line names both sides: one query for all, not one per record and side.
    return records.select_related(
        "outflow_organization", "outflow_external", "inflow_organization", "inflow_external"
    )


def open_record(member: Member) -> MobileRecord | None:
    """The member's current period away, if any (at most one is open)."""
    return member.mobile_records.exclude(status=MobileRecord.Status.ENDED).first()


def letter_queryset(*, user: User) -> QuerySet[IntroductionLetter]:
    """Letters of the records the user may read."""
    letters = IntroductionLetter.objects.visible_to(user)
    return letters.select_related(
        "record__member", "record__inflow_external", "committee", "issued_by"
    )


def letter_get(*, user: User, pk: int) -> IntroductionLetter:
    return letter_queryset(user=user).get(pk=pk)


def letter_by_code(*, code: str) -> IntroductionLetter | None:
    """The letter behind a QR code (public verification: no user, minimal data shown)."""
    related = IntroductionLetter.objects.select_related("record__member", "committee")
    return related.filter(verification_code=code).first()
