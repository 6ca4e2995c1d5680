"""The outbox's history since it went live: greetings, digests, record messages, reminders.

Every day the political-birthday run texts the members celebrating (a few have no phone and
are skipped, a few sends fail) and each secretary whose subtree celebrates gets a digest in
the inbox; the record timeline and the warning rules add their inbox messages on their day.
Rows are written day by day, so ids follow time as they do in the application.
"""

import datetime
from collections import Counter, defaultdict

from django.utils import timezone

from bench.database import RowWriter
from bench.generate.members import People
from bench.generate.records import TripMaker
from bench.generate.timeline import Notice
from members.files.birthdays import anniversary_keys
from members.files.models import BIRTHDAY_DIGEST, POLITICAL_BIRTHDAY, anniversary_key
from members.outbox.models import Notification

OUTBOX_DAYS = 140  # the outbox went live this many days ago
FAILED_SHARE = 0.02
COLUMNS = ["id", "kind", "channel", "recipient_member_id", "recipient_user_id", "occasion"]
COLUMNS += ["organization_id", "sender_id", "text", "link", "status", "attempts", "last_error"]
COLUMNS += ["created_at", "updated_at", "sent_at", "read_at"]


def outbox_start(today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=OUTBOX_DAYS)


class Outbox:
    """Writes the outbox day by day from ``outbox_start`` to today."""

    def __init__(self, maker: TripMaker, current: bytearray, notices: list[Notice]):
        self.maker, self.rng, self.people = maker, maker.rng, maker.people
        self.zone = timezone.get_current_timezone()
        self.notices: dict[datetime.date, list[Notice]] = defaultdict(list)
        for notice in notices:
            self.notices[timezone.localdate(notice.at)].append(notice)
        self.celebrating = _by_anniversary(self.people, current)

    def write(self) -> Counter:
        kinds = Counter()
        day = outbox_start(self.maker.today)
        with RowWriter(Notification, COLUMNS) as out:
            while day <= self.maker.today:
                members = self._celebrating(day)
                rows = self._greetings(day, members) + self._digests(day, members)
                rows += self._inbox(day)
                rows.sort(key=lambda row: row[12])
                for row in rows:
                    kinds[row[0]] += 1
                    out.add((out.next_id, *row))
                day += datetime.timedelta(days=1)
        return kinds

    def _greetings(self, day: datetime.date, members: list[int]) -> list[tuple]:
        rng, people, rows = self.rng, self.people, []
        eight = datetime.datetime.combine(day, datetime.time(8), tzinfo=self.zone)
        template = POLITICAL_BIRTHDAY.default_text
        for member in members:
            organization = people.organization[member - 1]
            years = day.year - datetime.date.fromordinal(people.joined[member - 1]).year
            text = template.format(
                name=people.names[member - 1],
                years=years,
                signature=self.maker.province.name[organization],
            )
            at = eight + datetime.timedelta(seconds=rng.randrange(600))
            status, attempts, error, sent = "sent", 1, "", at + datetime.timedelta(seconds=5)
            if not people.has_phone[member - 1]:
                status, attempts, error, sent = "skipped", 0, "档案中没有手机号码", None
            elif rng.random() < FAILED_SHARE:
                status, attempts, error, sent = "failed", 3, "短信网关超时", None
            message = (POLITICAL_BIRTHDAY.code, "sms", member, None, str(day.year), organization)
            rows.append((*message, None, text, "", status, attempts, error, at, at, sent, None))
        return rows

    def _celebrating(self, day: datetime.date) -> list[int]:
        first_of_year = datetime.date(day.year, 1, 1).toordinal()
        joined = self.people.joined
        return [
            member
            for key in anniversary_keys(day)
            for member in self.celebrating.get(key, ())
            if joined[member - 1] < first_of_year
        ]

    def _digests(self, day: datetime.date, members: list[int]) -> list[tuple]:
        """Each secretary whose branch or town celebrates today gets the count."""
        province = self.maker.province
        counts = Counter(self.people.organization[m - 1] for m in members)
        for branch, count in list(counts.items()):
            counts[province.town_of[branch]] += count
        at = datetime.datetime.combine(day, datetime.time(8, 15), tzinfo=self.zone)
        occasion, rows = day.isoformat(), []
        for organization, user in province.secretary.items():
            if counts[organization]:
                # The real digest names the members; a count stands in for the names here.
                names = f"{counts[organization]}名党员"
                text = BIRTHDAY_DIGEST.default_text.format(date=occasion, names=names)
                rows.append(
                    self._inbox_row("birthday_digest", user, occasion, text, "", None, None, at)
                )
        return rows

    def _inbox(self, day: datetime.date) -> list[tuple]:
        return [
            self._inbox_row(
                n.kind, n.user, n.occasion, n.text, n.link, n.organization, n.sender, n.at
            )
            for n in self.notices.get(day, ())
        ]

    def _inbox_row(self, kind, user, occasion, text, link, organization, sender, at) -> tuple:
        """Delivered at once; read within a day or two, most of them, unless very recent."""
        read = None
        if self.rng.random() < 0.7:
            read = at + datetime.timedelta(hours=self.rng.randrange(1, 48))
            read = read if read <= self.maker.now else None
        message = (kind, "inbox", None, user, occasion, organization, sender, text, link)
        return (*message, "sent", 1, "", at, at, at, read)


def _by_anniversary(people: People, current: bytearray) -> dict[int, list[int]]:
    """Members still taking part (active or mobile), by the day of their join anniversary."""
    found = defaultdict(list)
    for index, ordinal in enumerate(people.joined):
        if current[index]:
            found[anniversary_key(datetime.date.fromordinal(ordinal))].append(index + 1)
    return found
