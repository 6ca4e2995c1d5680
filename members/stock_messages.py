"""Django's stock form and model messages, reworded for secretaries in our locale.

Django looks each message up in our catalogue first (``LOCALE_PATHS``); naming them here
keeps ``makemessages`` from marking our wording obsolete, since our own code never says them.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

STOCK_MESSAGES = [
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    gettext_noop("This field cannot be blank."),
    gettext_noop("This field cannot be null."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a valid email address."),
    # Our wording does not repeat the value:
    # xgettext:no-python-format
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    # xgettext:no-python-format
    gettext_noop("Value %(value)r is not a valid choice."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("%(model_name)s with this %(field_label)s already exists."),
    gettext_noop("Enter a valid value."),
]
