"""Ids of existing objects for the schemathesis run, read through the API's own lists."""

import re

from werkzeug.test import Client

PARAMETER = re.compile(r"\{(\w+)\}")


def collect_real_ids(app, cookies: dict, paths) -> dict[str, dict[str, list]]:
    """For each path with parameters, the ids its lists show the signed-in user, by parameter:
    ``/api/v1/records/{id}/`` takes ``id`` from ``/api/v1/records/``."""
    client = Client(app)
    for name, value in cookies.items():
        client.set_cookie(name, value, domain="localhost")
    found = {}
    for path in paths:
        names = PARAMETER.findall(path)
        if not names:
            continue
        found[path] = _ids_for(client, path, names)
    return found


def _ids_for(client, path: str, names: list[str]) -> dict[str, list]:
    ids, prefix = {}, path
    for name in names:
        before = prefix.split("{" + name + "}")[0]
        listed = _list_ids(client, before)
        if not listed and name == "id" and "management/members" in before:
            listed = _list_ids(client, "/api/v1/members/")
        ids[name] = listed
        if listed:
            prefix = prefix.replace("{" + name + "}", str(listed[0]), 1)
    return ids


def _list_ids(client, url: str) -> list:
    if "{" in url:
        return []
    response = client.get(url)
    if response.status_code != 200 or not response.is_json:
        return []
    body = response.get_json()
    rows = body.get("results", []) if isinstance(body, dict) else body
    return [row["id"] for row in rows if isinstance(row, dict) and "id" in row][:20]
