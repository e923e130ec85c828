"""Find a module of the same name in every installed app of ours (``demo``, ``bootstrap``).

This lets ``portal`` run every app's demo data or start-up step without importing the higher apps
by name, so the layers still point one way.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

OUR_APPS = ("portal.accounts", "portal.audit", "portal", "eligibility", "screening", "letters", "reports")


def app_modules(name: str):
    """Yield ``<app>.<name>`` for each of our apps that has one, lower layers first."""
    installed = {config.name for config in apps.get_app_configs()}
    for app_name in OUR_APPS:
        if app_name in installed and find_spec(f"{app_name}.{name}") is not None:
            yield import_module(f"{app_name}.{name}")
