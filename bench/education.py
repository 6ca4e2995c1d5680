"""The education chain's volume on the benchmark database, written through its actions.

    python -m bench education

On the database ``python -m bench generate`` filled: the bench village branch's county gets
two lessons for all its current members, a training class and a study plan for its mobile
members, and the branch's town a study-package dispatch whose parcels are sent — each through
the same action a secretary's page calls, timed. The SMS go to a file backend in a temporary
folder, delivered in this process as a worker would. Then `python -m bench pages` times the
education pages and the member's phone page on these rows. Running it again adds one more
round (the pages read the newest).
"""

import datetime
import tempfile
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from config.celery import app
from education.audience import Audience
from education.classes.actions import training_class_create, training_class_invite
from education.lessons.actions import lesson_create, lesson_publish
from education.packages.actions import dispatch_create, package_create, shipment_send
from education.packages.models import Shipment
from education.plans.actions import plan_create, reading_create, template_create
from members.mobility.models import MobileRecord
from members.organizations.models import Organization, User


def run() -> None:
    admin = User.objects.get(username="bench_admin")
    branch = User.objects.get(username="bench_village").assignments.get().organization
    step = Organization.steplen
    town = Organization.objects.get(path=branch.path[:-step])
    county = Organization.objects.get(path=branch.path[: -2 * step])
    settings.NOTIFICATION_BACKENDS = {
        **settings.NOTIFICATION_BACKENDS,
        "sms": "members.outbox.channels.FileSmsBackend",
    }
    app.conf.task_always_eager = True
    with tempfile.TemporaryDirectory() as folder:
        settings.SMS_FILE_PATH = folder
        lessons = [_lesson(admin, county, n) for n in (1, 2)]
        training_class = _class(admin, county)
        _plan(admin, county, lessons, training_class)
        _dispatch(admin, town, branch)


def _timed(label: str, work):
    started = time.perf_counter()
    with transaction.atomic():
        result = work()
        written = time.perf_counter()
    done = time.perf_counter()
    print(
        f"{label}: {result:,} members; written {written - started:.1f} s, "
        f"delivered after commit {done - written:.1f} s",
        flush=True,
    )
    return result


def _lesson(admin, county, n: int):
    lesson = lesson_create(
        actor=admin, organization=county, title=f"基准课程{n}：党章学习", body="学习党章第一章。"
    )
    _timed(
        f"lesson {n} published to {county.name}",
        lambda: lesson_publish(
            actor=admin, lesson=lesson, audience=Audience(county, mobile_only=False)
        ),
    )
    return lesson


def _class(admin, county):
    training_class = training_class_create(
        actor=admin,
        organization=county,
        title="基准线上培训班",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        meeting_link="https://meeting.example.cn/bench",
    )
    _timed(
        "class invitations",
        lambda: training_class_invite(
            actor=admin, training_class=training_class, audience=Audience(county)
        ),
    )
    return training_class


def _plan(admin, county, lessons, training_class) -> None:
    reading = reading_create(actor=admin, organization=county, title="中国共产党章程")
    template = template_create(
        actor=admin, organization=county, name="基准学习计划模板", readings=[reading]
    )

    def make() -> int:
        plan = plan_create(
            actor=admin,
            organization=county,
            year=timezone.localdate().year,
            template=template,
            lessons=lessons,
            classes=[training_class],
            audience=Audience(county),
        )
        return plan.plan_members.count()

    _timed("study plan", make)


def _dispatch(admin, town, branch) -> None:
    package = package_create(
        actor=admin, organization=town, name="基准学习礼包", items=[("党章", 1), ("学习笔记本", 1)]
    )
    dispatch = dispatch_create(
        actor=admin, package=package, title="基准寄送", audience=Audience(town)
    )
    print(f"dispatch: {dispatch.shipments.count():,} shipments", flush=True)
    # The branch's members with a report-in waiting get theirs sent (the phone page's case).
    waiting = MobileRecord.objects.hosted_in([branch.path]).filter(status="waiting")
    members = waiting.values("member_id")
    shipments = Shipment.objects.filter(dispatch=dispatch, member_id__in=members)
    for serial, shipment in enumerate(shipments[:50]):
        shipment_send(
            actor=admin, shipment=shipment, courier="EMS", tracking_number=f"11{serial:011d}"
        )
