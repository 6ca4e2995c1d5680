"""A task sent by this process is executed by a separate Celery worker process."""

import os

import pytest
from django.conf import settings

from config.celery import worker_identity_task
from tests.worker import celery_worker_process

pytestmark = pytest.mark.worker


def test_task_runs_in_a_real_worker_process_through_the_configured_broker():
    with celery_worker_process() as queue:
        result = worker_identity_task.apply_async(queue=queue)
        identity = result.get(timeout=60)

    assert identity["pid"] != os.getpid()
    if os.environ.get("REDIS_URL"):
        assert settings.CELERY_BROKER_URL.startswith("redis://")
    else:
        assert settings.CELERY_BROKER_URL == "filesystem://"
