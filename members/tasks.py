import os
import socket

from celery import shared_task


@shared_task
def worker_identity_task() -> dict:
    """Report which process ran the task; used by health checks and the worker test."""
    return {"pid": os.getpid(), "host": socket.gethostname()}
