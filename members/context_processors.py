from django.utils.functional import SimpleLazyObject

from members.models import Notification


def inbox(request):
    """Unread in-app messages for the bell; counted only if a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    unread = Notification.objects.inbox_of(user).filter(read_at__isnull=True)
    return {"inbox_unread": SimpleLazyObject(lambda: unread.count())}
