from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"

    def ready(self) -> None:
        # Receivers need the models loaded, which only ready() guarantees.
        from letters import receivers  # noqa: F401, PLC0415
