"""Stale-while-revalidate: after a write the home page shows the scope's last figures and
queues one refresh; only a scope with nothing recent computes in the request. The beat
refreshes the county-level scopes ahead of their visitors."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from members.overview import refresh
from members.overview.registry import scope_key, written
from members.overview.selectors import dashboard
from members.overview.tasks import overview_refresh_scopes_task, overview_refresh_task
from tests.factories import make_member, make_record

pytestmark = pytest.mark.django_db


def _away(response) -> int:
    """The dashboard's count of the scope's mobile members away (all categories)."""
    figures = [f for _label, found in response.context["figure_chains"] for f in found]
    return next(f for f in figures if f.key == "categories").count


def _register(tree, name="新党员"):
    return make_record(make_member(tree.branch_b1, name=name), destination_region_code="510104")


@pytest.fixture
def seen(client, world, viewer_b):
    """The county viewer has opened the home page once: the scope's entries are computed."""
    client.force_login(viewer_b)
    assert _away(client.get("/")) == 2
    return client


def test_after_a_write_the_page_shows_the_last_figures(
    seen, tree, django_capture_on_commit_callbacks
):
    _register(tree)
    with django_capture_on_commit_callbacks(execute=False):
        response = seen.get("/")

    assert _away(response) == 2


def test_after_a_write_the_page_queues_one_refresh(seen, tree, django_capture_on_commit_callbacks):
    _register(tree)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        seen.get("/")

    assert len(queued) == 1


def test_the_refresh_brings_the_write_to_the_page(seen, tree, django_capture_on_commit_callbacks):
    _register(tree)
    with django_capture_on_commit_callbacks(execute=True):
        seen.get("/")  # the refresh runs after it (Celery eager in tests)

    assert _away(seen.get("/")) == 3


def test_a_second_view_while_the_refresh_is_queued_queues_nothing(
    seen, tree, django_capture_on_commit_callbacks
):
    _register(tree)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        seen.get("/")
        seen.get("/")

    assert len(queued) == 1


def test_a_new_birthday_reaches_the_card_after_the_refresh(
    seen, tree, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    make_member(tree.branch_b1, name="庆生", joined_party_on=today.replace(year=today.year - 5))
    with django_capture_on_commit_callbacks(execute=True):
        before = [m.name for m in seen.get("/").context["birthdays_today"]]

    after = sorted(m.name for m in seen.get("/").context["birthdays_today"])
    assert (before, after) == (["肖双强"], sorted(["肖双强", "庆生"]))


def test_a_first_visit_computes_in_the_request(
    client, world, viewer_b, django_capture_on_commit_callbacks
):
    client.force_login(viewer_b)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.get("/")

    assert (_away(response), len(queued)) == (2, 0)


def test_figures_older_than_max_stale_are_computed_in_the_request(
    seen, tree, django_capture_on_commit_callbacks
):
    _register(tree)
    later = timezone.now() + datetime.timedelta(seconds=refresh.MAX_STALE + 60)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=False) as queued:
        response = seen.get("/")

    assert (_away(response), len(queued)) == (3, 0)


def test_the_next_day_shows_the_last_figures_and_queues_a_refresh(
    seen, viewer_b, django_capture_on_commit_callbacks
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        found = dashboard(user=viewer_b, today=tomorrow)

    away = next(
        f for _l, figures in found["figure_chains"] for f in figures if f.key == "categories"
    )
    assert (away.count, len(queued)) == (2, 1)


def _entry(user, name="dashboard:zh-hans"):
    return cache.get(refresh.entry_key(user, name))


def test_the_beat_refreshes_a_stale_county_scope(seen, tree, viewer_b):
    _register(tree)
    overview_refresh_scopes_task.delay().get()

    with translation.override("zh-hans"):
        current = refresh.dashboard_source(viewer_b, timezone.localdate()).stamp
    assert _entry(viewer_b).stamp == current


def test_the_beat_shows_the_write_on_the_county_page(seen, tree):
    _register(tree)
    overview_refresh_scopes_task.delay().get()

    assert _away(seen.get("/")) == 3


def test_the_beat_leaves_a_fresh_county_scope_alone(seen, tree, viewer_b):
    overview_refresh_scopes_task.delay().get()  # the province's and the city's scopes, if any
    before = _entry(viewer_b)
    overview_refresh_scopes_task.delay().get()

    assert _entry(viewer_b).computed_at == before.computed_at


def test_the_beat_computes_once_per_scope(world, tree, viewer_b, superuser):
    from tests.conftest import _persona

    _persona("czq_2", "城中区组织部二", tree.county_b, "viewer")  # viewer_b's scope
    city = _persona("xn_city", "西宁市委组织部", tree.city, "viewer")
    _persona("dajie", "大街书记", tree.town_a, "secretary")  # a town: not refreshed by the beat

    scopes = [scope_key(user) for user in refresh.staff_scopes()]
    assert sorted(scopes) == sorted(scope_key(u) for u in (viewer_b, city, superuser))


def test_the_beat_skips_a_scope_whose_refresh_is_queued(seen, tree, viewer_b):
    _register(tree)
    with translation.override(settings.LANGUAGE_CODE):
        refresh.claim(viewer_b)
    before = _entry(viewer_b)
    overview_refresh_scopes_task.delay().get()

    assert _entry(viewer_b).computed_at == before.computed_at


def test_the_refresh_task_of_a_deactivated_user_computes_nothing(viewer_b):
    viewer_b.is_active = False
    viewer_b.save(update_fields=["is_active"])

    assert overview_refresh_task.delay(viewer_b.pk, "zh-hans").get() == 0


def test_the_page_says_when_the_figures_were_computed(client, world, viewer_b):
    client.force_login(viewer_b)
    at = datetime.datetime(2026, 11, 28, 1, 5, tzinfo=datetime.UTC)  # 09:05 in 西宁
    with time_machine.travel(at, tick=False):
        html = client.get("/").content.decode()

    line = re.search(r'id="dashboard-updated">([^<]*)<', html).group(1)
    assert line.endswith(" 09:05")


def test_the_beat_runs_every_ten_minutes():
    entry = settings.CELERY_BEAT_SCHEDULE["overview-refresh"]
    assert (entry["task"], entry["schedule"].minute) == (
        overview_refresh_scopes_task.name,
        set(range(0, 60, 10)),
    )


def test_a_write_without_signals_made_known_queues_a_refresh(
    seen, world, django_capture_on_commit_callbacks
):
    record = world.b_records[0]
    type(record).objects.filter(pk=record.pk).update(destination_region_code="510104")
    written(record)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        seen.get("/")

    assert len(queued) == 1
