"""Korean business registration numbers (사업자등록번호): 10 digits, the last a check digit."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)
_SEPARATORS = re.compile(r"[\s\-]")


def brn_check_digit(first_nine: str) -> int:
    digits = [int(c) for c in first_nine]
    total = sum(d * w for d, w in zip(digits, _WEIGHTS, strict=True))
    total += digits[8] * 5 // 10
    return (10 - total % 10) % 10


def normalise_brn(value: str) -> str:
    """Return the canonical ``123-45-67890`` form, or raise ValidationError naming the problem."""
    raw = _SEPARATORS.sub("", str(value or ""))
    if not raw.isascii() or not raw.isdigit() or len(raw) != 10:
        raise ValidationError(
            _("A business registration number has 10 digits, written like 123-45-67890."), code="brn_format"
        )
    if brn_check_digit(raw[:9]) != int(raw[9]):
        raise ValidationError(
            _("This business registration number is not valid: its check digit does not match."),
            code="brn_check_digit",
        )
    return f"{raw[:3]}-{raw[3:5]}-{raw[5:]}"


def validate_brn(value: str) -> None:
    normalise_brn(value)
