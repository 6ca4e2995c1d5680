import sqlite3
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from members.management.commands import _backup


class Command(BaseCommand):
    help = (
        "Restore a backup written by backup_database into a database: PostgreSQL with "
        "pg_restore (created if missing), SQLite by its backup API; then the uploaded files "
        "from the tar next to it. Refuses a database or media folder that already holds data "
        "unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the database file backup_database wrote")
        parser.add_argument(
            "--into",
            help="a postgres:// URL or a database name on the same server (SQLite: a file "
            "path); default: the configured database",
        )
        parser.add_argument(
            "--media-root", type=Path, help="where the uploaded files go (default: MEDIA_ROOT)"
        )
        parser.add_argument("--no-media", action="store_true", help="restore the database only")
        parser.add_argument(
            "--force", action="store_true", help="replace what the database and folder hold"
        )

    def handle(self, *args, file: Path, into, media_root, no_media, force, **options):
        if not file.is_file():
            raise CommandError(f"No backup at {file}")
        database = _backup.target_database(into or settings.DATABASES["default"]["NAME"])
        media_root = media_root or Path(settings.MEDIA_ROOT)
        archive = _backup.media_archive(file)
        if not no_media and archive.is_file() and _backup.has_files(media_root) and not force:
            raise CommandError(
                f"{media_root} already holds files; give --media-root with an empty folder, "
                "--no-media, or --force to write over them."
            )
        if database["ENGINE"] == _backup.POSTGRESQL:
            self._restore_postgres(file, database, force=force)
        elif database["ENGINE"] == _backup.SQLITE:
            self._restore_sqlite(file, Path(database["NAME"]), force=force)
        else:
            raise CommandError(f"Restoring into {database['ENGINE']} is not supported.")
        self.stdout.write(f"Database {database['NAME']} restored from {file}")
        if not no_media:
            self._restore_media(archive, media_root)

    def _restore_postgres(self, file: Path, database: dict, *, force: bool) -> None:
        if not _backup.postgres_exists(database):
            _backup.postgres_create(database)
        elif _backup.postgres_table_count(database) and not force:
            raise CommandError(
                f"Database {database['NAME']} already holds tables; restore into an empty "
                "database, or give --force to replace them."
            )
        clean = ["--clean", "--if-exists"] if force else []
        command, environ_ = _backup.client_command(
            "pg_restore",
            database,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *clean,
            f"--dbname={database['NAME']}",
            str(file),
        )
        _backup.run(command, environ_)

    def _restore_sqlite(self, file: Path, target: Path, *, force: bool) -> None:
        if _sqlite_table_count(target) and not force:
            raise CommandError(
                f"Database {target} already holds tables; restore into a new file, or give "
                "--force to replace it."
            )
        source = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            source.close()
            destination.close()

    def _restore_media(self, archive: Path, media_root: Path) -> None:
        if not archive.is_file():
            self.stdout.write(f"No uploaded files to restore ({archive} is missing)")
            return
        files = _backup.media_unpack(archive=archive, media_root=media_root)
        self.stdout.write(f"Uploaded files ({files}) restored into {media_root}")


def _sqlite_table_count(path: Path) -> int:
    if not path.exists():
        return 0
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        query = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        count = connection.execute(query).fetchone()[0]
    connection.close()
    return count
