"""rotate_encryption_keys: every ID number re-encrypted with the first key, once."""

import io

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.core.management.base import CommandError

from members.files import crypto
from members.files.models import Member
from tests.factories import make_member

pytestmark = pytest.mark.django_db

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


@pytest.fixture
def keys(settings):
    """Switch FIELD_ENCRYPTION_KEYS; the cached MultiFernet is rebuilt for each list."""

    def use(*keys: str) -> None:
        settings.FIELD_ENCRYPTION_KEYS = list(keys)
        crypto._fernet.cache_clear()

    yield use
    crypto._fernet.cache_clear()


@pytest.fixture
def members_under_b(tree, keys):
    keys(KEY_B)
    return [make_member(tree.branch_b1) for _ in range(5)]


def rotate(batch_size: int = 2) -> str:
    out = io.StringIO()
    call_command("rotate_encryption_keys", batch_size=batch_size, stdout=out)
    return out.getvalue()


def ciphertexts() -> dict[int, str]:
    return dict(Member.objects.values_list("pk", "id_number_encrypted"))


def readable_with(key: str) -> bool:
    fernet = Fernet(key)
    return all(fernet.decrypt(token.encode()) for token in ciphertexts().values())


def test_after_rotation_the_new_key_alone_decrypts_every_id_number(members_under_b, keys):
    before = {m.pk: crypto.decrypt(m.id_number_encrypted) for m in members_under_b}
    keys(KEY_A, KEY_B)
    rotate()
    keys(KEY_A)
    after = {pk: crypto.decrypt(token) for pk, token in ciphertexts().items()}
    assert after == before


def test_the_old_key_no_longer_decrypts_after_rotation(members_under_b, keys):
    keys(KEY_A, KEY_B)
    rotate()
    with pytest.raises(InvalidToken):
        readable_with(KEY_B)


def test_a_second_run_changes_nothing(members_under_b, keys):
    keys(KEY_A, KEY_B)
    rotate()
    first = ciphertexts()
    output = rotate()
    assert (ciphertexts(), output.splitlines()[-2:]) == (
        first,
        [
            "members.Member.id_number_encrypted: done, 0 of 5 re-encrypted",
            "members.ExportJob.params: done, 0 of 0 re-encrypted",
        ],
    )


def test_the_lookup_hashes_are_unchanged(members_under_b, keys):
    hashes = dict(Member.objects.values_list("pk", "id_number_hash"))
    keys(KEY_A, KEY_B)
    rotate()
    assert dict(Member.objects.values_list("pk", "id_number_hash")) == hashes


def test_rotation_writes_no_history_and_keeps_the_update_time(members_under_b, keys):
    stamps = dict(Member.objects.values_list("pk", "updated_at"))
    history = Member.history.count()
    keys(KEY_A, KEY_B)
    rotate()
    assert (dict(Member.objects.values_list("pk", "updated_at")), Member.history.count()) == (
        stamps,
        history,
    )


def test_progress_is_reported_per_batch(members_under_b, keys):
    keys(KEY_A, KEY_B)
    lines = rotate(batch_size=2).splitlines()
    assert lines == [
        "members.Member.id_number_encrypted: 2/5 read, 2 re-encrypted",
        "members.Member.id_number_encrypted: 4/5 read, 4 re-encrypted",
        "members.Member.id_number_encrypted: 5/5 read, 5 re-encrypted",
        "members.Member.id_number_encrypted: done, 5 of 5 re-encrypted",
        "members.ExportJob.params: done, 0 of 0 re-encrypted",
    ]


def test_a_value_no_key_decrypts_stops_the_run_with_a_clear_message(members_under_b, keys):
    keys(KEY_A)
    with pytest.raises(CommandError, match="no key of FIELD_ENCRYPTION_KEYS decrypts it"):
        rotate()
