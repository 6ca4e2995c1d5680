"""Template tags of the organisational-life pages."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def year_months(months) -> str:
    """A year record's twelve months (``(month, done)`` pairs) as a list, each marked done.

    Built in Python: a branch's year shows it on fifty rows, and 600 items through the
    template engine took half of the page's time.
    """
    items = format_html_join(
        "",
        '<li class="{}" data-month="{}" title="{}">{}{}</li>',
        (
            ("done" if done else "", month, month, month, " ✓" if done else "")
            for month, done in months
        ),
    )
    label = _("Theme Party day each month")
    return format_html('<ol class="months" aria-label="{}">{}</ol>', label, items)
