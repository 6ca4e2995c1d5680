"""The management chain's parts of the supplement: the organisations that took in mobile
members, and the Party organisations set up for mobile members by kind."""

from django.utils.translation import gettext_lazy as _

from members.statistics import selectors
from members.statistics.registry import SupplementPart, supplement_row

RECEIVED = _("Mobile members received")

supplement_row(
    SupplementPart(
        key="receiving",
        title=_("Organisations receiving mobile Party members"),
        columns=[("organizations", _("Number of organisations")), ("members", RECEIVED)],
        lines=[("receiving", _("Organisations that took in mobile Party members"))],
        counts=selectors.receiving_counts,
        order=20,
        total=False,
    )
)
supplement_row(
    SupplementPart(
        key="mobile_organizations",
        title=_("Party organisations of mobile Party members"),
        columns=[
            ("committee", _("Party committees")),
            ("general_branch", _("General Party branches")),
            ("branch", _("Party branches")),
        ],
        lines=[("organizations", _("Number of organisations")), ("members", RECEIVED)],
        counts=selectors.mobile_organization_counts,
        order=30,
    )
)
