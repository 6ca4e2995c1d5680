"""The separated administrator roles (三员分立): one question, one function."""

from members.organizations.models import AdminRole, User


def holds_admin_role(user: User, role: AdminRole) -> bool:
    """Whether ``user`` is an active account holding the administrator ``role``."""
    return bool(user.is_authenticated and user.is_active and user.admin_role == role)
