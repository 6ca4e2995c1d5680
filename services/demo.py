"""The service chain's demo (stories 6–9 and 11): each topic's ``demo.py`` adds its part, in
the order of ``TOPICS`` (stations first: cases are routed to them)."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import transaction


@transaction.atomic
def load_demo() -> None:
    for topic in apps.get_app_config("services").topics:
        name = f"services.{topic}.demo"
        if find_spec(name):
            import_module(name).load_demo()
