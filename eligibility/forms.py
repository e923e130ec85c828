"""The company registry's filters. They only read and validate input; the views do the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.accounts.enums import Sector


class CompanyFilterForm(forms.Form):
    """The registry's filters (a GET form: bookmarkable, works without JavaScript)."""

    ELIGIBLE = "yes"
    NOT_ELIGIBLE = "no"

    q = forms.CharField(
        label=_("Name or registration number"), required=False, max_length=100, strip=True,
        widget=forms.TextInput(attrs={"class": "krds-input", "type": "search", "autocomplete": "off"}),
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices],
        widget=forms.Select(attrs={"class": "krds-form-select"}),
    )
    eligible = forms.ChoiceField(
        label=_("Eligibility"), required=False,
        choices=[("", _("All")), (ELIGIBLE, _("Eligible")), (NOT_ELIGIBLE, _("Not eligible"))],
        widget=forms.Select(attrs={"class": "krds-form-select"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            # KRDS shows a select's text as a placeholder until it is marked as chosen.
            if isinstance(field.widget, forms.Select) and self.data.get(self.add_prefix(name)):
                field.widget.attrs["class"] += " completed"

    def filters(self) -> dict:
        """The valid filters only: a bad value shows its error and is ignored, never a 500."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
