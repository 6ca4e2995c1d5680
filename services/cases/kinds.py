"""The messages service cases send, registered with the outbox (members.outbox.kinds).

Texts are Chinese whatever the sender's language (like the seed's); an administrator may
replace them per organisation with a message template.
"""

from django.utils.translation import gettext_lazy as _

from members.outbox import kinds

CASE_FILED = kinds.register(
    "service_case_filed",
    _("Service request filed for your organisation"),
    default_text="新诉求“{title}”（{names}）已登记，由{organization}办理，请于{date}前办结。",
)
CASE_HANDED_OVER = kinds.register(
    "service_case_handover",
    _("Service request handed over to you"),
    default_text="诉求“{title}”（{names}）已转交{organization}办理，请于{date}前办结。",
)
CASE_ESCALATED = kinds.register(
    "service_case_escalated",
    _("Overdue service request escalated"),
    default_text="诉求“{title}”（{names}）应于{date}前办结，现已超期，提请{organization}督办。",
)
CASE_RESOLVED = kinds.register(
    "service_case_resolved",
    _("Service request resolved (to the members)"),
    default_text="{name}同志：您反映的“{title}”已办结，请通过个人链接评价。——{signature}",
)
