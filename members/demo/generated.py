"""The demo's generated members: 300 sample files spread over the branches, a third of them
away from home (their registrations come next), some with family left behind."""

import datetime
import random

from django.utils import timezone

from members.demo.records import ELSEWHERE
from members.demo.samples import fake_id_number, fake_mobile, fake_name
from members.files import actions, crypto
from members.files.models import Member
from members.organizations.models import Organization, User

GENERATED_MEMBERS = 300


def sample_member(admin, organization, region_code, birth_date, serial, gender, **fields):
    """Create a sample file unless its ID number is already there; return it only if new."""
    id_number = fake_id_number(region_code, birth_date, serial, gender)
    if Member.objects.filter(id_number_hash=crypto.keyed_hash(id_number)).exists():
        return None
    return actions.member_create(
        actor=admin,
        organization=organization,
        id_number=id_number,
        is_sample=True,
        gender=gender,
        birth_date=birth_date,
        phone=fake_mobile(971_000_000 + serial),
        **fields,
    )


SKILLS = ["电工", "焊工", "驾驶", "厨师", "种植", "养殖", "建筑", "家政", "电商", "维修"]
EDUCATION = ["bachelor", "college", "secondary", "secondary", "junior", "junior"]
ETHNICITY = ["汉族"] * 6 + ["回族", "回族", "藏族", "土族"]


def load_generated_members(admin: User, organizations: dict[str, Organization]) -> list[Member]:
    """Create the generated files; return the new ones of members who are away (their
    registrations come next)."""
    leaving = []
    branches = [org for org in organizations.values() if org.kind in ("branch", "mobile_branch")]
    for serial in range(1, GENERATED_MEMBERS + 1):
        # One generator per member: a second load, which skips existing files, draws the same.
        rng = random.Random(630100_000 + serial)
        organization = rng.choice(branches)
        gender = "M" if rng.random() < 0.65 else "F"
        birth_date = datetime.date(1955, 1, 1) + datetime.timedelta(days=rng.randrange(17_000))
        joined, full, category = _party_dates(rng, birth_date)
        mobile = organization.kind == "mobile_branch" or rng.random() < 0.35
        # A mobile-member branch's members came from elsewhere: their household is there.
        code, household = organization.region_code, organization.address
        if organization.kind == "mobile_branch":
            code, place = rng.choice(ELSEWHERE)
            household = f"{place}某村"
        member = sample_member(
            admin,
            organization,
            code,
            birth_date,
            serial,
            gender,
            name=fake_name(rng),
            joined_party_on=joined,
            full_member_on=full,
            category=category,
            education=rng.choice(EDUCATION),
            ethnicity=rng.choice(ETHNICITY),
            household_address=household,
            skills=rng.sample(SKILLS, rng.randrange(3)),
        )
        if member and mobile:
            leaving.append(member)
            if serial % 8 == 0:
                _add_left_behind(admin, member, rng)
    return leaving


def _party_dates(rng, birth_date) -> tuple[datetime.date, datetime.date | None, str]:
    """Join dates on every day of the year, so political birthdays fall all year round."""
    if rng.random() < 0.05:
        joined = timezone.localdate() - datetime.timedelta(days=rng.randrange(30, 330))
        return joined, None, "probationary"
    year = rng.randrange(birth_date.year + 19, min(birth_date.year + 45, 2024) + 1)
    joined = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
    return joined, joined + datetime.timedelta(days=365), "full"


def _add_left_behind(admin: User, member: Member, rng: random.Random) -> None:
    surname = member.name[0]
    if rng.random() < 0.5:
        name = surname + rng.choice("子小") + rng.choice("宇涵轩怡")
        relative = {
            "name": name,
            "relation": "子女",
            "age": rng.randrange(5, 15),
            "care_kind": "child",
        }
    else:
        relative = {
            "name": fake_name(rng),
            "relation": "父母",
            "age": rng.randrange(70, 88),
            "care_kind": "elder",
        }
    actions.family_member_add(
        actor=admin, member=member, address=member.household_address, **relative
    )
