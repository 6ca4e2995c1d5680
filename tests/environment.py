"""A clean environment for subprocesses the tests start: only what finds the interpreter.

Variables of the shell that runs the suite (CELERY_BROKER_URL, SANLIAN_ENV, …) must not change
what a configuration test sees.
"""

import os


def clean_environment(**variables: str) -> dict[str, str]:
    base = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return {**base, **variables}
