"""What waits for a regulator-side user, for their home page.

Like the menu (navigation.py), each app's ``hooks.py`` may define ``todo_items(user) -> list[Todo]``,
gathered through ``portal.common.appdiscovery`` so ``portal`` never names the higher apps. Each app counts
only what its own rules let the user act on, in a fixed number of queries.
"""

from dataclasses import dataclass

from portal.common.appdiscovery import app_hooks


@dataclass(frozen=True, slots=True)
class Todo:
    label: str  # what to do, in the request's language
    count: int
    url: str
    note: str = ""  # e.g. the nearest due date
    urgent: bool = False  # something is overdue



def todos_for(user) -> list[Todo]:
    """Every app's open items for ``user`` (those with nothing to do are left out)."""
    return [todo for items in app_hooks("hooks", "todo_items") for todo in items(user) if todo.count]
