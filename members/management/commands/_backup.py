"""What ``backup_database`` and ``restore_database`` share: where a backup's parts lie, how to
reach a PostgreSQL database with the client tools, and the uploaded files' tar.

A backup is two files side by side: the database (PostgreSQL's custom format from
``pg_dump``, or an SQLite file written with SQLite's online backup API) and
``<name>.media.tar.gz`` with the uploaded files (MEDIA_ROOT). Both hold personal data, so they
are written readable by their owner only.
"""

import os
import subprocess
import tarfile
from pathlib import Path

import environ
from django.conf import settings
from django.core.management.base import CommandError
from django.db.utils import ConnectionHandler
from django.utils import timezone

POSTGRESQL = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"


def default_output(engine: str) -> Path:
    """``var/backups/sanlian-<time>.dump`` (PostgreSQL) or ``.sqlite3`` (SQLite)."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    suffix = ".dump" if engine == POSTGRESQL else ".sqlite3"
    return Path(settings.BASE_DIR) / "var" / "backups" / f"sanlian-{stamp}{suffix}"


def media_archive(dump: Path) -> Path:
    """The uploaded files' tar that lies next to a database dump."""
    return dump.with_name(f"{dump.name}.media.tar.gz")


def private_file(path: Path) -> None:
    """Create (or truncate) ``path`` readable and writable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    path.chmod(0o600)


def media_pack(*, media_root: Path, archive: Path) -> int:
    """Write MEDIA_ROOT's files into ``archive``; return how many files it holds."""
    private_file(archive)
    count = 0
    with tarfile.open(archive, "w:gz") as tar:
        for path in sorted(media_root.rglob("*")) if media_root.is_dir() else []:
            if path.is_file():
                tar.add(path, arcname=str(path.relative_to(media_root)))
                count += 1
    return count


def media_unpack(*, archive: Path, media_root: Path) -> int:
    """Extract ``archive`` into ``media_root``; return how many files it held.

    The ``data`` filter refuses absolute paths, ``..`` and links leading outside the folder,
    so a tampered archive cannot write elsewhere.
    """
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:gz") as tar:
        members = [member for member in tar.getmembers() if member.isfile()]
        tar.extractall(media_root, members=members, filter="data")
    return len(members)


def has_files(folder: Path) -> bool:
    return folder.is_dir() and any(path.is_file() for path in folder.rglob("*"))


# --- PostgreSQL --------------------------------------------------------------------------


def target_database(target: str) -> dict:
    """The settings of the database to restore into: a ``postgres://`` URL, or a bare name
    on the server of the default database."""
    base = dict(settings.DATABASES["default"])
    if "://" in target:
        return {**base, **environ.Env.db_url_config(target)}
    return {**base, "NAME": target}


def client_command(program: str, database: dict, *arguments: str) -> tuple[list[str], dict]:
    """A PostgreSQL client command for ``database``; the password travels in the
    environment, never on the command line (where ``ps`` would show it)."""
    command = [program]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            command += [option, str(database[key])]
    environ_ = {**os.environ}
    if database.get("PASSWORD"):
        environ_["PGPASSWORD"] = str(database["PASSWORD"])
    if sslmode := database.get("OPTIONS", {}).get("sslmode"):
        environ_["PGSSLMODE"] = sslmode  # DATABASE_URL's ?sslmode=require holds for the tools
    return [*command, *arguments], environ_


def run(command: list[str], environ_: dict) -> None:
    completed = subprocess.run(command, env=environ_, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise CommandError(f"{command[0]} failed: {completed.stderr.strip()}")


def _connection(database: dict):
    handler = ConnectionHandler({"default": {**database, "CONN_MAX_AGE": 0}})
    return handler["default"]


def postgres_exists(database: dict) -> bool:
    connection = _connection({**database, "NAME": "postgres"})
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]])
            return cursor.fetchone() is not None
    finally:
        connection.close()


def postgres_create(database: dict) -> None:
    connection = _connection({**database, "NAME": "postgres"})
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(database['NAME'])}")
    finally:
        connection.close()


def postgres_table_count(database: dict) -> int:
    """How many tables the database's own schemas hold (0: safe to restore into)."""
    connection = _connection(database)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN "
                "('pg_catalog', 'information_schema')"
            )
            return cursor.fetchone()[0]
    finally:
        connection.close()
