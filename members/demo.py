"""Demo data for `make run`: sample data only, none of it describes a real person."""

from django.contrib.auth import get_user_model
from django.db import transaction

DEMO_PASSWORD = "sanlian2026"
DEMO_LOGINS = [("admin", "administrator (Django admin)")]


def demo_is_loaded() -> bool:
    return get_user_model().objects.filter(username="admin").exists()


@transaction.atomic
def load_demo() -> None:
    """Create the demo users; safe to run again."""
    User = get_user_model()
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"full_name": "系统管理员", "is_staff": True, "is_superuser": True},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
