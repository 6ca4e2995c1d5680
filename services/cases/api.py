"""The topic's REST API under `/api/v1/services/`: ROUTES are (prefix, viewset, basename)."""

ROUTES: list = []
