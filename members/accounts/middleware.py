import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

STARTED, SEEN = "session_started", "session_seen"
# Noting the last visit at most once a minute spares a session write on every request.
SEEN_GRANULARITY = 60


class SessionLimitsMiddleware:
    """Sign out a session idle for ``SESSION_IDLE_TIMEOUT`` seconds or older than
    ``SESSION_COOKIE_AGE`` seconds since sign-in (the cookie's own expiry is only a hint the
    browser may ignore); the request then goes on as an anonymous one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request, now=int(time.time()))
        return self.get_response(request)

    def _check(self, request, *, now: int) -> None:
        session = request.session
        started, seen = session.setdefault(STARTED, now), session.get(SEEN, now)
        idle = now - seen > settings.SESSION_IDLE_TIMEOUT
        if idle or now - started > settings.SESSION_COOKIE_AGE:
            logout(request)
            messages.info(request, _("Your session has ended. Please log in again."))
        elif now - seen >= SEEN_GRANULARITY or SEEN not in session:
            session[SEEN] = now
