"""What the admin's own pages, and the pages some models add to it, owe the staff copies."""

from django.contrib.contenttypes.models import ContentType

from tests.members.walk import targets as t
from tests.members.walk.cases import ADMIN_INDEX, ANY, NONE, OWNER, READER, Target
from tests.members.walk.table_admin import A_ONLY, B_OWNS, SEE, USERS, admin, staff
from tests.members.walk.world import ADMINISTRATORS

WRONG_PASSWORD = {
    "old_password": "not-the-password",
    "new_password1": "Walk-2026-Long",
    "new_password2": "Walk-2026-Long",
}
NEW_PASSWORD = {"password1": "Walk-2026-Long", "password2": "Walk-2026-Long"}
AUTOCOMPLETE = {
    "model_name=member&field_name=organization": {
        "大街社区党支部": {"staff_a"},
        "南滩街道流动党员党支部": {"staff_b", "staff_viewer_b"},
    },
    "model_name=messagetemplate&field_name=organization": {
        "大街社区党支部": {"staff_a"},
        "南滩街道流动党员党支部": {"staff_b", "staff_viewer_b"},
    },
}

EVERYONE = {"GET": {ANY: 200}, "POST": {ANY: 200}}
ORG_A = Target("branch_a1", "大街社区党支部", A_ONLY)
ORG_B = Target("branch_b1", "南滩街道流动党员党支部", B_OWNS)

SITE_CASES = [
    admin("admin:index", EVERYONE),
    # Signing out of the admin: only staff reach it; others are sent to its index.
    admin("admin:logout", {"GET": {ANY: 405}, "POST": {ANY: 302}}, signed_out=ADMIN_INDEX),
    admin("admin:app_list", EVERYONE, args=lambda world, obj: ["members"]),
    admin(
        "admin:app_list",
        {"GET": {ANY: 404}, "POST": {ANY: 404}},
        args=lambda world, obj: ["auth"],
        label="auth",
    ),
    admin("admin:password_change", EVERYONE, data=lambda world, obj: WRONG_PASSWORD),
    admin("admin:password_change_done", {"GET": {ANY: 200}, "POST": {ANY: 405}}),
    admin("admin:jsi18n", {"GET": {ANY: 200}, "POST": {ANY: 405}}),
    admin("/admin/no-such-page/", {"GET": {ANY: 404}, "POST": {ANY: 404}}, label="catch-all"),
    *[
        admin(
            "admin:autocomplete",
            {"GET": {ANY: 200}, "POST": {ANY: 405}},
            query=lambda world, q=q: f"?app_label=members&{q}&term=",
            listing=listing,
            label=q,
        )
        for q, listing in AUTOCOMPLETE.items()
    ],
    admin(
        "admin:view_on_site",
        {"GET": {OWNER: 302, READER: 302, NONE: 404}, "POST": {OWNER: 302, READER: 302, NONE: 404}},
        staff(t.FILE_A),
        staff(t.FILE_B),
        args=lambda world, obj: [ContentType.objects.get_for_model(obj).pk, obj.pk],
    ),
    # A password is reset by the system administrator alone (三员分立).
    admin(
        "admin:auth_user_password_change",
        {"GET": {ANY: 403}, "POST": {ANY: 403}},
        *USERS,
        data=lambda world, obj: NEW_PASSWORD,
    ),
    admin(
        "admin:auth_user_password_change",
        {"GET": {OWNER: 200, ANY: 403}, "POST": {OWNER: 302, ANY: 403}},
        Target("user_secretary_a", "", {"sysadmin": OWNER}),
        data=lambda world, obj: NEW_PASSWORD,
        personas=tuple(ADMINISTRATORS),
        once=(),
        label="by administrators",
    ),
    # The tree's drag and drop: a node and the node it is dropped on must both be writable.
    admin(
        "/admin/members/organization/move/",
        {"GET": {ANY: 400}, "POST": {OWNER: 200, READER: 403, NONE: 403}},
        ORG_A,
        ORG_B,
        data=lambda world, node: {
            "node": node.pk,
            "target": world["town_a" if node == world["branch_a1"] else "town_b"].pk,
            "relation": "child",
        },
    ),
    admin(
        "/admin/members/organization/move/",
        {"GET": {ANY: 400}, "POST": {ANY: 403}},
        Target("branch_a1"),
        data=lambda world, node: {
            "node": node.pk,
            "target": world["town_b"].pk,
            "relation": "child",
        },
        label="into another subtree",
    ),
    admin(
        "/admin/members/organization/children/{}/",
        {"GET": SEE, "POST": SEE},
        Target("town_a", "大街社区党支部", A_ONLY),
        Target("town_b", "南滩街道流动党员党支部", B_OWNS),
    ),
    # "Send again" is offered to whoever reads a message; it resends only writable ones.
    admin(
        "admin:members_notification_changelist",
        {"POST": {ANY: 302}},
        Target("sms_a", "", A_ONLY),
        Target("sms_b", "", B_OWNS),
        args=lambda world, obj: [],
        data=lambda world, obj: {"action": "retry", "index": "0", "_selected_action": obj.pk},
        label="send again",
    ),
]
