"""Applications as the pages show them, in the request's language."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from portal.common.catalogues import localized
from screening.catalogues.controls import load_controls
from screening.enums import ApplicationState as S

# The main road of an application, for the step indicator.
ROAD = (S.DRAFT, S.ELIGIBLE, S.SCHEDULED, S.UNDER_REVIEW, S.SCREENED, S.APPROVED, S.GRANTED)
_ROAD_POSITION = {
    S.DRAFT: 0, S.SUBMITTED: 1, S.ELIGIBLE: 1, S.INELIGIBLE: 1, S.SCHEDULED: 2, S.UNDER_REVIEW: 3,
    S.SUPPLEMENT_REQUESTED: 3, S.SCREENED: 4, S.APPROVED: 5, S.REJECTED: 5, S.GRANTED: 6, S.EXPIRED: 6,
    S.REVOKED: 6,
}



@dataclass(frozen=True, slots=True)
class Step:
    number: int
    label: str
    done: bool
    current: bool


def road_steps(state: str) -> list[Step]:
    position = _ROAD_POSITION.get(state)
    return [
        Step(number=index + 1, label=str(S(step).label), done=position is not None and index < position,
             current=position == index)
        for index, step in enumerate(ROAD)
    ]


@dataclass(frozen=True, slots=True)
class EligibilityView:
    eligible: bool
    ruleset: str
    as_of: dt.date | None
    criteria: list[dict]


def eligibility_view(snapshot: dict | None) -> EligibilityView | None:
    """The stored snapshot, shaped like ``eligibility.ruleset.Result`` for the shared template."""
    if not snapshot:
        return None
    criteria = [
        {**c, "label": localized(c, "label"), "basis": localized(c, "basis")} for c in snapshot.get("criteria", [])
    ]
    as_of = dt.date.fromisoformat(snapshot["as_of"]) if snapshot.get("as_of") else None
    return EligibilityView(eligible=bool(snapshot.get("eligible")), ruleset=snapshot.get("ruleset", ""),
                           as_of=as_of, criteria=criteria)


def control_titles(codes: list[str]) -> list[tuple[str, str]]:
    catalogue = load_controls()
    return [(code, control.title if (control := catalogue.get(code)) else code) for code in codes]


_WHAT_NEXT = {
    S.ELIGIBLE: gettext_lazy("The application passed the eligibility check. The program office will schedule it into a "
                      "screening phase; you will be told by e-mail."),
    S.INELIGIBLE: gettext_lazy("The application did not pass the eligibility check (see the criteria below). The program "
                        "office may review the result; otherwise no screening follows."),
    S.SCHEDULED: gettext_lazy("The application is scheduled into a screening phase. The review by the FSC's reviewers and "
                       "advisors starts when the phase opens."),
    S.UNDER_REVIEW: gettext_lazy("Reviewers and advisors are assessing the application. The FSC may ask for a supplement; "
                          "you will be told by e-mail."),
    S.SCREENED: gettext_lazy("The review is complete. The program office will decide on the application."),
    S.APPROVED: gettext_lazy("The application is approved. The signed no-action letter is being issued and will appear "
                      "here and under No-action letters."),
}


def what_next(state: str) -> str:
    """One sentence on what happens next in this state, for the company (empty where the page says it)."""
    text = _WHAT_NEXT.get(state)
    return str(text) if text else ""
