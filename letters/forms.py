"""Forms of the public verification pages. They only draw the fields and carry the errors; the
checks live in letters/domain/verification.py and the views."""

from django import forms
from django.utils.translation import gettext_lazy as _

_CODE = {"autocomplete": "off", "spellcheck": "false"}


class ReferenceForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=40,
                                widget=forms.TextInput(attrs={"placeholder": "FSC-NAL-2026-0001", **_CODE}))


class DigestForm(forms.Form):
    sha256 = forms.CharField(label=_("Or its SHA-256"), max_length=64, required=False,
                             widget=forms.TextInput(attrs={"inputmode": "latin", "pattern": "[0-9a-fA-F]{64}",
                                                           **_CODE}))
