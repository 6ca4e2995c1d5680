import json
from pathlib import Path

from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from members.files.models import Member
from members.management.commands._backup import private_file

# Secrets and ciphertext, useless to the person and harmful if the file leaks; the masked ID
# number stays (the full one is shown through the logged reveal on the member's page).
LEFT_OUT = {"id_number_encrypted", "id_number_hash", "secret_hash", "home_path", "host_path"}


class Command(BaseCommand):
    help = (
        "Write everything Sanlian holds about one member (their file, and every row of every "
        "app that names them, with the history of each) as JSON, to answer a request under "
        "PIPL art. 45. Secrets and ciphertext are left out. The file is readable by its "
        "owner only; hand it over through the organisation department, not by e-mail."
    )

    def add_arguments(self, parser):
        parser.add_argument("member_id", type=int)
        parser.add_argument("--output", type=Path, help="default: the standard output")

    def handle(self, *args, member_id: int, output: Path | None, **options):
        member = Member.objects.filter(pk=member_id).first()
        if member is None:
            raise CommandError(f"No member with id {member_id}")
        text = json.dumps(member_data(member), cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        if output is None:
            self.stdout.write(text)
            return
        private_file(output)
        output.write_text(text, encoding="utf-8")
        self.stdout.write(f"Data of member {member_id} written to {output}")


def member_data(member: Member) -> dict[str, list[dict]]:
    """Rows by model label: the file, each row naming the member, and their histories.

    Found through the member's reverse relations, so rows of the education and service chains
    (and of any later app) come without this module naming them.
    """
    data = {Member._meta.label: _rows(Member.objects.filter(pk=member.pk))}
    data[f"{Member._meta.label} history"] = _rows(Member.history.filter(id=member.pk))
    for relation in Member._meta.related_objects:
        model = relation.related_model
        condition = {relation.field.name: member.pk}
        data[model._meta.label] = _rows(model._default_manager.filter(**condition))
        # A many-to-many (a case's members) keeps no history of its own rows here.
        if hasattr(model, "history") and not relation.many_to_many:
            history = model.history.filter(**condition)
            data[f"{model._meta.label} history"] = _rows(history)
    return {label: rows for label, rows in data.items() if rows}


def _rows(queryset) -> list[dict]:
    rows = serializers.serialize("python", queryset.order_by("pk"))
    return [
        {"pk": row["pk"]} | {k: v for k, v in row["fields"].items() if k not in LEFT_OUT}
        for row in rows
    ]
