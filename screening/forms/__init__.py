"""The sections of the application form. They read and validate input; the services write."""

from django import forms
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.ui.forms import EMPTY_LABEL
from screening.catalogues.controls import load_controls
from screening.enums import (
    CONTROLS_OTHER_MAX,
    PRODUCT_FIELD_MAX,
    PRODUCTS_MAX,
    REASON_MAX,
    SELF_ASSESSMENT_MAX,
    SYSTEMS_IN_SCOPE_MAX,
    PhaseState,
)
from screening.models import Phase


def _text(limit: int, rows: int = 8) -> forms.Textarea:
    return forms.Textarea(attrs={"class": "krds-input", "rows": rows, "maxlength": limit})



def _at_most(limit: int):
    """"At most 10,000 characters." in the language of the page that shows it (a form's help text is
    built once, at import: formatting a lazy translation there would fix one language for everyone)."""
    return lazy(lambda: gettext("At most %(max)s characters.") % {"max": number_format(limit, force_grouping=True)},
                str)()

class VersionedForm(forms.Form):
    """Every form carries the version the user saw, so a concurrent change is a clear conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ScopeForm(VersionedForm):
    scope_ai_vulnerability_assessment = forms.BooleanField(
        label=_("AI models for vulnerability assessment"), required=False,
        widget=forms.CheckboxInput(attrs={"class": "krds-check"}),
    )
    scope_saas_security = forms.BooleanField(
        label=_("SaaS security solutions"), required=False, widget=forms.CheckboxInput(attrs={"class": "krds-check"}),
    )


class ProductForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=PRODUCT_FIELD_MAX, required=False,
                           widget=forms.TextInput(attrs={"class": "krds-input", "aria-label": _("Name")}))
    vendor = forms.CharField(label=_("Vendor"), max_length=PRODUCT_FIELD_MAX, required=False,
                             widget=forms.TextInput(attrs={"class": "krds-input", "aria-label": _("Vendor")}))

    def clean(self):
        data = super().clean()
        if bool(data.get("name")) != bool(data.get("vendor")):
            raise forms.ValidationError(_("Give both the name and the vendor, or leave both empty."))
        return data


ProductFormSet = forms.formset_factory(ProductForm, extra=2, max_num=PRODUCTS_MAX, validate_max=True)


def products_from(formset) -> list[dict]:
    return [
        {"name": f.cleaned_data["name"], "vendor": f.cleaned_data["vendor"]}
        for f in formset.forms
        if f.cleaned_data.get("name")
    ]


class SystemsForm(VersionedForm):
    systems_in_scope = forms.CharField(
        label=_("Systems and network segments in scope"), required=False, max_length=SYSTEMS_IN_SCOPE_MAX,
        widget=_text(SYSTEMS_IN_SCOPE_MAX),
        help_text=_at_most(SYSTEMS_IN_SCOPE_MAX),
    )


class ControlsForm(VersionedForm):
    compensating_controls = forms.MultipleChoiceField(
        label=_("Compensating controls"), required=False, widget=forms.CheckboxSelectMultiple,
    )
    compensating_controls_other = forms.CharField(
        label=_("Other compensating controls"), required=False, max_length=CONTROLS_OTHER_MAX,
        widget=_text(CONTROLS_OTHER_MAX, rows=4),
        help_text=_at_most(CONTROLS_OTHER_MAX),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["compensating_controls"].choices = [(c.code, c.title) for c in load_controls().controls]


class SelfAssessmentForm(VersionedForm):
    self_assessment = forms.CharField(
        label=_("Self-assessment of security and AI capability"), required=False, max_length=SELF_ASSESSMENT_MAX,
        widget=_text(SELF_ASSESSMENT_MAX, rows=12),
        help_text=_at_most(SELF_ASSESSMENT_MAX),
    )


class PhasePreferenceForm(VersionedForm):
    preferred_phase = forms.ModelChoiceField(
        label=_("Preferred phase"), required=False, queryset=Phase.objects.none(), empty_label=_("No preference"),
        widget=forms.Select(attrs={"class": "krds-form-select"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_phase"].queryset = Phase.objects.exclude(state=PhaseState.CLOSED).order_by("number")


class AttestationForm(VersionedForm):
    attestation = forms.BooleanField(
        label=_("As the CISO I attest that this application is true and complete, and that the company will "
                "keep the compensating controls it commits to."),
        required=False, widget=forms.CheckboxInput(attrs={"class": "krds-check"}),
    )


SECTION_FORMS = {
    "scope": ScopeForm,
    "systems": SystemsForm,
    "controls": ControlsForm,
    "self_assessment": SelfAssessmentForm,
    "phase": PhasePreferenceForm,
    "attestation": AttestationForm,
}
SECTION_TITLES = {
    "scope": _("Scope of easing, AI models and SaaS products"),
    "systems": _("Systems and network segments in scope"),
    "controls": _("Compensating controls"),
    "self_assessment": _("Self-assessment"),
    "phase": _("Preferred phase"),
    "attestation": _("Attestation"),
}
# A sentence under a section's title saying what the page asks for (where the fields alone do not).
SECTION_INTROS = {
    "scope": _("Choose what the eased network separation is for: AI models that assess vulnerabilities, SaaS "
               "security solutions, or both. Then name each AI model and SaaS product with its vendor."),
    "controls": _("Choose every compensating control you will operate while the rules are eased; add others "
                  "in your own words."),
}
# The sections of completeness.Missing that each form section covers.
SECTION_OF_MISSING = {"scope": "scope", "products": "scope", "systems": "systems", "controls": "controls",
                      "self_assessment": "self_assessment", "attestation": "attestation"}


class TransitionForm(VersionedForm):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=REASON_MAX, widget=_text(REASON_MAX, 4))
    phase = forms.ModelChoiceField(label=_("Phase"), required=False, queryset=Phase.objects.none(),
                                   empty_label=EMPTY_LABEL, widget=forms.Select(attrs={"class": "krds-form-select"}))
    conditions = forms.CharField(label=_("Specific conditions"), required=False, widget=_text(10_000, 4))
    effective_date = forms.DateField(label=_("Effective date"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date", "class": "krds-input"}))

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action.reason_required:
            self.fields["reason"].required = True
        if "phase" in action.inputs:
            self.fields["phase"].queryset = Phase.objects.exclude(state=PhaseState.CLOSED).order_by("number")
            self.fields["phase"].required = True
        for name in ("phase", "conditions", "effective_date"):
            if name not in action.inputs:
                del self.fields[name]
