"""Template helpers of a page's frame: its breadcrumb, its error summary and the KRDS class of a field's
control. The partials they feed live in templates/portal/includes/ (breadcrumb.html, error_summary.html,
field.html); every page uses these, and tests/portal/test_includes.py checks that none writes its own."""

from dataclasses import dataclass

from django import template
from django.forms import BaseForm, BaseFormSet
from django.forms.utils import ErrorList
from django.utils.functional import LazyObject
from django.utils.translation import gettext as _

register = template.Library()

# The class KRDS draws a control by, per Django widget type (BoundField.widget_type). Radio buttons and
# checkboxes take none: KRDS draws them through their .krds-form-check.medium wrapper (field.html).
_INPUT_KINDS = {"text", "password", "email", "number", "url", "tel", "search", "date", "datetime", "time",
                "textarea"}
_SELECT_KINDS = {"select", "selectmultiple", "nullbooleanselect"}


@register.filter
def krds_control(bound_field):
    """The field's control with KRDS's class (``krds-input`` for text, date and textarea, ``krds-form-select``
    for selects) added to the widget's own classes, so that no form has to remember it."""
    kind = bound_field.widget_type
    wanted = "krds-input" if kind in _INPUT_KINDS else "krds-form-select" if kind in _SELECT_KINDS else None
    classes = bound_field.field.widget.attrs.get("class", "").split()
    if wanted is None or wanted in classes:
        return bound_field.as_widget()
    return bound_field.as_widget(attrs={"class": " ".join([*classes, wanted])})


@register.inclusion_tag("portal/includes/breadcrumb.html", takes_context=True)
def breadcrumb(context, *trail):
    """``{% breadcrumb label url label url ... current %}``: Home, then each (label, url) pair, then the
    current page (linked to itself, ``aria-current="page"``). ``{% breadcrumb current %}`` for a page
    right under Home."""
    if len(trail) % 2 != 1:
        raise template.TemplateSyntaxError("breadcrumb takes label/url pairs and then the current page's label")
    request = context.get("request")
    return {
        "trail": list(zip(trail[:-1:2], trail[1:-1:2], strict=True)),
        "current": trail[-1],
        "current_url": request.path if request is not None else "",
    }


@dataclass(frozen=True)
class PageError:
    """One line of the error summary: the message, the field it belongs to (label, and the id of the
    control a link takes the user to); a message about the whole form has neither."""

    message: str
    label: str = ""
    href: str = ""


def _anchor(bound_field) -> str:
    if bound_field.field.widget.use_fieldset:  # radio buttons, checkbox lists: the first option
        return f"#{bound_field.auto_id}_0" if bound_field.auto_id else ""
    target = bound_field.id_for_label or bound_field.auto_id
    return f"#{target}" if target else ""


def _form_errors(form, row: int | None = None) -> list[PageError]:
    """A form's errors; ``row`` is its number in a formset, whose rows repeat the same labels. An error
    about a whole row links to the row's first field."""
    found = []
    visible = form.visible_fields()
    for name, messages in form.errors.items():
        bound_field = form[name] if name in form.fields else None
        if bound_field is None or bound_field.is_hidden:
            if row is not None and visible:
                label, href = _("Row %(row)s") % {"row": row}, _anchor(visible[0])
                found.extend(PageError(str(message), label, href) for message in messages)
            else:
                found.extend(PageError(str(message)) for message in messages)
            continue
        label = str(bound_field.label)
        if row is not None:
            label = _("%(label)s (row %(row)s)") % {"label": label, "row": row}
        found.extend(PageError(str(message), label, _anchor(bound_field)) for message in messages)
    return found


def _errors_of(value) -> list[PageError]:
    if isinstance(value, BaseFormSet):
        if not value.is_bound:
            return []
        found = [PageError(str(message)) for message in value.non_form_errors()]
        for row, form in enumerate(value.forms, start=1):
            found.extend(_form_errors(form, row))
        return found
    if isinstance(value, BaseForm):
        return _form_errors(value)
    if isinstance(value, ErrorList):  # messages a view found outside a form; field_id names their control
        href = f"#{value.field_id}" if value.field_id else ""
        return [PageError(str(message), href=href) for message in value]
    return []


@register.simple_tag(takes_context=True)
def page_errors(context) -> list[PageError]:
    """Every error on the page: of each form and formset in the context (its fields' errors, linked to
    the field, and its errors about the whole form) and of each ``ErrorList`` a view put there itself.
    base.html shows them in the error summary and starts the title with "Error:" when there are any."""
    found, seen = [], set()
    for value in context.flatten().values():
        # A lazy value (the user, the CSRF token) is never a form; looking closer would evaluate it.
        if isinstance(value, LazyObject) or id(value) in seen:
            continue
        seen.add(id(value))
        found.extend(_errors_of(value))
    return found
