import pytest

from config.celery import app as celery_app


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    """Fast password hashing and in-process Celery unless a test starts a real worker."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False
