"""The main menu: each app's ``hooks.py`` may define ``menu_items(user) -> list[NavItem]``.

The menu is gathered through ``portal.common.appdiscovery`` (like ``demo.py``), so ``portal`` never names the
higher apps, and each app decides from its own rules which of its pages a user may reach.
"""

from dataclasses import dataclass

from django.urls import reverse

from portal.common.appdiscovery import app_hooks


@dataclass(frozen=True, slots=True)
class NavItem:
    label: str  # a lazy translation; rendered in the request's language
    url_name: str
    kwargs: dict | None = None
    order: int = 100

    def url(self) -> str:
        return reverse(self.url_name, kwargs=self.kwargs)


@dataclass(frozen=True, slots=True)
class NavLink:
    label: str
    url: str
    current: bool



def links_for(user, path: str) -> list[NavLink]:
    """The menu of this user, in order, with the entry for ``path`` marked current."""
    if user is None or not user.is_authenticated:
        return []
    items = sorted((item for items in app_hooks("hooks", "menu_items") for item in items(user)), key=lambda i: i.order)
    links = [NavLink(label=str(item.label), url=item.url(), current=False) for item in items]
    # The longest matching prefix is current ("/" only for itself), so /companies/7/ marks the registry.
    best = max(
        (link for link in links if path == link.url or (link.url != "/" and path.startswith(link.url))),
        key=lambda link: len(link.url),
        default=None,
    )
    return [NavLink(link.label, link.url, link is best) for link in links]
