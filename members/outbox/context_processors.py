from django.utils.functional import SimpleLazyObject

from members.outbox.selectors import unread_count


def inbox(request):
    """Unread in-app messages for the bell; counted only if a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox_unread": SimpleLazyObject(lambda: unread_count(user=user))}
