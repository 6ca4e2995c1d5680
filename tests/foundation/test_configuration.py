"""Bad configuration must stop start-up with one clear line, not a traceback."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.environment import clean_environment

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SANLIAN_ENV": "production",
    "SECRET_KEY": "x" * 60,
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/sanlian",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "sanlian.example.cn",
    "FIELD_ENCRYPTION_KEYS": "q0pdyU7l4bUCgGGdqN2a6Tn5R3M1nMKpQ-3XlRWwwNQ=",
    "ID_HASH_KEY": "y" * 40,
}


def run_check(**overrides):
    env = clean_environment(**{k: v for k, v in overrides.items() if v is not None})
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY must be set when SANLIAN_ENV=production"),
        ("DATABASE_URL", "DATABASE_URL must be set when SANLIAN_ENV=production"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set when SANLIAN_ENV=production"),
        ("REDIS_URL", "REDIS_URL or CELERY_BROKER_URL must be set"),
        ("FIELD_ENCRYPTION_KEYS", "FIELD_ENCRYPTION_KEYS must be set"),
        ("ID_HASH_KEY", "ID_HASH_KEY must be set"),
    ],
)
def test_production_without_a_required_variable_stops_with_one_line(missing, message):
    result = run_check(**{**PRODUCTION, missing: None})

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DATABASE_URL", "mysql://root@localhost/x"),
        ("DATABASE_URL", "not a url"),
        ("REDIS_URL", "127.0.0.1:6379"),
        ("DEBUG", "perhaps"),
        ("FIELD_ENCRYPTION_KEYS", "too-short"),
    ],
)
def test_malformed_variable_is_named(name, value):
    result = run_check(**{name: value})

    assert result.returncode == 2
    assert result.stderr.startswith(f"Sanlian configuration error: {name}")
    assert "Traceback" not in result.stderr


def test_complete_production_configuration_starts():
    result = run_check(**PRODUCTION)

    assert result.returncode == 0, result.stderr


def test_embedded_default_needs_no_variables():
    result = run_check()

    assert result.returncode == 0, result.stderr
