from django.apps import AppConfig
from django.urls import register_converter


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal.common.params import IdConverter  # noqa: PLC0415 - params imports portal.errors, which imports DRF

        # ``<id:pk>`` in every URL conf: ids out of the database's range are 404 (portal/common/params.py).
        register_converter(IdConverter, "id")
