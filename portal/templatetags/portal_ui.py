"""Template helpers of the shared UI: the main menu, names and values in the request's language."""

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.navigation import links_for

register = template.Library()


def _english() -> bool:
    return (get_language() or "ko").startswith("en")


@register.simple_tag(takes_context=True)
def main_nav(context) -> list:
    """The signed-in user's menu (empty for visitors and on the bare 500 page)."""
    request = context.get("request")
    if request is None or context.get("plain_chrome"):
        return []
    return links_for(getattr(request, "user", None), request.path)


@register.filter
def company_name(company) -> str:
    """The company's name in the page's language."""
    return company.name_en if _english() else company.name_ko


@register.filter
def company_other_name(company) -> str:
    """The company's name in the other language (shown beside the first)."""
    return company.name_ko if _english() else company.name_en


@register.filter
def people(value) -> str:
    if value is None or value == "":
        return ""
    return _("%(count)s people") % {"count": f"{int(value):,}"}


@register.filter
def yes_no(value) -> str:
    return _("Yes") if value else _("No")
