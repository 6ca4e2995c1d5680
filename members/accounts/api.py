"""The API's throttles: DRF's user and anonymous rates, the anonymous one keyed on the client
address behind ``TRUSTED_PROXY_COUNT`` proxies (``members.web.client_ip``), as the pages'
rate limits are. The 429 carries DRF's own message, in the request's language."""

from rest_framework import throttling

# The module, not the function: members.web reads DRF's settings, which import this module.
from members import web


class AnonRateThrottle(throttling.AnonRateThrottle):
    def get_ident(self, request):
        return web.client_ip(request)


class UserRateThrottle(throttling.UserRateThrottle):
    def get_ident(self, request):
        return web.client_ip(request)
