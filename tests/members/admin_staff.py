"""Logging personas in to the admin as an organisation office's staff."""

from members.organizations.models import User
from tests.factories import make_staff

# The model permissions an organisation office grants its staff.
STAFF_PERMISSIONS = [
    "view_member",
    "change_member",
    "add_member",
    "delete_member",
    "view_organization",
    "change_organization",
    "add_organization",
    "view_familymember",
    "add_familymember",
    "change_familymember",
    "delete_familymember",
    "view_idnumberreveal",
    "view_assignment",
]
PERSONAS = ["secretary_a", "secretary_b", "officer_a1", "viewer_b", "outsider", "superuser"]


def admin_client(request, client, persona: str):
    """Log the persona in; anyone but the superuser as staff with the office's permissions."""
    user: User = request.getfixturevalue(persona)
    if not user.is_superuser:
        make_staff(user, *STAFF_PERMISSIONS)
    client.force_login(user)
    return client
