"""What the forms of every app share."""

from django.utils.translation import gettext_lazy as _

# The empty first option of a drop-down that asks for a choice (Django's own is "---------"), as the
# reports forms word it.
EMPTY_LABEL = _("— choose —")


def _has_errors(form) -> bool:
    if form is None or not form.is_bound:
        return False
    count = getattr(form, "total_error_count", None)  # a formset: its errors are a list of dicts
    return bool(count()) if count else bool(form.errors)


def answer_status(request, *forms) -> int:
    """The status of a page that shows forms (and formsets): 400 when a posted one comes back with its
    errors (bad input, or a refusal the view put on the form), 200 otherwise; every form page answers alike."""
    return 400 if request.method == "POST" and any(_has_errors(form) for form in forms) else 200
