"""KRW amounts as Korean readers expect them: 12,345,678,901,234 원 and 12조 3,456억 원."""

from django import template
from django.utils.translation import gettext as _

from portal.common.money import krw_digits, krw_words

register = template.Library()


@register.filter
def krw(value) -> str:
    """Digits with separators and the currency: ``12,000,000,000,000 원``."""
    if value is None or value == "":
        return ""
    return _("%(amount)s won") % {"amount": krw_digits(int(value))}


@register.filter
def krw_short(value) -> str:
    """조/억 units (Korean) or trillion/billion/million with one decimal (English)."""
    if value is None or value == "":
        return ""
    return krw_words(int(value))
