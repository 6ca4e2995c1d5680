"""The logging configuration (``LOGGING`` in config/settings.py)."""


def logging_config(*, level: str) -> dict:
    """Django's LOGGING: the console, with ID numbers redacted from every record."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact_id_numbers": {"()": "config.log_filters.RedactIdNumbers"}},
        "formatters": {
            "django.server": {
                "()": "django.utils.log.ServerFormatter",
                "format": "[{server_time}] {message}",
                "style": "{",
            }
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "filters": ["redact_id_numbers"]},
            "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.server": {
                "handlers": ["django.server"],
                "level": "INFO",
                "propagate": False,
                "filters": ["redact_id_numbers"],
            },
            "django.request": {"filters": ["redact_id_numbers"]},
        },
    }
