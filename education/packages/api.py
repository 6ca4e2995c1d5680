"""The REST API of packages: viewsets registered by config/api_urls.py from ``ROUTES``."""

# (prefix under /api/v1/, viewset, basename)
ROUTES: list = []
