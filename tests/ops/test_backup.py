"""backup_database and restore_database: a backup restored into a fresh database holds the
members, their records and ID numbers that still decrypt; the uploaded files come back."""

import io
import sqlite3

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.utils import ConnectionHandler

from members.files import crypto
from members.files.models import Member
from members.management.commands._backup import client_command
from members.mobility.models import MobileRecord
from tests.factories import make_member

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore (run with DATABASE_URL)"
)
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded default")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    photo = settings.MEDIA_ROOT / "members" / "photos" / "liao.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"\xff\xd8 a photo")
    return photo


@pytest.fixture
def files_kept(tree):
    """Two members, one of them away with a registered period."""
    return [make_member(tree.branch_a1, status="mobile"), make_member(tree.branch_b1)]


def expected(members) -> list[tuple]:
    return sorted((m.name, crypto.decrypt(m.id_number_encrypted)) for m in members)


def run(*arguments, **options) -> str:
    out = io.StringIO()
    call_command(*arguments, stdout=out, **options)
    return out.getvalue()


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_restores_into_a_new_file(files_kept, media, tmp_path):
    dump = tmp_path / "backup" / "sanlian.sqlite3"
    run("backup_database", output=dump)
    restored = tmp_path / "restored.sqlite3"
    run("restore_database", str(dump), into=str(restored), media_root=tmp_path / "media2")
    with sqlite3.connect(restored) as db:
        rows = db.execute("SELECT name, id_number_encrypted FROM members_member").fetchall()
        records = db.execute("SELECT count(*) FROM members_mobilerecord").fetchone()[0]
    db.close()
    found = sorted((name, crypto.decrypt(token)) for name, token in rows)
    assert (found, records) == (expected(files_kept), 1)


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_the_uploaded_files_come_back(files_kept, media, tmp_path):
    dump = tmp_path / "sanlian.sqlite3"
    run("backup_database", output=dump)
    target = tmp_path / "media2"
    run("restore_database", str(dump), into=str(tmp_path / "new.sqlite3"), media_root=target)
    assert (target / "members" / "photos" / "liao.jpg").read_bytes() == media.read_bytes()


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_the_backup_files_are_readable_by_their_owner_only(files_kept, media, tmp_path):
    dump = tmp_path / "sanlian.sqlite3"
    run("backup_database", output=dump)
    modes = {oct(path.stat().st_mode & 0o777) for path in tmp_path.glob("sanlian.*")}
    assert modes == {"0o600"}


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_restoring_over_a_database_with_tables_is_refused(files_kept, media, tmp_path):
    dump = tmp_path / "sanlian.sqlite3"
    run("backup_database", output=dump)
    with pytest.raises(CommandError, match="already holds tables"):
        run("restore_database", str(dump), into=str(dump), no_media=True)


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_restoring_over_uploaded_files_is_refused(files_kept, media, tmp_path, settings):
    dump = tmp_path / "sanlian.sqlite3"
    run("backup_database", output=dump)
    with pytest.raises(CommandError, match="already holds files"):
        run("restore_database", str(dump), into=str(tmp_path / "new.sqlite3"))


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_force_replaces_a_database(files_kept, media, tmp_path):
    dump = tmp_path / "sanlian.sqlite3"
    run("backup_database", output=dump)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE leftover (id integer)")
    db.close()
    run("restore_database", str(dump), into=str(other), no_media=True, force=True)
    with sqlite3.connect(other) as db:
        count = db.execute("SELECT count(*) FROM members_member").fetchone()[0]
    db.close()
    assert count == 2


# --- PostgreSQL ------------------------------------------------------------------------------


@pytest.fixture
def fresh_database():
    """A database name on the test server that does not exist yet; dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")


def query(database: str, sql: str) -> list[tuple]:
    handler = ConnectionHandler({"default": {**connection.settings_dict, "NAME": database}})
    restored = handler["default"]
    try:
        with restored.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()
    finally:
        restored.close()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_dump_restored_into_a_fresh_database_holds_the_data(
    files_kept, media, tmp_path, fresh_database
):
    dump = tmp_path / "sanlian.dump"
    run("backup_database", output=dump)
    run("restore_database", str(dump), into=fresh_database, media_root=tmp_path / "media2")
    rows = query(fresh_database, "SELECT name, id_number_encrypted FROM members_member")
    records = query(fresh_database, "SELECT count(*) FROM members_mobilerecord")
    found = sorted((name, crypto.decrypt(token)) for name, token in rows)
    assert (found, records) == (expected(files_kept), [(MobileRecord.objects.count(),)])


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_dump_is_not_restored_over_a_database_with_tables(files_kept, media, tmp_path):
    dump = tmp_path / "sanlian.dump"
    run("backup_database", output=dump)
    with pytest.raises(CommandError, match="already holds tables"):
        run("restore_database", str(dump), into=connection.settings_dict["NAME"], no_media=True)
    assert Member.objects.count() == 2


def test_the_password_reaches_pg_dump_in_the_environment_not_the_command_line():
    database = {"HOST": "db", "PORT": 5432, "USER": "sanlian", "PASSWORD": "s3cret", "NAME": "x"}
    command, environ_ = client_command("pg_dump", {**database, "OPTIONS": {"sslmode": "require"}})
    assert ("s3cret" in " ".join(command), environ_["PGPASSWORD"], environ_["PGSSLMODE"]) == (
        False,
        "s3cret",
        "require",
    )
