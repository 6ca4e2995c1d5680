"""Issuing and opening personal links: signed tokens, hashed secrets, expiry, revocation."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from members.links import selectors, tokens
from members.links.actions import link_issue, link_revoke
from members.links.models import MemberLink

pytestmark = pytest.mark.django_db


def _token(issued) -> str:
    return issued.path.removeprefix("/m/").removesuffix("/")


def test_the_path_carries_a_signed_token_naming_the_link(issued):
    link_id, secret = tokens.token_read(_token(issued))

    assert issued.path.startswith("/m/")
    assert link_id == issued.link.pk
    assert secret not in issued.link.secret_hash


def test_only_the_secret_hash_is_stored(issued):
    _link_id, secret = tokens.token_read(_token(issued))

    assert MemberLink.objects.get().secret_hash == tokens.secret_hash(secret)


def test_the_url_starts_with_the_site_url(settings, member, secretary_a):
    settings.SITE_URL = "https://sanlian.example.cn"

    issued = link_issue(actor=secretary_a, member=member)

    assert issued.url == f"https://sanlian.example.cn{issued.path}"


def test_a_valid_token_opens_its_link(issued):
    assert selectors.link_open(_token(issued)).link == issued.link


def test_a_tampered_token_is_refused_without_a_query(issued, django_assert_num_queries):
    token = _token(issued)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")

    with django_assert_num_queries(0):
        opening = selectors.link_open(tampered)

    assert opening == selectors.Opening(None, selectors.TAMPERED)


def test_a_signed_token_with_a_wrong_secret_is_unknown(issued):
    forged = tokens.token_make(issued.link.pk, "not-the-secret")

    assert selectors.link_open(forged).reason == selectors.UNKNOWN


def test_a_token_of_a_deleted_link_is_unknown(issued):
    MemberLink.objects.all().delete()

    assert selectors.link_open(_token(issued)).reason == selectors.UNKNOWN


def test_an_expired_link_opens_nothing(issued):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        opening = selectors.link_open(_token(issued))

    assert opening.reason == selectors.EXPIRED


def test_a_link_is_valid_for_the_days_asked(member, secretary_a):
    issued = link_issue(actor=secretary_a, member=member, days=7)

    assert issued.link.expires_at - issued.link.created_at < datetime.timedelta(days=7, seconds=5)


def test_a_revoked_link_opens_nothing(issued, secretary_a):
    link_revoke(actor=secretary_a, link=issued.link)

    assert selectors.link_open(_token(issued)).reason == selectors.REVOKED


def test_a_new_link_revokes_the_older_one(issued, member, secretary_a):
    newer = link_issue(actor=secretary_a, member=member)

    assert selectors.link_open(_token(issued)).reason == selectors.REVOKED
    assert selectors.link_open(_token(newer)).link == newer.link


def test_a_new_link_leaves_other_members_links_alone(issued, other_member, secretary_a):
    link_issue(actor=secretary_a, member=other_member)

    assert selectors.link_open(_token(issued)).link == issued.link


def test_only_a_writer_of_the_file_issues_a_link(member, secretary_b, viewer_a):
    for user in (secretary_b, viewer_a):
        with pytest.raises(PermissionDenied):
            link_issue(actor=user, member=member)

    assert not MemberLink.objects.exists()


def test_only_a_writer_of_the_file_revokes(issued, viewer_a):
    with pytest.raises(PermissionDenied):
        link_revoke(actor=viewer_a, link=issued.link)

    assert MemberLink.objects.get().revoked_at is None


@pytest.mark.parametrize("days", [0, 91])
def test_the_validity_is_between_one_and_ninety_days(member, secretary_a, days):
    with pytest.raises(ValidationError) as error:
        link_issue(actor=secretary_a, member=member, days=days)

    assert "days" in error.value.message_dict
