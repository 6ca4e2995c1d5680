"""Where a lesson, class, plan or dispatch reaches: the organisations of its members.

Readers see an owned object also when it reaches their members (a city-wide class is visible
to the village whose member was invited). Asking that of the per-member rows joins every
delivery of the object with its member — 55,384 rows for a county's two lessons, 113 ms. So
the action that adds members to an object also records the distinct home and hosting paths of
those members here (a few hundred rows for a county), and "reaches my subtree" is an indexed
prefix condition on this small table.

The rows are added, never taken away: an object stays visible where it was sent. When a member
moves or is taken in elsewhere, ``record`` listeners and the stored-copies repair add the new
organisation, so the object follows the member too.
"""

from django.db import models
from django.db.models import Q, QuerySet

from members.mobility.models import RECORD_LISTENERS, MobileRecord
from members.scoping import scope_paths_repairer, subtree_q

# The per-member relation of each kind of object that reaches members.
REACHING = {
    "lesson": ("education.Lesson", "deliveries"),
    "trainingclass": ("education.TrainingClass", "invitations"),
    "studyplan": ("education.StudyPlan", "plan_members"),
    "dispatch": ("education.Dispatch", "shipments"),
}


class Reach(models.Model):
    kind = models.CharField(max_length=20)  # the object's model name (REACHING)
    object_id = models.PositiveBigIntegerField()
    path = models.CharField(max_length=255)  # an organisation's materialised path

    class Meta:
        verbose_name = "reach"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "path"], name="reach_once")
        ]
        indexes = [
            models.Index(
                fields=["kind", "path", "object_id"],
                name="reach_kind_path",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops", "int8_ops"],
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} → {self.path}"


def reached_ids(kind: str, paths: list[str]) -> QuerySet:
    """The ids of the objects of ``kind`` that reach any of the subtrees."""
    rows = Reach.objects.filter(subtree_q(paths, "path"), kind=kind).order_by()
    return rows.values("object_id")


def reach_add(obj: models.Model, members: QuerySet) -> int:
    """Record the organisations of these members (home and host) as reached by ``obj``."""
    kind = obj._meta.model_name
    members = members.order_by()
    homes = members.values_list("home_path", flat=True).distinct()
    hosts = members.exclude(host_path="").values_list("host_path", flat=True).distinct()
    paths = {*homes, *hosts} - {""}
    rows = [Reach(kind=kind, object_id=obj.pk, path=path) for path in sorted(paths)]
    Reach.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _refresh(member_condition: Q | None) -> int:
    """Add the current organisations of the members (all, or those matching) to what each
    of their objects reaches."""
    from django.apps import apps

    added = 0
    for kind, (label, relation) in REACHING.items():
        model = apps.get_model(label)
        field = model._meta.get_field(relation)
        per_member = field.related_model.objects.order_by()
        if member_condition is not None:
            per_member = per_member.filter(member_condition)
        link = f"{field.field.name}_id"
        for column in ("member__home_path", "member__host_path"):
            pairs = per_member.exclude(**{column: ""}).values_list(link, column).distinct()
            rows = [Reach(kind=kind, object_id=pk, path=path) for pk, path in pairs.iterator()]
            Reach.objects.bulk_create(rows, ignore_conflicts=True, batch_size=5000)
            added += len(rows)
    return added


@scope_paths_repairer
def _repair_reach(*, member_ids=None, prefix: str | None = None) -> int:
    """After members or a subtree moved (or nightly): their objects reach where they are."""
    if member_ids is not None:
        return _refresh(Q(member_id__in=member_ids))
    if prefix is not None:
        return _refresh(subtree_q([prefix], "member__home_path"))
    return _refresh(None)


def _records_changed(record_ids: list[int]) -> None:
    """A member taken in (or leaving a host): the new host is reached too."""
    members = MobileRecord.objects.filter(pk__in=record_ids).values("member_id")
    _refresh(Q(member_id__in=members))


RECORD_LISTENERS.append(_records_changed)
