"""Signal receivers of the accounts topic, connected by ``MembersConfig.ready``."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from members.accounts.middleware import SEEN, STARTED


@receiver(user_logged_in)
def _session_times(sender, request, user, **kwargs) -> None:
    """Start the session's clocks at sign-in, while the session is being written anyway, so
    the first page after it writes nothing (``SessionLimitsMiddleware`` reads them)."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = request.session[SEEN] = now
