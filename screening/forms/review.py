"""Forms of the review pages. They read and validate input; the services write and decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Company
from portal.ui.forms import EMPTY_LABEL
from screening.catalogues.rubric import Rubric
from screening.enums import (
    COMMENT_MAX,
    CONDITIONS_MAX,
    NARRATIVE_MAX,
    NATURE_MAX,
    REASON_MAX,
    PhaseState,
    Recommendation,
)
from screening.models import Phase


def _input(**attrs) -> dict:
    return {"class": "krds-input", **attrs}


def _textarea(limit: int, rows: int = 5) -> forms.Textarea:
    return forms.Textarea(attrs=_input(rows=rows, maxlength=limit))


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["number", "name", "name_en", "starts_on", "ends_on", "capacity_min", "capacity_max", "state",
                  "reviewers_per_application", "advisors_per_application"]
        widgets = {
            "number": forms.NumberInput(attrs=_input(min=1)),
            "name": forms.TextInput(attrs=_input()),
            "name_en": forms.TextInput(attrs=_input()),
            "starts_on": forms.DateInput(attrs=_input(type="date"), format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs=_input(type="date"), format="%Y-%m-%d"),
            "capacity_min": forms.NumberInput(attrs=_input(min=0)),
            "capacity_max": forms.NumberInput(attrs=_input(min=0)),
            "state": forms.Select(attrs={"class": "krds-form-select"}),
            "reviewers_per_application": forms.NumberInput(attrs=_input(min=1)),
            "advisors_per_application": forms.NumberInput(attrs=_input(min=0)),
        }

    def _post_clean(self):
        # Validation of meaning (window order, capacity, uniqueness) is the service's: it reports by field.
        pass


class PhaseChoiceForm(forms.Form):
    phase = forms.ModelChoiceField(label=_("Phase"), queryset=Phase.objects.exclude(state=PhaseState.CLOSED),
                                   empty_label=EMPTY_LABEL, widget=forms.Select(attrs={"class": "krds-form-select"}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class AssignmentForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Reviewer or advisor"), queryset=None, empty_label=EMPTY_LABEL,
                                  widget=forms.Select(attrs={"class": "krds-form-select"}))
    due_on = forms.DateField(label=_("Due on"), required=False, help_text=_("Leave empty for the end of the phase."),
                             widget=forms.DateInput(attrs=_input(type="date")))

    def __init__(self, *args, experts, loads: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = experts
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.get_role_display()}, "
            + str(_("%(n)d open") % {"n": loads.get(u.pk, 0)}) + ")"
        )


class ConflictForm(forms.Form):
    company = forms.ModelChoiceField(label=_("Company"), queryset=Company.objects.order_by("name_ko"),
                                     empty_label=EMPTY_LABEL, widget=forms.Select(attrs={"class": "krds-form-select"}))
    nature = forms.CharField(label=_("Nature of the conflict"), max_length=NATURE_MAX, widget=_textarea(NATURE_MAX, 3),
                             help_text=_("For example: employment, advisory contract, shareholding, family."))
    since = forms.DateField(label=_("Since"), required=False, widget=forms.DateInput(attrs=_input(type="date")))


SCORE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class ScoreSheetForm(forms.Form):
    """One radio group per criterion of the application's rubric, an optional comment per criterion, and
    the overall comment. Drafts may leave criteria empty; the service checks a submission is complete."""

    comment = forms.CharField(label=_("Overall comment"), required=False, max_length=COMMENT_MAX,
                              widget=_textarea(COMMENT_MAX))

    def __init__(self, *args, rubric: Rubric, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        for criterion in rubric.criteria:
            self.fields[f"score_{criterion.code}"] = forms.TypedChoiceField(
                label=criterion.title, choices=[(str(n), str(n)) for n in range(rubric.score_min, rubric.score_max + 1)],
                coerce=int, required=False, empty_value=None, widget=forms.RadioSelect(attrs={"class": "krds-radio"}),
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.code}"] = forms.CharField(
                label=_("Comment on this criterion"), required=False, max_length=COMMENT_MAX,
                widget=_textarea(COMMENT_MAX, 2),
            )

    def criteria_fields(self):
        return [(c, self[f"score_{c.code}"], self[f"comment_{c.code}"]) for c in self.rubric.criteria]

    def scores(self) -> dict[str, int]:
        return {c.code: self.cleaned_data[f"score_{c.code}"] for c in self.rubric.criteria
                if self.cleaned_data.get(f"score_{c.code}") is not None}

    def comments(self) -> dict[str, str]:
        return {c.code: self.cleaned_data[f"comment_{c.code}"] for c in self.rubric.criteria
                if self.cleaned_data.get(f"comment_{c.code}")}

    @classmethod
    def initial_from(cls, sheet) -> dict:
        if sheet is None:
            return {}
        initial = {"comment": sheet.comment}
        initial.update({f"score_{code}": str(value) for code, value in sheet.scores.items()})
        initial.update({f"comment_{code}": text for code, text in sheet.comments.items()})
        return initial


class AssessmentForm(forms.Form):
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Recommendation.choices, required=False,
                                       widget=forms.RadioSelect(attrs={"class": "krds-radio"}))
    narrative = forms.CharField(label=_("Narrative"), required=False, max_length=NARRATIVE_MAX,
                                widget=_textarea(NARRATIVE_MAX, 8))
    conditions = forms.CharField(label=_("Proposed conditions"), required=False, max_length=CONDITIONS_MAX,
                                 widget=_textarea(CONDITIONS_MAX, 4),
                                 help_text=_("Conditions you propose for the letter, if any; one per line."))


class DecisionForm(forms.Form):
    """approve or reject (the button pressed decides), with the reason; for approve, the advisors'
    proposed conditions adopted, the office's own, and an optional later effective date."""

    reason = forms.CharField(label=_("Reason for the decision"), max_length=REASON_MAX, widget=_textarea(REASON_MAX, 4),
                             required=False)
    adopt_conditions = forms.TypedMultipleChoiceField(label=_("Adopt the advisors' proposed conditions"), coerce=int,
                                                      required=False, choices=(),
                                                      widget=forms.CheckboxSelectMultiple(attrs={"class": "krds-check"}))
    conditions = forms.CharField(label=_("Conditions of the program office"), required=False,
                                 max_length=CONDITIONS_MAX, widget=_textarea(CONDITIONS_MAX, 4))
    effective_date = forms.DateField(label=_("Effective date (optional, later)"), required=False,
                                     widget=forms.DateInput(attrs=_input(type="date")),
                                     help_text=_("Leave empty for the day the letter is issued."))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, assessments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopt_conditions"].choices = [
            (a.pk, f"{a.assignment.expert.get_full_name() or a.assignment.expert.username}: {a.conditions}")
            for a in assessments if a.conditions.strip()
        ]


class RemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2_000,
                             widget=forms.TextInput(attrs=_input()))
