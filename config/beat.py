"""Celery beat's static schedule, in CELERY_TIMEZONE (Asia/Shanghai): the periodic scans of
every chain, each a task that is safe to run twice (the outbox's unique keys, row locks).
Read by config/settings.py as ``CELERY_BEAT_SCHEDULE``; a new periodic task adds its line here."""

from celery.schedules import crontab

CELERY_BEAT_SCHEDULE: dict = {
    "political-birthdays": {
        "task": "members.files.political_birthdays",
        "schedule": crontab(hour=8, minute=0),
    },
    "outbox-sweep": {
        "task": "members.outbox.sweep",
        "schedule": crontab(minute=17),
    },
    "mobile-record-reminders": {
        "task": "members.mobility.remind",
        "schedule": crontab(minute=5),
    },
    "management-warnings": {
        "task": "members.followup.warnings",
        "schedule": crontab(hour=7, minute=30),
    },
    # Before the warnings: stored scope paths and warning facts recomputed from their rows.
    "stored-copies-repair": {
        "task": "members.followup.repair",
        "schedule": crontab(hour=3, minute=40),
    },
    # Training classes starting within the hour: their invitees reminded, once per class.
    "training-class-reminders": {
        "task": "education.classes.remind",
        "schedule": crontab(minute="*/5"),
    },
    # Overdue service requests escalated one level up, once per level (督办).
    "service-case-escalation": {
        "task": "services.cases.escalate",
        "schedule": crontab(hour=8, minute=10),
    },
    # Monthly needs collection: rounds not finished near or after their due date.
    "needs-collection-reminders": {
        "task": "services.needs.remind",
        "schedule": crontab(hour=9, minute=10),
    },
    # Exports (and their files) older than a week deleted; jobs a lost worker left, failed.
    "export-jobs-purge": {
        "task": "members.downloads.purge",
        "schedule": crontab(hour=4, minute=10),
    },
    # Uploaded imports hold ID numbers: kept a week, like the exports.
    "import-jobs-purge": {
        "task": "members.imports.purge",
        "schedule": crontab(hour=4, minute=20),
    },
    # The dashboards of the county-level and higher scopes, recomputed where a write made them
    # stale, so their department staff rarely wait for a cold page.
    "overview-refresh": {
        "task": "members.overview_refresh_scopes",
        "schedule": crontab(minute="*/10"),
    },
}
