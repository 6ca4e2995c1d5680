"""The walk over signing in: each user's own password, API token and (for admin staff) the
second-factor pages, and the admin's lists of API tokens and authenticators.

Everyone owns their own account pages; the two-factor pages are for admin staff only (403 to
the pages' personas, who are not staff). Staff hold no permission on tokens or
authenticators: only an administrator revokes them.
"""

from types import SimpleNamespace

from rest_framework.authtoken.models import Token

from tests.factories import totp_device
from tests.members.walk.cases import ANY, EVERYONE_OWNS, OWNER, Target
from tests.members.walk.table_admin import FOREIGN, Model, model_cases
from tests.members.walk.table_pages import page, post_only


def build(world) -> None:
    """secretary_a's API token and staff_a's authenticator."""
    token = Token.objects.create(user=world.users["secretary_a"])
    # DRF's token admin addresses a token by its user's id, not by its key.
    world.objects["token_a"] = SimpleNamespace(pk=token.user_id, token=token)
    world.objects["totp_staff_a"] = totp_device(world.users["staff_a"])


PAGES = [
    page("password_change", {"GET": {ANY: 200}, "POST": {ANY: 200}}, EVERYONE_OWNS),
    page("password_change_done", {"GET": {ANY: 200}, "POST": {ANY: 405}}, EVERYONE_OWNS),
    page("otp_verify", {"GET": {ANY: 403}, "POST": {ANY: 403}}, EVERYONE_OWNS),
    page("otp_setup", {"GET": {ANY: 403}, "POST": {ANY: 403}}, EVERYONE_OWNS),
    page("api_token", {"GET": {ANY: 200}, "POST": {ANY: 405}}, EVERYONE_OWNS),
    page("api_token_issue", post_only({OWNER: 302}), EVERYONE_OWNS),
    page("api_token_revoke", post_only({OWNER: 302}), EVERYONE_OWNS),
]

ADMIN_MODELS = [
    Model("tokenproxy", FOREIGN, (Target("token_a"),), app="authtoken"),
    Model("totpdevice", FOREIGN, (Target("totp_staff_a"),), app="otp_totp"),
]

CASES = [*PAGES, *(case for model in ADMIN_MODELS for case in model_cases(model))]
