"""Differentiated management of the mobile members: contacts, dues, card reviews, marks, work.

Contacts spread over each period away (the longer away, the more); a few members nobody has
reached for half a year. Dues are paid in monthly, quarterly or half-yearly runs from the month
of departure, at home or at the receiving branch, never two payments for one month; a fifth of
those away are six months or more behind. Card holders are reviewed early each year for the
last one, most of them.
"""

import datetime
from decimal import Decimal

from bench.database import RowWriter
from bench.generate.chance import weighted
from bench.generate.records import Trip, TripMaker
from bench.generate.timeline import Notice
from members.followup.models import (
    ActivityCardReview,
    AssignedWork,
    ContactLog,
    DuesPayment,
    DuesRate,
    LostContactMark,
)

CONTACTS_PER_MEMBER = 0.70  # 700,000 contacts for 1,000,000 members
LOST_SHARE = 0.08  # of those away: nobody reached them for six months
LAGGING_SHARE = 0.2  # of those away: dues six months or more behind
RUNS = [(1, 20), (3, 45), (6, 35)]  # months paid at once, and how often
RATES = [Decimal(v) for v in ("0.20", "0.50", "1.00", "2.00", "5.00", "10.00")]
CHANNELS = ["phone", "phone", "phone", "wechat", "wechat", "visit", "letter", "other"]
DAY = datetime.timedelta(days=1)
WARNINGS = {
    "transfer": "应转接组织关系（第二十五条）",
    "lost_contact": "失去联系满六个月（第二十四条）",
    "dues": "六个月未交纳党费",
}


