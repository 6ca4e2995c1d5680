"""What education's API viewsets share beyond members.web's ``WriteRolePermission``."""

from members.scoping import ensure_can_write


class WritableObjectMixin:
    """For a viewset's write steps on one object (publish, remind, invite, cancel, …)."""

    def writable_object(self):
        """The object for a write step: 404 outside the scope, 403 for its readers (before
        the request's data is read, so a reader learns nothing from a validation error)."""
        obj = self.get_object()
        ensure_can_write(self.request.user, obj)
        return obj
