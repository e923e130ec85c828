"""Template helpers of the shared UI: the main menu, names and values in the request's language."""

from django import template
from django.utils.translation import gettext as _

from portal.accounts.rules import person_name
from portal.common.language import in_language, is_english
from portal.ui.navigation import links_for

register = template.Library()



@register.simple_tag(takes_context=True)
def main_nav(context) -> list:
    """The signed-in user's menu (empty for visitors and on the bare 500 page)."""
    request = context.get("request")
    if request is None or context.get("plain_chrome"):
        return []
    return links_for(getattr(request, "user", None), request.path)


def _names(value) -> tuple[str, str]:
    """(Korean, English) name of a company, of a letter (the names it was issued to) or of a row of
    ``values()`` over letters."""
    if isinstance(value, dict):
        return value.get("letter__company_name_ko", ""), value.get("letter__company_name_en", "")
    if hasattr(value, "company_name_ko"):
        return value.company_name_ko, value.company_name_en
    return value.name_ko, value.name_en


@register.filter
def company_name(value) -> str:
    """The company's name in the page's language (Korean when there is no English name)."""
    return in_language(*_names(value))


@register.filter
def company_other_name(value) -> str:
    """The company's name in the other language (shown beside the first)."""
    name_ko, name_en = _names(value)
    return name_ko if is_english() else name_en


@register.filter
def people(value) -> str:
    if value is None or value == "":
        return ""
    return _("%(count)s people") % {"count": f"{int(value):,}"}


@register.filter
def person(user, viewer=None) -> str:
    """Who did something, as ``viewer`` (``|person:user``) may see it: a person's name, or, for anyone
    on the regulator's side, the Financial Services Commission unless the viewer is on that side too
    (portal.accounts.rules). Without a viewer, only company-side people are named."""
    if user is None or user == "":
        return ""
    return person_name(user, viewer=viewer)


@register.filter
def yes_no(value) -> str:
    return _("Yes") if value else _("No")
