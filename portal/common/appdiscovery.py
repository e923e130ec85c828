"""Find a module of the same name in every installed app of ours (``demo``, ``bootstrap``).

This lets ``portal`` run every app's demo data or start-up step without importing the higher apps
by name, so the layers still point one way.
"""

from functools import cache
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


@cache
def app_hooks(module_name: str, function_name: str) -> tuple:
    """``<app>.<module_name>.<function_name>`` of each of our apps that defines it, lower layers first;
    found once per process (the menu, the company's progress and the to-do lists run on every page)."""
    return tuple(getattr(module, function_name) for module in app_modules(module_name)
                 if hasattr(module, function_name))
