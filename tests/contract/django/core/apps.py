from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        # Money moves by signals, as in the original (see signals.py).
        from . import signals  # noqa: F401
