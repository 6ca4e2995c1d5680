"""Excel (and csv) imports of members and mobile registrations: a documented template, a dry
run that lists every bad row, and an atomic, idempotent apply run by a Celery task."""
