"""Factories build data through the same actions as the application, so derived fields are real."""

import datetime
import itertools

import factory
from django.test import Client

from members.demo.samples import fake_id_number, fake_mobile
from members.files import actions
from members.organizations.actions import organization_create
from members.organizations.models import Assignment, ExternalOrganization, Organization, User

_serial = itertools.count(1)


def system_user() -> User:
    user, _ = User.objects.get_or_create(
        username="factory-system", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.PostGenerationMethodCall("set_password", "Sanlian-2026")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_organization(
    name: str,
    *,
    parent: Organization | None = None,
    kind: str = "branch",
    region_code: str = "630102",
    **fields,
) -> Organization:
    return organization_create(
        actor=system_user(), parent=parent, name=name, kind=kind, region_code=region_code, **fields
    )


def assign(user: User, organization: Organization, role: str) -> Assignment:
    return Assignment.objects.create(user=user, organization=organization, role=role)


def chinese_numerals(number: int) -> str:
    """A serial in Chinese numerals: names take no digits (members.validators)."""
    return "".join("零一二三四五六七八九"[int(digit)] for digit in str(number))


def make_member(
    organization: Organization,
    *,
    name: str | None = None,
    gender: str = "M",
    birth_date: datetime.date = datetime.date(1985, 5, 20),
    joined_party_on: datetime.date = datetime.date(2010, 7, 1),
    status: str = "active",
    **fields,
):
    """A member file; ``status`` is reached as in life: away means a registered departure
    (without an inflow organisation), transferred an ended one, stopped or deceased the
    file's standing."""
    serial = next(_serial)
    fields.setdefault("category", "full")
    fields.setdefault("phone", fake_mobile(serial))
    if status in ("stopped", "deceased"):
        fields["standing"] = status
    member = actions.member_create(
        actor=system_user(),
        organization=organization,
        id_number=fake_id_number(organization.region_code, birth_date, serial, gender),
        name=name or f"党员{chinese_numerals(serial)}",
        joined_party_on=joined_party_on,
        **fields,
    )
    if status in ("mobile", "transferred"):
        record = make_record(member)
        if status == "transferred":
            from members.mobility.actions import mobile_record_end

            mobile_record_end(actor=system_user(), record=record, end_reason="transferred")
        member.refresh_from_db()
    return member


def make_external_organization(**fields) -> ExternalOrganization:
    fields.setdefault("name", "中共成都市武侯区某街道工委")
    fields.setdefault("region_code", "510107")
    return ExternalOrganization.objects.create(**fields)


def registration_fields(**overrides) -> dict:
    """What an outflow secretary fills in for a member leaving to work in 城中区."""
    fields = {
        "original_occupation": "farmer",
        "reason": "work",
        "unit_type": "private_enterprise",
        "departure_date": datetime.date(2026, 3, 1),
        "expected_months": 12,
        "destination_region_code": "630103",
        "destination_address": "西宁市城中区南滩街道某工地",
        "employer_name": "某劳务分包公司",
        "employer_contact_person": "李经理",
        "employer_contact_phone": "13909711234",
        "member_phone_there": "13909715678",
        "outflow_contact_person": "马慧艳",
        "outflow_contact_phone": "0971-8123456",
    }
    fields.update(overrides)
    return fields


def make_record(member, *, actor=None, submit: bool = True, **overrides):
    from members.mobility.actions import mobile_record_create, mobile_record_submit

    actor = actor or system_user()
    record = mobile_record_create(actor=actor, member=member, **registration_fields(**overrides))
    return mobile_record_submit(actor=actor, record=record) if submit else record


def make_staff(user: User, *codenames: str) -> User:
    """Give the user the admin site with the named ``members`` permissions (all without names),
    as an organisation office grants its staff."""
    from django.contrib.auth.models import Permission

    user.is_staff = True
    user.save()
    permissions = Permission.objects.filter(content_type__app_label="members")
    if codenames:
        permissions = permissions.filter(codename__in=codenames)
    user.user_permissions.set(permissions)
    return user


def totp_device(user: User):
    """The user's confirmed TOTP device (made on first call), as after the admin's setup."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def totp_code(device, *, offset: int = 0) -> str:
    """The code the authenticator app shows now (``offset`` time steps later)."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():0{device.digits}d}"


class VerifiedClient(Client):
    """A test client whose ``force_login`` of a staff user also verifies the session with the
    user's TOTP device, storing it in the session as ``django_otp.login`` does after the
    admin's code step: the admin stays closed to unverified staff in tests too."""

    def force_login(self, user, backend=None):
        from django_otp import DEVICE_ID_SESSION_KEY

        super().force_login(user, backend)
        if user.is_staff:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
            session.save()
