"""The findings-report form (a report's tests and findings as two formsets), the office's review form,
the findings analysis's filters and the printable summary's day. They read input; the services check
and write it (reports.domain.report_input), and errors the services find are put back on the rows
they belong to."""

import datetime as dt

from django import forms
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

from portal.accounts.enums import Sector
from portal.common.params import parse_date
from portal.errors import InvalidInput
from reports.catalogues.taxonomy import load_taxonomy
from reports.enums import (
    DEFENCE_MAX,
    DESCRIPTION_MAX,
    NOTE_MAX,
    RISK_MAX,
    SYSTEMS_MAX,
    TOOLS_MAX,
    FindingStatus,
    ReportKind,
    Severity,
)

EXTRA_ROWS = 2


def _text(limit: int, rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"class": "krds-input", "rows": rows, "maxlength": limit})


class KindForm(forms.Form):
    kind = forms.ChoiceField(label=_("Which report"), choices=ReportKind.choices,
                             widget=forms.Select(attrs={"class": "krds-form-select"}))


class PerformedTestForm(forms.Form):
    performed_on = forms.DateField(label=_("Date of the test"), required=False,
                                   widget=forms.DateInput(attrs={"class": "krds-input", "type": "date"}))
    tools = forms.CharField(label=_("AI models and tools used"), required=False, widget=_text(TOOLS_MAX, 2))
    systems = forms.CharField(label=_("Systems tested"), required=False, widget=_text(SYSTEMS_MAX, 2))


def _category_choices():
    return [("", _("— choose —")), *((t.code, t.name) for t in load_taxonomy().threats)]


class FindingForm(forms.Form):
    category = forms.ChoiceField(label=_("Threat category"), required=False, choices=(),
                                 widget=forms.Select(attrs={"class": "krds-form-select"}))
    severity = forms.ChoiceField(label=_("Severity"), required=False,
                                 choices=[("", _("— choose —")), *Severity.choices],
                                 widget=forms.Select(attrs={"class": "krds-form-select"}))
    description = forms.CharField(label=_("Description"), required=False, widget=_text(DESCRIPTION_MAX, 4))
    anticipated_risk = forms.CharField(label=_("Anticipated risk if used in an attack"), required=False,
                                       widget=_text(RISK_MAX))
    defence = forms.CharField(label=_("Defence measure"), required=False, widget=_text(DEFENCE_MAX))
    status = forms.ChoiceField(label=_("Remediation status"), choices=FindingStatus.choices, required=False,
                               initial=FindingStatus.OPEN, widget=forms.Select(attrs={"class": "krds-form-select"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _category_choices()  # in the request's language


PerformedTestFormSet = forms.formset_factory(PerformedTestForm, extra=EXTRA_ROWS, can_delete=True)
FindingFormSet = forms.formset_factory(FindingForm, extra=EXTRA_ROWS, can_delete=True)


def formsets(data=None, *, content: dict | None = None):
    """The two formsets, bound to POST ``data`` or filled from a report's ``content``."""
    content = content or {"tests": [], "findings": []}
    tests = PerformedTestFormSet(data, prefix="tests", initial=None if data else content["tests"])
    findings = FindingFormSet(data, prefix="findings", initial=None if data else content["findings"])
    return tests, findings


# Fields that alone do not make a row "filled in" (a select always sends its first option).
NOT_CONTENT = frozenset({"DELETE", "status"})


def kept_rows(formset) -> list[tuple[int, dict]]:
    """(form index, data) of the rows the user filled in and did not mark for deletion."""
    rows = []
    for index, form in enumerate(formset.forms):
        data = getattr(form, "cleaned_data", {})
        if data.get("DELETE") or not any(v for k, v in data.items() if k not in NOT_CONTENT):
            continue
        rows.append((index, {k: v for k, v in data.items() if k != "DELETE"}))
    return rows


def content_from(tests_formset, findings_formset) -> tuple[dict, dict]:
    """The report content in the API's shape, and for each section the map from row to form index."""
    tests, findings = kept_rows(tests_formset), kept_rows(findings_formset)
    return ({"tests": [data for _, data in tests], "findings": [data for _, data in findings]},
            {"tests": [i for i, _ in tests], "findings": [i for i, _ in findings]})


def put_errors(invalid, tests_formset, findings_formset, positions: dict) -> ErrorList:
    """Attach the service's errors to the rows they name; return the messages that belong to no row
    (an ErrorList: the page's error summary lists it with the rows' errors)."""
    loose = ErrorList()
    by_section = {"tests": tests_formset, "findings": findings_formset}
    for field, problems in invalid.fields.items():
        formset = by_section.get(field)
        for row, problem in enumerate(problems):
            if formset is not None and isinstance(problem, dict):
                if not problem:
                    continue
                form = formset.forms[positions[field][row]]
                for name, messages in problem.items():
                    for message in messages:
                        form.add_error(name if name in form.fields else None, message)
            elif isinstance(problem, str):
                loose.append(problem)
    return loose


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("request_more", _("Ask for more"))],
                                 widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note to the company"), required=False, max_length=NOTE_MAX,
                           widget=_text(NOTE_MAX, 4))
    resubmit_by = forms.DateField(label=_("New version due by"), required=False,
                                  help_text=_("When asking for more; 30 days from today if left empty."),
                                  widget=forms.DateInput(attrs={"class": "krds-input", "type": "date"}))


def _date_input(**attrs) -> forms.DateInput:
    return forms.DateInput(attrs={"class": "krds-input", "type": "date", **attrs}, format="%Y-%m-%d")


class FindingsFilterForm(forms.Form):
    """The findings analysis's filters, drawn from the filters the page applied
    (reports.analytics.findings.Filters reads the query and drops a bad value with a message)."""

    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices])
    category = forms.ChoiceField(label=_("Threat category"), required=False, choices=())
    since = forms.DateField(label=_("Filed from"), required=False, widget=_date_input())
    until = forms.DateField(label=_("Filed until"), required=False, widget=_date_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories")),
                                           *((t.code, t.name) for t in load_taxonomy().threats)]


class SummaryDateForm(forms.Form):
    """The day of the printable summary: today when left empty, never a day to come."""

    date = forms.CharField(label=_("As of"), required=False)  # read in clean_date (YYYY-MM-DD only, portal.common.params)

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, initial={"date": today.isoformat()}, **kwargs)
        self.today = today
        self.fields["date"].widget = _date_input(max=today.isoformat())

    def clean_date(self) -> dt.date:
        raw = self.cleaned_data["date"]
        if not raw:
            return self.today
        try:
            day = parse_date(raw, "date")
        except InvalidInput:
            raise forms.ValidationError(
                _("“%(value)s” is not a date; write it as YYYY-MM-DD."), params={"value": raw[:20]},
            ) from None
        if day > self.today:
            raise forms.ValidationError(_("Choose today or a day in the past."))
        return day
