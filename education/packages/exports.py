"""The dispatch list and the package list as spreadsheets: the pages' rows, in their order."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from education.packages import selectors
from members.downloads.registry import Column, ListExport, register


def dispatch_rows(*, user, params):
    return selectors.dispatch_rows(user=user)


def _count(name: str):
    return lambda dispatch: getattr(dispatch, f"n_{name}")


register(
    ListExport(
        name="dispatches",
        title=_("Study packages sent"),
        list_url="education:packages:dispatch_list",
        rows=dispatch_rows,
        columns=(
            Column(_("Title"), lambda dispatch: dispatch.title, 30),
            Column(_("Study package"), lambda dispatch: dispatch.package.name, 24),
            Column(_("Sent by"), lambda dispatch: dispatch.organization.name, 24),
            Column(_("Who it is for"), lambda dispatch: dispatch.audience, 24),
            Column(_("Sets"), _count("total"), 8),
            Column(_("To pack"), lambda dispatch: selectors.progress(dispatch).to_pack, 8),
            Column(_("Sent"), _count("sent"), 8),
            Column(_("Delivered"), _count("delivered"), 8),
            Column(_("Received by the member"), _count("received"), 10),
            Column(_("Returned"), _count("returned"), 8),
            Column(_("Created"), lambda dispatch: timezone.localdate(dispatch.created_at), 12),
        ),
    )
)


def package_rows(*, user, params):
    # Read whole (an organisation keeps a few packages): the items are prefetched, and a
    # prefetching queryset cannot be read with a plain ``iterator()``.
    return list(selectors.package_rows(user=user))


def _items(package) -> str:
    """As the page lists them: "党章、学习笔记本 × 2"."""
    return "、".join(
        item.title if item.quantity == 1 else f"{item.title} × {item.quantity}"
        for item in package.items.all()
    )


register(
    ListExport(
        name="packages",
        title=_("Packages"),
        list_url="education:packages:package_list",
        rows=package_rows,
        columns=(
            Column(_("Name"), lambda package: package.name, 24),
            Column(_("Owner"), lambda package: package.organization.name, 24),
            Column(_("Description"), lambda package: package.description, 30),
            Column(_("Items"), _items, 40),
            Column(_("Created"), lambda package: timezone.localdate(package.created_at), 12),
        ),
    )
)
