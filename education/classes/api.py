"""The REST API of classes: viewsets registered by config/api_urls.py from ``ROUTES``."""

# (prefix under /api/v1/, viewset, basename)
ROUTES: list = []
