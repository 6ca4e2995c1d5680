"""Each record's timeline (its transitions, a few notes) and what the other side heard of it.

Every step is done by the secretary of the acting side (or, when that side is outside the
system, by the other side on its behalf) and tells the other side's secretary through the
inbox, as ``record_event_notify`` does; registrations left waiting also bring the reminders
of ``mobile_records_remind``. Messages are kept only from the day the outbox went live.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings

from bench.database import RowWriter
from bench.generate.records import Trip, TripMaker
from members.mobility.models import RecordEvent

OUTFLOW, INFLOW = "outflow", "inflow"
LABELS = {
    "draft": "登记草稿",
    "submit": "提交",
    "register_no_inflow": "登记（无流入地党组织）",
    "register_arrival": "流入地登记",
    "return": "退回流出地",
    "take_in": "接收",
    "end": "结束",
}
NOTES = {OUTFLOW: "已电话联系，工作生活稳定", INFLOW: "走访用工单位，了解思想工作情况"}
NOTE_SHARE = 0.25
COLUMNS = [
    "id",
    "record_id",
    "kind",
    "transition",
    "from_status",
    "to_status",
    "side",
    "text",
    "actor_id",
    "created_at",
]


@dataclass(slots=True)
class Step:
    at: datetime.datetime
    transition: str
    before: str
    after: str
    side: str
    kind: str = "transition"
    text: str = ""


@dataclass(slots=True)
class Notice:
    """An in-app message to a secretary, written by the outbox generator on its day."""

    at: datetime.datetime
    kind: str
    user: int
    occasion: str
    text: str
    link: str
    organization: int | None
    sender: int | None = None


def write_events(*, trips: list[Trip], maker: TripMaker, since: datetime.date) -> list[Notice]:
    """Write every record's timeline; return the messages sent about it since ``since``."""
    notices, number = [], 0
    with RowWriter(RecordEvent, COLUMNS) as out:
        for trip in trips:
            sides = _Sides(trip, maker)
            for step in _steps(trip, maker):
                number += 1
                actor = sides.actor(step.side)
                row = (step.kind, step.transition, step.before, step.after, step.side, step.text)
                out.add((number, trip.id, *row, actor, step.at))
                if step.at.date() >= since and step.transition != "draft":
                    notices += sides.tell(step, actor, f"record:{trip.id}:event:{number}")
            if trip.status == "waiting":
                notices += [n for n in sides.reminders() if n.at.date() >= since]
    return notices


def _steps(trip: Trip, maker: TripMaker) -> list[Step]:
    if trip.outflow_external:
        steps = [Step(trip.submitted, "register_arrival", "", "waiting", INFLOW)]
    else:
        steps = [Step(trip.created, "draft", "", "draft", OUTFLOW)]
        if trip.status == "draft":
            return steps
        named = bool(trip.inflow or trip.inflow_external)
        after = "waiting" if named else "no_inflow"
        name = "submit" if named else "register_no_inflow"
        steps.append(Step(trip.submitted, name, "draft", after, OUTFLOW))
    if trip.returned:
        steps.append(Step(trip.returned, "return", "waiting", "returned", INFLOW))
    if trip.taken_in:
        at = max(maker.at(trip.inflow_date), steps[-1].at)
        steps.append(Step(at, "take_in", "waiting", "taken_in", INFLOW))
    if maker.rng.random() < NOTE_SHARE:
        side = maker.rng.choice([OUTFLOW, INFLOW] if trip.taken_in else [OUTFLOW])
        at = _between(maker, steps[-1].at, trip)
        steps.append(Step(at, "", "", "", side, "note", NOTES[side]))
    if trip.ended_on:
        at = max(maker.at(trip.ended_on), steps[-1].at)
        side = maker.rng.choice([OUTFLOW, INFLOW] if trip.host or trip.taken_in else [OUTFLOW])
        before = next(s.after for s in reversed(steps) if s.kind == "transition")
        steps.append(Step(at, "end", before, "ended", side))
    return steps


def _between(maker: TripMaker, start: datetime.datetime, trip: Trip) -> datetime.datetime:
    end = maker.at(trip.until(maker.today))
    if end <= start:
        return start
    return start + (end - start) * maker.rng.random()


class _Sides:
    """Who acts for each side of one record, and whom the other side's steps reach."""

    def __init__(self, trip: Trip, maker: TripMaker):
        secretary = maker.province.secretary
        self.trip, self.maker = trip, maker
        self.outflow = secretary.get(trip.outflow)
        inflow = trip.taken_in_by or trip.inflow
        self.inflow = secretary.get(inflow)
        self.name = maker.people.names[trip.member - 1]

    def actor(self, side: str) -> int:
        """The side's secretary, or the other side's acting for an organisation outside."""
        if side == OUTFLOW:
            return self.outflow or self.inflow
        return self.inflow or self.outflow

    def tell(self, step: Step, actor: int, occasion: str) -> list[Notice]:
        other = self.inflow if step.side == OUTFLOW else self.outflow
        if other is None or other == actor:
            return []
        what = LABELS.get(step.transition) or step.text
        text = f"{self.name}的流动党员登记：{what}"
        return [self._notice(step.at, "record_update", other, occasion, text, actor)]

    def reminders(self) -> list[Notice]:
        """Waiting too long for the inflow side, and not reported in (to both sides)."""
        trip, found = self.trip, []
        for reason, days, users in (
            ("review", settings.MOBILE_REVIEW_REMINDER_DAYS, [self.inflow]),
            ("report", settings.MOBILE_REPORT_REMINDER_DAYS, [self.inflow, self.outflow]),
        ):
            at = trip.submitted + datetime.timedelta(days=days)
            occasion = f"record:{trip.id}:{reason}:{trip.submitted:%Y%m%d%H%M%S}"
            text = f"{self.name}的流动党员登记已等待{days}天"
            found += [
                self._notice(at, "record_reminder", user, occasion, text)
                for user in users
                if user is not None and at <= self.maker.now
            ]
        return found

    def _notice(self, at, kind, user, occasion, text, sender=None) -> Notice:
        organization = self.trip.outflow or self.trip.inflow
        link = f"/records/{self.trip.id}/"
        return Notice(at, kind, user, occasion, text, link, organization, sender)
