"""Field validators for applications. Messages name the field and the limit."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from screening.catalogues.controls import load_controls
from screening.enums import PRODUCT_FIELD_MAX, PRODUCTS_MAX


def validate_products(value) -> None:
    """A list of ``{"name": str, "vendor": str}``, both non-empty, at most PRODUCTS_MAX entries."""
    if not isinstance(value, list):
        raise ValidationError(_("Give a list of entries, each with a name and a vendor."), code="not_a_list")
    if len(value) > PRODUCTS_MAX:
        raise ValidationError(
            _("At most %(max)d entries are allowed.") % {"max": PRODUCTS_MAX}, code="too_many"
        )
    for index, entry in enumerate(value, start=1):
        if not isinstance(entry, dict) or set(entry) != {"name", "vendor"}:
            raise ValidationError(
                _("Entry %(n)d must have exactly two fields: name and vendor.") % {"n": index}, code="shape"
            )
        for key in ("name", "vendor"):
            text = entry[key]
            if not isinstance(text, str) or not text.strip():
                raise ValidationError(
                    _("Entry %(n)d: the %(field)s is missing.")
                    % {"n": index, "field": _("name") if key == "name" else _("vendor")},
                    code="blank",
                )
            if len(text) > PRODUCT_FIELD_MAX:
                raise ValidationError(
                    _("Entry %(n)d: the %(field)s is longer than %(max)d characters.")
                    % {"n": index, "field": _("name") if key == "name" else _("vendor"), "max": PRODUCT_FIELD_MAX},
                    code="too_long",
                )


def validate_control_codes(value) -> None:
    """A list of distinct codes from the current compensating-controls catalogue."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Give a list of control codes from the catalogue."), code="not_a_list")
    if len(set(value)) != len(value):
        raise ValidationError(_("A control is listed more than once."), code="duplicate")
    unknown = [code for code in value if code not in load_controls().codes()]
    if unknown:
        raise ValidationError(
            _("Unknown control code(s): %(codes)s. See /api/v1/catalogue/controls/.")
            % {"codes": ", ".join(unknown[:10])},
            code="unknown_code",
        )
