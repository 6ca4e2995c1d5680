"""Celery application: configured from Django settings, tasks found in each topic's tasks.py."""

import os
import socket

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("sanlian")
app.config_from_object("django.conf:settings", namespace="CELERY")
# members is one app of topic packages, each with its own tasks module.
app.autodiscover_tasks(
    [
        "members.files",
        "members.mobility",
        "members.followup",
        "members.outbox",
        "members.overview",
        "education",
        "education.classes",
        "services",
        "services.cases",
        "services.needs",
    ]
)


@app.task(name="sanlian.worker_identity")
def worker_identity_task() -> dict:
    """Report which process ran the task; used by the worker tests."""
    return {"pid": os.getpid(), "host": socket.gethostname()}
