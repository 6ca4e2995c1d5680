"""The separated administrator roles (三员分立): one question, one function.

The system administrator manages accounts (create, deactivate, reset a password, name and
e-mail) and the shared settings (external organisations, city-wide message texts); the
security administrator manages rights (who holds which role on which organisation, staff
status, groups, permissions and the administrator roles of other accounts); the audit
administrator only reads the audit log. An account holds at most one of them (one field), and
holds exactly that role's model permissions, whatever else was stored for it
(``User.has_perm`` and ``ADMIN_ROLE_PERMISSIONS`` in models.py).

Nobody changes their own rights, and ``is_superuser`` is set by no page at all: the superuser
is for emergencies, made on the server with ``manage.py createsuperuser``.
"""

from members.organizations.models import AdminRole, User


def holds_admin_role(user: User, role: AdminRole) -> bool:
    """Whether ``user`` is an active account holding the administrator ``role``."""
    return bool(user.is_authenticated and user.is_active and user.admin_role == role)


def is_administrator(user: User) -> bool:
    """Whether the account is the superuser or holds one of the administrator roles."""
    return bool(user.is_superuser or getattr(user, "admin_role", ""))


def may_manage_users(user: User) -> bool:
    """Create accounts, deactivate them, reset passwords, change names and e-mail."""
    return _superuser(user) or holds_admin_role(user, AdminRole.SYSTEM)


def may_change_settings(user: User) -> bool:
    """Change what every organisation shares: external organisations, city-wide texts."""
    return _superuser(user) or holds_admin_role(user, AdminRole.SYSTEM)


def may_grant_roles(user: User) -> bool:
    """Give and take roles on organisations, staff status, groups, permissions and the
    administrator roles of other accounts."""
    return _superuser(user) or holds_admin_role(user, AdminRole.SECURITY)


def may_read_audit_log(user: User) -> bool:
    """Read the audit log: the audit administrator alone."""
    return holds_admin_role(user, AdminRole.AUDIT)


def may_see_all_users(user: User) -> bool:
    """The account managers see every account; other staff only the people of their subtrees."""
    return may_manage_users(user) or may_grant_roles(user)


def may_change_account(actor: User, account: User) -> bool:
    """Name, e-mail, active flag and password of ``account``. Administrators' accounts are
    not changed by the system administrator (who could otherwise sign in as the auditor or
    the superuser); an administrator changes their own password on the password page."""
    if not may_manage_users(actor):
        return False
    return account.pk == actor.pk or _superuser(actor) or not is_administrator(account)


def may_change_rights(actor: User, account: User) -> bool:
    """Staff status, groups, permissions, administrator role and roles on organisations of
    ``account``: never one's own, never the superuser's."""
    if not may_grant_roles(actor) or account.pk == actor.pk:
        return False
    return not account.is_superuser


def may_grant_assignment(actor: User, account: User) -> bool:
    """A role on an organisation for ``account``: administrators belong to no subtree."""
    return may_change_rights(actor, account) and not is_administrator(account)


def may_delete_user(actor: User, account: User) -> bool:
    """Accounts are deactivated, never deleted: their history and what they recorded stay."""
    return False


def _superuser(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)
