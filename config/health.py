"""Reachability checks for /healthz: database, cache and Celery broker."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection

from config.celery import app as celery_app

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return the value just written")
    cache.delete(key)


def check_broker() -> None:
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def run_checks() -> dict[str, str]:
    """Run every check; return ``{"name": "ok" | "error"}``.

    The answer is public (monitors call it without logging in), so a failure's exception, which
    can name hosts, ports and users, goes to the log only."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # any failure means "unreachable"
            logger.exception("Health check %s failed", name)
            results[name] = "error"
        else:
            results[name] = "ok"
    return results
