"""The service chain's demo (stories 6–9 and 11): each topic's ``demo.py`` adds its part, in
the order of ``TOPICS`` (stations first: cases are routed to them)."""

from importlib import import_module
from importlib.util import find_spec

from django.db import transaction

from services.apps import TOPICS


@transaction.atomic
def load_demo() -> None:
    for topic in TOPICS:
        name = f"services.{topic}.demo"
        if find_spec(name):
            import_module(name).load_demo()
