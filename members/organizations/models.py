"""The Party organisation tree, organisations outside it, users and who works on which subtree."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from members.scoping import Role, ScopedQuerySet, organizations_in, subtree_q
from members.validators import validate_phone, validate_region_code


class UserQuerySet(ScopedQuerySet):
    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        """People working in the subtrees; changing one needs all of their roles inside them.

        Administrators belong to no subtree: only an administrator sees or changes them.
        """
        organizations = organizations_in(paths)
        inside = Assignment.objects.filter(organization__in=organizations).values("user_id")
        condition = Q(pk__in=inside, is_superuser=False)
        if for_write:
            outside = Assignment.objects.exclude(organization__in=organizations)
            condition &= ~Q(pk__in=outside.values("user_id"))
        return condition


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class AdminRole(models.TextChoices):
    """The three separated administrator roles (三员分立); an account holds at most one."""

    SYSTEM = "system", _("System administrator")
    SECURITY = "security", _("Security administrator")
    AUDIT = "audit", _("Audit administrator")


# The model permissions each administrator role holds, and no others: an administrator's
# stored permissions and groups are ignored, so nobody can quietly give one of them a second
# role's rights (members.organizations.roles asks the questions).
ADMIN_ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    AdminRole.SYSTEM: frozenset(
        {
            "members.view_user",
            "members.add_user",
            "members.change_user",
            "members.view_externalorganization",
            "members.add_externalorganization",
            "members.change_externalorganization",
            "members.view_messagetemplate",
            "members.add_messagetemplate",
            "members.change_messagetemplate",
        }
    ),
    AdminRole.SECURITY: frozenset(
        {
            "members.view_user",
            "members.change_user",
            "members.view_assignment",
            "members.add_assignment",
            "members.change_assignment",
            "members.delete_assignment",
            # Credentials: a lost authenticator or a leaked API token is withdrawn here.
            "otp_totp.view_totpdevice",
            "otp_totp.delete_totpdevice",
            "authtoken.view_tokenproxy",
            "authtoken.delete_tokenproxy",
        }
    ),
    # The audit log's view permission (its admin also asks ``roles.may_read_audit_log``).
    AdminRole.AUDIT: frozenset({"members.view_auditevent"}),
}


class User(AbstractUser):
    """A person who signs in: secretary, officer, department viewer or administrator."""

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    # One field, so no account can hold two of the separated roles.
    admin_role = models.CharField(
        _("administrator role"), max_length=10, choices=AdminRole.choices, blank=True
    )

    objects = ScopedUserManager()
    # Who may sign in and with which rights is kept in history; never the password hash.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or super().get_full_name() or self.username

    # An administrator (三员分立) holds exactly their role's model permissions: what is stored
    # for the account (permissions, groups) does not add a second role's rights.

    def has_perm(self, perm, obj=None):
        allowed = self._role_permissions()
        if allowed is None:
            return super().has_perm(perm, obj)
        return obj is None and perm in allowed

    def has_module_perms(self, app_label):
        allowed = self._role_permissions()
        if allowed is None:
            return super().has_module_perms(app_label)
        return any(perm.startswith(f"{app_label}.") for perm in allowed)

    def get_all_permissions(self, obj=None):
        allowed = self._role_permissions()
        if allowed is None:
            return super().get_all_permissions(obj)
        return set(allowed) if obj is None else set()

    def _role_permissions(self) -> frozenset[str] | None:
        """The permissions of the account's administrator role; ``None`` if it holds none
        (the superuser keeps Django's answer: everything)."""
        if not self.admin_role or self.is_superuser:
            return None
        if not (self.is_active and self.is_staff):
            return frozenset()
        return ADMIN_ROLE_PERMISSIONS.get(self.admin_role, frozenset())


class OrganizationQuerySet(ScopedQuerySet, MP_NodeQuerySet):
    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        return subtree_q(paths)


class OrganizationManager(MP_NodeManager.from_queryset(OrganizationQuerySet)):
    def get_queryset(self):
        return OrganizationQuerySet(self.model, using=self._db).order_by("path")


class Organization(MP_Node):
    """A node of the Party organisation tree (市委 → 区县委 → 乡镇/街道党(工)委 → 支部)."""

    class Kind(models.TextChoices):
        CITY = "city", _("City committee")
        COUNTY = "county", _("District/county committee")
        TOWN = "town", _("Town/street Party (working) committee")
        COMMITTEE = "committee", _("Party committee")
        GENERAL_BRANCH = "general_branch", _("General Party branch")
        BRANCH = "branch", _("Party branch")
        MOBILE_BRANCH = "mobile_branch", _("Mobile Party members' branch")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    region_code = models.CharField(
        _("region code"),
        max_length=6,
        validators=[validate_region_code],
        help_text=_("Six-digit administrative division code (GB/T 2260)"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    secretary_name = models.CharField(_("secretary's name"), max_length=50, blank=True)
    # Counted among the mobile-member organisations of the official statistics by its kind
    # (党委 · 总支 · 支部); a mobile members' branch always is (the actions keep it so).
    for_mobile_members = models.BooleanField(
        _("set up for mobile Party members"),
        default=False,
        help_text=_(
            "A Party committee, general branch or branch set up for mobile Party members; "
            "a mobile Party members' branch always is."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OrganizationManager()
    history = HistoricalRecords()

    # No node_order_by: a sorted insert renumbers the paths of later siblings and their whole
    # subtrees, which would make every path held in memory stale. New nodes go last.

    class Meta:
        verbose_name = _("Party organisation")
        verbose_name_plural = _("Party organisations")
        indexes = [
            # PostgreSQL needs the pattern opclass for an indexed LIKE 'prefix%'.
            models.Index(
                fields=["path"], name="org_path_prefix", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["kind"], name="org_kind"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="mobile_branch") | Q(for_mobile_members=True),
                name="org_mobile_branch_for_mobile_members",
                violation_error_message=_(
                    "A mobile Party members' branch is always set up for mobile Party members."
                ),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:detail", args=[self.pk])

    def is_within(self, other: "Organization") -> bool:
        return self.path.startswith(other.path)


class ExternalOrganization(models.Model):
    """A Party organisation outside the system, e.g. a branch in Chengdu a member came from."""

    name = models.CharField(_("name"), max_length=150)
    region_code = models.CharField(
        _("region code"), max_length=6, validators=[validate_region_code]
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=20, blank=True, validators=[validate_phone]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("external organisation")
        verbose_name_plural = _("external organisations")
        constraints = [
            models.UniqueConstraint(fields=["name", "region_code"], name="external_org_unique")
        ]

    def __str__(self):
        return self.name


class AssignmentQuerySet(ScopedQuerySet):
    def scope_condition(self, paths: list[str], *, for_write: bool = False) -> Q:
        return Q(organization__in=organizations_in(paths))


class Assignment(models.Model):
    """A user's role on an organisation and everything below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="assignments", verbose_name=_("user")
    )
    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="assignments", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    objects = AssignmentQuerySet.as_manager()
    # What grants access is itself kept in history: who gave whom which role, and when.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="assignment_unique")
        ]

    def __str__(self):
        return f"{self.user} · {self.organization} · {self.get_role_display()}"