class Followup:
    """Writes the management rows of every registration that was submitted."""

    def __init__(self, trips: list[Trip], maker: TripMaker):
        self.maker, self.rng, self.today = maker, maker.rng, maker.today
        self.trips = [t for t in trips if t.submitted is not None]
        self.lost = {t.id for t in self.trips if t.away and self.rng.random() < LOST_SHARE}
        self.paid_to: dict[int, int] = {}

    def write(self, report) -> None:
        report(f"contacts: {self.contacts():,}")
        rates, payments = self.dues()
        report(f"dues: {rates:,} rates, {payments:,} payments")
        report(f"card reviews: {self.card_reviews():,}")
        report(f"lost-contact marks: {self.marks():,}, assigned work: {self.work():,}")

    def secretary(self, trip: Trip, side: str) -> int:
        secretary = self.maker.province.secretary
        host = secretary.get(trip.taken_in_by or trip.inflow)
        home = secretary.get(trip.outflow)
        return (host or home) if side == "inflow" else (home or host)

    def _days(self, trip: Trip) -> tuple[datetime.date, datetime.date]:
        start = trip.submitted.date()
        end = trip.until(self.today)
        if trip.id in self.lost:
            end = max(start, min(end, self.today - 200 * DAY))
        return start, end

    def _day_in(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + self.rng.randrange((end - start).days + 1) * DAY

    def contacts(self) -> int:
        rng = self.rng
        months = sum((t.until(self.today) - t.departure).days / 30.4 for t in self.trips)
        rate = CONTACTS_PER_MEMBER * len(self.maker.people) / max(months, 1)
        columns = ["id", "member_id", "record_id", "side", "channel", "contacted_on"]
        columns += ["reached", "note", "by_id", "created_at"]
        with RowWriter(ContactLog, columns) as out:
            for trip in self.trips:
                start, end = self._days(trip)
                count = int((trip.until(self.today) - trip.departure).days / 30.4 * rate)
                for _ in range(count + (rng.random() < 0.5)):
                    day = self._day_in(start, end)
                    side = "inflow" if trip.taken_in_by and rng.random() < 0.4 else "outflow"
                    reached = rng.random() < (0.4 if trip.id in self.lost else 0.88)
                    note = "了解工作生活情况" if reached else "电话未接通"
                    by = self.secretary(trip, side)
                    row = (trip.member, trip.id, side, rng.choice(CHANNELS), day, reached, note)
                    out.add((out.next_id, *row, by, self.maker.at(day)))
        return out.written

    def dues(self) -> tuple[int, int]:
        """A rate from the month of departure (raised a year later for some), and payments."""
        rng, paid_up_to, rate_months = self.rng, {}, set()
        rate_columns = ["id", "member_id", "amount", "since", "quarterly_consent"]
        rate_columns += ["by_id", "created_at"]
        payment_columns = ["id", "member_id", "amount", "period_from", "period_to", "paid_on"]
        payment_columns += ["place", "organization_id", "note", "recorded_by_id", "created_at"]
        with (
            RowWriter(DuesRate, rate_columns) as rates,
            RowWriter(DuesPayment, payment_columns) as payments,
        ):
            for trip in self.trips:
                amount, consent = rng.choice(RATES), rng.random() < 0.25
                first = max(_month(trip.departure), paid_up_to.get(trip.member, 0) + 1)
                for since in (first, first + 12):
                    if since <= _month(self.today) and (trip.member, since) not in rate_months:
                        rate_months.add((trip.member, since))
                        by = self.secretary(trip, "outflow")
                        at = self.maker.at(min(_day(since), self.today))
                        rates.add(
                            (rates.next_id, trip.member, amount, _day(since), consent, by, at)
                        )
                    if rng.random() < 0.9:
                        break
                last = self._paid_to(trip)
                for row in self._payments(trip, first, last, amount, consent):
                    payments.add((payments.next_id, *row))
                paid_up_to[trip.member] = max(last, first - 1)
                self.paid_to[trip.id] = last
        return rates.written, payments.written

    def _paid_to(self, trip: Trip) -> int:
        rng = self.rng
        if trip.ended_on:
            return _month(trip.ended_on) - (0 if rng.random() < 0.85 else rng.randrange(1, 5))
        behind = trip.id in self.lost or rng.random() < LAGGING_SHARE
        return _month(self.today) - (rng.randrange(6, 15) if behind else rng.randrange(0, 3))

    def _payments(self, trip: Trip, first: int, last: int, amount: Decimal, consent: bool):
        rng, month = self.rng, first
        while month <= last:
            run = 3 if consent else weighted(rng, RUNS)
            to = min(month + run - 1, last)
            paid_on = min(_day(to) + rng.randrange(0, 40) * DAY, self.today)
            at_inflow = trip.taken_in_by and rng.random() < 0.4
            place = "inflow" if at_inflow else "home"
            organization = trip.taken_in_by if at_inflow else trip.home
            by = self.maker.province.secretary[organization]
            total = amount * (to - month + 1)
            yield (
                trip.member,
                total,
                _day(month),
                _day(to),
                paid_on,
                place,
                organization,
                "",
                by,
                self.maker.at(paid_on),
            )
            month = to + 1

    def card_reviews(self) -> int:
        """Each card holder's review of every full year held, early the next year."""
        rng, reviewed = self.rng, set()
        columns = ["id", "member_id", "record_id", "year", "result", "reviewed_on", "note"]
        columns += ["by_id"]
        results = [("passed", 90), ("needs_correction", 7), ("not_passed", 3)]
        with RowWriter(ActivityCardReview, columns) as out:
            for trip in (t for t in self.trips if t.card):
                until = trip.until(self.today)
                for year in range(trip.departure.year, until.year):
                    day = datetime.date(year + 1, rng.randrange(1, 4), rng.randrange(1, 29))
                    if day > until or (trip.member, year) in reviewed or rng.random() > 0.85:
                        continue
                    reviewed.add((trip.member, year))
                    by = self.secretary(trip, "outflow")
                    out.add(
                        (
                            out.next_id,
                            trip.member,
                            trip.id,
                            year,
                            weighted(rng, results),
                            day,
                            "",
                            by,
                        )
                    )
        return out.written

    def marks(self) -> int:
        """Open marks for a quarter of those lost, and a few marks cleared when found again."""
        rng = self.rng
        columns = ["id", "member_id", "record_id", "marked_on", "note", "by_id"]
        columns += ["cleared_on", "cleared_note", "cleared_by_id"]
        with RowWriter(LostContactMark, columns) as out:
            for trip in (t for t in self.trips if t.away):
                by = self.secretary(trip, "outflow")
                start, end = self._days(trip)
                if trip.id in self.lost and rng.random() < 0.25:
                    marked = min(end + rng.randrange(180, 200) * DAY, self.today)
                    out.add(
                        (
                            out.next_id,
                            trip.member,
                            trip.id,
                            marked,
                            "多方联系未果",
                            by,
                            None,
                            "",
                            None,
                        )
                    )
                elif trip.id not in self.lost and rng.random() < 0.02 and end - start > 60 * DAY:
                    marked = self._day_in(start, end - 30 * DAY)
                    cleared = self._day_in(marked + DAY, end)
                    out.add(
                        (
                            out.next_id,
                            trip.member,
                            trip.id,
                            marked,
                            "失联",
                            by,
                            cleared,
                            "已恢复联系",
                            by,
                        )
                    )
        return out.written

    def work(self) -> int:
        rng = self.rng
        columns = ["id", "member_id", "description", "assigned_on", "ends_on", "by_id"]
        with RowWriter(AssignedWork, columns) as out:
            for trip in (t for t in self.trips if t.away and rng.random() < 0.04):
                start, end = self._days(trip)
                for _ in range(rng.choice([1, 1, 2])):
                    assigned = self._day_in(start, end)
                    ends = None if rng.random() < 0.5 else assigned + rng.randrange(30, 180) * DAY
                    by = self.secretary(trip, rng.choice(["outflow", "inflow"]))
                    out.add((out.next_id, trip.member, "联系在外务工党员", assigned, ends, by))
        return out.written

    def warnings(self, since: datetime.date) -> list[Notice]:
        """The daily reminders of warnings since ``since``: lost contact, dues, transfer."""
        notices, half_year = [], 183 * DAY
        for trip in (t for t in self.trips if t.away):
            found = [("transfer", trip.departure, "once")] if trip.taken_in else []
            if trip.id in self.lost:
                reached = self._days(trip)[1]
                found.append(("lost_contact", reached, f"{reached:%Y%m%d}"))
            paid = _day(max(self.paid_to[trip.id], _month(trip.departure)))
            found.append(("dues", paid, f"{paid:%Y%m}"))
            for code, counted_from, episode in found:
                day = counted_from + half_year
                if since <= day <= self.today:
                    at = self.maker.at(day)
                    notices.append(self._warning(trip, code, counted_from, episode, at))
        return notices

    def _warning(self, trip, code, counted_from, episode, at) -> Notice:
        name = self.maker.people.names[trip.member - 1]
        text = f"{name}：{WARNINGS[code]}（自{counted_from.isoformat()}起算）"
        user = self.secretary(trip, "outflow")
        occasion = f"mw:{code}:{trip.id}:{episode}"
        link = f"/management/member/{trip.member}/"
        return Notice(at, "management_warning", user, occasion, text, link, trip.outflow)


def _month(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def _day(month: int) -> datetime.date:
    return datetime.date(month // 12, month % 12 + 1, 1)
