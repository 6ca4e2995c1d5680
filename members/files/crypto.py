"""Encryption and keyed hashing of personal identifiers (ID numbers).

Ciphertext uses Fernet (AES-128-CBC + HMAC) from ``cryptography``; several keys may be given
for rotation, the first encrypts. The keyed hash (HMAC-SHA256) allows uniqueness and exact
search without storing the number in the clear.
"""

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


@cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.FIELD_ENCRYPTION_KEYS])


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def keyed_hash(value: str) -> str:
    return hmac.new(settings.ID_HASH_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()
