"""Start a real Celery worker process for tests that must cross a process boundary."""

import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

from config.celery import app as celery_app

BASE_DIR = Path(__file__).resolve().parent.parent


@contextmanager
def celery_worker_process(extra_env: dict[str, str] | None = None):
    """Run ``celery worker`` on a private queue; yield the queue name, stop the worker after.

    The queue is also the default queue on both sides, so tasks the worker or this process
    enqueue without naming a queue (dispatch after commit, retries) stay on it.
    """
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {**os.environ, "CELERY_TASK_DEFAULT_QUEUE": queue, **(extra_env or {})}
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--pool=solo",
        "--loglevel=WARNING",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
        "--without-heartbeat",
        "--without-mingle",
        "--without-gossip",
    ]
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env)
    eager, default_queue = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield queue
    finally:
        celery_app.conf.task_always_eager = eager
        celery_app.conf.task_default_queue = default_queue
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
