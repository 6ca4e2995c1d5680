"""Load settings before anything else so that bad configuration reads as one clear line."""

import importlib
import os
import sys

from django.core.exceptions import ImproperlyConfigured


def load_settings_or_exit() -> None:
    """Import the settings module; on a configuration error print it and exit with status 2."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    try:
        importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"Sanlian configuration error: {exc}\n")
        sys.exit(2)
