"""The token in a personal link: the link's id and a secret, signed with the site's key.

The signature lets a tampered or made-up token be refused without reading the database; the
secret (only its SHA-256 is stored) means that knowing the site's key alone cannot forge a
link either. Expiry and revocation live on the row, so the token itself never expires.
"""

import hashlib
import secrets

from django.core import signing

SALT = "members.links"
SEPARATOR = "."  # not a base64 character: the token is one path segment without escapes


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT, sep=SEPARATOR)


def new_secret() -> str:
    return secrets.token_urlsafe(12)  # 96 bits; the signature adds another 256


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_make(link_id: int, secret: str) -> str:
    return _signer().sign(f"{link_id}{SEPARATOR}{secret}")


def token_read(token: str) -> tuple[int, str]:
    """The link id and secret; ``signing.BadSignature`` for anything not signed by us."""
    value = _signer().unsign(token)
    link_id, _sep, secret = value.partition(SEPARATOR)
    if not link_id.isdigit() or not secret:
        raise signing.BadSignature("malformed personal link token")
    return int(link_id), secret
