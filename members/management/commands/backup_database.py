import sqlite3
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from members.management.commands import _backup


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files: PostgreSQL with pg_dump (custom format, "
        "no owners), SQLite with its online backup API; the uploaded files go into "
        "<output>.media.tar.gz next to it. Safe while the site runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="the database file to write (default: var/backups/sanlian-<time>.dump)",
        )

    def handle(self, *args, output: Path | None, **options):
        engine = settings.DATABASES["default"]["ENGINE"]
        output = output or _backup.default_output(engine)
        if engine == _backup.POSTGRESQL:
            self._dump_postgres(output)
        elif engine == _backup.SQLITE:
            self._copy_sqlite(output)
        else:
            raise CommandError(f"Backing up {engine} is not supported.")
        archive = _backup.media_archive(output)
        files = _backup.media_pack(media_root=Path(settings.MEDIA_ROOT), archive=archive)
        self.stdout.write(f"Database written to {output}")
        self.stdout.write(f"Uploaded files ({files}) written to {archive}")

    def _dump_postgres(self, output: Path) -> None:
        database = settings.DATABASES["default"]
        _backup.private_file(output)
        command, environ_ = _backup.client_command(
            "pg_dump",
            database,
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={output}",
            database["NAME"],
        )
        _backup.run(command, environ_)

    def _copy_sqlite(self, output: Path) -> None:
        # The running connection's database (a file, or the tests' in-memory one), copied
        # page by page while others may keep writing: SQLite restarts the copy if they do.
        connection.ensure_connection()
        _backup.private_file(output)
        with sqlite3.connect(output) as target:
            connection.connection.backup(target)
        target.close()
