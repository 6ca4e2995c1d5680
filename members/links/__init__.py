"""The member's phone page: signed, expiring, revocable personal links (no account needed).

A secretary sends a member a link by SMS through the outbox; it opens a small page with only
the member's own name and items. Topics of any app add items and the actions a member may take
through ``members.links.registry`` — the management chain adds confirming a report-in,
education adds study, packages, lessons and classes, services adds requests.
"""
